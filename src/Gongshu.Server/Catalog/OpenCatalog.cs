using Gongshu.Catalog;
using Gongshu.Catalog.Search;
using Gongshu.Directories;
using Gongshu.Server.Platform;

namespace Gongshu.Server.Catalog;

/// <summary>
/// The open catalog (开放目录): the published resources whose open type lets the public see them,
/// as read by the CKAN-compatible API and the DCAT export. Names used there are stable slugs:
/// a resource is its code with '/' as '-' (<c>101001-00001</c>), an organization is <c>org-{id}</c>.
/// </summary>
public sealed class OpenCatalog(PlatformServices platform)
{
    public static string PackageName(string code) => code.Replace('/', '-');

    public static string OrganizationName(long id) => $"org-{id}";

    /// <summary>The resource a CKAN id or name points at, if it is in the open catalog.</summary>
    public async Task<CatalogResource?> FindAsync(string idOrName, CancellationToken ct)
    {
        var code = idOrName.Trim();
        var dash = code.LastIndexOf('-');
        if (dash > 0 && !code.Contains('/', StringComparison.Ordinal))
        {
            code = code[..dash] + "/" + code[(dash + 1)..];
        }

        return await platform.Catalog.FindIdByCodeAsync(code, ct) is { } id ? await FindAsync(id, ct) : null;
    }

    /// <summary>The published resource with this id, if it is in the open catalog.</summary>
    public async Task<CatalogResource?> FindAsync(long id, CancellationToken ct)
    {
        try
        {
            var resource = await platform.Catalog.GetAsync(CatalogCallers.PublicReader, id, CatalogView.Published, ct);
            return CatalogCallers.IsOpenToPublic(resource.Version.Metadata.OpenType) ? resource : null;
        }
        catch (GongshuException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>The published resources with these ids that are in the open catalog, in the order given, read together.</summary>
    public async Task<IReadOnlyList<CatalogResource>> FindAsync(IReadOnlyList<long> ids, CancellationToken ct)
        => (await platform.Catalog.GetPublishedAsync(ids, ct)).Where(r => CatalogCallers.IsOpenToPublic(r.Version.Metadata.OpenType)).ToList();

    /// <summary>The providers of <paramref name="resources"/>, by id, read together.</summary>
    public Task<IReadOnlyDictionary<long, Organization>> ProvidersAsync(IEnumerable<CatalogResource> resources, CancellationToken ct)
        => platform.Organizations.FindManyAsync(resources.Select(r => r.ProviderId), ct);

    /// <summary>Every resource of the open catalog, in resource id order, streamed.</summary>
    public async IAsyncEnumerable<CatalogResource> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var document in platform.Catalog.PublishedDocumentsAsync(ct))
        {
            if (!CatalogCallers.IsOpenToPublic(document.OpenType))
            {
                continue;
            }

            CatalogResource resource;
            try
            {
                resource = await platform.Catalog.GetAsync(CatalogCallers.PublicReader, document.ResourceId, CatalogView.Published, ct);
            }
            catch (GongshuException e) when (e.Kind == ErrorKind.NotFound)
            {
                continue; // retired between the two reads
            }

            yield return resource;
        }
    }

    public Task<CatalogSearchResult> SearchAsync(CatalogQuery query, CancellationToken ct)
        => platform.CatalogSearch.SearchAsync(query with
        {
            OpenTypes = query.OpenTypes.Count == 0 ? [OpenTypes.Open, OpenTypes.Restricted] : query.OpenTypes.Where(CatalogCallers.IsOpenToPublic).DefaultIfEmpty("none-visible").ToList(),
            VisibleOpenTypes = [OpenTypes.Open, OpenTypes.Restricted],
        }, ct);

    /// <summary>Organizations by id, loaded once per request.</summary>
    public async Task<Organization?> OrganizationAsync(long id, Dictionary<long, Organization?> cache, CancellationToken ct)
    {
        if (!cache.TryGetValue(id, out var organization))
        {
            organization = await platform.Organizations.FindAsync(id, ct);
            cache[id] = organization;
        }

        return organization;
    }
}
