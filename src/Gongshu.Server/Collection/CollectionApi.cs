using System.Globalization;
using Gongshu.Collection;
using Gongshu.Collection.Loads;
using Gongshu.Collection.Schedules;
using Gongshu.Collection.Sources;
using Gongshu.Server.Catalog;
using Gongshu.Server.Http;
using Gongshu.Server.Platform;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Gongshu.Server.Collection;

/// <summary>
/// Collection over HTTP: upload a file into a resource (streamed: the file is read as it
/// arrives, never held whole), check the column mapping first, read the load history and
/// download the rejected rows. The provider's own provider admins load; platform admins read.
/// </summary>
public static class CollectionApi
{
    public sealed record MappingResponse(IReadOnlyList<MappedColumn> Columns, IReadOnlyList<string> IgnoredSourceColumns, IReadOnlyList<string> UnmappedFields);

    public sealed record DatasetResponse(long VersionId, long Rows, DateTimeOffset? SwitchedAt, IReadOnlyList<Gongshu.Storage.DatasetColumn> Columns);

    public static void MapCollection(this RouteGroupBuilder api)
    {
        var collection = api.MapGroup("/collection").WithTags("Collection").RequireAuthorization();
        collection.MapPost("/resources/{id:long}/loads", LoadAsync).DisableAntiforgery();
        collection.MapPost("/resources/{id:long}/mapping", MappingAsync).DisableAntiforgery();
        collection.MapGet("/resources/{id:long}/loads", async (long id, int? limit, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.Collection.ListLoadsAsync(context.Caller(), id, limit ?? 50, ct)));
        collection.MapGet("/resources/{id:long}/dataset", DatasetAsync);
        collection.MapGet("/loads/{loadId:long}", async (long loadId, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.Collection.GetLoadAsync(context.Caller(), loadId, ct)));
        collection.MapGet("/loads/{loadId:long}/rejects.csv", RejectsAsync);

        // Sources pulled on a schedule; secrets go in and never come out.
        collection.MapPost("/resources/{id:long}/sources", async (long id, SourceDefinition definition, HttpContext context, PlatformServices p, CancellationToken ct) =>
        {
            var source = await p.CollectionSources.CreateAsync(context.Caller(), id, definition, ct);
            return TypedResults.Created($"/api/collection/sources/{source.Id.ToString(CultureInfo.InvariantCulture)}", source);
        });
        collection.MapGet("/resources/{id:long}/sources", async (long id, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.CollectionSources.ListAsync(context.Caller(), id, ct)));
        collection.MapGet("/sources/{sourceId:long}", async (long sourceId, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.CollectionSources.GetAsync(context.Caller(), sourceId, ct)));
        collection.MapPost("/sources/{sourceId:long}/run", async (long sourceId, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.CollectionSources.RunAsync(context.Caller(), sourceId, ct)));
        collection.MapPost("/sources/{sourceId:long}/enable", async (long sourceId, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.CollectionSources.SetEnabledAsync(context.Caller(), sourceId, true, ct)));
        collection.MapPost("/sources/{sourceId:long}/disable", async (long sourceId, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.CollectionSources.SetEnabledAsync(context.Caller(), sourceId, false, ct)));
        collection.MapGet("/alerts", async (bool? includeCleared, HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.CollectionSources.AlertsAsync(context.Caller(), includeCleared ?? false, ct)));
    }

    /// <summary>
    /// The file is the request body (its name in <c>fileName</c>, or from Content-Disposition), or
    /// the <c>file</c> part of a multipart form. Query: mode, format, encoding, delimiter, sheet,
    /// allOrNothing, and map=SOURCE=FIELD (repeatable).
    /// </summary>
    private static async Task<Created<CollectionLoad>> LoadAsync(long id, HttpContext context, PlatformServices platform, CancellationToken ct,
        string? mode = null, bool? allOrNothing = null)
    {
        var caller = context.Caller();
        var options = new LoadOptions
        {
            Mode = CollectionService.ParseMode(mode),
            AllOrNothing = allOrNothing ?? false,
            Mapping = Mapping(context.Request.Query),
        };
        await using var upload = await UploadAsync(context, platform.Settings.MaxUploadBytes, ct);
        var load = await platform.Collection.LoadAsync(caller, id, upload.Source.Input(upload.DeclaredLength), options, progress: null, ct);
        return TypedResults.Created($"/api/collection/loads/{load.Id.ToString(CultureInfo.InvariantCulture)}", load);
    }

