using System.Threading.RateLimiting;
using Gongshu.Directories;
using Gongshu.Server.Http;
using Gongshu.Server.Platform;
using Gongshu.Server.Web.Console;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;

namespace Gongshu.Server.Sessions;

/// <summary>
/// Who is calling: a cookie session for people (the web UI) or a signed request for apps. The
/// named policies are the only role checks endpoints use.
/// </summary>
public static class SessionAuthentication
{
    public const string CookieName = "gongshu_session";
    private const string Selector = "Gongshu";

    public const string PlatformAdminPolicy = "platform-admin";
    public const string AuditorPolicy = "auditor";
    public const string CredentialHolderPolicy = "credential-holder";
    public const string ProviderAdminPolicy = "provider-admin";
    public const string ConsumerPolicy = "consumer";

    /// <summary>Any government role (every role but the public): the cockpit.</summary>
    public const string GovernmentPolicy = "government";

    /// <summary>Signed in with a password, possibly still without an authenticator: only enrolment is allowed.</summary>
    public const string EnrolmentPolicy = "enrolment";

    public const string LoginRateLimit = "login";

    public static void AddGongshuAuthentication(this IServiceCollection services, PlatformServices platform)
    {
        // Session cookies stay valid across restarts: the data-protection keys live with the other keys.
        services.AddDataProtection()
            .SetApplicationName("gongshu")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(platform.Keys.Directory, "data-protection")));

        services.AddSingleton(platform.Signatures);
        services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, "Cookie session or signed request", policy =>
                policy.ForwardDefaultSelector = context => SignatureAuthenticationHandler.IsSigned(context.Request)
                    ? SignatureAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, SignatureAuthenticationHandler>(SignatureAuthenticationHandler.SchemeName, null)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;

                // An API answers 401/403 with a problem detail; it never redirects to a login page.
                // A page sends the browser to the sign-in page instead.
                cookie.Events.OnRedirectToLogin = context => ConsoleAccess.IsPage(context.Request)
                    ? ConsoleAccess.RedirectToSignIn(context)
                    : Problems.WriteAsync(context.HttpContext,
                        Problems.Build(StatusCodes.Status401Unauthorized, "authentication_required", "Sign in, or sign the request with an app credential."));
                cookie.Events.OnRedirectToAccessDenied = context => ConsoleAccess.IsPage(context.Request)
                    ? ConsoleAccess.RedirectToDenied(context)
                    : Problems.WriteAsync(context.HttpContext, Forbidden(context.HttpContext));
                cookie.Events.OnValidatePrincipal = RevalidateAsync;
            });

        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(FullSession().Build())
            .SetFallbackPolicy(null)
            .AddPolicy(EnrolmentPolicy, p => p.RequireAuthenticatedUser().RequireClaim(Principals.UserIdClaim))
            .AddPolicy(PlatformAdminPolicy, p => FullSession(p).RequireRole(Role.PlatformAdmin.Code()))
            .AddPolicy(AuditorPolicy, p => FullSession(p).RequireRole(Role.Auditor.Code()))
            .AddPolicy(ProviderAdminPolicy, p => FullSession(p).RequireRole(Role.ProviderAdmin.Code()))
            .AddPolicy(ConsumerPolicy, p => FullSession(p).RequireRole(Role.Consumer.Code()))
            .AddPolicy(GovernmentPolicy, p => FullSession(p).RequireRole(Enum.GetValues<Role>().Where(r => r != Role.Public).Select(r => r.Code())))
            .AddPolicy(CredentialHolderPolicy, p => FullSession(p).RequireRole(Role.Consumer.Code(), Role.ProviderAdmin.Code()));

        // Lockout protects each account; this keeps one address from trying many accounts.
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) }));
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(Problems.WriteAsync(context.HttpContext, Problems.Build(StatusCodes.Status429TooManyRequests,
                    "too_many_sign_ins", "Too many sign-in attempts from this address. Wait a minute and try again.")));
            };
        });
    }

    private static AuthorizationPolicyBuilder FullSession(AuthorizationPolicyBuilder? builder = null)
        => (builder ?? new AuthorizationPolicyBuilder()).RequireAuthenticatedUser().RequireClaim(Principals.StageClaim, Principals.FullStage);

    private static Microsoft.AspNetCore.Mvc.ProblemDetails Forbidden(HttpContext context)
        => context.User.FindFirst(Principals.StageClaim)?.Value == Principals.EnrolmentStage
            ? Problems.Build(StatusCodes.Status403Forbidden, "totp_enrolment_required",
                "Set up your authenticator app first: POST /api/me/totp/enrolment, then confirm a code.")
            : Problems.Build(StatusCodes.Status403Forbidden, "forbidden", "Your roles do not allow this.");

    /// <summary>
    /// A session follows its account: disabling, locking or changing the roles of a user takes
    /// effect on the user's next request, not when the cookie expires.
    /// </summary>
    private static async Task RevalidateAsync(CookieValidatePrincipalContext context)
    {
        var platform = context.HttpContext.RequestServices.GetRequiredService<PlatformServices>();
        var user = context.Principal?.UserId() is { } id ? await platform.Users.FindAsync(id, context.HttpContext.RequestAborted) : null;
        var now = platform.Clock.GetUtcNow();
        if (user is null || user.Disabled || user.LockedUntil > now)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        var current = Principals.ForUser(user, CookieAuthenticationDefaults.AuthenticationScheme);
        if (!SameClaims(context.Principal!, current))
        {
            context.ReplacePrincipal(current);
            context.ShouldRenew = true;
        }
    }

    private static bool SameClaims(System.Security.Claims.ClaimsPrincipal a, System.Security.Claims.ClaimsPrincipal b)
        => a.Claims.Select(c => (c.Type, c.Value)).Order().SequenceEqual(b.Claims.Select(c => (c.Type, c.Value)).Order());
}
