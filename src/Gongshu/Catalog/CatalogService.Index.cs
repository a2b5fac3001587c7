using System.Runtime.CompilerServices;
using Dapper;
using Gongshu.Catalog.Search;

namespace Gongshu.Catalog;

/// <summary>The search documents of the whole published catalog, for rebuilding the index.</summary>
public sealed partial class CatalogService
{
    private const int DocumentBatch = 100;

    /// <summary>Every published resource's search document, in resource id order, read a batch at a time.</summary>
    public async IAsyncEnumerable<SearchDocument> PublishedDocumentsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        long afterId = 0;
        while (true)
        {
            bool more;
            var batch = new List<SearchDocument>(DocumentBatch);
            await using (var connection = await OpenAsync(ct))
            {
                var ids = (await connection.QueryAsync<long>(new CommandDefinition($"""
                    SELECT id FROM catalog_resources WHERE status = 'published' AND id > @afterId ORDER BY id LIMIT {DocumentBatch}
                    """, new { afterId }, cancellationToken: ct))).ToList();
                foreach (var id in ids)
                {
                    // A resource retired between the two reads is left out.
                    if (await CatalogStore.FindResourceAsync(connection, null, id, ct) is { ResourceStatus: ResourceStatus.Published } resource)
                    {
                        var version = await CatalogStore.LoadVersionAsync(connection, null, resource.PublishedVersionId!.Value, ct);
                        var provider = await CatalogStore.LoadProviderAsync(connection, null, resource.ProviderId, ct);
                        batch.Add(CatalogIndexing.Document(resource, version, provider));
                    }
                }

                if (ids.Count > 0)
                {
                    afterId = ids[^1];
                }

                more = ids.Count == DocumentBatch;
            }

            foreach (var document in batch)
            {
                yield return document;
            }

            if (!more)
            {
                yield break;
            }
        }
    }
}
