using Gongshu.Catalog.Search;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Catalog.Search;

public class SortAndPageTests
{
    [Theory, AllDatabases]
    public async Task Updated_sorts_newest_first_even_with_text(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        Assert.Equal([6L, 2L, 3L], await bed.FindAsync("信用", new CatalogQuery { Sort = CatalogSort.Updated }));
        Assert.Equal([6L, 2L, 3L, 1L, 4L, 5L], await bed.FindAsync(null, new CatalogQuery { Sort = CatalogSort.Updated }));
    }

    [Theory, AllDatabases]
    public async Task Name_sorts_by_code_point(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        var names = (await bed.SearchAsync(new CatalogQuery { Sort = CatalogSort.Name })).Hits.Select(h => h.Name).ToList();

        Assert.Equal(SampleCatalog.All.Select(d => d.Name).Order(StringComparer.Ordinal), names);
    }

    [Theory, AllDatabases]
    public async Task Pages_cover_every_result_once_and_share_the_total(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        var seen = new List<long>();
        for (var offset = 0; offset < 6; offset += 4)
        {
            var page = await bed.SearchAsync(new CatalogQuery { Offset = offset, Limit = 4, Facets = [CatalogFacet.Grade] });
            Assert.Equal(6, page.Total);
            Assert.Equal(4, page.Facets[CatalogFacet.Grade].Count);
            seen.AddRange(page.Hits.Select(h => h.ResourceId));
        }

        var beyond = await bed.SearchAsync(new CatalogQuery { Offset = 6, Limit = 4 });

        Assert.Equal([6L, 2L, 3L, 1L, 4L, 5L], seen);
        Assert.Empty(beyond.Hits);
        Assert.Equal(6, beyond.Total);
    }

    [Theory, AllDatabases]
    public async Task A_search_is_refused_with_the_field_at_fault(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind, []);

        (CatalogQuery Query, string Field)[] refused =
        [
            (new() { Limit = 0 }, "limit"),
            (new() { Limit = CatalogQuery.MaxLimit + 1 }, "limit"),
            (new() { Offset = -1 }, "offset"),
            (new() { Sort = "popularity" }, "sort"),
            (new() { Facets = [CatalogFacet.Grade, "colour"] }, "facets"),
            (new() { Text = new string('数', CatalogQuery.MaxTextLength + 1) }, "text"),
            (new() { Text = string.Join(' ', Enumerable.Range(0, CatalogQuery.MaxTerms + 1)) }, "text"),
            (new() { DivisionCodes = ["33"] }, "divisionCodes"),
            (new() { ClassificationPrefix = " " }, "classificationPrefix"),
            (new() { Tags = Enumerable.Range(0, CatalogQuery.MaxFilterValues + 1).Select(i => $"t{i}").ToList() }, "tags"),
            (new() { Tags = ["人口\0"] }, "tags"),
            (new() { Grades = ["L\ud800"] }, "grades"),
            (new() { ProviderIds = Enumerable.Range(0, CatalogQuery.MaxFilterValues + 1).Select(i => (long)i).ToList() }, "providerIds"),
        ];
        foreach (var (query, field) in refused)
        {
            var e = await Assert.ThrowsAsync<GongshuException>(() => bed.SearchAsync(query));
            Assert.Equal((ErrorKind.BadRequest, field), (e.Kind, e.Field));
        }
    }
}
