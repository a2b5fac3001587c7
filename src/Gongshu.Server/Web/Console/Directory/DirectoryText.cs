using Gongshu.Directories;
using Gongshu.Server.Web.Shared;

namespace Gongshu.Server.Web.Console.Directory;

/// <summary>The strings of the platform admin's organizations, users and policies pages, one instance per language.</summary>
public sealed record DirectoryText
{
    public required string Title { get; init; }
    public required string Tree { get; init; }
    public required string ChooseOrganization { get; init; }
    public required string NoOrganizations { get; init; }
    public required Func<OrganizationKind, string> KindName { get; init; }
    public required string Kind { get; init; }
    public required string ShortCode { get; init; }
    public required string DivisionCode { get; init; }
    public required string CreditCode { get; init; }
    public required string Users { get; init; }
    public required string NoUsers { get; init; }
    public required string Username { get; init; }
    public required string DisplayName { get; init; }
    public required string Roles { get; init; }
    public required string Authenticator { get; init; }
    public required string Locked { get; init; }
    public required string Disabled { get; init; }
    public required string LastSignIn { get; init; }
    public required string Actions { get; init; }
    public required string Yes { get; init; }
    public required string No { get; init; }
    public required string Never { get; init; }
    public required string LockedUntil { get; init; }
    public required string Disable { get; init; }
    public required string Enable { get; init; }
    public required string Unlock { get; init; }
    public required string ResetAuthenticator { get; init; }
    public required string ChangeRoles { get; init; }
    public required string ChangeRolesOf { get; init; }
    public required string SaveRoles { get; init; }
    public required string Cancel { get; init; }
    public required string CreateUser { get; init; }
    public required string CreateUserIn { get; init; }
    public required string InitialPassword { get; init; }
    public required string PasswordRules { get; init; }
    public required string UsernameHint { get; init; }
    public required string CreateDepartment { get; init; }
    public required string CreateDepartmentUnder { get; init; }
    public required string DepartmentName { get; init; }
    public required string ShortCodeHint { get; init; }
    public required string CreditCodeHint { get; init; }
    public required string Required { get; init; }
    public required string RolesRequired { get; init; }
    public required string UserCreated { get; init; }
    public required string DepartmentCreated { get; init; }
    public required string UserChanged { get; init; }
    public required string UserActions { get; init; }
    public required string PoliciesTitle { get; init; }
    public required string PoliciesIntro { get; init; }
    public required string MaskingTitle { get; init; }
    public required string Version { get; init; }
    public required string Fingerprint { get; init; }
    public required string SavedBy { get; init; }
    public required string SavedAt { get; init; }
    public required string BuiltIn { get; init; }
    public required string Channel { get; init; }
    public required Func<string, string> ChannelName { get; init; }
    public required string Grade { get; init; }
    public required string Type { get; init; }
    public required string Granted { get; init; }
    public required string Technique { get; init; }
    public required string AnyGrade { get; init; }
    public required string AnyType { get; init; }
    public required string Either { get; init; }
    public required string GrantNames { get; init; }
    public required string GrantDoesNotName { get; init; }
    public required string ChangeMasking { get; init; }
    public required string ChangeMaskingIntro { get; init; }
    public required string NewVersion { get; init; }
    public required string NewVersionHint { get; init; }
    public required string PolicyJson { get; init; }
    public required string PolicyJsonHint { get; init; }
    public required string SavePolicy { get; init; }
    public required string PolicySaved { get; init; }
    public required string VersionInvalid { get; init; }
    public required string PolicyInvalidJson { get; init; }
    public required string History { get; init; }
    public required string GradingTitle { get; init; }
    public required string GradingIntro { get; init; }
    public required string GradeMeaning { get; init; }
    public required string GradeHandling { get; init; }
    public required Func<Gongshu.Security.DataGrade, string> GradeHandlingText { get; init; }
    public required string GradingOverrides { get; init; }

