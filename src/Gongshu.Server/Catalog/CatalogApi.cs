using Gongshu.Catalog;
using Gongshu.Catalog.Search;
using Gongshu.Server.Http;
using Gongshu.Server.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongshu.Server.Catalog;

/// <summary>
/// The catalog over REST: providers create and submit resources, platform admins review them,
/// everyone signed in reads what is published. Who may do what is decided by the catalog
/// service; another organization's unpublished resource answers 404.
/// </summary>
public static class CatalogApi
{
    public sealed record CreateRequest(string? ClassificationCode, ResourceMetadata? Metadata);

    public sealed record CommentRequest(string? Comment);

    public static void MapCatalog(this RouteGroupBuilder api)
    {
        var catalog = api.MapGroup("/catalog").WithTags("Catalog");

        // Open to everyone; without a government role only the open catalog is searched.
        catalog.MapGet("/search", SearchAsync).AllowAnonymous();
        catalog.MapGet("/classifications", async (PlatformServices p, CancellationToken ct) => TypedResults.Ok(await new Classifications(p.Database).ListAsync(ct))).AllowAnonymous();
        catalog.MapGet("/terms", () => TypedResults.Ok(Vocabularies())).AllowAnonymous();

        catalog.MapGet("/standardization", async (PlatformServices p, CancellationToken ct) => TypedResults.Ok(await new StandardizationKpi(p.Database).ComputeAsync(ct)))
            .RequireAuthorization();

        var resources = catalog.MapGroup("/resources").RequireAuthorization();
        resources.MapGet("", ListAsync);
        resources.MapPost("", CreateAsync);
        resources.MapGet("/{id:long}", GetAsync);
        resources.MapPut("/{id:long}", UpdateAsync);
        resources.MapPost("/{id:long}/submit", (long id, HttpContext c, PlatformServices p, CancellationToken ct) => Run(p.Catalog.SubmitAsync(c.Caller(), id, ct)));
        resources.MapPost("/{id:long}/approve", (long id, CommentRequest? body, HttpContext c, PlatformServices p, CancellationToken ct)
            => Run(p.Catalog.ApproveAsync(c.Caller(), id, body?.Comment, ct)));
        resources.MapPost("/{id:long}/return", (long id, CommentRequest body, HttpContext c, PlatformServices p, CancellationToken ct)
            => Run(p.Catalog.ReturnAsync(c.Caller(), id, body.Comment ?? "", ct)));
        resources.MapPost("/{id:long}/change", (long id, HttpContext c, PlatformServices p, CancellationToken ct) => Run(p.Catalog.StartChangeAsync(c.Caller(), id, ct)));
        resources.MapPost("/{id:long}/retire", (long id, CommentRequest? body, HttpContext c, PlatformServices p, CancellationToken ct)
            => Run(p.Catalog.RetireAsync(c.Caller(), id, body?.Comment, ct)));
        resources.MapGet("/{id:long}/history", async (long id, HttpContext c, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.Catalog.HistoryAsync(c.Caller(), id, ct)));
        resources.MapGet("/{id:long}/diff", async (long id, int from, int to, HttpContext c, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok(await p.Catalog.DiffAsync(c.Caller(), id, from, to, ct)));
    }

    private static async Task<Ok<CatalogResource>> Run(Task<CatalogResource> change) => TypedResults.Ok(await change);

    private static async Task<Ok<CatalogPage>> ListAsync(
        HttpContext context, PlatformServices platform, CancellationToken ct,
        long? provider = null, string? status = null, string? workingState = null, string? classification = null, long? after = null, int limit = 50)
        => TypedResults.Ok(await platform.Catalog.ListAsync(context.Caller(), new CatalogListQuery
        {
            ProviderId = provider,
            Status = QueryValues.Enum<ResourceStatus>(status, "status"),
            WorkingState = QueryValues.Enum<VersionState>(workingState, "workingState"),
            ClassificationCode = string.IsNullOrWhiteSpace(classification) ? null : classification.Trim(),
            AfterId = after,
            Limit = limit,
        }, ct));

    private static async Task<Created<CatalogResource>> CreateAsync(CreateRequest request, HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var classification = request.ClassificationCode ?? throw GongshuException.Invalid("classificationCode", "Choose the resource's classification (信息资源分类).");
        var metadata = request.Metadata ?? throw GongshuException.Invalid("metadata", "Describe the resource: at least its name.");
        var created = await platform.Catalog.CreateDraftAsync(context.Caller(), classification, metadata, ct);
        return TypedResults.Created($"/api/catalog/resources/{created.Id}", created);
    }

    private static async Task<Ok<CatalogResource>> GetAsync(long id, HttpContext context, PlatformServices platform, CancellationToken ct, string? view = null)
    {
        var which = QueryValues.Enum<CatalogView>(view, "view") ?? CatalogView.Published;
        var resource = await platform.Catalog.GetAsync(context.Caller(), id, which, ct);
        if (!context.User.IsGovernment() && !CatalogCallers.IsOpenToPublic(resource.Version.Metadata.OpenType))
        {
            throw GongshuException.NotFound($"Resource {id}", "resource_not_found");
        }

        return TypedResults.Ok(resource);
    }

    private static async Task<Ok<CatalogResource>> UpdateAsync(long id, ResourceMetadata metadata, HttpContext context, PlatformServices platform, CancellationToken ct)
        => TypedResults.Ok(await platform.Catalog.UpdateDraftAsync(context.Caller(), id, metadata, ct));

    private static async Task<Ok<CatalogSearchResult>> SearchAsync(HttpContext context, PlatformServices platform, CancellationToken ct)
    {
        var query = context.Request.Query;
        var openTypes = QueryValues.List(query, "open");
        if (!context.User.IsGovernment())
        {
            // The public searches the open catalog only, whatever it asks for.
            openTypes = openTypes.Count == 0 ? [OpenTypes.Open, OpenTypes.Restricted] : openTypes.Where(CatalogCallers.IsOpenToPublic).DefaultIfEmpty("none-visible").ToList();
        }

        return TypedResults.Ok(await platform.CatalogSearch.SearchAsync(new CatalogQuery
        {
            Text = query["q"].ToString(),
            ProviderIds = QueryValues.Longs(query, "provider"),
            DivisionCodes = QueryValues.List(query, "division"),
            IncludeSubdivisions = QueryValues.Bool(query, "subdivisions"),
            ClassificationPrefix = QueryValues.Single(query, "classification"),
            ShareTypes = QueryValues.List(query, "share"),
            OpenTypes = openTypes,
            VisibleOpenTypes = context.User.IsGovernment() ? [] : [OpenTypes.Open, OpenTypes.Restricted],
            Grades = QueryValues.List(query, "grade"),
            Formats = QueryValues.List(query, "format"),
            UpdateCycles = QueryValues.List(query, "cycle"),
            Tags = QueryValues.List(query, "tag"),
            Facets = QueryValues.List(query, "facet"),
            Sort = QueryValues.Single(query, "sort") ?? (string.IsNullOrWhiteSpace(query["q"]) ? CatalogSort.Updated : CatalogSort.Relevance),
            Offset = QueryValues.Int(query, "offset") ?? 0,
            Limit = QueryValues.Int(query, "limit") ?? 20,
        }, ct));
    }

    /// <summary>The controlled vocabularies a catalog editor offers (codes and Chinese names).</summary>
    private static Dictionary<string, IReadOnlyList<Term>> Vocabularies() => new()
    {
        ["format"] = ResourceFormats.List.Terms,
        ["shareType"] = ShareTypes.List.Terms,
        ["shareMethod"] = ShareMethods.List.Terms,
        ["openType"] = OpenTypes.List.Terms,
        ["updateCycle"] = UpdateCycles.List.Terms,
        ["grade"] = DataGrades.List.Terms,
    };
}
