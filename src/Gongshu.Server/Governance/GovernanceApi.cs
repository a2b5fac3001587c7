using Gongshu.Governance;
using Gongshu.Governance.Tickets;
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

        // Problem tickets (问题数据工单): a consumer's correction, the list and one ticket, each step of its lifecycle, and 整改率.
        governance.MapPost("/resources/{id:long}/corrections", async (long id, CorrectionRequest request, HttpContext context, PlatformServices p, CancellationToken ct) =>
        {
            var ticket = await p.QualityTickets.ReportAsync(context.Caller(), id, request, ct);
            return TypedResults.Created($"/api/governance/tickets/{ticket.Id}", ticket);
        });
        governance.MapGet("/tickets", async (string? state, long? resource, long? provider, bool? overdue, int? limit, long? before,
            HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.QualityTickets.ListAsync(context.Caller(), new TicketQuery(state, resource, provider, overdue, limit ?? 100, before), ct)));
        governance.MapGet("/tickets/kpi", async (DateTimeOffset? from, DateTimeOffset? to, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.QualityTickets.KpiAsync(context.Caller(), from, to, ct)));
        governance.MapGet("/tickets/{id:long}", async (long id, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.QualityTickets.GetAsync(context.Caller(), id, ct)));
        MapStep(governance, "accept", (t, c, id, a, ct) => t.AcceptAsync(c, id, a, ct));
        MapStep(governance, "submit", (t, c, id, a, ct) => t.SubmitAsync(c, id, a, ct));
        MapStep(governance, "verify", (t, c, id, a, ct) => t.VerifyAsync(c, id, a, ct));
        MapStep(governance, "close", (t, c, id, a, ct) => t.CloseAsync(c, id, a, ct));
        MapStep(governance, "reopen", (t, c, id, a, ct) => t.ReopenAsync(c, id, a, ct));
        MapStep(governance, "dismiss", (t, c, id, a, ct) => t.DismissAsync(c, id, a, ct));
    }

    // A step's body is optional ({ "comment": "..." }); the service says when a comment is required.
    private static void MapStep(RouteGroupBuilder governance, string step,
        Func<QualityTickets, Gongshu.Catalog.CatalogCaller, long, TicketAction, CancellationToken, Task<QualityTicket>> act)
        => governance.MapPost($"/tickets/{{id:long}}/{step}", async (long id, HttpContext context, PlatformServices p, CancellationToken ct) =>
        {
            var body = await RequestText.ReadAsync(context, 16 * 1024, "comment", ct);
            var action = string.IsNullOrWhiteSpace(body) ? new TicketAction(null) : ReadAction(body);
            return TypedResults.Ok(await act(p.QualityTickets, context.Caller(), id, action, ct));
        }).Accepts<TicketAction>("application/json");

    private static TicketAction ReadAction(string body)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<TicketAction>(body, System.Text.Json.JsonSerializerOptions.Web) ?? new TicketAction(null);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw GongshuException.Invalid("comment", $"The body is JSON such as {{ \"comment\": \"...\" }}: {e.Message}", "malformed_json");
        }
    }
}
