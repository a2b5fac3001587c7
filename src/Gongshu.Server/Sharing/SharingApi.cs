using Gongshu.Server.Catalog;
using Gongshu.Server.Platform;
using Gongshu.Sharing;

namespace Gongshu.Server.Sharing;

/// <summary>
/// Data sharing over HTTP (数据共享): applications and their review, grants and their credential,
/// notices and the sharing KPIs. Others' applications and grants answer 404.
/// </summary>
public static class SharingApi
{
    public static void MapSharing(this RouteGroupBuilder api)
    {
        var sharing = api.MapGroup("/sharing").WithTags("Sharing").RequireAuthorization();
        sharing.MapPost("/applications", async (ShareRequest request, HttpContext context, PlatformServices p, CancellationToken ct) =>
        {
            var application = await p.ShareApplications.ApplyAsync(context.Caller(), request, ct);
            return TypedResults.Created($"/api/sharing/applications/{application.Id}", application);
        });
        sharing.MapGet("/applications", async (string? state, bool? awaitingMe, int? limit, long? before, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.ShareApplications.ListAsync(context.Caller(), state, awaitingMe ?? false, limit ?? 100, before, ct)));
        sharing.MapGet("/applications/{id:long}", async (long id, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.ShareApplications.GetAsync(context.Caller(), id, ct)));
        sharing.MapPost("/applications/{id:long}/decision", async (long id, ShareDecisionInput decision, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.ShareApplications.DecideAsync(context.Caller(), id, decision, ct)));
        sharing.MapPost("/applications/{id:long}/withdraw", async (long id, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.ShareApplications.WithdrawAsync(context.Caller(), id, ct)));
        sharing.MapGet("/grants", async (HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.ShareGrants.ListAsync(context.Caller(), ct)));
        sharing.MapGet("/grants/{id:long}", async (long id, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.ShareGrants.GetAsync(context.Caller(), id, ct)));
        sharing.MapPost("/grants/{id:long}/credential", async (long id, bool? rotate, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.ShareGrants.IssueCredentialAsync(context.Caller(), id, rotate ?? false, ct)));
        sharing.MapPost("/grants/{id:long}/revoke", async (long id, RevokeRequest request, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.ShareGrants.RevokeAsync(context.Caller(), id, request.Reason, ct)));
        sharing.MapGet("/notices", async (int? limit, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.ShareApplications.NoticesAsync(context.Caller(), limit ?? 100, ct)));
        sharing.MapGet("/gateway/statistics", async (DateTimeOffset? from, DateTimeOffset? to, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.GatewayStatistics.ReportAsync(context.Caller(), from, to, ct)));
        sharing.MapGet("/kpi", async (DateTimeOffset? from, DateTimeOffset? to, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.ShareApplications.KpiAsync(context.Caller(), from, to, ct)));
    }

    public sealed record RevokeRequest(string? Reason);
}
