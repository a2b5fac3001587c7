using Gongshu.Audit;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Security.Encryption;
using Gongshu.Storage;

namespace Gongshu.Governance.Authority;

/// <summary>The conflict report: each copy's data in force against the authority's, by key.</summary>
public sealed partial class AuthoritativeSources
{
    /// <summary>
    /// Compares every copy the caller may see with the authority, streaming both: the authority is
    /// read once into a dictionary of key hash → value hash (decrypted where stored encrypted), then
    /// each copy is read row by row against it; the authority's values of the sampled
    /// disagreements are looked up afterwards. Platform admins and auditors see every copy; a
    /// provider's admins only the copies their department provides; anyone else gets 404.
    /// </summary>
    public async Task<ConflictReport> ConflictsAsync(CatalogCaller caller, long elementId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var element = await RequireElementAsync(elementId, ct);
        var copies = caller.OverseesAll
            ? element.Copies
            : element.Copies.Where(c => caller.AdministersProvider(c.ProviderId)).ToList();
        if (copies.Count == 0 && !caller.OverseesAll)
        {
            throw GongshuException.NotFound($"Conflict report of data element {elementId}", "conflicts_not_found");
        }

        var datasets = new DatasetStore(database, _clock);
        var authoritySide = await OpenAsync(caller, datasets, element.Authority, ct);
        var compared = authoritySide.State == ComparisonStates.Compared;
        var index = new AuthorityIndex(compared ? authoritySide.Version!.RowCount : 0);
        if (compared)
        {
            await foreach (var (_, key, value) in authoritySide.ReadAsync(datasets, ct))
            {
                index.Add(key, value);
            }
        }

        var tallies = new List<(ElementCopy Copy, OpenedSource Side, CopyTally Tally)>();
        foreach (var copy in copies)
        {
            var side = compared
                ? await OpenAsync(caller, datasets, copy.Source, ct)
                : new OpenedSource(copy.Source, ComparisonStates.AuthorityUnavailable, null, null, -1, -1);
            var tally = new CopyTally(SamplesPerCopy);
            if (side.State == ComparisonStates.Compared)
            {
                await foreach (var (rowId, key, value) in side.ReadAsync(datasets, ct))
                {
                    tally.Count(index, rowId, key, value);
                }
            }

            tallies.Add((copy, side, tally));
        }

        var authorityValues = await AuthorityValuesAsync(datasets, authoritySide, tallies.SelectMany(t => t.Tally.Samples.Select(s => s.Key)).ToHashSet(StringComparer.Ordinal), ct);
        var report = new ConflictReport(element.Id, element.Code, element.Name,
            new AuthorityData(element.Authority, authoritySide.State, authoritySide.Version?.Id, index.Rows, index.Keys, index.EmptyKeys, index.DuplicateKeys),
            tallies.Select(t => new CopyConflicts(t.Copy.Id, t.Copy.ProviderId, t.Copy.Source, t.Side.State, t.Side.Version?.Id,
                t.Tally.Compared, t.Tally.Agree, t.Tally.Disagree, t.Tally.Missing, t.Tally.Empty, t.Tally.Ambiguous,
                t.Tally.Samples.Select(s => new ConflictSample(s.RowId, QualityRules.MaskSample(s.Key), QualityRules.MaskSample(s.Value),
                    QualityRules.MaskSample(authorityValues.GetValueOrDefault(s.Key, "")))).ToList())).ToList(),
            _clock.GetUtcNow());

        await audit.AppendAsync(caller.Actor.Entry("governance.authority.report", ObjectName(element.Id), AuditOutcome.Success, new
        {
            code = element.Code,
            authority = new { resource = element.Authority.Resource, state = authoritySide.State, rows = index.Rows },
            copies = report.Copies.Select(c => new { copy = c.CopyId, resource = c.Source.Resource, state = c.State, compared = c.Compared, disagree = c.Disagree }).ToList(),
        }), CancellationToken.None);
        return report;
    }

    /// <summary>
    /// The authority's values of the sampled keys: through the key's blind index where it is an
    /// indexed encrypted key (one indexed read a key), otherwise in one more pass that keeps only
    /// those keys (a plain column is not indexed: a read a key would scan the table each time).
    /// </summary>
    private async Task<Dictionary<string, string>> AuthorityValuesAsync(DatasetStore datasets, OpenedSource authority, IReadOnlySet<string> keys, CancellationToken ct)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys.Count == 0 || authority.State != ComparisonStates.Compared || authority.Version is not { } version)
        {
            return values;
        }

        var blindIndex = DatasetColumn.BlindIndexName(authority.Source.KeyField);
        if (version.Columns.Any(c => c.Name == blindIndex && c.Indexed))
        {
            var indexer = encryption.BlindIndexer(version.ResourceKey, authority.Source.KeyField);
            foreach (var key in keys)
            {
                await foreach (var (_, _, value) in authority.ReadAsync(datasets, ct, new DatasetRead(Limit: 1, EqualsColumn: blindIndex, EqualsValue: indexer.Compute(key))))
                {
                    values[key] = value ?? "";
                }
            }

            return values;
        }

        await foreach (var (_, key, value) in authority.ReadAsync(datasets, ct))
        {
            if (key is not null && keys.Contains(key))
            {
                values[key] = value ?? "";
            }
        }

        return values;
    }

    private async Task<OpenedSource> OpenAsync(CatalogCaller caller, DatasetStore datasets, ElementSource source, CancellationToken ct)
    {
        if (await PublishedAsync(caller, source.Resource, ct) is null)
        {
            return new OpenedSource(source, ComparisonStates.NotPublished, null, null, -1, -1);
        }

        if (await datasets.GetCurrentAsync(source.Resource, ct) is not { } version)
        {
            return new OpenedSource(source, ComparisonStates.NoData, null, null, -1, -1);
        }

        var revealer = new RowRevealer(encryption, version);
        var names = revealer.Fields.Select(f => f.Name).ToList();
        var (key, value) = (names.IndexOf(source.KeyField), names.IndexOf(source.ValueField));
        return key < 0 || value < 0
            ? new OpenedSource(source, ComparisonStates.FieldMissing, version, null, -1, -1)
            : new OpenedSource(source, ComparisonStates.Compared, version, revealer, key, value);
    }

    /// <summary>One side of the comparison, ready to stream its key and value as text.</summary>
    private sealed record OpenedSource(ElementSource Source, string State, DatasetVersion? Version, RowRevealer? Revealer, int Key, int Value)
    {
        public async IAsyncEnumerable<(long RowId, string? Key, string? Value)> ReadAsync(DatasetStore datasets,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct, DatasetRead? read = null)
        {
            await foreach (var row in datasets.ReadAsync(Version!, read, ct))
            {
                var fields = Revealer!.Reveal(row.Values);
                yield return (row.RowId, ElementText.Key(fields[Key]), ElementText.Value(fields[Value]));
            }
        }
    }
}
