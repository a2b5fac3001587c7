using Gongshu.Catalog.Search;
using Gongshu.Server.Catalog;
using Gongshu.Server.Platform;
using Gongshu.Storage;

namespace Gongshu.Server.Web.Portal;

/// <summary>The portal's headline figures (开放数据集数量, 开放数据项数量, …), counted over the open catalog.</summary>
public sealed record OpenDataFigures(long Datasets, long Fields, long Departments, long Rows);

/// <summary>
/// Counts the open catalog from its records: the resources the public can see (无条件开放 and
/// 受限开放), their fields, their providers and the rows of their current data. A count is kept
/// for a few seconds, so a busy home page does not read the whole open catalog on every visit.
/// </summary>
public sealed class PortalFigures(PlatformServices platform, TimeProvider clock)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(10);
    private volatile Counted? _last;

    public async Task<OpenDataFigures> GetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_last is { } last && now - last.At < KeptFor)
        {
            return last.Figures;
        }

        var figures = await CountAsync(ct);
        _last = new Counted(figures, now);
        return figures;
    }

    private async Task<OpenDataFigures> CountAsync(CancellationToken ct)
    {
        var open = new OpenCatalog(platform);
        var ids = new List<long>();
        CatalogSearchResult page;
        do
        {
            page = await open.SearchAsync(new CatalogQuery { Sort = CatalogSort.Name, Offset = ids.Count, Limit = CatalogQuery.MaxLimit }, ct);
            ids.AddRange(page.Hits.Select(h => h.ResourceId));
        }
        while (page.Hits.Count > 0 && ids.Count < page.Total);

        var resources = await open.FindAsync(ids, ct);
        var rowCounts = await new DatasetStore(platform.Database).CurrentRowCountsAsync(ct);
        return new OpenDataFigures(
            resources.Count,
            resources.Sum(r => (long)r.Version.Metadata.Fields.Count),
            resources.Select(r => r.ProviderId).Distinct().LongCount(),
            resources.Sum(r => rowCounts.GetValueOrDefault(r.Code)));
    }

    private sealed record Counted(OpenDataFigures Figures, DateTimeOffset At);
}
