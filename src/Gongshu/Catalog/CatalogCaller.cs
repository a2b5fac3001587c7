using System.Globalization;
using Gongshu.Directories;

namespace Gongshu.Catalog;

/// <summary>
/// Who is asking the catalog: the signed-in user, their organization and roles. The catalog
/// decides from this what they may see and do, and audits it as the actor.
/// </summary>
public sealed record CatalogCaller(long UserId, long OrganizationId, IReadOnlyCollection<Role> Roles, string? ClientAddress = null)
{
    public static CatalogCaller ForUser(User user, string? clientAddress = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.OrganizationId, user.Roles, clientAddress);
    }

    public bool Has(Role role) => Roles.Contains(role);

    /// <summary>A provider admin of this organization (数源单位数据管理员): the one who answers for its resources' data.</summary>
    public bool AdministersProvider(long organizationId) => Has(Role.ProviderAdmin) && OrganizationId == organizationId;

    /// <summary>The provider's own admins and platform admins: who manage a resource's data and see how it is kept.</summary>
    public bool ManagesDataOf(long organizationId) => Has(Role.PlatformAdmin) || AdministersProvider(organizationId);

    /// <summary>Platform admins and auditors: who see every department's records (tickets, applications, grants, figures).</summary>
    public bool OverseesAll => Has(Role.PlatformAdmin) || Has(Role.Auditor);

    /// <summary>
    /// Acts for its department (any government role): a public account never sees a department's
    /// share applications, grants or notices, even when placed in a department's organization.
    /// </summary>
    public bool ActsForDepartment => Roles.Any(r => r != Role.Public);

    public Actor Actor => new(UserId.ToString(CultureInfo.InvariantCulture), OrganizationId, ClientAddress);
}
