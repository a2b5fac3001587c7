using Gongshu.Catalog.Search;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Catalog.Search;

/// <summary>What is syntax to SQL, LIKE or FTS5 is plain text to the search: it matches literally or not at all.</summary>
public class HostileQueryTests
{
    public static TheoryData<DatabaseKind, string, long[]> Queries()
    {
        (string Query, long[] Found)[] queries =
        [
            ("' OR 1=1 --", []), ("'; DROP TABLE catalog_search; --", []), ("\" OR \"\"=\"", []), ("\"", [5]), ("\"\"", []),
            ("*", [5]), ("人口*", []), ("NEAR(", []), ("NEAR(人口 企业, 2)", []), ("\"人口\" OR \"企业\"", []), ("-人口", []),
            ("人口 NOT 企业", []), ("name:人口", []), ("match_name:人口", []), ("{match_name}: 人口", []), ("^人口", []),
            ("人口 AND", []), ("(", [3]), (")", [3]), ("\\", [5]), ("%%", []), ("_", [5]), ("[", []), ("?", []), ("@t0", []),
            ("$1", []), ("人口\u0000企业", []), ("\ud800", []), ("😀", []), ("１＝１", []), ("\0", [1, 2, 3, 4, 5, 6]),
        ];
        var data = new TheoryData<DatabaseKind, string, long[]>();
        foreach (var kind in new[] { DatabaseKind.Sqlite, DatabaseKind.Postgres })
        {
            foreach (var (query, found) in queries)
            {
                data.Add(kind, query, found);
            }
        }

        return data;
    }

    [Theory, MemberData(nameof(Queries))]
    public async Task Syntax_in_a_query_matches_literally_or_finds_nothing(DatabaseKind kind, string text, long[] found)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        var result = await bed.SearchAsync(new CatalogQuery { Text = text, Facets = CatalogFacet.All, Limit = CatalogQuery.MaxLimit });

        Assert.Equal(found, result.Hits.Select(h => h.ResourceId).Order());
        Assert.Equal(found.Length, result.Total);
        Assert.Equal(6, (await bed.SearchAsync(new CatalogQuery())).Total);
    }

    [Theory, AllDatabases]
    public async Task Like_wildcards_and_quotes_match_only_themselves(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        Assert.Equal([5L], await bed.FindAsync("%"));
        Assert.Equal([5L], await bed.FindAsync("_"));
        Assert.Equal([5L], await bed.FindAsync("\\"));
        Assert.Equal([5L], await bed.FindAsync("100%"));
        Assert.Equal([5L], await bed.FindAsync("C:\\port_data"));
        Assert.Equal([5L], await bed.FindAsync("率_100%"));
        Assert.Equal([5L], await bed.FindAsync("\"monthly\""));
        Assert.Equal([5L], await bed.FindAsync("\" * 100%"));
        Assert.Empty(await bed.FindAsync("port%data"));
        Assert.Empty(await bed.FindAsync("p_rt"));
    }

    [Theory, AllDatabases]
    public async Task Filter_values_are_data_not_sql(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        Assert.Empty(await bed.FindAsync(null, new CatalogQuery { Tags = ["' OR 1=1 --"], Grades = ["L1') OR ('1'='1"] }));
        Assert.Empty(await bed.FindAsync(null, new CatalogQuery { ClassificationPrefix = "%" }));
        Assert.Empty(await bed.FindAsync(null, new CatalogQuery { Formats = ["%"], ShareTypes = ["_"] }));
        Assert.Equal(6, (await bed.SearchAsync(new CatalogQuery())).Total);
    }
}
