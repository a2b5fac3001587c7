using Gongshu.Catalog.Search;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Catalog.Search;

public class IndexMaintenanceTests
{
    [Theory, AllDatabases]
    public async Task Indexing_again_replaces_the_text_the_facets_and_the_tags(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        await bed.IndexAsync([SampleCatalog.Residents with
        {
            Name = "流动人口登记",
            Keywords = ["居住证"],
            Tags = ["流动人口", "流动人口", " "],
            Grade = "L3",
            UpdatedAt = SampleCatalog.MedicalLicences.UpdatedAt.AddDays(1),
        }]);

        Assert.Empty(await bed.FindAsync("基础信息"));
        Assert.Empty(await bed.FindAsync("户籍 基础库"));
        Assert.Equal([1L], await bed.FindAsync("流动"));
        Assert.Equal([1L], await bed.FindAsync("居住证"));
        var result = await bed.SearchAsync(new CatalogQuery { Facets = [CatalogFacet.Grade, CatalogFacet.Tag] });
        Assert.Equal(6, result.Total);
        Assert.Equal(1L, result.Hits[0].ResourceId);
        Assert.Equal(["流动人口"], result.Hits[0].Tags);
        Assert.Contains(new FacetCount("L3", null, 2), result.Facets[CatalogFacet.Grade]);
        Assert.DoesNotContain(result.Facets[CatalogFacet.Tag], f => f.Value == "基础库");
    }

    [Theory, AllDatabases]
    public async Task A_removed_resource_is_no_longer_found(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        await bed.RemoveAsync(SampleCatalog.EnterpriseCredit.ResourceId);
        await bed.RemoveAsync(999);

        Assert.Equal([3L], await bed.FindAsync("企业 信用"));
        Assert.Empty(await bed.FindAsync("统一社会信用代码"));
        var result = await bed.SearchAsync(new CatalogQuery { Facets = [CatalogFacet.Tag] });
        Assert.Equal(5, result.Total);
        Assert.DoesNotContain(result.Facets[CatalogFacet.Tag], f => f.Value == "企业");
    }

    [Theory, AllDatabases]
    public async Task Indexing_is_undone_with_the_callers_transaction(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        await using (var connection = await bed.Database.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await bed.Index.IndexAsync(connection, tx, SampleCatalog.Births with { ResourceId = 7, Name = "死亡登记" });
            await bed.Index.RemoveAsync(connection, tx, SampleCatalog.Residents.ResourceId);
            await tx.RollbackAsync();
        }

        Assert.Empty(await bed.FindAsync("死亡"));
        Assert.Equal([1L], await bed.FindAsync("常住人口"));
    }

    [Theory, AllDatabases]
    public async Task Reindexing_replaces_the_whole_index(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);

        var count = await bed.Index.ReindexAllAsync(Documents(SampleCatalog.Births, SampleCatalog.PortThroughput));

        Assert.Equal(2, count);
        Assert.Equal([4L, 5L], await bed.FindSetAsync(null));
        Assert.Equal([4L], await bed.FindAsync("人口"));
        Assert.Empty(await bed.FindAsync("企业"));
    }

    [Theory, AllDatabases]
    public async Task A_search_asked_again_sees_every_change_made_in_between_by_any_process(DatabaseKind kind)
    {
        await using var bed = await SearchTestBed.CreateAsync(kind);
        var query = new CatalogQuery { Text = "人口", Facets = [CatalogFacet.Grade] };
        var first = await bed.SearchAsync(query);
        Assert.Same(first, await bed.SearchAsync(query with { Facets = [CatalogFacet.Grade] }));

        // Another process (another index instance) adds a resource, then one of its changes rolls back.
        var other = new CatalogSearchIndex(bed.Database);
        await using (var connection = await bed.Database.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await other.IndexAsync(connection, tx, SampleCatalog.Births with { ResourceId = 7, Code = "101001/00007", Name = "流动人口登记", Grade = "L4" });
            await tx.CommitAsync();
        }

        var added = await bed.SearchAsync(query);
        Assert.Equal(first.Total + 1, added.Total);
        Assert.Contains(added.Hits, h => h.ResourceId == 7);
        Assert.Contains(new FacetCount("L4", null, 1), added.Facets[CatalogFacet.Grade]);
        await using (var connection = await bed.Database.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await other.RemoveAsync(connection, tx, 7);
            await tx.RollbackAsync();
        }

        Assert.Equal(added.Total, (await bed.SearchAsync(query)).Total);

        await using (var connection = await bed.Database.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await other.RemoveAsync(connection, tx, 7);
            await tx.CommitAsync();
        }

        Assert.Equal(first.Hits.Select(h => h.ResourceId), (await bed.SearchAsync(query)).Hits.Select(h => h.ResourceId));

        await other.ReindexAllAsync(Documents(SampleCatalog.PortThroughput));
        Assert.Equal(0, (await bed.SearchAsync(query)).Total);
    }

    private static async IAsyncEnumerable<SearchDocument> Documents(params SearchDocument[] documents)
    {
        foreach (var document in documents)
        {
            await Task.Yield();
            yield return document;
        }
    }
}
