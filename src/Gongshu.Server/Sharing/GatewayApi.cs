using Gongshu.Delivery;
using Gongshu.Server.Http;
using Gongshu.Server.Platform;
using Gongshu.Server.Sessions;
using Gongshu.Sharing.Gateway;
using Gongshu.Sharing.Query;
using Microsoft.AspNetCore.Http.Features;

namespace Gongshu.Server.Sharing;

/// <summary>
/// The public data gateway over HTTP (公共数据网关), called with a grant's app credential and
/// signed requests: lookup by key, verification (数据核验) and bulk export. Every call is
/// authorized on the grant and audited before it is answered.
/// </summary>
public static class GatewayApi
{
    public sealed record VerifyRequest(Dictionary<string, string>? Key, Dictionary<string, string>? Claims);

    public sealed record VerifyResponse(string Result);

    // Lookup, query and verification build their whole answer before sending it, so their nonce
    // is spent with the call's audit entry in one commit. Export and the change feed stream as
    // they read, so theirs is spent when the signature is checked, before anything is sent.
    private static readonly SpendsNonceWithAudit SpendsNonce = new();

    public static void MapGateway(this IEndpointRouteBuilder routes)
    {
        var gateway = routes.MapGroup("/gateway/v1/grants/{grantId:long}").WithTags("Gateway").RequireAuthorization();
        gateway.MapGet("/lookup", (long grantId, HttpContext context, PlatformServices p, CancellationToken ct)
            => ServeAsync(context, p, grantId, "lookup", async call =>
            {
                var key = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
                var record = await p.Gateway.LookupAsync(call, key, ct);
                return (record is null ? 404 : 200, record is null
                    ? Problems.Create(404, "record_not_found", "No record of this grant's data has that key.")
                    : TypedResults.Ok(record));
            }, ct)).WithMetadata(SpendsNonce);
        gateway.MapGet("/records", (long grantId, string? filter, string? sort, string? fields, string? limit, string? cursor, HttpContext context,
            PlatformServices p, CancellationToken ct)
            => ServeAsync(context, p, grantId, "query", async call =>
                (200, TypedResults.Ok(await p.Gateway.QueryAsync(call, new QueryRequest(filter, sort, fields, limit, cursor), ct))), ct)).WithMetadata(SpendsNonce);
        gateway.MapPost("/verify", (long grantId, VerifyRequest request, HttpContext context, PlatformServices p, CancellationToken ct)
            => ServeAsync(context, p, grantId, "verify", async call =>
            {
                var result = await p.Gateway.VerifyAsync(call, request.Key ?? [], request.Claims ?? [], ct);
                return (200, TypedResults.Ok(new VerifyResponse(result)));
            }, ct)).WithMetadata(SpendsNonce);
        gateway.MapGet("/export", (long grantId, string? format, HttpContext context, PlatformServices p, CancellationToken ct)
            => ServeAsync(context, p, grantId, "export", async call =>
            {
                var csv = format is null or "csv";
                if (!csv && format != "json")
                {
                    throw GongshuException.Invalid("format", "The format is csv or json.", "unknown_format");
                }

                context.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
                context.Response.Headers.ContentDisposition = $"attachment; filename=\"grant-{grantId}.{(csv ? "csv" : "json")}\"";
                context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
                await p.Gateway.ExportAsync(call, csv ? DeliveryFormat.Csv : DeliveryFormat.Json, context.Response.Body, ct);
                return (200, Results.Empty);
            }, ct));
        gateway.MapGet("/changes", (long grantId, long? since, HttpContext context, PlatformServices p, CancellationToken ct)
            => ServeAsync(context, p, grantId, "changes", async call =>
            {
                context.Response.ContentType = "application/x-ndjson; charset=utf-8";
                context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
                await p.Gateway.ChangesAsync(call, since, context.Response.Body, ct);
                return (200, Results.Empty);
            }, ct));
    }

    // Opens the call on the grant, runs it, and audits it whatever happens.
    private static async Task<IResult> ServeAsync(HttpContext context, PlatformServices p, long grantId, string iface,
        Func<GatewayCallContext, Task<(int Status, IResult Result)>> serve, CancellationToken ct)
    {
        var appKey = context.User.AppKey()
            ?? throw new GongshuException(ErrorKind.Unauthorized, "signature_required", "The gateway is called with a grant's app credential and signed requests.");
        GatewayCallContext call;
        try
        {
            call = await p.Gateway.OpenAsync(appKey, grantId, iface, context.Connection.RemoteIpAddress?.ToString(),
                context.Features.Get<UnspentNonce>()?.Nonce, ct);
        }
        catch (GatewayLimitException e)
        {
            context.Response.Headers.RetryAfter = e.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.From(e);
        }

        int status;
        IResult result;
        try
        {
            (status, result) = await serve(call);
        }
        catch (GongshuException e)
        {
            await p.Gateway.CompleteAsync(call, Problems.StatusCode(e.Kind), e.Code, CancellationToken.None);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await p.Gateway.CompleteAsync(call, 500, "internal_error", CancellationToken.None);
            throw;
        }

        // Outside the try: a replayed nonce found here is the answer (401), not a failure of the call.
        await p.Gateway.CompleteAsync(call, status, status == 404 ? "record_not_found" : null, ct);
        return result;
    }
}