    public static readonly DirectoryText ZhCn = new()
    {
        Title = "单位与用户",
        Tree = "组织机构树",
        ChooseOrganization = "请在左侧组织机构树中选择一个单位。",
        NoOrganizations = "还没有组织机构。",
        KindName = kind => kind switch
        {
            OrganizationKind.Province => "省级",
            OrganizationKind.City => "市级",
            OrganizationKind.County => "县级",
            _ => "部门",
        },
        Kind = "类型",
        ShortCode = "简码",
        DivisionCode = "行政区划代码",
        CreditCode = "统一社会信用代码",
        Users = "用户",
        NoUsers = "该单位还没有用户。",
        Username = "用户名",
        DisplayName = "显示名称",
        Roles = "角色",
        Authenticator = "已绑定身份验证器",
        Locked = "已锁定",
        Disabled = "已停用",
        LastSignIn = "上次登录",
        Actions = "操作",
        Yes = "是",
        No = "否",
        Never = "从未登录",
        LockedUntil = "锁定至 {0}",
        Disable = "停用",
        Enable = "启用",
        Unlock = "解锁",
        ResetAuthenticator = "重置身份验证器",
        ChangeRoles = "修改角色",
        ChangeRolesOf = "修改 {0} 的角色",
        SaveRoles = "保存角色",
        Cancel = "取消",
        CreateUser = "新建用户",
        CreateUserIn = "在 {0} 新建用户",
        InitialPassword = "初始密码",
        PasswordRules = "至少 {0} 个字符、最多 {1} 个；至少混合两类字符（小写字母、大写字母、数字、符号或汉字）；不能包含用户名。政府部门用户首次登录时须绑定身份验证器。",
        UsernameHint = "3–64 个字符：字母、数字及 . _ - @，以字母或数字开头。",
        CreateDepartment = "新建部门",
        CreateDepartmentUnder = "在 {0} 下新建部门",
        DepartmentName = "部门全称",
        ShortCodeHint = "同级唯一的英文简码，如 gat。",
        CreditCodeHint = "可不填；18 位，按 GB 32100 校验。",
        Required = "请填写此项。",
        RolesRequired = "请至少选择一个角色。",
        UserCreated = "用户 {0} 已创建。",
        DepartmentCreated = "部门 {0} 已创建。",
        UserChanged = "用户 {0} 已更新。",
        UserActions = "用户操作",
        PoliciesTitle = "分级与脱敏策略",
        PoliciesIntro = "平台现行的数据分级与脱敏策略。脱敏策略的每次修改都会生成新版本并写入审计日志。",
        MaskingTitle = "脱敏策略",
        Version = "版本",
        Fingerprint = "指纹（SM3）",
        SavedBy = "保存人",
        SavedAt = "保存时间",
        BuiltIn = "内置默认策略",
        Channel = "渠道",
        ChannelName = code => code switch
        {
            "share" => "部门共享",
            "open" => "公开开放",
            "export" => "导出",
            "preview" => "预览",
            _ => code,
        },
        Grade = "分级",
        Type = "敏感类型",
        Granted = "授权字段",
        Technique = "脱敏方法",
        AnyGrade = "任意分级",
        AnyType = "任意类型",
        Either = "不限",
        GrantNames = "授权已列明",
        GrantDoesNotName = "授权未列明",
        ChangeMasking = "修改脱敏策略",
        ChangeMaskingIntro = "在下方编辑策略 JSON（格式见 docs/MASKING.md），保存为下一个版本。",
        NewVersion = "新版本号",
        NewVersionHint = "必须是现行版本号加一，防止两位管理员同时修改时互相覆盖。",
        PolicyJson = "策略 JSON",
        PolicyJsonHint = "rules 数组中每条规则包含 channel、grade、type、granted、technique 及方法参数。",
        SavePolicy = "保存新版本",
        PolicySaved = "脱敏策略第 {0} 版已生效。",
        VersionInvalid = "请输入一个正整数版本号。",
        PolicyInvalidJson = "策略必须是一个 JSON 对象。",
        History = "历史版本",
        GradingTitle = "数据分级",
        GradingIntro = "资源的分级取其信息项的最高分级（就高从严）。各分级的默认处理如下。",
        GradeMeaning = "含义",
        GradeHandling = "默认处理",
        GradeHandlingText = grade => grade switch
        {
            Gongshu.Security.DataGrade.L4 => "禁止开放；经审批方可共享，未在授权中列明的字段脱敏；存储时 SM4 加密",
            Gongshu.Security.DataGrade.L3 => "仅受限开放（审批、主体同意并脱敏）；经审批共享",
            Gongshu.Security.DataGrade.L2 => "受限开放；无条件共享资源可免审批共享",
            _ => "可公开下载",
        },
        GradingOverrides = "信息项的分级由数源单位在各自资源的分级页面确认或调整（字段级覆盖），不在此集中修改。",
    };