    /// <summary>Reads only the header of the file sent (as for a load) and answers which column would feed which field.</summary>
    private static async Task<Ok<MappingResponse>> MappingAsync(long id, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        await using var upload = await UploadAsync(context, platform.Settings.MaxUploadBytes, ct);
        var mapping = await platform.Collection.SuggestMappingAsync(context.Caller(), id, upload.Source.Reader, Mapping(context.Request.Query), ct);
        return TypedResults.Ok(new MappingResponse(mapping.Columns, mapping.IgnoredSourceColumns, mapping.UnmappedFields));
    }

    private static async Task<Ok<DatasetResponse>> DatasetAsync(long id, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var caller = context.Caller();
        var current = await platform.Collection.CurrentDatasetAsync(caller, id, ct);
        if (current is null)
        {
            var loads = await platform.Collection.ListLoadsAsync(caller, id, 1, ct);
            throw GongshuException.NotFound($"Data of resource {id} (nothing has been loaded{(loads.Count > 0 ? " successfully" : "")})", "no_data");
        }

        return TypedResults.Ok(new DatasetResponse(current.Id, current.RowCount, current.SwitchedAt, current.Columns));
    }

    private static async Task RejectsAsync(long loadId, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var caller = context.Caller();
        await platform.Collection.GetLoadAsync(caller, loadId, ct); // 404 before any byte of the file is sent
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"load-{loadId.ToString(CultureInfo.InvariantCulture)}-rejects.csv\"";
        await RejectsCsv.WriteAsync(platform.Collection.RejectsAsync(caller, loadId, ct), context.Response.Body, ct);
    }

    private static IReadOnlyDictionary<string, string>? Mapping(IQueryCollection query)
        => query.TryGetValue("map", out var pairs) && pairs.Count > 0 ? ColumnMapping.ParsePairs(pairs.OfType<string>(), "map") : null;

    /// <summary>
    /// Opens the uploaded file as a source. A declared length over the limit is refused before a
    /// byte is read; an undeclared one is stopped as it crosses the limit.
    /// </summary>
    private static async Task<Upload> UploadAsync(HttpContext context, long maxBytes, CancellationToken ct)
    {
        var request = context.Request;
        if (request.ContentLength is { } declared && declared > maxBytes + MultipartAllowance)
        {
            throw MeteredStream.TooLarge(maxBytes);
        }

        // The body may be bigger than ordinary requests; MeteredStream enforces the file's own limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + MultipartAllowance;
        }

        // The readers read synchronously on the load's own thread, never on a request thread.
        if (context.Features.Get<IHttpBodyControlFeature>() is { } body)
        {
            body.AllowSynchronousIO = true;
        }

        var query = request.Query;
        var read = new FileReadOptions
        {
            Format = query["format"],
            Encoding = query["encoding"],
            Delimiter = FileReadOptions.ParseDelimiter(query["delimiter"]),
            Sheet = query["sheet"],
        };

        Stream stream = request.Body;
        string? fileName = query["fileName"];
        long? length = request.ContentLength;
        // Only a multipart form is a form here: curl --data-binary labels a raw file
        // application/x-www-form-urlencoded, and that body is the file itself.
        if (request.ContentType is { } contentType && contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value
                ?? throw GongshuException.Invalid("file", "The multipart form has no boundary.", "bad_multipart");
            var reader = new MultipartReader(boundary, request.Body);
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
            {
                var disposition = section.GetContentDispositionHeader();
                if (disposition is not null && disposition.IsFileDisposition())
                {
                    fileName ??= disposition.FileNameStar.Value ?? disposition.FileName.Value;
                    stream = section.Body;
                    length = null;
                    break;
                }
            }

            if (section is null)
            {
                throw GongshuException.Invalid("file", "The form has no file part: attach the file as the form field 'file'.", "no_file");
            }
        }

        fileName ??= "upload";
        var source = await SourceFiles.OpenAsync(stream, fileName, read, maxBytes, ct);
        return new Upload(source, length);
    }

    private const long MultipartAllowance = 1024 * 1024;

    private sealed record Upload(OpenedSource Source, long? DeclaredLength) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Source.DisposeAsync();
    }
}
