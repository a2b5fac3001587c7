using System.Runtime.CompilerServices;
using Gongshu.Catalog.Search;

namespace Gongshu.Catalog;

/// <summary>The search documents of the whole published catalog, for rebuilding the index.</summary>
public sealed partial class CatalogService
{
    private const int DocumentBatch = 100;

    /// <summary>Every published resource's search document, in resource id order, read a batch at a time (four queries a batch).</summary>
    public async IAsyncEnumerable<SearchDocument> PublishedDocumentsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        long afterId = 0;
        while (true)
        {
            List<SearchDocument> batch;
            await using (var connection = await OpenAsync(ct))
            {
                var resources = await CatalogStore.ListPublishedResourcesAsync(connection, afterId, DocumentBatch, ct);
                var versions = await CatalogStore.LoadVersionsAsync(connection, _database.Kind, resources.Select(r => r.PublishedVersionId!.Value).ToList(), ct);
                var providers = await CatalogStore.LoadProvidersAsync(connection, _database.Kind, resources.Select(r => r.ProviderId).Distinct().ToList(), ct);
                batch = resources.Select(r => CatalogIndexing.Document(r, versions[r.PublishedVersionId!.Value], providers[r.ProviderId])).ToList();
                if (resources.Count > 0)
                {
                    afterId = resources[^1].Id;
                }
            }

            foreach (var document in batch)
            {
                yield return document;
            }

            if (batch.Count < DocumentBatch)
            {
                yield break;
            }
        }
    }
}
