using Gongshu.Governance.Authority;
using Gongshu.Server.Catalog;
using Gongshu.Server.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongshu.Server.Governance;

/// <summary>
/// 一数一源 over HTTP: the register of data elements, each with its one authoritative source and
/// the copies other resources carry, and the report of where the copies disagree with it.
/// </summary>
public static class AuthorityApi
{
    public static void MapAuthority(this RouteGroupBuilder api)
    {
        var elements = api.MapGroup("/governance/elements").WithTags("Governance").RequireAuthorization();
        elements.MapGet("", async (HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.AuthoritativeSources.ListAsync(context.Caller(), ct)));
        elements.MapPost("", RegisterAsync);
        elements.MapGet("/{id:long}", async (long id, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.AuthoritativeSources.GetAsync(context.Caller(), id, ct)));
        elements.MapPut("/{id:long}", async (long id, DataElementChange change, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.AuthoritativeSources.ChangeAsync(context.Caller(), id, change, ct)));
        elements.MapPost("/{id:long}/copies", AddCopyAsync);
        elements.MapDelete("/{id:long}/copies/{copyId:long}", async (long id, long copyId, HttpContext context, PlatformServices p, CancellationToken ct) =>
        {
            await p.AuthoritativeSources.RemoveCopyAsync(context.Caller(), id, copyId, ct);
            return TypedResults.NoContent();
        });
        elements.MapGet("/{id:long}/conflicts", async (long id, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.AuthoritativeSources.ConflictsAsync(context.Caller(), id, ct)));
    }

    private static async Task<Created<DataElement>> RegisterAsync(NewDataElement element, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var registered = await platform.AuthoritativeSources.RegisterAsync(context.Caller(), element, ct);
        return TypedResults.Created($"/api/governance/elements/{registered.Id}", registered);
    }

    private static async Task<Created<ElementCopy>> AddCopyAsync(long id, NewElementCopy copy, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var added = await platform.AuthoritativeSources.AddCopyAsync(context.Caller(), id, copy, ct);
        return TypedResults.Created($"/api/governance/elements/{id}", added);
    }
}
