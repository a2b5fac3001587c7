using Gongshu.Catalog.Search;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Catalog.Search;

public class FilterAndFacetTests
{
    [Theory, AllDatabases]
    public async Task Each_filter_keeps_the_resources_with_any_of_its_values(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        Assert.Equal([2L, 3L], await bed.FindSetAsync(null, new CatalogQuery { ProviderIds = [12, 13] }));
        Assert.Equal([2L, 4L], await bed.FindSetAsync(null, new CatalogQuery { ShareTypes = ["conditional"] }));
        Assert.Equal([4L, 6L], await bed.FindSetAsync(null, new CatalogQuery { OpenTypes = ["closed"] }));
        Assert.Equal([2L, 3L], await bed.FindSetAsync(null, new CatalogQuery { Grades = ["L2"] }));
        Assert.Equal([2L, 5L], await bed.FindSetAsync(null, new CatalogQuery { Formats = ["api"] }));
        Assert.Equal([1L, 4L, 6L], await bed.FindSetAsync(null, new CatalogQuery { UpdateCycles = ["monthly", "irregular"] }));
        Assert.Equal([2L, 3L], await bed.FindSetAsync(null, new CatalogQuery { Tags = ["信用"] }));
        Assert.Equal([1L, 4L, 5L], await bed.FindSetAsync(null, new CatalogQuery { Tags = ["人口", "交通"] }));
        Assert.Empty(await bed.FindAsync(null, new CatalogQuery { Tags = ["信"] }));
    }

    [Theory, AllDatabases]
    public async Task Filters_combine_with_each_other_and_with_the_text(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        Assert.Equal([5L], await bed.FindAsync(null, new CatalogQuery { ShareTypes = ["unconditional"], Formats = ["api"] }));
        Assert.Equal([3L], await bed.FindAsync("企业 信用", new CatalogQuery { DivisionCodes = ["330100"] }));
        Assert.Empty(await bed.FindAsync("人口", new CatalogQuery { Grades = ["L2"] }));
    }

    [Theory, AllDatabases]
    public async Task A_division_matches_exactly_or_with_everything_under_it(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        Assert.Equal([3L], await bed.FindSetAsync(null, new CatalogQuery { DivisionCodes = ["330100"] }));
        Assert.Equal([4L, 5L, 6L], await bed.FindSetAsync(null, new CatalogQuery { DivisionCodes = ["330106", "330200"] }));
        Assert.Equal([3L, 4L, 6L], await bed.FindSetAsync(null, new CatalogQuery { DivisionCodes = ["330100"], IncludeSubdivisions = true }));
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], await bed.FindSetAsync(null, new CatalogQuery { DivisionCodes = ["330000"], IncludeSubdivisions = true }));
        Assert.Empty(await bed.FindAsync(null, new CatalogQuery { DivisionCodes = ["320000"], IncludeSubdivisions = true }));
    }

    [Theory, AllDatabases]
    public async Task A_classification_prefix_selects_a_class_an_item_or_a_category(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        Assert.Equal([1L, 2L, 4L], await bed.FindSetAsync(null, new CatalogQuery { ClassificationPrefix = "1" }));
        Assert.Equal([1L, 4L], await bed.FindSetAsync(null, new CatalogQuery { ClassificationPrefix = "101" }));
        Assert.Equal([1L, 4L], await bed.FindSetAsync(null, new CatalogQuery { ClassificationPrefix = "101001" }));
        Assert.Equal([3L, 6L], await bed.FindSetAsync(null, new CatalogQuery { ClassificationPrefix = "3" }));
        Assert.Empty(await bed.FindAsync(null, new CatalogQuery { ClassificationPrefix = "1010011" }));
    }

    [Theory, AllDatabases]
    public async Task Facets_count_each_value_under_all_the_other_filters(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        var result = await bed.SearchAsync(new CatalogQuery { Grades = ["L2"], Facets = CatalogFacet.All });

        Assert.Equal(2, result.Total);
        Assert.Equal(CatalogFacet.All.Order(), result.Facets.Keys.Order());

        // The grade facet ignores the grade filter, so the other grades show what choosing them would give.
        Assert.Equal([("L1", 2L), ("L2", 2L), ("L3", 1L), ("L4", 1L)], Counts(result, CatalogFacet.Grade));
        Assert.Equal([("api", 1L), ("spreadsheet", 1L)], Counts(result, CatalogFacet.Format));
        Assert.Equal([("企业", 1L), ("信用", 2L), ("税务", 1L)], Counts(result, CatalogFacet.Tag).OrderBy(c => c.Item1, StringComparer.Ordinal));
        Assert.Equal(("信用", 2L), Counts(result, CatalogFacet.Tag)[0]);
        Assert.Equal([("1", 1L), ("3", 1L)], Counts(result, CatalogFacet.Classification));
        Assert.Equal([("330000", 1L), ("330100", 1L)], Counts(result, CatalogFacet.Division));
        Assert.Equal([("conditional", 1L), ("unconditional", 1L)], Counts(result, CatalogFacet.ShareType));
        Assert.Equal([("open", 1L), ("restricted", 1L)], Counts(result, CatalogFacet.OpenType));
        Assert.Equal([("daily", 1L), ("yearly", 1L)], Counts(result, CatalogFacet.UpdateCycle));
        Assert.Equal(
            [new FacetCount("12", "省市场监管局", 1), new FacetCount("13", "杭州市税务局", 1)],
            result.Facets[CatalogFacet.Provider]);
    }

    [Theory, AllDatabases]
    public async Task Facets_count_only_what_the_text_matches(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        var result = await bed.SearchAsync(new CatalogQuery { Text = "信用", Grades = ["L2"], Facets = [CatalogFacet.Grade, CatalogFacet.Provider] });

        Assert.Equal(2, result.Total);
        Assert.Equal([("L2", 2L), ("L4", 1L)], Counts(result, CatalogFacet.Grade));
        Assert.Equal(["12", "13"], result.Facets[CatalogFacet.Provider].Select(f => f.Value).Order());
        Assert.DoesNotContain(CatalogFacet.Tag, result.Facets.Keys);
    }

    [Theory, AllDatabases]
    public async Task A_filtered_facet_still_counts_its_other_values(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        var result = await bed.SearchAsync(new CatalogQuery { DivisionCodes = ["330100"], Tags = ["信用"], Facets = [CatalogFacet.Division, CatalogFacet.Tag] });

        Assert.Equal([3L], result.Hits.Select(h => h.ResourceId));
        Assert.Equal([("330000", 1L), ("330100", 1L)], Counts(result, CatalogFacet.Division));
        Assert.Equal([("信用", 1L), ("税务", 1L)], Counts(result, CatalogFacet.Tag));
    }

    [Theory, AllDatabases]
    public async Task The_classification_facet_drills_down_one_level_under_the_prefix(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);
        async Task<(string, long)[]> Classes(string? prefix)
            => Counts(await bed.SearchAsync(new CatalogQuery { ClassificationPrefix = prefix, Facets = [CatalogFacet.Classification] }), CatalogFacet.Classification);

        Assert.Equal([("1", 3L), ("3", 2L), ("2", 1L)], await Classes(null));
        Assert.Equal([("101", 2L), ("102", 1L)], await Classes("1"));
        Assert.Equal([("101001", 2L)], await Classes("101"));
        Assert.Equal([("101001", 2L)], await Classes("101001"));
    }

    private static (string, long)[] Counts(CatalogSearchResult result, string facet)
        => result.Facets[facet].Select(f => (f.Value, f.Count)).ToArray();
}
