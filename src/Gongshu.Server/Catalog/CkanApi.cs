using System.Globalization;
using System.Text.Json;
using Gongshu.Catalog;
using Gongshu.Catalog.Search;
using Gongshu.Directories;
using Gongshu.Server.Platform;

namespace Gongshu.Server.Catalog;

/// <summary>
/// CKAN's read API (<c>/api/3/action/…</c>) over the open catalog, with CKAN's envelope
/// (<c>help</c>, <c>success</c>, <c>result</c>) and error shape, so existing CKAN harvesters and
/// clients work unchanged. Parameters come from the query string or, as CKAN clients often
/// send them, from a JSON object in a POST body.
/// </summary>
public static class CkanApi
{
    public const int MaxRows = 100;

    private sealed class CkanError(int status, string type, string message, string? field = null) : Exception(message)
    {
        public int Status { get; } = status;
        public string Type { get; } = type;
        public string? Field { get; } = field;
    }

    private static readonly string[] Actions = ["package_search", "package_show", "package_list", "organization_list", "organization_show"];

    public static void MapCkan(this IEndpointRouteBuilder routes)
    {
        foreach (var action in Actions)
        {
            routes.MapMethods($"/api/3/action/{action}", ["GET", "POST"], (HttpContext context, PlatformServices platform, CancellationToken ct)
                => RunAsync(context, platform, action, ct)).WithTags("CKAN").AllowAnonymous();
        }

        routes.MapGet("/api/3", () => TypedResults.Ok(new { version = 3 })).WithTags("CKAN").AllowAnonymous();
    }

    private static async Task<IResult> RunAsync(HttpContext context, PlatformServices platform, string action, CancellationToken ct)
    {
        var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
        var help = $"{baseUrl}/api/3/action/help_show?name={action}";
        try
        {
            var parameters = await ReadParametersAsync(context.Request, ct);
            var open = new OpenCatalog(platform);
            object? result = action switch
            {
                "package_search" => await PackageSearchAsync(open, parameters, baseUrl, ct),
                "package_show" => await PackageShowAsync(open, parameters, baseUrl, ct),
                "package_list" => await PackageListAsync(platform, parameters, ct),
                "organization_list" => await OrganizationListAsync(open, parameters, ct),
                _ => await OrganizationShowAsync(open, platform, parameters, baseUrl, ct),
            };
            return Results.Json(new Dictionary<string, object?> { ["help"] = help, ["success"] = true, ["result"] = result });
        }
        catch (Exception e) when (e is CkanError or GongshuException)
        {
            var error = e as CkanError ?? FromGongshu((GongshuException)e);
            var body = new Dictionary<string, object?> { ["__type"] = error.Type, ["message"] = error.Message };
            if (error.Field is not null)
            {
                body[error.Field] = new[] { error.Message };
            }

            return Results.Json(new Dictionary<string, object?> { ["help"] = help, ["success"] = false, ["error"] = body }, statusCode: error.Status);
        }
    }

    private static CkanError FromGongshu(GongshuException e) => e.Kind switch
    {
        ErrorKind.NotFound => new CkanError(404, "Not Found Error", e.Message),
        ErrorKind.BadRequest => new CkanError(409, "Validation Error", e.Message, e.Field ?? "q"),
        _ => new CkanError(Http.Problems.StatusCode(e.Kind), "Error", e.Message),
    };

