using Gongshu.Audit;
using Gongshu.Server.Web.Shared;

namespace Gongshu.Server.Web.Console.Audit;

/// <summary>The strings of the auditor's pages (audit log, chain verification, security alerts), one instance per language.</summary>
public sealed record AuditText
{
    public required string LogTitle { get; init; }
    public required string LogIntro { get; init; }
    public required string FiltersHeading { get; init; }
    public required string Actor { get; init; }
    public required string ActorHint { get; init; }
    public required string Action { get; init; }
    public required string ActionHint { get; init; }
    public required string Object { get; init; }
    public required string ObjectHint { get; init; }
    public required string Outcome { get; init; }
    public required string AnyOutcome { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string TimeHint { get; init; }
    public required string BadTime { get; init; }
    public required string Search { get; init; }
    public required string ClearFilters { get; init; }
    public required string ResultsHeading { get; init; }
    public required string NoEntries { get; init; }
    public required string Seq { get; init; }
    public required string At { get; init; }
    public required string Address { get; init; }
    public required string Detail { get; init; }
    public required string NewerFirst { get; init; }
    public required string NextPage { get; init; }
    public required string FirstPage { get; init; }
    public required string VerifyHeading { get; init; }
    public required string VerifyIntro { get; init; }
    public required string VerifyButton { get; init; }
    public required string ChainIntact { get; init; }
    public required string ChainBroken { get; init; }
    public required string EntriesChecked { get; init; }
    public required string CheckpointsChecked { get; init; }
    public required string LastCheckpoint { get; init; }
    public required string BrokenAt { get; init; }
    public required string ProblemKind { get; init; }
    public required string NoCheckpoint { get; init; }
    public required string CheckpointsHeading { get; init; }
    public required string Signer { get; init; }
    public required string EntryHash { get; init; }
    public required string Signature { get; init; }
    public required string SignatureState { get; init; }
    public required string SignatureVerified { get; init; }
    public required string SignatureNotReached { get; init; }
    public required string AlertsTitle { get; init; }
    public required string AlertsIntro { get; init; }
    public required string Period { get; init; }
    public required string PeriodRange { get; init; }
    public required string PeriodDays { get; init; }
    public required string Show { get; init; }
    public required string NoAlerts { get; init; }
    public required string Kind { get; init; }
    public required string Subject { get; init; }
    public required string Times { get; init; }
    public required string First { get; init; }
    public required string Last { get; init; }
    public required string Evidence { get; init; }
    public required string ShowEntries { get; init; }
    public required string StaleHeading { get; init; }
    public required string NoStale { get; init; }
    public required string Resource { get; init; }
    public required string Raised { get; init; }
    public required string Message { get; init; }
    public required string VerificationHeading { get; init; }
    public required string NoVerification { get; init; }
    public required string LastVerificationOk { get; init; }
    public required string LastVerificationBroken { get; init; }
    public required Func<AuditOutcome, string> OutcomeName { get; init; }
    public required Func<AuditProblemKind, string> ProblemName { get; init; }
    public required Func<SecurityAlertKind, string> AlertName { get; init; }

    /// <summary>What the second count of an alert means for its kind ("accounts", "objects", "locks", "replays").</summary>
    public required Func<SecurityAlertKind, string> DistinctName { get; init; }

    public static readonly AuditText ZhCn = new()
    {
        LogTitle = "审计日志",
        LogIntro = "平台上每一次操作都记录在防篡改的审计日志中（SM3 哈希链，SM2 签名检查点）。您的每次查询本身也会记入日志。",
        FiltersHeading = "筛选条件",
        Actor = "操作者",
        ActorHint = "用户编号、应用密钥（gsk_…）或 system，须完全一致",
        Action = "操作",
        ActionHint = "按前缀匹配，如 user. 或 gateway.call",
        Object = "操作对象",
        ObjectHint = "须完全一致，如 user:12、resource:3",
        Outcome = "结果",
        AnyOutcome = "全部",
        From = "起始时间",
        To = "截止时间",
        TimeHint = "北京时间；起始时间含，截止时间不含",
        BadTime = "请按 年-月-日 时:分 填写时间。",
        Search = "查询",
        ClearFilters = "清除条件",
        ResultsHeading = "审计记录（最新在前）",
        NoEntries = "没有符合条件的记录。",
        Seq = "序号",
        At = "时间",
        Address = "地址",
        Detail = "详情",
        NewerFirst = "按序号从新到旧排列，每页 {0} 条。",
        NextPage = "下一页（更早）",
        FirstPage = "回到最新",
        VerifyHeading = "校验审计链",
        VerifyIntro = "从第 1 条起重新计算每条记录的哈希与链接，并用平台的 SM2 公钥核验每个签名检查点。日志很大时需要一些时间。",
        VerifyButton = "校验审计链",
        ChainIntact = "审计链完整：{0}",
        ChainBroken = "审计链被破坏：{0}",
        EntriesChecked = "已校验记录",
        CheckpointsChecked = "已核验检查点",
        LastCheckpoint = "最后一个检查点",
        BrokenAt = "出问题的记录",
        ProblemKind = "问题类型",
        NoCheckpoint = "尚无检查点",
        CheckpointsHeading = "最近的签名检查点",
        Signer = "签名公钥",
        EntryHash = "记录哈希（SM3）",
        Signature = "SM2 签名",
        SignatureState = "签名",
        SignatureVerified = "已核验",
        SignatureNotReached = "未核验",
        AlertsTitle = "安全告警",
        AlertsIntro = "告警由审计日志实时计算得出：账号锁定和反复登录失败、同一地址大量登录失败、对无权或不存在对象的反复访问（越权探测）、重放或签名错误的网关请求，以及数据归集的过期告警。",
        Period = "统计时段",
        PeriodRange = "统计 {0} 至 {1}（北京时间）的审计记录。",
        PeriodDays = "最近 {0} 天",
        Show = "查看",
        NoAlerts = "这一时段没有告警。",
        Kind = "类型",
        Subject = "对象",
        Times = "次数",
        First = "首次",
        Last = "最近",
        Evidence = "明细",
        ShowEntries = "查看记录",
        StaleHeading = "数据过期告警",
        NoStale = "没有未解除的数据过期告警。",
        Resource = "资源",
        Raised = "发出时间",
        Message = "说明",
        VerificationHeading = "最近一次审计链校验",
        NoVerification = "这一时段内没有校验过审计链。",
        LastVerificationOk = "{0} 由 {1} 校验：完整，共 {2} 条记录。",
        LastVerificationBroken = "{0} 由 {1} 校验：审计链在第 {2} 条记录处被破坏。",
        OutcomeName = outcome => outcome switch
        {
            AuditOutcome.Success => "成功",
            AuditOutcome.Denied => "拒绝",
            _ => "失败",
        },
        ProblemName = kind => kind switch
        {
            AuditProblemKind.Altered => "记录被修改",
            AuditProblemKind.Removed => "记录被删除",
            AuditProblemKind.Inserted => "记录被插入",
            AuditProblemKind.CheckpointInvalid => "检查点无效",
            _ => "日志被截断",
        },
        AlertName = kind => kind switch
        {
            SecurityAlertKind.AccountLocked => "账号被锁定",
            SecurityAlertKind.FailedSignIns => "反复登录失败",
            SecurityAlertKind.SignInFailuresFromAddress => "同一地址大量登录失败",
            SecurityAlertKind.AccessProbing => "越权探测（反复被拒或不存在）",
            SecurityAlertKind.ReplayedRequests => "网关请求被重放",
            _ => "网关请求签名错误",
        },
        DistinctName = kind => kind switch
        {
            SecurityAlertKind.AccountLocked => "（锁定 {0} 次）",
            SecurityAlertKind.FailedSignIns => "",
            SecurityAlertKind.SignInFailuresFromAddress => "（涉及 {0} 个账号）",
            SecurityAlertKind.AccessProbing => "（涉及 {0} 个对象）",
            SecurityAlertKind.ReplayedRequests => "（重放 {0} 次）",
            _ => "",
        },
    };

    public static readonly AuditText En = new()
    {
        LogTitle = "Audit log",
        LogIntro = "Every action on the platform is recorded in a tamper-evident log (SM3 hash chain, SM2-signed checkpoints). Each of your searches is recorded too.",
        FiltersHeading = "Filters",
        Actor = "Actor",
        ActorHint = "A user number, an app key (gsk_…) or system, exactly",
        Action = "Action",
        ActionHint = "Matches the start, e.g. user. or gateway.call",
        Object = "Object",
        ObjectHint = "Exactly, e.g. user:12 or resource:3",
        Outcome = "Outcome",
        AnyOutcome = "Any",
        From = "From",
        To = "Until",
        TimeHint = "China time; from is included, until is not",
        BadTime = "Enter the time as year-month-day hour:minute.",
        Search = "Search",
        ClearFilters = "Clear filters",
        ResultsHeading = "Entries (newest first)",
        NoEntries = "No entries match.",
        Seq = "No.",
        At = "Time",
        Address = "Address",
        Detail = "Detail",
        NewerFirst = "Newest first by number, {0} per page.",
        NextPage = "Next page (older)",
        FirstPage = "Back to the newest",
        VerifyHeading = "Verify the audit chain",
        VerifyIntro = "Recomputes every entry's hash and link from entry 1 and checks every signed checkpoint with the platform's SM2 public key. A large log takes a while.",
        VerifyButton = "Verify the audit chain",
        ChainIntact = "The chain is intact: {0}",
        ChainBroken = "The chain is broken: {0}",
        EntriesChecked = "Entries checked",
        CheckpointsChecked = "Checkpoints verified",
        LastCheckpoint = "Last checkpoint",
        BrokenAt = "Entry with the problem",
        ProblemKind = "Problem",
        NoCheckpoint = "No checkpoint yet",
        CheckpointsHeading = "Latest signed checkpoints",
        Signer = "Signing key",
        EntryHash = "Entry hash (SM3)",
        Signature = "SM2 signature",
        SignatureState = "Signature",
        SignatureVerified = "Verified",
        SignatureNotReached = "Not verified",
        AlertsTitle = "Security alerts",
        AlertsIntro = "Alerts are computed from the audit log as you look: locked accounts and repeated failed sign-ins, many failed sign-ins from one address, repeated access to objects that are refused or do not exist (IDOR probing), replayed or badly signed gateway requests, and stale data from collection.",
        Period = "Period",
        PeriodRange = "Audit entries from {0} to {1} (China time).",
        PeriodDays = "Last {0} days",
        Show = "Show",
        NoAlerts = "No alerts in this period.",
        Kind = "Kind",
        Subject = "Who or what",
        Times = "Times",
        First = "First",
        Last = "Last",
        Evidence = "Entries",
        ShowEntries = "Show entries",
        StaleHeading = "Stale data",
        NoStale = "No open stale-data alerts.",
        Resource = "Resource",
        Raised = "Raised",
        Message = "Message",
        VerificationHeading = "Last chain verification",
        NoVerification = "The audit chain was not verified in this period.",
        LastVerificationOk = "{0} by {1}: intact, {2} entries.",
        LastVerificationBroken = "{0} by {1}: the chain is broken at entry {2}.",
        OutcomeName = outcome => outcome switch
        {
            AuditOutcome.Success => "Success",
            AuditOutcome.Denied => "Denied",
            _ => "Failed",
        },
        ProblemName = kind => kind switch
        {
            AuditProblemKind.Altered => "Entry altered",
            AuditProblemKind.Removed => "Entry removed",
            AuditProblemKind.Inserted => "Entry inserted",
            AuditProblemKind.CheckpointInvalid => "Invalid checkpoint",
            _ => "Log truncated",
        },
        AlertName = kind => kind switch
        {
            SecurityAlertKind.AccountLocked => "Account locked",
            SecurityAlertKind.FailedSignIns => "Repeated failed sign-ins",
            SecurityAlertKind.SignInFailuresFromAddress => "Many failed sign-ins from one address",
            SecurityAlertKind.AccessProbing => "Probing (repeatedly refused or not found)",
            SecurityAlertKind.ReplayedRequests => "Replayed gateway requests",
            _ => "Badly signed gateway requests",
        },
        DistinctName = kind => kind switch
        {
            SecurityAlertKind.AccountLocked => " (locked {0} times)",
            SecurityAlertKind.FailedSignIns => "",
            SecurityAlertKind.SignInFailuresFromAddress => " ({0} accounts)",
            SecurityAlertKind.AccessProbing => " ({0} objects)",
            SecurityAlertKind.ReplayedRequests => " ({0} replays)",
            _ => "",
        },
    };

    public static AuditText For(HttpContext context) => UiText.Pick(context, ZhCn, En);
}