    public static readonly DirectoryText En = new()
    {
        Title = "Organizations and users",
        Tree = "Organization tree",
        ChooseOrganization = "Choose an organization in the tree.",
        NoOrganizations = "There are no organizations yet.",
        KindName = kind => kind switch
        {
            OrganizationKind.Province => "Province",
            OrganizationKind.City => "City",
            OrganizationKind.County => "County",
            _ => "Department",
        },
        Kind = "Kind",
        ShortCode = "Short code",
        DivisionCode = "Division code",
        CreditCode = "Unified social credit code",
        Users = "Users",
        NoUsers = "This organization has no users yet.",
        Username = "Username",
        DisplayName = "Display name",
        Roles = "Roles",
        Authenticator = "Authenticator enrolled",
        Locked = "Locked",
        Disabled = "Disabled",
        LastSignIn = "Last sign-in",
        Actions = "Actions",
        Yes = "Yes",
        No = "No",
        Never = "Never",
        LockedUntil = "Until {0}",
        Disable = "Disable",
        Enable = "Enable",
        Unlock = "Unlock",
        ResetAuthenticator = "Reset authenticator",
        ChangeRoles = "Change roles",
        ChangeRolesOf = "Change the roles of {0}",
        SaveRoles = "Save roles",
        Cancel = "Cancel",
        CreateUser = "New user",
        CreateUserIn = "New user in {0}",
        InitialPassword = "Initial password",
        PasswordRules = "At least {0} and at most {1} characters; mix at least two kinds (lower-case, upper-case, digits, symbols or Chinese characters); must not contain the username. Government users set up an authenticator at their first sign-in.",
        UsernameHint = "3–64 characters: letters, digits and . _ - @, starting with a letter or digit.",
        CreateDepartment = "New department",
        CreateDepartmentUnder = "New department under {0}",
        DepartmentName = "Full name",
        ShortCodeHint = "A short code unique among its siblings, e.g. gat.",
        CreditCodeHint = "Optional; 18 characters, checked per GB 32100.",
        Required = "Fill this in.",
        RolesRequired = "Choose at least one role.",
        UserCreated = "User {0} was created.",
        DepartmentCreated = "Department {0} was created.",
        UserChanged = "User {0} was updated.",
        UserActions = "User actions",
        PoliciesTitle = "Grading and masking policies",
        PoliciesIntro = "The grading and masking policies in force. Every change of the masking policy is a new version, recorded in the audit log.",
        MaskingTitle = "Masking policy",
        Version = "Version",
        Fingerprint = "Fingerprint (SM3)",
        SavedBy = "Saved by",
        SavedAt = "Saved at",
        BuiltIn = "Built-in default",
        Channel = "Channel",
        ChannelName = code => code switch
        {
            "share" => "Sharing",
            "open" => "Open data",
            "export" => "Export",
            "preview" => "Preview",
            _ => code,
        },
        Grade = "Grade",
        Type = "Sensitive type",
        Granted = "Field in grant",
        Technique = "Technique",
        AnyGrade = "Any grade",
        AnyType = "Any type",
        Either = "Either",
        GrantNames = "Named by the grant",
        GrantDoesNotName = "Not named by the grant",
        ChangeMasking = "Change the masking policy",
        ChangeMaskingIntro = "Edit the policy JSON below (see docs/MASKING.md) and save it as the next version.",
        NewVersion = "New version number",
        NewVersionHint = "The version in force plus one, so two admins editing at once cannot overwrite each other.",
        PolicyJson = "Policy JSON",
        PolicyJsonHint = "Each rule in the rules array has channel, grade, type, granted, technique and the technique's parameters.",
        SavePolicy = "Save the new version",
        PolicySaved = "Version {0} of the masking policy is in force.",
        VersionInvalid = "Enter a whole number from 1 up.",
        PolicyInvalidJson = "The policy must be a JSON object.",
        History = "Earlier versions",
        GradingTitle = "Data grading",
        GradingIntro = "A resource takes the highest grade of its fields. Each grade's default handling:",
        GradeMeaning = "Meaning",
        GradeHandling = "Default handling",
        GradeHandlingText = grade => grade switch
        {
            Gongshu.Security.DataGrade.L4 => "Never opened; shared on approval only, masked unless the grant names the field; encrypted at rest with SM4",
            Gongshu.Security.DataGrade.L3 => "Restricted open only (approval, consent, masking); shared on approval",
            Gongshu.Security.DataGrade.L2 => "Restricted open; shared without approval when unconditional",
            _ => "Openly downloadable",
        },
        GradingOverrides = "Field grades are confirmed or overridden by the providing departments on each resource's grading page, not here.",
    };

    public static DirectoryText For(HttpContext context) => UiText.Pick(context, ZhCn, En);
}
