using System.Globalization;
using Gongshu.Catalog;
using Gongshu.Sharing;
using Gongshu.Server.Web.Shared;

namespace Gongshu.Server.Web.Console.Sharing;

/// <summary>The sharing console's strings (数据共享), zh-CN and en, chosen like the rest of the console by the page's language.</summary>
public sealed record SharingText
{
    public required string ActingDepartment { get; init; }
    public required string AllOpenStages { get; init; }
    public required string AllStates { get; init; }
    public required string Applicant { get; init; }
    public required string Application { get; init; }
    public required string ApplicationsTitle { get; init; }
    public required string ApplyTitle { get; init; }
    public required string Renew { get; init; }
    public required string RenewNote { get; init; }
    public required string ApprovalsIntro { get; init; }
    public required string ApprovalsTitle { get; init; }
    public required string Approve { get; init; }
    public required string Approved { get; init; }
    public required string Approver { get; init; }
    public required string BackToApplications { get; init; }
    public required string BackToApprovals { get; init; }
    public required string BackToGrants { get; init; }
    public required string BackToDeadlines { get; init; }
    public required string BackToReview { get; init; }
    public required string BackToSearch { get; init; }
    public required string ByDepartment { get; init; }
    public required string ByInterface { get; init; }
    public required string ByResource { get; init; }
    public required string Calls { get; init; }
    public required string CallsTitle { get; init; }
    public required string Cancel { get; init; }
    public required string ChooseDecision { get; init; }
    public required string Code { get; init; }
    public required string Collect { get; init; }
    public required string CollectFor { get; init; }
    public required string CollectNote { get; init; }
    public required string CollectedAlready { get; init; }
    public required string CoordinationNote { get; init; }
    public required string Credential { get; init; }
    public required string CredentialCollected { get; init; }
    public required string CredentialIssued { get; init; }
    public required string CurrentStage { get; init; }
    public required string DailyQuota { get; init; }
    public required string DailyQuotaHint { get; init; }
    public required string DateFormat { get; init; }
    public required string DaysLeft { get; init; }
    public required string DeadlinesIntro { get; init; }
    public required string DeadlinesTitle { get; init; }
    public required string DecideHeading { get; init; }
    public required string DecidedAt { get; init; }
    public required string DecidedNotice { get; init; }
    public required string Decision { get; init; }
    public required string Decisions { get; init; }
    public required string DueAt { get; init; }
    public required string ExpectedDailyCalls { get; init; }
    public required string ExpectedDailyCallsHint { get; init; }
    public required string ExpiresAt { get; init; }
    public required string Failed { get; init; }
    public required string FieldLabel { get; init; }
    public required string FieldName { get; init; }
    public required string Fields { get; init; }
    public required string FieldsToApply { get; init; }
    public required string FiledAt { get; init; }
    public required string FiledNotice { get; init; }
    public required string Filter { get; init; }
    public required string FindResource { get; init; }
    public required string From { get; init; }
    public required string GatewayBase { get; init; }
    public required string GatewayHeading { get; init; }
    public required string Grade { get; init; }
    public required string GrantsIntro { get; init; }
    public required string GrantsTitle { get; init; }
    public required string Interface { get; init; }
    public required string IssuedAbove { get; init; }
    public required string LegalBasis { get; init; }
    public required string LegalBasisHint { get; init; }
    public required string LegalBasisOptional { get; init; }
    public required string NarrowGrant { get; init; }
    public required string NewApplication { get; init; }
    public required string NewestPage { get; init; }
    public required string OlderPage { get; init; }
    public required string NoApplications { get; init; }
    public required string NoCalls { get; init; }
    public required string NoDecisions { get; init; }
    public required string NoGrants { get; init; }
    public required string NoOpenStages { get; init; }
    public required string NoRowFilter { get; init; }
    public required string NonceOnce { get; init; }
    public required string NotAwaitingYou { get; init; }
    public required string Number { get; init; }
    public required string OpenGrant { get; init; }
    public required string OpenStages { get; init; }
    public required string Overdue { get; init; }
    public required string OverdueBy { get; init; }
    public required string OverdueCount { get; init; }
    public required string PerSecond { get; init; }
    public required string Period { get; init; }
    public required string PeriodFrom { get; init; }
    public required string PeriodHint { get; init; }
    public required string PeriodOrder { get; init; }
    public required string PeriodTo { get; init; }
    public required string PlatformAdmins { get; init; }
    public required string Provider { get; init; }
    public required string Purpose { get; init; }
    public required string PurposeHint { get; init; }
    public required string RateLimit { get; init; }
    public required string RateLimitHint { get; init; }
    public required string Reason { get; init; }
    public required string ReasonHint { get; init; }
    public required string RefusalReason { get; init; }
    public required string Refuse { get; init; }
    public required string Refused { get; init; }
    public required string RequestedFields { get; init; }
    public required string Resource { get; init; }
    public required string ResourceLegalBasis { get; init; }
    public required string ResultCount { get; init; }
    public required string ReviewIntro { get; init; }
    public required string ReviewTitle { get; init; }
    public required string RevokeReason { get; init; }
    public required string Rotate { get; init; }
    public required string RotateConfirm { get; init; }
    public required string RotateConfirmHeading { get; init; }
    public required string RotateWarning { get; init; }
    public required string RouteConditional { get; init; }
    public required string RouteCoordination { get; init; }
    public required string RouteUnconditional { get; init; }
    public required string RowFilter { get; init; }
    public required string RowFilterHint { get; init; }
    public required string RowsReturned { get; init; }
    public required string Scenario { get; init; }
    public required string ScenarioHint { get; init; }
    public required string ShareCondition { get; init; }
    public required string ShareType { get; init; }
    public required string Show { get; init; }
    public required string ShowAll { get; init; }
    public required string Signature { get; init; }
    public required string SignatureInvalid { get; init; }
    public required string SignatureValid { get; init; }
    public required string SigningNote { get; init; }
    public required string Stage { get; init; }
    public required string StageCoordination { get; init; }
    public required string StagePlatform { get; init; }
    public required string StageProvider { get; init; }
    public required string StagesOf { get; init; }
    public required string State { get; init; }
    public required string StoreSecretNow { get; init; }
    public required string StringToSign { get; init; }
    public required string SubmitApplication { get; init; }
    public required string SubmitCoordination { get; init; }
    public required string SubmitDecision { get; init; }
    public required string Succeeded { get; init; }
    public required string SuccessRate { get; init; }
    public required string SystemCheck { get; init; }
    public required string To { get; init; }
    public required string UnixSeconds { get; init; }
    public required string ValidityNote { get; init; }
    public required string WholeNumber { get; init; }
    public required string Withdraw { get; init; }
    public required string WorkingDaysLeft { get; init; }
    public required Func<long, string> ApplicationTitle { get; init; }
    public required Func<long, string> GrantTitle { get; init; }
    public required Func<string, string> StateName { get; init; }
    public required Func<string, string> StageName { get; init; }
    public required Func<string, string> ShareTypeName { get; init; }
    public required Func<string, string> InterfaceName { get; init; }
    public required Func<string, string> GrantState { get; init; }

