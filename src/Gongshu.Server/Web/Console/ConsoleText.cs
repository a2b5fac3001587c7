using Gongshu.Directories;
using Gongshu.Server.Web.Shared;

namespace Gongshu.Server.Web.Console;

/// <summary>
/// The strings of the sign-in pages and the work console's frame, one instance per language. Each
/// console section keeps its own table like this one beside its pages, so sections grow apart
/// without touching each other's files.
/// </summary>
public sealed record ConsoleText
{
    public required string SignIn { get; init; }
    public required string SignInTitle { get; init; }
    public required string SignInIntro { get; init; }
    public required string Username { get; init; }
    public required string Password { get; init; }
    public required string TotpCode { get; init; }
    public required string TotpHint { get; init; }
    public required string UsernameRequired { get; init; }
    public required string PasswordRequired { get; init; }
    public required string SignOut { get; init; }
    public required string SignedOut { get; init; }
    public required string Console { get; init; }
    public required string ConsoleNavigation { get; init; }
    public required string ConsoleHome { get; init; }
    public required string Cockpit { get; init; }
    public required string Welcome { get; init; }
    public required string YourRoles { get; init; }
    public required string YourOrganization { get; init; }
    public required string LastSignIn { get; init; }
    public required string EnrolTitle { get; init; }
    public required string EnrolIntro { get; init; }
    public required string EnrolSecret { get; init; }
    public required string EnrolUri { get; init; }
    public required string EnrolConfirm { get; init; }
    public required string CodeRequired { get; init; }
    public required string DeniedTitle { get; init; }
    public required string DeniedText { get; init; }
    public required string ErrorSummary { get; init; }
    public required string Saved { get; init; }
    public required Func<Role, string> RoleName { get; init; }

    /// <summary>
    /// The services word their errors in English; the pages show the commonest ones (sign-in,
    /// accounts) in the page's language, by the error's stable code, and the rest as the service wrote them.
    /// </summary>
    public IReadOnlyDictionary<string, string> ErrorMessages { get; init; } = new Dictionary<string, string>();

    public string Describe(GongshuException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return ErrorMessages.TryGetValue(error.Code, out var message) ? message : error.Message;
    }

    public static readonly ConsoleText ZhCn = new()
    {
        SignIn = "登录",
        SignInTitle = "登录工作台",
        SignInIntro = "政府部门用户请输入用户名、密码和身份验证器上的 6 位动态码。社会公众用户无需动态码。",
        Username = "用户名",
        Password = "密码",
        TotpCode = "动态码",
        TotpHint = "身份验证器应用上显示的 6 位数字",
        UsernameRequired = "请输入用户名。",
        PasswordRequired = "请输入密码。",
        SignOut = "退出",
        SignedOut = "您已退出登录。",
        Console = "工作台",
        ConsoleNavigation = "工作台导航",
        ConsoleHome = "首页",
        Cockpit = "驾驶舱",
        Welcome = "您好，{0}",
        YourRoles = "角色",
        YourOrganization = "所在单位",
        LastSignIn = "上次登录",
        EnrolTitle = "绑定身份验证器",
        EnrolIntro = "政府部门用户每次登录都需要动态码。请在身份验证器应用（如 FreeOTP、Google Authenticator）中添加下面的密钥，再输入应用显示的 6 位动态码完成绑定。",
        EnrolSecret = "密钥",
        EnrolUri = "配置地址",
        EnrolConfirm = "完成绑定",
        CodeRequired = "请输入 6 位动态码。",
        DeniedTitle = "无权访问",
        DeniedText = "您的角色不能访问这个页面。如需开通，请联系平台管理员。",
        ErrorSummary = "请修改下面标出的内容。",
        Saved = "已保存。",
        RoleName = role => role.ChineseName(),
        ErrorMessages = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["invalid_credentials"] = "用户名或密码不正确。",
            ["totp_required"] = "请输入身份验证器上的 6 位动态码。",
            ["totp_invalid"] = "动态码不正确。请检查手机时间，并输入当前显示的动态码。",
            ["totp_reused"] = "这个动态码已经用过，请等待下一个。",
            ["account_disabled"] = "该账户已停用，请联系平台管理员。",
            ["account_locked"] = "登录失败次数过多，账户已暂时锁定，请稍后再试或联系平台管理员解锁。",
            ["username_taken"] = "该用户名已被使用。",
            ["totp_not_enrolling"] = "请重新打开本页，获取新的密钥后再绑定。",
            ["application_open"] = "您对这项数据已有待审核或已同意的申请，无需重复申请。",
            ["apply_forbidden"] = "受限开放数据由登录的社会公众账户申请。",
            ["not_restricted"] = "这项数据无条件开放，可直接下载，无需申请。",
            ["agreement_required"] = "请阅读并同意《开放数据使用协议》后再提交。",
            ["valid_to_required"] = "请填写有效期的最后一天。",
            ["period_too_long"] = "有效期超过了允许的最长天数。",
            ["provider_only"] = "只有数据提供单位的数据管理员可以审核这项申请。",
            ["application_decided"] = "这项申请已经处理过，不能再次处理。",
        },
    };

    public static readonly ConsoleText En = new()
    {
        SignIn = "Sign in",
        SignInTitle = "Sign in to the console",
        SignInIntro = "Government users enter their username, password and the 6-digit code from their authenticator app. Members of the public need no code.",
        Username = "Username",
        Password = "Password",
        TotpCode = "Authenticator code",
        TotpHint = "The 6 digits your authenticator app shows",
        UsernameRequired = "Enter your username.",
        PasswordRequired = "Enter your password.",
        SignOut = "Sign out",
        SignedOut = "You have signed out.",
        Console = "Console",
        ConsoleNavigation = "Console navigation",
        ConsoleHome = "Overview",
        Cockpit = "Cockpit",
        Welcome = "Welcome, {0}",
        YourRoles = "Roles",
        YourOrganization = "Organization",
        LastSignIn = "Last sign-in",
        EnrolTitle = "Set up your authenticator",
        EnrolIntro = "Government users need a one-time code at every sign-in. Add the key below to an authenticator app (FreeOTP, Google Authenticator, …), then enter the 6-digit code it shows.",
        EnrolSecret = "Key",
        EnrolUri = "Setup address",
        EnrolConfirm = "Finish setup",
        CodeRequired = "Enter the 6-digit code.",
        DeniedTitle = "Not allowed",
        DeniedText = "Your roles do not give access to this page. Ask your platform administrator if you need it.",
        ErrorSummary = "Please correct the entries marked below.",
        Saved = "Saved.",
        RoleName = role => role switch
        {
            Role.PlatformAdmin => "Platform administrator",
            Role.ProviderAdmin => "Provider data administrator",
            Role.Consumer => "Data consumer",
            Role.Auditor => "Security auditor",
            _ => "Public user",
        },
    };

    public static ConsoleText For(HttpContext context) => UiText.Pick(context, ZhCn, En);
}
