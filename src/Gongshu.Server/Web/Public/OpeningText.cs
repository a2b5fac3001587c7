using Gongshu.Opening;
using Gongshu.Server.Web.Shared;

namespace Gongshu.Server.Web.Public;

/// <summary>The strings of the public's pages: registration, the restricted-open application and its list in the console.</summary>
public sealed record OpeningText
{
    public required string RegisterTitle { get; init; }
    public required string RegisterIntro { get; init; }
    public required string Username { get; init; }
    public required string UsernameHint { get; init; }
    public required string DisplayName { get; init; }
    public required string DisplayNameHint { get; init; }
    public required string Password { get; init; }
    public required string PasswordHint { get; init; }
    public required string PasswordAgain { get; init; }
    public required string PasswordsDiffer { get; init; }
    public required string Contact { get; init; }
    public required string ContactHint { get; init; }
    public required string Register { get; init; }
    public required string HaveAccount { get; init; }
    public required string TooManyRegistrations { get; init; }
    public required string Required { get; init; }

    /// <summary>The page's own words for the registration refusals people meet most; null keeps the service's message.</summary>
    public required Func<string, string?> RegistrationError { get; init; }
    public required string ApplyTitle { get; init; }
    public required string ApplyIntro { get; init; }
    public required string Purpose { get; init; }
    public required string PurposeHint { get; init; }
    public required string Scenario { get; init; }
    public required string ScenarioHint { get; init; }
    public required string AgreementHeading { get; init; }
    public required IReadOnlyList<string> AgreementClauses { get; init; }
    public required string AgreementAccept { get; init; }
    public required string AgreementRequired { get; init; }
    public required string Submit { get; init; }
    public required string NotRestricted { get; init; }
    public required string ListTitle { get; init; }
    public required string Filed { get; init; }
    public required string Decided { get; init; }
    public required string MineHeading { get; init; }
    public required string NoneMine { get; init; }
    public required string ProviderHeading { get; init; }
    public required string NoneProvider { get; init; }
    public required string Number { get; init; }
    public required string Resource { get; init; }
    public required string State { get; init; }
    public required string FiledAt { get; init; }
    public required string ValidPeriod { get; init; }
    public required string Open { get; init; }
    public required string Applicant { get; init; }
    public required string DetailTitle { get; init; }
    public required string RefusalReason { get; init; }
    public required string Agreement { get; init; }
    public required string Download { get; init; }
    public required string Approve { get; init; }
    public required string ApproveHeading { get; init; }
    public required string ValidFrom { get; init; }
    public required string ValidTo { get; init; }
    public required string DateHint { get; init; }
    public required string BadDate { get; init; }
    public required string Refuse { get; init; }
    public required string RefuseHeading { get; init; }
    public required string Reason { get; init; }
    public required string Withdraw { get; init; }
    public required Func<string, string> StateName { get; init; }

    public static readonly OpeningText ZhCn = new()
    {
        RegisterTitle = "注册账号",
        RegisterIntro = "社会公众注册后可以申请受限开放数据。带 * 的为必填项。",
        Username = "用户名 *",
        UsernameHint = "3–64 个字符：字母、数字和 . _ - @，以字母或数字开头",
        DisplayName = "姓名或称呼 *",
        DisplayNameHint = "最多 100 个字",
        Password = "密码 *",
        PasswordHint = $"至少 {Gongshu.Directories.Passwords.MinimumLength} 个字符，至少混合两类（小写字母、大写字母、数字、符号或汉字），不能包含用户名",
        PasswordAgain = "再次输入密码 *",
        PasswordsDiffer = "两次输入的密码不一致。",
        Contact = "手机号或电子邮箱",
        ContactHint = "选填，用于通知申请结果",
        Register = "注册",
        HaveAccount = "已有账号？登录",
        TooManyRegistrations = "这个网络地址注册过于频繁，请一小时后再试。",
        Required = "此项必填。",
        RegistrationError = code => code switch
        {
            "username_taken" => "这个用户名已被使用，请换一个。",
            "weak_password" => $"密码不符合要求：至少 {Gongshu.Directories.Passwords.MinimumLength} 个字符，至少混合两类字符，不能包含用户名。",
            "invalid_contact" => "请填写 11 位手机号（如 13812345678）或电子邮箱地址，或者留空。",
            "invalid_input" => "请按提示填写。",
            _ => null,
        },
        ApplyTitle = "申请受限开放数据",
        ApplyIntro = "受限开放数据需经数据提供单位审核同意后，在有效期内按开放渠道的脱敏规则下载。请说明用途和使用场景，并阅读、同意开放数据使用协议。",
        Purpose = "用途 *",
        PurposeHint = "这些数据用来做什么",
        Scenario = "使用场景 *",
        ScenarioHint = "在什么产品、研究或服务中使用，面向谁",
        AgreementHeading = "开放数据使用协议",
        AgreementClauses =
        [
            "一、申请人只在申请所述的用途和场景内使用数据，不超范围使用，不向第三方提供原始数据。",
            "二、申请人不得尝试对脱敏数据进行重新识别，不得将数据与其他数据关联以识别特定个人或企业。",
            "三、申请人应采取必要的安全措施保护所获数据，发生泄露时立即报告数据提供单位和平台。",
            "四、使用数据形成的成果应注明数据来源，并按要求向平台反馈数据使用情况。",
            "五、有效期届满或授权撤销后，申请人应停止使用并删除所获数据。",
            "六、违反本协议的，平台可以撤销授权，并依法追究责任。每次下载都记入审计日志。",
        ],
        AgreementAccept = "我已阅读并同意《开放数据使用协议》",
        AgreementRequired = "请勾选同意《开放数据使用协议》后再提交。",
        Submit = "提交申请",
        NotRestricted = "这个数据集无条件开放，可以直接下载，无需申请。",
        ListTitle = "受限开放申请",
        Filed = "申请已提交，等待数据提供单位审核。",
        Decided = "已处理。",
        MineHeading = "我的申请",
        NoneMine = "您还没有提交过申请。",
        ProviderHeading = "本单位资源的申请",
        NoneProvider = "本单位的资源还没有收到申请。",
        Number = "编号",
        Resource = "数据集",
        State = "状态",
        FiledAt = "提交时间",
        ValidPeriod = "有效期",
        Open = "查看",
        Applicant = "申请人",
        DetailTitle = "受限开放申请 {0}",
        RefusalReason = "不同意的理由",
        Agreement = "同意的协议版本",
        Download = "下载数据",
        Approve = "同意",
        ApproveHeading = "同意申请",
        ValidFrom = "生效日期",
        ValidTo = "截止日期 *",
        DateHint = "年-月-日，如 2026-12-31",
        BadDate = "请按 年-月-日 填写日期。",
        Refuse = "不同意",
        RefuseHeading = "不同意申请",
        Reason = "理由 *",
        Withdraw = "撤回申请",
        StateName = state => state switch
        {
            OpenApplicationStates.Pending => "待审核",
            OpenApplicationStates.Approved => "已同意",
            OpenApplicationStates.Refused => "未同意",
            OpenApplicationStates.Withdrawn => "已撤回",
            _ => state,
        },
    };