    private static async Task<Dictionary<string, string>> ReadParametersAsync(HttpRequest request, CancellationToken ct)
    {
        var parameters = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (HttpMethods.IsPost(request.Method) && request.ContentLength is > 0 or null && request.HasJsonContentType())
        {
            JsonDocument body;
            try
            {
                body = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            }
            catch (JsonException e)
            {
                throw new CkanError(400, "Validation Error", $"The request body is not valid JSON: {e.Message}");
            }

            using (body)
            {
                if (body.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new CkanError(400, "Validation Error", "Send the action's parameters as a JSON object.");
                }

                foreach (var property in body.RootElement.EnumerateObject())
                {
                    parameters[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
        }

        return parameters;
    }

    private static string? Text(Dictionary<string, string> parameters, string name)
        => parameters.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static int Number(Dictionary<string, string> parameters, string name, int fallback, int min, int max)
    {
        if (Text(parameters, name) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new CkanError(409, "Validation Error", $"{name} must be a whole number from {min} to {max}.", name);
    }

    private static bool Flag(Dictionary<string, string> parameters, string name)
        => Text(parameters, name) is { } text && (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1");

    private static async Task<object> PackageSearchAsync(OpenCatalog open, Dictionary<string, string> parameters, string baseUrl, CancellationToken ct)
    {
        var q = Text(parameters, "q");
        if (q is "*:*" or "*")
        {
            q = null;
        }

        var filter = CkanFilterQuery.Parse(Text(parameters, "fq"));
        var facetFields = FacetFields(Text(parameters, "facet.field"));
        var sort = Text(parameters, "sort") ?? "score desc, metadata_modified desc";
        var rows = Number(parameters, "rows", 10, 0, MaxRows);
        var query = filter.Apply(new CatalogQuery
        {
            Text = q,
            Sort = SortOf(sort, q),
            Offset = Number(parameters, "start", 0, 0, 1_000_000),
            Limit = Math.Max(rows, 1), // rows=0 asks for the count and facets only
            Facets = facetFields.Select(CkanFilterQuery.Facet).Distinct().ToList(),
        });

        var found = await open.SearchAsync(query, ct);
        var results = rows > 0 ? await PackagesAsync(open, found.Hits.Select(h => h.ResourceId).ToList(), baseUrl, ct) : [];

        var facets = new Dictionary<string, object>();
        var searchFacets = new Dictionary<string, object>();
        var facetLimit = Number(parameters, "facet.limit", 50, -1, 1000);
        foreach (var field in facetFields)
        {
            var counts = found.Facets.TryGetValue(CkanFilterQuery.Facet(field), out var list) ? list : [];
            var items = counts.Take(facetLimit < 0 ? int.MaxValue : facetLimit)
                .Select(c => (Name: CkanFilterQuery.FacetValue(field, c.Value), Display: c.Label ?? c.Value, c.Count)).ToList();
            facets[field] = items.ToDictionary(i => i.Name, i => i.Count);
            searchFacets[field] = new
            {
                title = field,
                items = items.Select(i => new { name = i.Name, display_name = i.Display, count = i.Count }),
            };
        }

        return new Dictionary<string, object?>
        {
            ["count"] = found.Total,
            ["sort"] = sort,
            ["facets"] = facets,
            ["search_facets"] = searchFacets,
            ["results"] = results,
        };
    }

    /// <summary>The open resources among these ids as CKAN packages, in the order given, read together with their providers.</summary>
    private static async Task<List<Dictionary<string, object?>>> PackagesAsync(OpenCatalog open, IReadOnlyList<long> ids, string baseUrl, CancellationToken ct)
    {
        var resources = await open.FindAsync(ids, ct);
        var providers = await open.ProvidersAsync(resources, ct);
        return resources.Select(r => CkanPackages.Package(r, providers.GetValueOrDefault(r.ProviderId), baseUrl)).ToList();
    }

    private static string SortOf(string sort, string? q)
    {
        var first = sort.Split(',')[0].Trim().ToLowerInvariant();
        return first switch
        {
            "score desc" => q is null ? CatalogSort.Updated : CatalogSort.Relevance,
            "metadata_modified desc" => CatalogSort.Updated,
            "title_string asc" or "name asc" or "title asc" => CatalogSort.Name,
            _ => throw new CkanError(409, "Validation Error",
                $"Sort by 'score desc', 'metadata_modified desc', 'title_string asc' or 'name asc'; '{sort}' is not supported.", "sort"),
        };
    }

    private static List<string> FacetFields(string? text)
    {
        if (text is null)
        {
            return [];
        }

        List<string>? fields;
        try
        {
            fields = text.StartsWith('[') ? JsonSerializer.Deserialize<List<string>>(text) : [text];
        }
        catch (JsonException)
        {
            throw new CkanError(409, "Validation Error", "facet.field must be a JSON list of field names, e.g. [\"organization\",\"tags\"].", "facet.field");
        }

        foreach (var field in fields ?? [])
        {
            CkanFilterQuery.Facet(field);
        }

        return fields ?? [];
    }

    private static async Task<object> PackageShowAsync(OpenCatalog open, Dictionary<string, string> parameters, string baseUrl, CancellationToken ct)
    {
        var id = Text(parameters, "id") ?? Text(parameters, "name_or_id") ?? throw new CkanError(409, "Validation Error", "Missing value", "id");
        var resource = await open.FindAsync(id, ct) ?? throw new CkanError(404, "Not Found Error", "Not found");
        return CkanPackages.Package(resource, await open.OrganizationAsync(resource.ProviderId, [], ct), baseUrl);
    }

    private static async Task<object> PackageListAsync(PlatformServices platform, Dictionary<string, string> parameters, CancellationToken ct)
    {
        var limit = Number(parameters, "limit", int.MaxValue, 0, int.MaxValue);
        var offset = Number(parameters, "offset", 0, 0, int.MaxValue);
        var names = new List<string>();
        var seen = 0;
        await foreach (var document in platform.Catalog.PublishedDocumentsAsync(ct))
        {
            if (!CatalogCallers.IsOpenToPublic(document.OpenType) || seen++ < offset)
            {
                continue;
            }

            if (names.Count >= limit)
            {
                break;
            }

            names.Add(OpenCatalog.PackageName(document.Code));
        }

        return names.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<object> OrganizationListAsync(OpenCatalog open, Dictionary<string, string> parameters, CancellationToken ct)
    {
        var found = await open.SearchAsync(new CatalogQuery { Facets = [CatalogFacet.Provider], Limit = 1 }, ct);
        var counts = found.Facets.TryGetValue(CatalogFacet.Provider, out var list) ? list : [];
        var organizations = new List<(Organization Organization, long Count)>();
        var cache = new Dictionary<long, Organization?>();
        foreach (var count in counts)
        {
            if (long.TryParse(count.Value, CultureInfo.InvariantCulture, out var id) && await open.OrganizationAsync(id, cache, ct) is { } organization)
            {
                organizations.Add((organization, count.Count));
            }
        }

        var sort = Text(parameters, "sort") ?? "name asc";
        organizations = sort.Trim().ToLowerInvariant() switch
        {
            "name asc" or "name" => organizations.OrderBy(o => OpenCatalog.OrganizationName(o.Organization.Id), StringComparer.Ordinal).ToList(),
            "title asc" or "title" => organizations.OrderBy(o => o.Organization.Name, StringComparer.Ordinal).ToList(),
            "package_count desc" or "package_count" => organizations.OrderByDescending(o => o.Count).ToList(),
            _ => throw new CkanError(409, "Validation Error", "Sort by 'name asc', 'title asc' or 'package_count desc'.", "sort"),
        };
        var page = organizations.Skip(Number(parameters, "offset", 0, 0, int.MaxValue)).Take(Number(parameters, "limit", 1000, 0, 1000));
        return Flag(parameters, "all_fields")
            ? page.Select(o => (object)CkanPackages.Organization(o.Organization, o.Count)).ToList()
            : page.Select(o => (object)OpenCatalog.OrganizationName(o.Organization.Id)).ToList();
    }

    private static async Task<object> OrganizationShowAsync(OpenCatalog open, PlatformServices platform, Dictionary<string, string> parameters, string baseUrl, CancellationToken ct)
    {
        var id = Text(parameters, "id") ?? throw new CkanError(409, "Validation Error", "Missing value", "id");
        var number = id.StartsWith("org-", StringComparison.Ordinal) ? id[4..] : id;
        var organization = long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var organizationId)
            ? await platform.Organizations.FindAsync(organizationId, ct)
            : null;
        if (organization is null)
        {
            throw new CkanError(404, "Not Found Error", "Not found");
        }

        var found = await open.SearchAsync(new CatalogQuery { ProviderIds = [organization.Id], Sort = CatalogSort.Name, Limit = CatalogQuery.MaxLimit }, ct);
        var shown = CkanPackages.Organization(organization, found.Total);
        if (Flag(parameters, "include_datasets"))
        {
            shown["packages"] = await PackagesAsync(open, found.Hits.Select(h => h.ResourceId).ToList(), baseUrl, ct);
        }

        return shown;
    }
}
