using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Gongshu.Catalog.Search;

namespace Gongshu.Tests.CatalogTests;

/// <summary>
/// A search index that remembers what the catalog sent it and, to prove it was called inside the
/// catalog's transaction, what that transaction showed of the resource at the time. It can be
/// told to fail, as an index whose table is gone would.
/// </summary>
public sealed class RecordingCatalogIndex : ICatalogIndex
{
    private readonly ConcurrentQueue<(string Call, long ResourceId, string StatusSeen, SearchDocument? Document)> _calls = new();

    public bool Fail { get; set; }

    public IReadOnlyList<(string Call, long ResourceId, string StatusSeen, SearchDocument? Document)> Calls => [.. _calls];

    public IReadOnlyList<SearchDocument> Indexed => Calls.Where(c => c.Call == "index").Select(c => c.Document!).ToList();

    public async Task IndexAsync(DbConnection connection, DbTransaction transaction, SearchDocument document, CancellationToken ct = default)
    {
        ThrowIfFailing();
        _calls.Enqueue(("index", document.ResourceId, await StatusAsync(connection, transaction, document.ResourceId), document));
    }

    public async Task RemoveAsync(DbConnection connection, DbTransaction transaction, long resourceId, CancellationToken ct = default)
    {
        ThrowIfFailing();
        _calls.Enqueue(("remove", resourceId, await StatusAsync(connection, transaction, resourceId), null));
    }

    private void ThrowIfFailing()
    {
        if (Fail)
        {
            throw new GongshuException(ErrorKind.Unavailable, "index_unavailable", "The search index is unavailable.");
        }
    }

    private static Task<string> StatusAsync(DbConnection connection, DbTransaction transaction, long id)
        => connection.QuerySingleAsync<string>("SELECT status FROM catalog_resources WHERE id = @id", new { id }, transaction);
}
