using Gongshu.Catalog.Search;
using Gongshu.Storage;
using Gongshu.Tests.Support;

namespace Gongshu.Tests.Catalog.Search;

/// <summary>A migrated database with a catalog search index of its own, filled with <see cref="SampleCatalog"/> unless asked otherwise.</summary>
internal sealed class SearchTestBed : IAsyncDisposable
{
    private readonly TestDatabase _test;

    private SearchTestBed(TestDatabase test)
    {
        _test = test;
        Index = new CatalogSearchIndex(test.Database);
    }

    public Database Database => _test.Database;

    public CatalogSearchIndex Index { get; }

    public static async Task<SearchTestBed> CreateAsync(DatabaseKind kind, IEnumerable<SearchDocument>? documents = null)
    {
        var bed = new SearchTestBed(await TestDatabase.CreateAsync(kind));
        await bed.IndexAsync(documents ?? SampleCatalog.All);
        return bed;
    }

    /// <summary>Indexes as the catalog does: inside its own transaction.</summary>
    public async Task IndexAsync(IEnumerable<SearchDocument> documents)
    {
        await using var connection = await Database.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        foreach (var document in documents)
        {
            await Index.IndexAsync(connection, tx, document);
        }

        await tx.CommitAsync();
    }

    public async Task RemoveAsync(long resourceId)
    {
        await using var connection = await Database.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await Index.RemoveAsync(connection, tx, resourceId);
        await tx.CommitAsync();
    }

    public Task<CatalogSearchResult> SearchAsync(CatalogQuery query) => Index.SearchAsync(query);

    /// <summary>The ids found for <paramref name="text"/>, in result order.</summary>
    public async Task<IReadOnlyList<long>> FindAsync(string? text, CatalogQuery? query = null)
    {
        var result = await Index.SearchAsync((query ?? new CatalogQuery()) with { Text = text, Limit = CatalogQuery.MaxLimit });
        return result.Hits.Select(h => h.ResourceId).ToList();
    }

    /// <summary>The ids found for <paramref name="text"/>, sorted: for tests that check which, not in what order.</summary>
    public async Task<IReadOnlyList<long>> FindSetAsync(string? text, CatalogQuery? query = null)
        => (await FindAsync(text, query)).Order().ToList();

    public ValueTask DisposeAsync() => _test.DisposeAsync();
}
