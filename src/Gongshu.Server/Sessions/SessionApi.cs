using Gongshu.Directories;
using Gongshu.Server.Http;
using Gongshu.Server.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongshu.Server.Sessions;

/// <summary>Signing in and out, the caller's own account, and enrolling an authenticator app.</summary>
public static class SessionApi
{
    public sealed record SignInRequest(string? Username, string? Password, string? TotpCode);

    public sealed record TotpConfirmation(string? Code);

    public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

    /// <summary>The signed-in user as the API shows it: never a hash or a seed.</summary>
    public sealed record Me(
        string Kind, long? Id, string Username, string? DisplayName, long? OrganizationId, string? OrganizationName,
        IReadOnlyList<string> Roles, bool TotpEnabled, bool MustEnrolTotp, DateTimeOffset? LastSignInAt);

    public sealed record TotpSetup(string Secret, string Uri, string Algorithm, int Digits);

    public static void MapSessions(this RouteGroupBuilder api)
    {
        api.MapPost("/session", SignInAsync).AllowAnonymous().RequireRateLimiting(SessionAuthentication.LoginRateLimit).WithTags("Session");
        api.MapDelete("/session", SignOutAsync).RequireAuthorization(SessionAuthentication.EnrolmentPolicy).WithTags("Session");

        var me = api.MapGroup("/me").WithTags("Session");
        me.MapGet("", GetMeAsync).RequireAuthorization(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        me.MapPost("/totp/enrolment", BeginTotpAsync).RequireAuthorization(SessionAuthentication.EnrolmentPolicy);
        me.MapPost("/totp/confirmation", ConfirmTotpAsync).RequireAuthorization(SessionAuthentication.EnrolmentPolicy);
        me.MapPost("/password", ChangePasswordAsync).RequireAuthorization(p => p.RequireClaim(Principals.UserIdClaim).RequireClaim(Principals.StageClaim, Principals.FullStage));
    }

    private static async Task<Ok<Me>> SignInAsync(SignInRequest request, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var username = Required(request.Username, "username", "Enter your username.");
        var password = Required(request.Password, "password", "Enter your password.");
        var user = await platform.Authentication.SignInAsync(username, password, request.TotpCode, context.Connection.RemoteIpAddress?.ToString(), ct);

        // The ticket is issued afresh (new cookie value) on every sign-in, so a planted cookie is worthless.
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            Principals.ForUser(user, CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.Ok(await DescribeAsync(platform, user, ct));
    }

    private static async Task<NoContent> SignOutAsync(HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        await platform.AuditLog.AppendAsync(context.Actor().Entry("user.logout", $"user:{context.User.UserId()}"), ct);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<Me>> GetMeAsync(HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        if (context.User.UserId() is { } userId)
        {
            return TypedResults.Ok(await DescribeAsync(platform, await platform.Users.GetAsync(userId, ct), ct));
        }

        var appKey = context.User.AppKey()!;
        var organizationId = context.User.OrganizationId();
        var organization = organizationId is { } id ? await platform.Organizations.FindAsync(id, ct) : null;
        return TypedResults.Ok(new Me("app", null, appKey, null, organizationId, organization?.Name, [], false, false, null));
    }

    private static async Task<Ok<TotpSetup>> BeginTotpAsync(HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var enrolment = await platform.Totp.BeginEnrolmentAsync(context.User.UserId()!.Value, context.Actor(), ct: ct);
        return TypedResults.Ok(new TotpSetup(enrolment.SecretBase32, enrolment.Uri, enrolment.Algorithm.ToString().ToUpperInvariant(), enrolment.Digits));
    }

    private static async Task<Ok<Me>> ConfirmTotpAsync(TotpConfirmation request, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var code = Required(request.Code, "code", "Enter the 6-digit code your authenticator app shows.");
        var userId = context.User.UserId()!.Value;
        await platform.Totp.ConfirmEnrolmentAsync(userId, code, context.Actor(), ct);

        // The session now counts as fully signed in: re-issue it with the full stage.
        var user = await platform.Users.GetAsync(userId, ct);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            Principals.ForUser(user, CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.Ok(await DescribeAsync(platform, user, ct));
    }

    private static async Task<NoContent> ChangePasswordAsync(PasswordChange request, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var current = Required(request.CurrentPassword, "currentPassword", "Enter your current password.");
        var next = Required(request.NewPassword, "newPassword", "Enter a new password.");
        await platform.Users.ChangePasswordAsync(context.User.UserId()!.Value, current, next, context.Actor(), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Me> DescribeAsync(PlatformServices platform, User user, CancellationToken ct)
    {
        var organization = await platform.Organizations.FindAsync(user.OrganizationId, ct);
        return new Me("user", user.Id, user.Username, user.DisplayName, user.OrganizationId, organization?.Name,
            user.Roles.Select(r => r.Code()).ToList(), user.TotpEnabled, user.MustEnrolTotp, user.LastSignInAt);
    }

    internal static string Required(string? value, string field, string message)
        => string.IsNullOrWhiteSpace(value) ? throw GongshuException.Invalid(field, message) : value;
}
