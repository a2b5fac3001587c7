using Gongshu.Catalog;
using Gongshu.Catalog.Excel;
using Gongshu.Directories;
using Gongshu.Server.Http;
using Gongshu.Server.Platform;
using Gongshu.Server.Sessions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongshu.Server.Catalog;

/// <summary>
/// The Excel side of the catalog: download the template, upload a filled one (all rows or none),
/// download the catalog in the same layout. Uploads are streamed, never buffered whole.
/// </summary>
public static class CatalogExcelApi
{
    public static void MapCatalogExcel(this RouteGroupBuilder api)
    {
        var excel = api.MapGroup("/catalog").WithTags("Catalog").RequireAuthorization();
        excel.MapGet("/template.xlsx", TemplateAsync);
        excel.MapGet("/export.xlsx", ExportAsync);
        excel.MapPost("/import", ImportAsync).DisableAntiforgery();
    }

    private static async Task TemplateAsync(HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var classifications = await new Classifications(platform.Database).ListAsync(ct);
        SetDownload(context, "公共数据资源目录模板.xlsx");
        await CatalogWorkbook.WriteTemplateAsync(context.Response.Body, classifications, ct);
    }

    private static async Task ExportAsync(HttpContext context, PlatformServices platform, CancellationToken ct, string? view = null, long? provider = null, string? classification = null)
    {
        var query = new CatalogExportQuery
        {
            View = QueryValues.Enum<CatalogView>(view, "view") ?? CatalogView.Published,
            ProviderId = provider,
            ClassificationCode = string.IsNullOrWhiteSpace(classification) ? null : classification.Trim(),
        };

        // Written to a temporary file first: a refusal must still be able to answer with a problem detail.
        await using var buffer = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        var written = await new CatalogExport(platform.Catalog).WriteAsync(context.Caller(), buffer, query, ct);
        await platform.AuditLog.AppendAsync(context.Actor().Entry("catalog.export", null, detail: new
        {
            view = query.View.ToString(), provider = query.ProviderId, classification = query.ClassificationCode, written.Resources, written.Fields,
        }), ct);
        buffer.Position = 0;
        SetDownload(context, "公共数据资源目录.xlsx");
        await buffer.CopyToAsync(context.Response.Body, ct);
    }

    /// <summary>The workbook as the request body (xlsx or octet-stream) or as the <c>file</c> part of a multipart form.</summary>
    private static async Task<Created<ImportSummary>> ImportAsync(HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var import = new CatalogImport(platform.Catalog);

        // The import enforces its own limit (20 MB by default) on the stream it reads.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = import.Options.MaxBytes + 1024 * 1024;
        }

        CatalogImportResult result;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault()
                ?? throw GongshuException.Invalid("file", "Attach the filled template as the form field 'file'.");
            await using var stream = file.OpenReadStream();
            result = await import.ImportAsync(context.Caller(), stream, ct);
        }
        else
        {
            result = await import.ImportAsync(context.Caller(), context.Request.Body, ct);
        }

        return TypedResults.Created("/api/catalog/resources",
            new ImportSummary(result.Resources.Count, result.FieldCount, result.Sha256,
                result.Resources.Select(r => new ImportedRow(r.RowKey, r.Row, r.Resource.Id, r.Resource.Code, r.Resource.Version.Metadata.Name)).ToList()));
    }

    public sealed record ImportSummary(int Resources, int Fields, string Sha256, IReadOnlyList<ImportedRow> Created);

    public sealed record ImportedRow(string RowKey, int Row, long Id, string Code, string Name);

    private static void SetDownload(HttpContext context, string fileName)
    {
        context.Response.ContentType = CatalogWorkbook.ContentType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"catalog.xlsx\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}
