using System.Security.Claims;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Server.Sessions;

namespace Gongshu.Server.Catalog;

/// <summary>The signed-in user as the catalog sees them, and what the public may see of it.</summary>
public static class CatalogCallers
{
    public static CatalogCaller Caller(this HttpContext context)
    {
        var user = context.User;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => Roles.Parse(c.Value)).ToList();
        return new CatalogCaller(
            user.UserId() ?? throw new GongshuException(ErrorKind.Forbidden, "user_session_required", "The catalog is used with a user's session, not an app credential."),
            user.OrganizationId()!.Value, roles, context.Connection.RemoteIpAddress?.ToString());
    }

    /// <summary>
    /// A government user: any role but public. Everyone else (anonymous visitors, the public role)
    /// sees only resources that are open or restricted-open (开放目录), never 禁止开放 ones.
    /// </summary>
    public static bool IsGovernment(this ClaimsPrincipal user)
        => user.UserId() is not null && user.FindAll(ClaimTypes.Role).Any(c => c.Value != Role.Public.Code());

    public static bool IsOpenToPublic(string? openType) => openType is OpenTypes.Open or OpenTypes.Restricted;

    /// <summary>Reads the published catalog on behalf of a caller who may have no account (portal, CKAN, DCAT).</summary>
    public static readonly CatalogCaller PublicReader = new(0, 0, [Role.Public]);
}
