using Gongshu.Directories;

namespace Gongshu.Catalog;

/// <summary>
/// Who may do what to a resource. The provider's own provider admins edit, submit and retire;
/// platform admins review. Anyone signed in reads what is published. A caller who may not see
/// a resource's working state learns nothing about it: another organization's resource is a
/// 404, exactly as a resource that does not exist.
/// </summary>
internal static class CatalogAccess
{
    public const string NotFoundCode = "resource_not_found";
    public const string ForbiddenCode = "catalog_forbidden";

    public static GongshuException NotFound(long resourceId) => GongshuException.NotFound($"Resource {resourceId}", NotFoundCode);

    /// <summary>True for the provider's own provider admins and for platform admins.</summary>
    public static bool SeesWorking(CatalogCaller caller, ResourceRow resource)
        => caller.Has(Role.PlatformAdmin) || (caller.OrganizationId == resource.ProviderId && caller.Has(Role.ProviderAdmin));

    public static void RequireProviderAdmin(CatalogCaller caller)
    {
        if (!caller.Has(Role.ProviderAdmin))
        {
            throw Forbidden("Only a provider admin (数源单位数据管理员) catalogs resources.");
        }
    }

    public static ResourceRow RequireReader(CatalogCaller caller, ResourceRow? resource, long resourceId)
        => resource is not null && SeesWorking(caller, resource) ? resource : throw NotFound(resourceId);

    /// <summary>The provider's own provider admins only.</summary>
    public static ResourceRow RequireEditor(CatalogCaller caller, ResourceRow? resource, long resourceId)
    {
        if (resource is null || (resource.ProviderId != caller.OrganizationId && !caller.Has(Role.PlatformAdmin)))
        {
            throw NotFound(resourceId);
        }

        if (resource.ProviderId != caller.OrganizationId || !caller.Has(Role.ProviderAdmin))
        {
            throw Forbidden("Only the provider's own provider admins edit, submit or retire a resource.");
        }

        return resource;
    }

    /// <summary>Platform admins only.</summary>
    public static ResourceRow RequireReviewer(CatalogCaller caller, ResourceRow? resource, long resourceId)
    {
        if (resource is null || (resource.ProviderId != caller.OrganizationId && !caller.Has(Role.PlatformAdmin)))
        {
            throw NotFound(resourceId);
        }

        if (!caller.Has(Role.PlatformAdmin))
        {
            throw Forbidden("Only a platform admin (平台管理员) reviews catalog submissions.");
        }

        return resource;
    }

    private static GongshuException Forbidden(string message) => new(ErrorKind.Forbidden, ForbiddenCode, message);
}
