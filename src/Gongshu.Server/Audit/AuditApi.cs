using Gongshu.Audit;
using Gongshu.Directories;
using Gongshu.Server.Platform;
using Gongshu.Server.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongshu.Server.Audit;

/// <summary>
/// The audit trail for security auditors: search with filters and re-verify the whole chain.
/// Both are themselves audited — who looked at the trail is part of the trail.
/// </summary>
public static class AuditApi
{
    public static void MapAudit(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(SessionAuthentication.AuditorPolicy);
        audit.MapGet("", SearchAsync);
        audit.MapPost("/verification", VerifyAsync);
    }

    private static async Task<Ok<AuditPage>> SearchAsync(
        HttpContext context, PlatformServices platform, CancellationToken ct,
        string? actor = null, string? organization = null, string? action = null, string? @object = null,
        string? outcome = null, DateTimeOffset? from = null, DateTimeOffset? to = null, long? before = null, int limit = 50)
    {
        var query = new AuditQuery
        {
            Actor = Blank(actor),
            Organization = Blank(organization),
            ActionPrefix = Blank(action),
            Object = Blank(@object),
            Outcome = ParseOutcome(outcome),
            From = from,
            To = to,
            BeforeSeq = before,
            Limit = limit,
        };
        var page = await SearchAndRecordAsync(platform, context.Actor(), query, ct);
        return TypedResults.Ok(page);
    }

    private static async Task<Ok<AuditVerification>> VerifyAsync(HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var result = await VerifyAndRecordAsync(platform, context.Actor(), ct);
        return TypedResults.Ok(result);
    }

    /// <summary>Searches the log and records who searched for what; the console's audit page runs the same.</summary>
    public static async Task<AuditPage> SearchAndRecordAsync(PlatformServices platform, Actor actor, AuditQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        var page = await new AuditSearch(platform.Database).SearchAsync(query, ct);
        await platform.AuditLog.AppendAsync(actor.Entry("audit.search", null,
            detail: new { actor = query.Actor, organization = query.Organization, action = query.ActionPrefix, @object = query.Object,
                outcome = query.Outcome?.ToString(), from = query.From, to = query.To, before = query.BeforeSeq, limit = query.Limit, returned = page.Entries.Count }), ct);
        return page;
    }

    /// <summary>Re-verifies the whole chain and records the result (the security alerts read it back).</summary>
    public static async Task<AuditVerification> VerifyAndRecordAsync(PlatformServices platform, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(actor);

        // No checkpoint first: signing an unverified tail would bless whatever it holds.
        var result = await AuditVerifier.VerifyAsync(platform.Database, platform.Keys.AuditSigningKey, null, ct);
        await platform.AuditLog.AppendAsync(actor.Entry(SecurityAlerts.VerifyAction, null,
            result.Ok ? AuditOutcome.Success : AuditOutcome.Failed,
            new { result.Ok, result.EntriesChecked, result.CheckpointsChecked, result.Seq, kind = result.Kind?.ToString() }), ct);
        return result;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static AuditOutcome? ParseOutcome(string? text)
        => string.IsNullOrWhiteSpace(text) ? null
            : Enum.TryParse<AuditOutcome>(text, ignoreCase: true, out var outcome) && Enum.IsDefined(outcome) && !int.TryParse(text, out _)
                ? outcome
                : throw GongshuException.Invalid("outcome", $"'{text}' is not an outcome; use one of {string.Join(", ", Enum.GetNames<AuditOutcome>())}.");
}
