using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Gongshu.Server.Sessions;

namespace Gongshu.Server.Web.Console;

/// <summary>
/// How a page (not an API call) answers a caller who is not signed in or lacks the role: the
/// browser is sent to the sign-in page, the authenticator set-up, or a "not allowed" page. APIs
/// keep answering with problem details.
/// </summary>
public static class ConsoleAccess
{
    public const string SignInPath = "/login";
    public const string EnrolPath = "/console/enrol";
    public const string DeniedPath = "/console/denied";
    public const string HomePath = "/console";

    /// <summary>A page request: not the API, the gateway, or a machine-readable document.</summary>
    public static bool IsPage(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path;
        return !path.StartsWithSegments("/api") && !path.StartsWithSegments("/gateway") && !path.StartsWithSegments("/openapi");
    }

    public static Task RedirectToSignIn(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var back = request.PathBase + request.Path + request.QueryString;
        context.Response.Redirect(SignInPath + "?returnUrl=" + Uri.EscapeDataString(back));
        return Task.CompletedTask;
    }

    public static Task RedirectToDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var enrolling = context.HttpContext.User.FindFirst(Principals.StageClaim)?.Value == Principals.EnrolmentStage;
        context.Response.Redirect(enrolling ? EnrolPath : DeniedPath);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Where to go after signing in: the page that asked for it when that is a path on this site,
    /// else the console. An absolute or protocol-relative address is never followed (open redirect).
    /// </summary>
    public static string LocalReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/' || returnUrl.StartsWith("//", StringComparison.Ordinal)
            || returnUrl.StartsWith("/\\", StringComparison.Ordinal) || returnUrl.Any(char.IsControl)
            || returnUrl.StartsWith(SignInPath, StringComparison.OrdinalIgnoreCase))
        {
            return HomePath;
        }

        return returnUrl;
    }

    public static Task SignInAsync(HttpContext context, Gongshu.Directories.User user)
        => context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principals.ForUser(user, CookieAuthenticationDefaults.AuthenticationScheme));
}
