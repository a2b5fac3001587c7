namespace Gongshu.Directories;

/// <summary>The five roles of DESIGN.md §1. A user may hold several.</summary>
public enum Role
{
    /// <summary>平台管理员 (大数据局): runs the platform, reviews the catalog, sets policies.</summary>
    PlatformAdmin,

    /// <summary>数源单位数据管理员: registers and maintains a department's resources.</summary>
    ProviderAdmin,

    /// <summary>需求方: searches the catalog, applies for data, calls the gateway.</summary>
    Consumer,

    /// <summary>安全审计员: reads and verifies the audit trail.</summary>
    Auditor,

    /// <summary>社会公众/企业: uses open data.</summary>
    Public,
}

public static class Roles
{
    /// <summary>The stable text form stored in the database and used in the API (<c>platform_admin</c>, …).</summary>
    public static string Code(this Role role) => role switch
    {
        Role.PlatformAdmin => "platform_admin",
        Role.ProviderAdmin => "provider_admin",
        Role.Consumer => "consumer",
        Role.Auditor => "auditor",
        Role.Public => "public",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static string ChineseName(this Role role) => role switch
    {
        Role.PlatformAdmin => "平台管理员",
        Role.ProviderAdmin => "数源单位数据管理员",
        Role.Consumer => "需求方",
        Role.Auditor => "安全审计员",
        Role.Public => "社会公众",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>Reads a role code (or enum name, any case); a 400 <c>unknown_role</c> otherwise.</summary>
    public static Role Parse(string text)
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            if (string.Equals(text, role.Code(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(text, role.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return role;
            }
        }

        throw GongshuException.Invalid("roles", $"'{text}' is not a role; use one of {string.Join(", ", Enum.GetValues<Role>().Select(r => r.Code()))}.", "unknown_role");
    }
}
