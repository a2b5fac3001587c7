using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Gongshu.Catalog.Search;

/// <summary>
/// The results of recent searches of one version of the index, by query. A search's result is a
/// function of its query and of the index version alone — the hits are read from the index's own
/// table, which only a new version changes — so a result kept for the version a search reads is
/// exactly the one it would work out. Every write to the index moves the version on in the
/// database (<c>catalog_search_state</c>), whichever process writes, so the next search in every
/// process reads the new version and finds nothing kept for it; results of older versions are
/// dropped then. At most <see cref="MaxResults"/> results are kept (some 10 MB with 100 hits each);
/// beyond that the cache starts again empty.
/// </summary>
internal sealed class SearchResultCache
{
    public const int MaxResults = 1_000;

    private Results? _current;

    /// <summary>What identifies a query: all of it, as JSON (so no two queries share a key).</summary>
    public static string Key(CatalogQuery query) => JsonSerializer.Serialize(query);

    public bool TryGet(long generation, long version, string key, [NotNullWhen(true)] out CatalogSearchResult? result)
    {
        var current = Volatile.Read(ref _current);
        result = null;
        return current is not null && current.Generation == generation && current.Version == version && current.ByQuery.TryGetValue(key, out result);
    }

    /// <summary>Keeps <paramref name="result"/>, unless the cache already holds a newer version than the one it was found at.</summary>
    public void Add(long generation, long version, string key, CatalogSearchResult result)
    {
        while (true)
        {
            var current = Volatile.Read(ref _current);
            if (current is not null && (current.Generation, current.Version).CompareTo((generation, version)) > 0)
            {
                return;
            }

            if (current is not null && current.Generation == generation && current.Version == version && current.ByQuery.Count < MaxResults)
            {
                current.ByQuery.TryAdd(key, result);
                return;
            }

            var next = new Results(generation, version);
            next.ByQuery.TryAdd(key, result);
            if (Interlocked.CompareExchange(ref _current, next, current) == current)
            {
                return;
            }
        }
    }

    private sealed class Results(long generation, long version)
    {
        public long Generation { get; } = generation;

        public long Version { get; } = version;

        public ConcurrentDictionary<string, CatalogSearchResult> ByQuery { get; } = new(StringComparer.Ordinal);
    }
}
