using Gongshu.Audit;
using Gongshu.Directories;
using Gongshu.Server.Platform;
using Gongshu.Server.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongshu.Server.Directories;

/// <summary>
/// App credentials of the caller's own organization: issue (the secret is in this one answer
/// only), list, revoke. Another organization's credential answers 404 and the attempt is audited.
/// </summary>
public static class CredentialApi
{
    public sealed record IssueRequest(string? Label, DateTimeOffset? ExpiresAt);

    public sealed record CredentialView(string AppKey, long OrganizationId, long? OwnerUserId, string Label, string Fingerprint,
        DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, bool Active)
    {
        public static CredentialView From(AppCredential c, DateTimeOffset now) => new(c.AppKey, c.OrganizationId, c.OwnerUserId, c.Label,
            c.Fingerprint, c.CreatedAt, c.ExpiresAt, c.RevokedAt, c.LastUsedAt, c.IsActive(now));
    }

    public sealed record IssuedView(CredentialView Credential, string Secret, string Notice);

    public static void MapCredentials(this RouteGroupBuilder api)
    {
        var credentials = api.MapGroup("/credentials").WithTags("Credentials").RequireAuthorization(SessionAuthentication.CredentialHolderPolicy);
        credentials.MapGet("", ListAsync);
        credentials.MapPost("", IssueAsync);
        credentials.MapDelete("/{appKey}", RevokeAsync);
    }

    private static async Task<Ok<List<CredentialView>>> ListAsync(HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var list = await platform.Credentials.ListAsync(context.User.OrganizationId()!.Value, ct);
        var now = platform.Clock.GetUtcNow();
        return TypedResults.Ok(list.Select(c => CredentialView.From(c, now)).ToList());
    }

    private static async Task<Created<IssuedView>> IssueAsync(IssueRequest request, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var issued = await platform.Credentials.IssueAsync(context.User.OrganizationId()!.Value, context.User.UserId(),
            SessionApi.Required(request.Label, "label", "Name the credential after the system that will use it."), request.ExpiresAt, context.Actor(), ct);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/credentials/{issued.Credential.AppKey}", new IssuedView(
            CredentialView.From(issued.Credential, platform.Clock.GetUtcNow()), issued.Secret,
            "Store the secret now: it is shown only this once and cannot be recovered."));
    }

    private static async Task<Ok<CredentialView>> RevokeAsync(string appKey, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var credential = await platform.Credentials.FindAsync(appKey, ct);
        if (credential is null || credential.OrganizationId != context.User.OrganizationId())
        {
            if (credential is not null)
            {
                await platform.AuditLog.AppendAsync(context.Actor().Entry("credential.revoke", $"credential:{appKey}",
                    AuditOutcome.Denied, new { reason = "other_organization" }), ct);
            }

            throw GongshuException.NotFound($"Credential {appKey}", "credential_not_found");
        }

        var revoked = await platform.Credentials.RevokeAsync(appKey, context.Actor(), ct);
        return TypedResults.Ok(CredentialView.From(revoked, platform.Clock.GetUtcNow()));
    }
}