    /// <summary>A service refusal by its code and field, in this language; null to show the service's own words.</summary>
    public required Func<string, string?, string?> ErrorText { get; init; }

    /// <summary>Whether a grant serves calls on <paramref name="today"/>, in words.</summary>
    public string GrantStateName(ShareGrant grant, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return GrantState(grant.RevokedAt is not null ? "revoked" : today < grant.ValidFrom ? "pending" : today > grant.ValidTo ? "expired" : "active");
    }

    public static readonly SharingText ZhCn = new()
    {
        ActingDepartment = "待办单位",
        AllOpenStages = "全部未办结环节",
        AllStates = "全部状态",
        Applicant = "申请单位",
        Application = "共享申请",
        ApplicationsTitle = "我的申请",
        ApplyTitle = "申请共享数据",
        Renew = "申请续期",
        RenewNote = "这是授权 {0} 的续期申请：与新申请一样重新审核，通过后生成新的授权。",
        ApprovalsIntro = "本单位资源收到的共享申请，按办理时限排列。请在时限内逐条审核。",
        ApprovalsTitle = "待我审批",
        Approve = "同意",
        Approved = "同意",
        Approver = "审批人",
        BackToApplications = "返回我的申请",
        BackToApprovals = "返回待我审批",
        BackToGrants = "返回授权与凭证",
        BackToDeadlines = "返回时限看板",
        BackToReview = "返回平台审核",
        BackToSearch = "重新查找资源",
        ByDepartment = "按待办单位统计",
        ByInterface = "按接口",
        ByResource = "按资源",
        Calls = "调用次数",
        CallsTitle = "调用统计",
        Cancel = "取消",
        ChooseDecision = "请选择同意或不同意。",
        Code = "资源代码",
        Collect = "领取凭证",
        CollectFor = "领取授权 {0} 的凭证",
        CollectNote = "凭证密钥只在领取时显示一次，请准备好安全的保存位置后再领取。",
        CollectedAlready = "凭证已领取（App Key：{0}）。密钥只在领取时显示过一次，不会再显示；如已遗失，请轮换凭证。",
        CoordinationNote = "该资源为不予共享，本申请作为协调申请由平台管理员协调办理。",
        Credential = "调用凭证",
        CredentialCollected = "已领取",
        CredentialIssued = "凭证已生成",
        CurrentStage = "当前环节",
        DailyQuota = "每日调用上限",
        DailyQuotaHint = "留空则为预计日调用量加两成（{0} 次）。",
        DateFormat = "请按 年-月-日 填写日期，例如 2027-01-31。",
        DaysLeft = "剩余 {0} 个工作日",
        DeadlinesIntro = "每个审核环节有 {0} 个工作日的办理时限（按平台工作日历计算）。已超期的排在最前。",
        DeadlinesTitle = "时限看板",
        DecideHeading = "审批意见",
        DecidedAt = "审批时间",
        DecidedNotice = "申请 #{0} 的审批意见已提交并签名。",
        Decision = "审批结论",
        Decisions = "审批记录",
        DueAt = "办理时限",
        ExpectedDailyCalls = "预计日调用量",
        ExpectedDailyCallsHint = "每天预计调用接口的次数，1 至 10,000,000。",
        ExpiresAt = "凭证有效期至",
        Failed = "平台失败",
        FieldLabel = "中文名称",
        FieldName = "字段",
        Fields = "授权字段",
        FieldsToApply = "申请字段（按最小必要原则勾选）",
        FiledAt = "申请时间",
        FiledNotice = "申请已提交，已按资源的共享类型转入相应环节。",
        Filter = "筛选",
        FindResource = "查找要申请的资源",
        From = "开始日期",
        GatewayBase = "网关地址",
        GatewayHeading = "调用方式",
        Grade = "分级",
        GrantsIntro = "本单位获得的授权。每个授权的凭证由本单位需求方用户领取一次。",
        GrantsTitle = "授权与凭证",
        Interface = "接口",
        IssuedAbove = "本次领取的凭证显示在本页上方，只显示这一次。",
        LegalBasis = "法律依据",
        LegalBasisHint = "有条件共享的数据必须写明法律法规或政策依据。",
        LegalBasisOptional = "无条件共享的数据可不填。",
        NarrowGrant = "同意时可收窄授权（可选）",
        NewApplication = "申请共享数据",
        NewestPage = "最新的申请",
        OlderPage = "更早的申请",
        NoApplications = "暂无申请。",
        NoCalls = "这段时间没有调用。",
        NoDecisions = "尚无审批记录。",
        NoGrants = "本单位暂无授权。",
        NoOpenStages = "没有未办结的审核环节。",
        NoRowFilter = "全部行",
        NonceOnce = "随机串，只用一次",
        NotAwaitingYou = "这份申请当前不在您的审批环节。",
        Number = "编号",
        OpenGrant = "查看授权与凭证",
        OpenStages = "未办结",
        Overdue = "已超期",
        OverdueBy = "已超期 {0} 个工作日",
        OverdueCount = "已超期",
        PerSecond = "{0} 次/秒",
        Period = "使用期限",
        PeriodFrom = "开始日期",
        PeriodHint = "最长 366 天，到期后需重新申请。",
        PeriodOrder = "结束日期不能早于开始日期。",
        PeriodTo = "结束日期",
        PlatformAdmins = "平台管理员",
        Provider = "提供单位",
        Purpose = "用途",
        PurposeHint = "数据用于哪项业务，例如：社保待遇资格认证。",
        RateLimit = "调用频率上限",
        RateLimitHint = "每秒请求数，留空为 {0} 次/秒。",
        Reason = "意见",
        ReasonHint = "不同意时必须说明理由。",
        RefusalReason = "不同意理由",
        Refuse = "不同意",
        Refused = "拒绝",
        RequestedFields = "申请字段",
        Resource = "资源",
        ResourceLegalBasis = "资源登记的共享依据",
        ResultCount = "找到 {0} 个已发布资源",
        ReviewIntro = "含 L3 及以上字段、经提供单位同意后的申请，以及不予共享资源的协调申请。",
        ReviewTitle = "平台审核",
        RevokeReason = "撤销理由",
        Rotate = "轮换凭证",
        RotateConfirm = "确认轮换",
        RotateConfirmHeading = "确认轮换凭证？",
        RotateWarning = "轮换后旧凭证立即失效，使用旧凭证的系统将无法调用，直到换上新凭证。新密钥只显示一次。",
        RouteConditional = "有条件共享：由提供单位审核；申请 L3 及以上字段的，提供单位同意后再由平台审核。",
        RouteCoordination = "不予共享：提交后不会直接授权，而是作为协调申请由平台管理员协调，请写明确需数据的理由和依据。",
        RouteUnconditional = "无条件共享：只申请 L3 以下字段时经合规检查后立即授权；含 L3 及以上字段的须经审核。",
        RowFilter = "行过滤条件",
        RowFilterHint = "用网关过滤语言书写，例如 county = '330106'。可用字段：{0}。",
        RowsReturned = "返回行数",
        Scenario = "应用场景",
        ScenarioHint = "在什么业务环节、由谁使用这些数据。",
        ShareCondition = "共享条件",
        ShareType = "共享类型",
        Show = "查看",
        ShowAll = "显示全部单位",
        Signature = "SM2 签名",
        SignatureInvalid = "验证失败",
        SignatureValid = "已验证",
        SigningNote = "每个请求都要签名：用密钥对下面的签名串计算 HMAC-SHA256（或国密 HMAC-SM3），随机串只能使用一次，时间戳与平台时间相差不超过 5 分钟。",
        Stage = "环节",
        StageCoordination = "平台协调",
        StagePlatform = "平台审核",
        StageProvider = "提供单位审核",
        StagesOf = "{0} 的待办环节",
        State = "状态",
        StoreSecretNow = "请立即复制并妥善保存密钥：离开或刷新本页后将不再显示。不要通过聊天工具或邮件传递。",
        StringToSign = "签名串",
        SubmitApplication = "提交申请",
        SubmitCoordination = "提交协调申请",
        SubmitDecision = "提交审批意见",
        Succeeded = "成功",
        SuccessRate = "成功率",
        SystemCheck = "平台合规检查",
        To = "结束日期",
        UnixSeconds = "Unix 时间戳（秒）",
        ValidityNote = "授权期限为申请的使用期限：{0} 至 {1}。",
        WholeNumber = "请填写整数。",
        Withdraw = "撤回申请",
        WorkingDaysLeft = "工作日",
        ApplicationTitle = id => $"共享申请 #{id.ToString(CultureInfo.InvariantCulture)}",
        GrantTitle = id => $"授权 #{id.ToString(CultureInfo.InvariantCulture)}",
        StateName = state => state switch
        {
            ApplicationStates.ProviderReview => "待提供单位审核",
            ApplicationStates.PlatformReview => "待平台审核",
            ApplicationStates.Coordination => "待平台协调",
            ApplicationStates.Granted => "已授权",
            ApplicationStates.Refused => "未通过",
            ApplicationStates.Withdrawn => "已撤回",
            _ => state,
        },
        StageName = stage => stage switch
        {
            "compliance" => "合规检查",
            "provider" => "提供单位审核",
            "platform" => "平台审核",
            "coordination" => "平台协调",
            _ => stage,
        },
        ShareTypeName = type => type switch
        {
            ShareTypes.Unconditional => "无条件共享",
            ShareTypes.Conditional => "有条件共享",
            ShareTypes.None => "不予共享",
            _ => type,
        },
        InterfaceName = name => name switch
        {
            "lookup" => "按键查询 lookup",
            "query" => "分页查询 records",
            "verify" => "数据核验 verify",
            "export" => "批量导出 export",
            "changes" => "增量变更 changes",
            _ => name,
        },
        ErrorText = (code, field) => (code, field) switch
        {
            ("text_required", "reason") => "不同意时必须说明理由。",
            ("text_required", "purpose") => "请填写用途。",
            ("text_required", "scenario") => "请填写应用场景。",
            ("text_required", "legalBasis") => "有条件共享和不予共享的数据必须写明法律依据。",
            ("text_required", _) => "请填写此项。",
            ("text_too_long", _) => "内容过长，请精简。",
            ("fields_missing", _) => "请至少勾选一个字段。",
            ("period_missing", _) => "请填写结束日期。",
            ("invalid_period", "periodFrom") => "开始日期不能早于今天。",
            ("invalid_period", _) => "结束日期不能早于开始日期，期限最长 366 天。",
            ("calls_missing", _) => "请填写预计日调用量。",
            ("invalid_calls", _) => "预计日调用量应在 1 至 10,000,000 之间。",
            ("application_pending", _) => "本单位已有该资源的申请在审核中，请等它办结或撤回后再申请。",
            ("own_resource", _) => "这是本单位的资源，无需申请。",
            ("invalid_quota", _) => "每日调用上限应在 1 至 100,000,000 之间。",
            ("invalid_rate_limit", _) => "调用频率上限应在 1 至 100,000 之间。",
            ("credential_issued", _) => "该授权的凭证已经领取过，密钥只显示一次；如需新密钥，请轮换凭证。",
            ("grant_inactive", _) => "授权已过期或已撤销，不能领取凭证；请重新申请。",
            ("application_decided" or "application_changed", _) => "申请的状态刚刚发生了变化，请刷新页面后再操作。",
            _ => null,
        },
        GrantState = state => state switch
        {
            "revoked" => "已撤销",
            "pending" => "未生效",
            "expired" => "已过期",
            _ => "有效",
        },
    };

