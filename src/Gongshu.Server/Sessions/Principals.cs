using System.Globalization;
using System.Security.Claims;
using Gongshu.Directories;

namespace Gongshu.Server.Sessions;

/// <summary>
/// The claims a signed-in caller carries, and how endpoints read them back. A caller is either a
/// user (cookie session) or an app (signed request with an app credential).
/// </summary>
public static class Principals
{
    public const string UserIdClaim = "gongshu:user";
    public const string OrganizationClaim = "gongshu:org";
    public const string AppKeyClaim = "gongshu:app";

    /// <summary><c>full</c>, or <c>enrol</c> for a session that may only enrol its authenticator.</summary>
    public const string StageClaim = "gongshu:stage";

    public const string FullStage = "full";
    public const string EnrolmentStage = "enrol";

    public static ClaimsPrincipal ForUser(User user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(UserIdClaim, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Username),
            new(OrganizationClaim, user.OrganizationId.ToString(CultureInfo.InvariantCulture)),
            new(StageClaim, user.MustEnrolTotp ? EnrolmentStage : FullStage),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r.Code())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static ClaimsPrincipal ForApp(AppCredential credential, string scheme)
    {
        var claims = new List<Claim>
        {
            new(AppKeyClaim, credential.AppKey),
            new(ClaimTypes.Name, credential.AppKey),
            new(OrganizationClaim, credential.OrganizationId.ToString(CultureInfo.InvariantCulture)),
            new(StageClaim, FullStage),
        };
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static long? UserId(this ClaimsPrincipal principal)
        => principal.FindFirstValue(UserIdClaim) is { } id ? long.Parse(id, CultureInfo.InvariantCulture) : null;

    public static long? OrganizationId(this ClaimsPrincipal principal)
        => principal.FindFirstValue(OrganizationClaim) is { } id ? long.Parse(id, CultureInfo.InvariantCulture) : null;

    public static string? AppKey(this ClaimsPrincipal principal) => principal.FindFirstValue(AppKeyClaim);

    public static bool HasRole(this ClaimsPrincipal principal, Role role) => principal.IsInRole(role.Code());

    /// <summary>The caller as the audit log names it: the user id, or the app key (as the signature verifier does).</summary>
    public static Actor Actor(this HttpContext context)
    {
        var principal = context.User;
        var address = context.Connection.RemoteIpAddress?.ToString();
        if (principal.UserId() is { } userId)
        {
            return new Actor(userId.ToString(CultureInfo.InvariantCulture), principal.OrganizationId(), address);
        }

        return principal.AppKey() is { } appKey
            ? new Actor(appKey, principal.OrganizationId(), address)
            : new Actor("anonymous", null, address);
    }
}
