using System.Net;
using Gongshu.Storage;

namespace Gongshu.Server.Http;

/// <summary>
/// The landing page at <c>/</c>: what this platform is and where its interfaces are. The portal
/// and the work console replace it as they arrive.
/// </summary>
public static class HomePage
{
    public static void MapHome(this IEndpointRouteBuilder routes)
        => routes.MapGet("/", (Database database) => Results.Content(Render(database), "text/html; charset=utf-8"))
            .ExcludeFromDescription();

    private static string Render(Database database) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>公数 Gongshu · 公共数据平台</title></head>
        <body>
        <main>
        <h1>公数 Gongshu</h1>
        <p>一体化公共数据平台 — integrated public data platform: catalog, collection, governance, sharing and opening, with a tamper-evident audit trail.</p>
        <p>Storage: {{WebUtility.HtmlEncode(database.Kind.ToString())}}</p>
        <ul>
        <li><a href="/healthz">/healthz</a> — health check</li>
        <li><a href="/openapi/v1.json">/openapi/v1.json</a> — API description (OpenAPI 3)</li>
        </ul>
        </main>
        </body>
        </html>
        """;
}