    public static readonly SharingText En = new()
    {
        ActingDepartment = "Department to act",
        AllOpenStages = "Every open stage",
        AllStates = "All states",
        Applicant = "Applying department",
        Application = "Application",
        ApplicationsTitle = "My applications",
        ApplyTitle = "Apply for shared data",
        Renew = "Apply to renew",
        RenewNote = "This renews grant {0}: it is reviewed again like a new application and becomes a new grant when approved.",
        ApprovalsIntro = "Applications for your department's resources, nearest deadline first. Decide each within its deadline.",
        ApprovalsTitle = "Awaiting my approval",
        Approve = "Approve",
        Approved = "Approved",
        Approver = "Approver",
        BackToApplications = "Back to my applications",
        BackToApprovals = "Back to awaiting approval",
        BackToGrants = "Back to grants",
        BackToDeadlines = "Back to the deadline board",
        BackToReview = "Back to platform review",
        BackToSearch = "Find another resource",
        ByDepartment = "By department to act",
        ByInterface = "By interface",
        ByResource = "By resource",
        Calls = "Calls",
        CallsTitle = "Call statistics",
        Cancel = "Cancel",
        ChooseDecision = "Choose approve or refuse.",
        Code = "Code",
        Collect = "Collect credential",
        CollectFor = "Collect the credential of grant {0}",
        CollectNote = "The credential's secret is shown once, when you collect it: have a safe place ready to store it.",
        CollectedAlready = "The credential was collected (App Key {0}). Its secret was shown once when collected and is never shown again; if it is lost, rotate the credential.",
        CoordinationNote = "The resource is not shared (不予共享): this application is a coordination request handled by the platform admins.",
        Credential = "Credential",
        CredentialCollected = "Collected",
        CredentialIssued = "Credential issued",
        CurrentStage = "Current stage",
        DailyQuota = "Daily quota",
        DailyQuotaHint = "Leave empty for the expected daily calls plus a fifth ({0} calls).",
        DateFormat = "Enter the date as year-month-day, e.g. 2027-01-31.",
        DaysLeft = "{0} working days left",
        DeadlinesIntro = "Each review stage has {0} working days (by the platform's working calendar). Overdue stages come first.",
        DeadlinesTitle = "Deadline board",
        DecideHeading = "Decision",
        DecidedAt = "Decided at",
        DecidedNotice = "The decision on application #{0} is recorded and signed.",
        Decision = "Decision",
        Decisions = "Decisions",
        DueAt = "Due",
        ExpectedDailyCalls = "Expected daily calls",
        ExpectedDailyCallsHint = "Calls a day you expect, 1 to 10,000,000.",
        ExpiresAt = "Valid until",
        Failed = "Failed",
        FieldLabel = "Label",
        FieldName = "Field",
        Fields = "Fields",
        FieldsToApply = "Fields to apply for (only those needed)",
        FiledAt = "Filed",
        FiledNotice = "The application is filed and routed by the resource's share type.",
        Filter = "Filter",
        FindResource = "Find a resource to apply for",
        From = "From",
        GatewayBase = "Gateway base URL",
        GatewayHeading = "How to call",
        Grade = "Grade",
        GrantsIntro = "Your department's grants. Each grant's credential is collected once by a consumer user of the department.",
        GrantsTitle = "Grants and credentials",
        Interface = "Interface",
        IssuedAbove = "The credential just issued is shown at the top of this page, this once.",
        LegalBasis = "Legal basis",
        LegalBasisHint = "Conditionally shared data needs the law, regulation or policy that allows it.",
        LegalBasisOptional = "Optional for unconditionally shared data.",
        NarrowGrant = "Narrow the grant when approving (optional)",
        NewApplication = "Apply for shared data",
        NewestPage = "Newest applications",
        OlderPage = "Older applications",
        NoApplications = "No applications.",
        NoCalls = "No calls in this period.",
        NoDecisions = "No decisions yet.",
        NoGrants = "Your department has no grants yet.",
        NoOpenStages = "No open review stages.",
        NoRowFilter = "All rows",
        NonceOnce = "random, used once",
        NotAwaitingYou = "This application does not wait for your decision.",
        Number = "No.",
        OpenGrant = "Open the grant",
        OpenStages = "Open",
        Overdue = "Overdue",
        OverdueBy = "Overdue by {0} working days",
        OverdueCount = "Overdue",
        PerSecond = "{0} a second",
        Period = "Period",
        PeriodFrom = "Start date",
        PeriodHint = "At most 366 days; renew with a new application.",
        PeriodOrder = "The end date cannot be before the start date.",
        PeriodTo = "End date",
        PlatformAdmins = "Platform admins",
        Provider = "Provider",
        Purpose = "Purpose",
        PurposeHint = "What the data is for, e.g. eligibility checks for benefits.",
        RateLimit = "Rate limit",
        RateLimitHint = "Requests a second; {0} when left empty.",
        Reason = "Reason",
        ReasonHint = "Required when refusing.",
        RefusalReason = "Refusal reason",
        Refuse = "Refuse",
        Refused = "Refused",
        RequestedFields = "Requested fields",
        Resource = "Resource",
        ResourceLegalBasis = "Basis in the catalog",
        ResultCount = "{0} published resources",
        ReviewIntro = "Applications with L3+ fields after their provider approved, and coordination requests for resources not shared.",
        ReviewTitle = "Platform review",
        RevokeReason = "Revocation reason",
        Rotate = "Rotate credential",
        RotateConfirm = "Rotate now",
        RotateConfirmHeading = "Rotate the credential?",
        RotateWarning = "The old credential stops working at once: systems using it fail until they get the new one. The new secret is shown once.",
        RouteConditional = "Conditional sharing: the provider reviews; with an L3+ field, the platform reviews after the provider approves.",
        RouteCoordination = "Not shared (不予共享): the application is not granted directly but goes to the platform admins as a coordination request; give your reasons and basis.",
        RouteUnconditional = "Unconditional sharing: fields below L3 are granted at once after the compliance check; L3+ fields are reviewed.",
        RowFilter = "Row filter",
        RowFilterHint = "In the gateway's filter language, e.g. county = '330106'. Fields: {0}.",
        RowsReturned = "Rows returned",
        Scenario = "Scenario",
        ScenarioHint = "Where in your work and by whom the data is used.",
        ShareCondition = "Share condition",
        ShareType = "Share type",
        Show = "Show",
        ShowAll = "Show every department",
        Signature = "SM2 signature",
        SignatureInvalid = "Invalid",
        SignatureValid = "Verified",
        SigningNote = "Sign every request: the HMAC-SHA256 (or HMAC-SM3) of the string below under the secret; a nonce is used once; the timestamp is within 5 minutes of the platform's clock.",
        Stage = "Stage",
        StageCoordination = "Coordination",
        StagePlatform = "Platform review",
        StageProvider = "Provider review",
        StagesOf = "Open stages of {0}",
        State = "State",
        StoreSecretNow = "Copy the secret and store it safely now: it is not shown again once you leave or reload this page. Never send it by chat or e-mail.",
        StringToSign = "string to sign",
        SubmitApplication = "File the application",
        SubmitCoordination = "File the coordination request",
        SubmitDecision = "Record the decision",
        Succeeded = "Succeeded",
        SuccessRate = "Success rate",
        SystemCheck = "Platform compliance check",
        To = "To",
        UnixSeconds = "Unix seconds",
        ValidityNote = "The grant is valid for the period applied for: {0} to {1}.",
        WholeNumber = "Enter a whole number.",
        Withdraw = "Withdraw the application",
        WorkingDaysLeft = "Working days",
        ApplicationTitle = id => $"Application #{id.ToString(CultureInfo.InvariantCulture)}",
        GrantTitle = id => $"Grant #{id.ToString(CultureInfo.InvariantCulture)}",
        StateName = state => state switch
        {
            ApplicationStates.ProviderReview => "Provider review",
            ApplicationStates.PlatformReview => "Platform review",
            ApplicationStates.Coordination => "Coordination",
            ApplicationStates.Granted => "Granted",
            ApplicationStates.Refused => "Refused",
            ApplicationStates.Withdrawn => "Withdrawn",
            _ => state,
        },
        StageName = stage => stage switch
        {
            "compliance" => "Compliance check",
            "provider" => "Provider review",
            "platform" => "Platform review",
            "coordination" => "Coordination",
            _ => stage,
        },
        ShareTypeName = type => type switch
        {
            ShareTypes.Unconditional => "Unconditional",
            ShareTypes.Conditional => "Conditional",
            ShareTypes.None => "Not shared",
            _ => type,
        },
        InterfaceName = name => name switch
        {
            "query" => "records",
            _ => name,
        },
        ErrorText = (_, _) => null,
        GrantState = state => state switch
        {
            "revoked" => "Revoked",
            "pending" => "Not yet valid",
            "expired" => "Expired",
            _ => "Active",
        },
    };

    public static SharingText For(HttpContext context) => UiText.Pick(context, ZhCn, En);
}