    public static readonly OpeningText En = new()
    {
        RegisterTitle = "Create an account",
        RegisterIntro = "Members of the public register to apply for restricted open data. Fields marked * are required.",
        Username = "Username *",
        UsernameHint = "3–64 characters: letters, digits and . _ - @, starting with a letter or digit",
        DisplayName = "Name *",
        DisplayNameHint = "At most 100 characters",
        Password = "Password *",
        PasswordHint = $"At least {Gongshu.Directories.Passwords.MinimumLength} characters mixing two kinds (lower-case, upper-case, digits, symbols or Chinese), not containing the username",
        PasswordAgain = "Password again *",
        PasswordsDiffer = "The two passwords differ.",
        Contact = "Mobile number or e-mail",
        ContactHint = "Optional, to tell you about your applications",
        Register = "Register",
        HaveAccount = "Have an account? Sign in",
        TooManyRegistrations = "Too many registrations from this address. Try again in an hour.",
        Required = "This is required.",
        RegistrationError = _ => null,
        ApplyTitle = "Apply for restricted open data",
        ApplyIntro = "Restricted open data is downloaded, masked as for the open channel, once the providing department approves, and within the approved period. Say what you need it for and where, and accept the open-use agreement.",
        Purpose = "Purpose *",
        PurposeHint = "What the data is for",
        Scenario = "Scenario *",
        ScenarioHint = "In which product, study or service, and for whom",
        AgreementHeading = "Open data use agreement",
        AgreementClauses =
        [
            "1. The applicant uses the data only for the stated purpose and scenario, and passes no raw data to third parties.",
            "2. The applicant does not try to re-identify masked data or link it with other data to identify a person or company.",
            "3. The applicant protects the data and reports any leak at once to the provider and the platform.",
            "4. Work built on the data names its source, and its use is reported back to the platform on request.",
            "5. When the period ends or the approval is revoked, the applicant stops using and deletes the data.",
            "6. A breach lets the platform revoke the approval and seek redress by law. Every download is audited.",
        ],
        AgreementAccept = "I have read and accept the open data use agreement",
        AgreementRequired = "Tick the box to accept the open data use agreement.",
        Submit = "Apply",
        NotRestricted = "This dataset is open without conditions: download it, no application is needed.",
        ListTitle = "Restricted-open applications",
        Filed = "Your application is filed and awaits the provider's decision.",
        Decided = "Done.",
        MineHeading = "My applications",
        NoneMine = "You have not applied yet.",
        ProviderHeading = "Applications for my department's data",
        NoneProvider = "No applications for your department's data yet.",
        Number = "No.",
        Resource = "Dataset",
        State = "State",
        FiledAt = "Filed",
        ValidPeriod = "Valid",
        Open = "Open",
        Applicant = "Applicant",
        DetailTitle = "Restricted-open application {0}",
        RefusalReason = "Reason for refusal",
        Agreement = "Agreement version accepted",
        Download = "Download the data",
        Approve = "Approve",
        ApproveHeading = "Approve",
        ValidFrom = "Valid from",
        ValidTo = "Valid until *",
        DateHint = "Year-month-day, e.g. 2026-12-31",
        BadDate = "Enter the date as year-month-day.",
        Refuse = "Refuse",
        RefuseHeading = "Refuse",
        Reason = "Reason *",
        Withdraw = "Withdraw",
        StateName = state => state switch
        {
            OpenApplicationStates.Pending => "Pending",
            OpenApplicationStates.Approved => "Approved",
            OpenApplicationStates.Refused => "Refused",
            OpenApplicationStates.Withdrawn => "Withdrawn",
            _ => state,
        },
    };

    public static OpeningText For(HttpContext context) => UiText.Pick(context, ZhCn, En);
}
