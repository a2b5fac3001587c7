using Gongshu.Directories;

namespace Gongshu.Server.Web.Console.Directory;

/// <summary>The role check boxes of a form: one bool per role, since a check box posts only when ticked.</summary>
public class RolesChoice
{
    public bool PlatformAdmin { get; set; }

    public bool ProviderAdmin { get; set; }

    public bool Consumer { get; set; }

    public bool Auditor { get; set; }

    public bool Public { get; set; }

    public static RolesChoice From(IEnumerable<Role> roles)
    {
        var set = roles.ToHashSet();
        return new RolesChoice
        {
            PlatformAdmin = set.Contains(Role.PlatformAdmin),
            ProviderAdmin = set.Contains(Role.ProviderAdmin),
            Consumer = set.Contains(Role.Consumer),
            Auditor = set.Contains(Role.Auditor),
            Public = set.Contains(Role.Public),
        };
    }

    public IReadOnlyList<Role> Roles()
        => [.. new (bool On, Role Role)[]
            {
                (PlatformAdmin, Role.PlatformAdmin), (ProviderAdmin, Role.ProviderAdmin), (Consumer, Role.Consumer), (Auditor, Role.Auditor), (Public, Role.Public),
            }.Where(r => r.On).Select(r => r.Role)];

    public IReadOnlySet<Role> Selected() => Roles().ToHashSet();

    /// <summary>The form field name of a role's check box.</summary>
    public static string FieldName(Role role) => role switch
    {
        Role.PlatformAdmin => nameof(PlatformAdmin),
        Role.ProviderAdmin => nameof(ProviderAdmin),
        Role.Consumer => nameof(Consumer),
        Role.Auditor => nameof(Auditor),
        _ => nameof(Public),
    };
}
