using Gongshu.Catalog;
using Gongshu.Delivery;
using Gongshu.Directories;
using Gongshu.Server.Catalog;
using Gongshu.Server.Platform;
using Gongshu.Server.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongshu.Server.Delivery;

/// <summary>
/// A resource's data outside the gateway: the masked preview of its first rows and a streamed
/// CSV, JSON or XLSX export. Visitors without an account get what the open channel allows.
/// </summary>
public static class DeliveryApi
{
    public static void MapDelivery(this RouteGroupBuilder api)
    {
        var data = api.MapGroup("/data").WithTags("Data");
        data.MapGet("/resources/{id:long}/preview", async (long id, int? rows, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.Delivery.PreviewAsync(Caller(context), id, rows ?? 10, ct)));
        data.MapGet("/resources/{id:long}/export", ExportAsync);
    }

    private static async Task<EmptyHttpResult> ExportAsync(long id, string? format, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var kind = format?.ToLowerInvariant() switch
        {
            null or "csv" => DeliveryFormat.Csv,
            "json" => DeliveryFormat.Json,
            "xlsx" => DeliveryFormat.Xlsx,
            _ => throw GongshuException.Invalid("format", $"'{format}' is not an export format; use csv, json or xlsx.", "unknown_format"),
        };

        // Headers go out with the first row (XLSX: with the finished file): a refusal before it is still a problem detail.
        var response = context.Response;
        response.ContentType = kind switch
        {
            DeliveryFormat.Csv => "text/csv; charset=utf-8",
            DeliveryFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _ => "application/json; charset=utf-8",
        };
        response.Headers.ContentDisposition = $"attachment; filename=\"resource-{id}.{kind.ToString().ToLowerInvariant()}\"";
        await platform.Delivery.ExportAsync(Caller(context), id, kind, response.Body, ct);
        return TypedResults.Empty;
    }

    private static CatalogCaller Caller(HttpContext context)
        => context.User.UserId() is null
            ? new CatalogCaller(0, 0, [Role.Public], context.Connection.RemoteIpAddress?.ToString())
            : context.Caller();
}
