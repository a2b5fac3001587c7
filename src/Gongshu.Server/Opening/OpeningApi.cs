using Gongshu.Opening;
using Gongshu.Server.Catalog;
using Gongshu.Server.Platform;

namespace Gongshu.Server.Opening;

/// <summary>
/// Restricted opening over HTTP (受限开放): a member of the public files and withdraws, the
/// provider's admins decide, both list what concerns them. Others' applications answer 404.
/// </summary>
public static class OpeningApi
{
    public static void MapOpening(this RouteGroupBuilder api)
    {
        var opening = api.MapGroup("/opening").WithTags("Opening").RequireAuthorization();
        opening.MapPost("/applications", async (OpenApplicationRequest request, HttpContext context, PlatformServices p, CancellationToken ct) =>
        {
            var application = await p.OpenApplications.ApplyAsync(context.Caller(), request, ct);
            return TypedResults.Created($"/api/opening/applications/{application.Id}", application);
        });

        // ?provider=true: the applications for my department's resources (provider admins).
        opening.MapGet("/applications", async (bool? provider, int? limit, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(provider == true
                ? await p.OpenApplications.ListForProviderAsync(context.Caller(), limit ?? 100, ct)
                : await p.OpenApplications.ListMineAsync(context.Caller(), limit ?? 100, ct)));
        opening.MapGet("/applications/{id:long}", async (long id, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.OpenApplications.GetAsync(context.Caller(), id, ct)));
        opening.MapPost("/applications/{id:long}/decision", async (long id, OpenApplicationDecision decision, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.OpenApplications.DecideAsync(context.Caller(), id, decision, ct)));
        opening.MapPost("/applications/{id:long}/withdraw", async (long id, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.OpenApplications.WithdrawAsync(context.Caller(), id, ct)));
    }
}
