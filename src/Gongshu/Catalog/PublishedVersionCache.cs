using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Gongshu.Catalog;

/// <summary>
/// Published versions by id, as <see cref="CatalogService.GetPublishedAsync"/> read them. A
/// version's content, fields and score never change once it is published, and it stops being
/// published (superseded or retired) only in the transaction that makes its resource name another
/// version, or none: a version kept here is used only for a resource row, read afresh, that still
/// names it as published, so it is never served stale, whichever process changes the catalog.
/// At most <see cref="MaxVersions"/> are kept (some 30 MB); beyond that the cache starts again empty.
/// </summary>
internal sealed class PublishedVersionCache
{
    public const int MaxVersions = 10_000;

    private Versions _current = new();

    public bool TryGet(long versionId, [NotNullWhen(true)] out ResourceVersion? version)
        => Volatile.Read(ref _current).ById.TryGetValue(versionId, out version);

    public void Add(ResourceVersion version)
    {
        var current = Volatile.Read(ref _current);
        if (current.Count >= MaxVersions)
        {
            Interlocked.CompareExchange(ref _current, new Versions(), current);
            current = Volatile.Read(ref _current);
        }

        if (current.ById.TryAdd(version.Id, version))
        {
            Interlocked.Increment(ref current.Count);
        }
    }

    private sealed class Versions
    {
        public readonly ConcurrentDictionary<long, ResourceVersion> ById = new();
        public int Count;
    }
}
