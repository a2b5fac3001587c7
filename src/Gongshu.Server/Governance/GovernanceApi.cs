using Gongshu.Governance;
using Gongshu.Server.Catalog;
using Gongshu.Server.Http;
using Gongshu.Server.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongshu.Server.Governance;

/// <summary>
/// Data governance over HTTP (数据治理): a resource's quality rules (the provider declares them,
/// as the JSON of docs/GOVERNANCE.md) and what every load found. Others' resources answer 404.
/// </summary>
public static class GovernanceApi
{
    public static void MapGovernance(this RouteGroupBuilder api)
    {
        var governance = api.MapGroup("/governance").WithTags("Governance").RequireAuthorization();
        governance.MapGet("/resources/{id:long}/rules", async Task<Results<Ok<SavedRuleSet>, NoContent>> (long id, HttpContext context, PlatformServices p, CancellationToken ct)
            => await p.QualityRules.GetAsync(context.Caller(), id, ct) is { } saved ? TypedResults.Ok(saved) : TypedResults.NoContent());
        governance.MapPut("/resources/{id:long}/rules", async (long id, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.QualityRules.SaveAsync(context.Caller(), id, await RequestText.ReadAsync(context, 256 * 1024, "rules", ct), ct)))
            .Accepts<System.Text.Json.JsonElement>("application/json");
        governance.MapGet("/resources/{id:long}/quality", async (long id, int? limit, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.QualityRules.ResultsAsync(context.Caller(), id, limit ?? 20, ct)));
        governance.MapPost("/resources/{id:long}/check", async (long id, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.QualityRules.CheckCurrentAsync(context.Caller(), id, ct)));
        governance.MapGet("/ranking", async (HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.QualityRules.RankingAsync(context.Caller(), ct)));
    }
}
