using System.Data.Common;
using System.Globalization;
using Gongshu.Storage;

namespace Gongshu.Catalog.Search;

/// <summary>
/// What a search needs of every indexed resource besides its text, held in memory: codes, names,
/// the facet values (as small integers), update times and tags, one row per resource in resource id
/// order. It is immutable and stands for one version of the index (<c>catalog_search_state</c>):
/// a search reads the version inside its database snapshot and uses the snapshot of exactly that
/// version, so its counts, facets and hits agree with each other and with the database.
/// <para>
/// A later version is reached by applying what changed since (rows whose <c>stamp</c> is newer,
/// and <c>catalog_search_removed</c>); a rebuild of the whole index (a new generation) is loaded
/// afresh. About 250 bytes a resource: some 25 MB for 100,000 resources.
/// </para>
/// </summary>
internal sealed class SearchSnapshot
{
    private readonly Lazy<int[]> _nameRank;
    private readonly Lazy<int[]> _providerNameRank;
    private readonly Lazy<JoinedText> _names;
    private readonly Lazy<JoinedText> _codes;

    private SearchSnapshot(long generation, long version, Builder builder)
    {
        Generation = generation;
        Version = version;
        Ids = [.. builder.Ids];
        Codes = [.. builder.Codes];
        Names = [.. builder.Names];
        MatchNames = [.. builder.MatchNames];
        Providers = [.. builder.Providers];
        ProviderNames = [.. builder.ProviderNames];
        Updated = [.. builder.Updated];
        TagStarts = [.. builder.TagStarts, builder.TagValues.Count];
        TagValues = [.. builder.TagValues];
        Columns = builder.Columns.Select(c => c.ToColumn()).ToArray();
        ProviderIds = [.. builder.ProviderIds.Values];
        ProviderNameValues = [.. builder.ProviderNameValues.Values];
        Tags = [.. builder.Tags.Values];
        RowOf = new Dictionary<long, int>(Ids.Length);
        for (var i = 0; i < Ids.Length; i++)
        {
            RowOf.Add(Ids[i], i);
        }

        _nameRank = new Lazy<int[]>(RankByName);
        _providerNameRank = new Lazy<int[]>(() => Rank(ProviderNameValues));
        _names = new Lazy<JoinedText>(() => new JoinedText(MatchNames));
        _codes = new Lazy<JoinedText>(() => new JoinedText(Codes));
    }

    /// <summary>The facets stored as a value per resource, in this order in <see cref="Columns"/>.</summary>
    public static readonly string[] ColumnFacets =
        [CatalogFacet.Division, CatalogFacet.Classification, CatalogFacet.ShareType, CatalogFacet.OpenType, CatalogFacet.Grade, CatalogFacet.Format, CatalogFacet.UpdateCycle];

    public long Generation { get; }

    public long Version { get; }

    public int Count => Ids.Length;

    /// <summary>Resource ids, ascending; a row is an index into every array here.</summary>
    public long[] Ids { get; }

    public string[] Codes { get; }

    public string[] Names { get; }

    /// <summary>The normalized name (<see cref="SearchText.Normalize"/>), the same instance as the name when they are equal.</summary>
    public string[] MatchNames { get; }

    /// <summary>Per row, an index into <see cref="ProviderIds"/>.</summary>
    public int[] Providers { get; }

    /// <summary>Per row, an index into <see cref="ProviderNameValues"/>.</summary>
    public int[] ProviderNames { get; }

    public long[] ProviderIds { get; }

    public string[] ProviderNameValues { get; }

    /// <summary>Update times as UTC ticks, at the database's microsecond precision.</summary>
    public long[] Updated { get; }

    /// <summary>Row i's tags are <c>TagValues[TagStarts[i]..TagStarts[i + 1]]</c>, indexes into <see cref="Tags"/>.</summary>
    public int[] TagStarts { get; }

    public int[] TagValues { get; }

    public string[] Tags { get; }

    /// <summary>One per <see cref="ColumnFacets"/>.</summary>
    public FacetColumn[] Columns { get; }

    public Dictionary<long, int> RowOf { get; }

    /// <summary>Each row's place in name order: Unicode code-point order of the name, then resource id.</summary>
    public int[] NameRank => _nameRank.Value;

    /// <summary>Each provider name's place in code-point order (the label of a provider is the greatest name among its rows, as SQL's max()).</summary>
    public int[] ProviderNameRank => _providerNameRank.Value;

    public FacetColumn Column(string facet) => Columns[Array.IndexOf(ColumnFacets, facet)];

    /// <summary>The normalized names, one string, to find a term in all of them with one search.</summary>
    public JoinedText NameText => _names.Value;

    /// <summary>The codes, one string, to find the codes a term starts.</summary>
    public JoinedText CodeText => _codes.Value;

    /// <summary>The snapshot of the version the caller's transaction sees: loaded afresh, or <paramref name="previous"/> brought up to date.</summary>
    public static async Task<SearchSnapshot> LoadAsync(DbConnection connection, DbTransaction snapshot, DatabaseKind kind,
        long generation, long version, SearchSnapshot? previous, CancellationToken ct)
    {
        var builder = new Builder();
        var since = previous is not null && previous.Generation == generation && previous.Version <= version ? previous.Version : (long?)null;
        var changed = await ReadRowsAsync(connection, snapshot, kind, since, ct);
        if (since is null)
        {
            foreach (var row in changed)
            {
                builder.Add(row);
            }

            return new SearchSnapshot(generation, version, builder);
        }

        // Retired rows and rows written again since leave; the rows written since come in, in id order.
        var leaving = (await ReadRemovedAsync(connection, snapshot, since.Value, ct)).Concat(changed.Select(r => r.Id)).ToHashSet();
        builder.Extend(previous!);
        var next = 0;
        for (var i = 0; i < previous!.Count; i++)
        {
            while (next < changed.Count && changed[next].Id < previous.Ids[i])
            {
                builder.Add(changed[next++]);
            }

            if (!leaving.Contains(previous.Ids[i]))
            {
                builder.Copy(previous, i);
            }
        }

        while (next < changed.Count)
        {
            builder.Add(changed[next++]);
        }

        return new SearchSnapshot(generation, version, builder);
    }

    private static async Task<List<Row>> ReadRowsAsync(DbConnection connection, DbTransaction snapshot, DatabaseKind kind, long? since, CancellationToken ct)
    {
        var where = since is null ? "" : "WHERE stamp > @since";
        var rows = new List<Row>();
        await using (var command = Command(connection, snapshot, $"""
            SELECT resource_id, code, name, match_name, provider_id, provider_name, division_code, classification_code,
                share_type, open_type, grade, format, update_cycle, updated_at
            FROM catalog_search {where} ORDER BY resource_id
            """, since))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new Row(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5),
                    [reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetString(10), reader.GetString(11), reader.GetString(12)],
                    Ticks(reader.GetValue(13)), []));
            }
        }

        if (rows.Count == 0)
        {
            return rows;
        }

        var byId = rows.ToDictionary(r => r.Id);
        var tags = new Dictionary<long, List<string>>();
        var tagWhere = since is null ? "" : "WHERE resource_id IN (SELECT resource_id FROM catalog_search WHERE stamp > @since)";
        await using (var command = Command(connection, snapshot, $"SELECT resource_id, tag FROM catalog_search_tags {tagWhere}", since))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt64(0);
                if (!tags.TryGetValue(id, out var list))
                {
                    tags[id] = list = [];
                }

                list.Add(reader.GetString(1));
            }
        }

        foreach (var (id, list) in tags)
        {
            if (byId.TryGetValue(id, out var row))
            {
                row.Tags = [.. list];
            }
        }

        return rows;
    }

    private static async Task<List<long>> ReadRemovedAsync(DbConnection connection, DbTransaction snapshot, long since, CancellationToken ct)
    {
        var ids = new List<long>();
        await using var command = Command(connection, snapshot, "SELECT resource_id FROM catalog_search_removed WHERE stamp > @since", since);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, long? since)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (since is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "since";
            parameter.Value = since.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>SQLite keeps instants as fixed-width UTC text (so text order is time order), PostgreSQL as timestamptz.</summary>
    private static long Ticks(object value) => value switch
    {
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc).Ticks,
        DateTimeOffset d => d.UtcTicks,
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal).UtcTicks,
        _ => throw new FormatException($"Cannot read {value.GetType().Name} as an instant."),
    };

    private int[] RankByName()
    {
        var order = new int[Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var byName = CodePoints.Compare(Names[a], Names[b]);
            return byName != 0 ? byName : Ids[a].CompareTo(Ids[b]);
        });
        var rank = new int[Count];
        for (var i = 0; i < order.Length; i++)
        {
            rank[order[i]] = i;
        }

        return rank;
    }

    private static int[] Rank(string[] values)
    {
        var order = Enumerable.Range(0, values.Length).ToArray();
        Array.Sort(order, (a, b) => CodePoints.Compare(values[a], values[b]));
        var rank = new int[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            rank[order[i]] = i;
        }

        return rank;
    }

    private sealed record Row(long Id, string Code, string Name, string MatchName, long ProviderId, string ProviderName, string[] Facets, long Updated, string[] Tags)
    {
        public string[] Tags { get; set; } = Tags;
    }

    /// <summary>A facet stored as one small integer per row, standing for one of <see cref="Values"/>.</summary>
    public sealed class FacetColumn(string[] values, int[] rows)
    {
        public string[] Values { get; } = values;

        public int[] Rows { get; } = rows;
    }

    /// <summary>Distinct values in first-seen order, each with its index; a snapshot brought up to date keeps every index.</summary>
    private sealed class Interned<T>
        where T : notnull
    {
        private readonly Dictionary<T, int> _index;

        public Interned(IEnumerable<T>? values = null)
        {
            Values = [.. values ?? []];
            _index = new Dictionary<T, int>(Values.Count);
            for (var i = 0; i < Values.Count; i++)
            {
                _index[Values[i]] = i;
            }
        }

        public List<T> Values { get; }

        public int this[T value]
        {
            get
            {
                if (!_index.TryGetValue(value, out var index))
                {
                    index = Values.Count;
                    Values.Add(value);
                    _index.Add(value, index);
                }

                return index;
            }
        }
    }

    private sealed class ColumnBuilder(IEnumerable<string>? values = null)
    {
        public Interned<string> Values { get; } = new(values);

        public List<int> Rows { get; } = [];

        public FacetColumn ToColumn() => new([.. Values.Values], [.. Rows]);
    }

    private sealed class Builder
    {
        public List<long> Ids { get; } = [];

        public List<string> Codes { get; } = [];

        public List<string> Names { get; } = [];

        public List<string> MatchNames { get; } = [];

        public List<int> Providers { get; } = [];

        public List<int> ProviderNames { get; } = [];

        public List<long> Updated { get; } = [];

        public List<int> TagStarts { get; } = [];

        public List<int> TagValues { get; } = [];

        public Interned<long> ProviderIds { get; private set; } = new();

        public Interned<string> ProviderNameValues { get; private set; } = new();

        public Interned<string> Tags { get; private set; } = new();

        public ColumnBuilder[] Columns { get; private set; } = ColumnFacets.Select(_ => new ColumnBuilder()).ToArray();

        /// <summary>Starts from <paramref name="previous"/>'s values, so its rows can be copied index for index.</summary>
        public void Extend(SearchSnapshot previous)
        {
            ProviderIds = new Interned<long>(previous.ProviderIds);
            ProviderNameValues = new Interned<string>(previous.ProviderNameValues);
            Tags = new Interned<string>(previous.Tags);
            Columns = previous.Columns.Select(c => new ColumnBuilder(c.Values)).ToArray();
        }

        public void Add(Row row)
        {
            Ids.Add(row.Id);
            Codes.Add(row.Code);
            Names.Add(row.Name);
            MatchNames.Add(string.Equals(row.MatchName, row.Name, StringComparison.Ordinal) ? row.Name : row.MatchName);
            Providers.Add(ProviderIds[row.ProviderId]);
            ProviderNames.Add(ProviderNameValues[row.ProviderName]);
            Updated.Add(row.Updated);
            TagStarts.Add(TagValues.Count);
            foreach (var tag in row.Tags)
            {
                TagValues.Add(Tags[tag]);
            }

            for (var c = 0; c < Columns.Length; c++)
            {
                Columns[c].Rows.Add(Columns[c].Values[row.Facets[c]]);
            }
        }

        public void Copy(SearchSnapshot previous, int i)
        {
            Ids.Add(previous.Ids[i]);
            Codes.Add(previous.Codes[i]);
            Names.Add(previous.Names[i]);
            MatchNames.Add(previous.MatchNames[i]);
            Providers.Add(previous.Providers[i]);
            ProviderNames.Add(previous.ProviderNames[i]);
            Updated.Add(previous.Updated[i]);
            TagStarts.Add(TagValues.Count);
            for (var t = previous.TagStarts[i]; t < previous.TagStarts[i + 1]; t++)
            {
                TagValues.Add(previous.TagValues[t]);
            }

            for (var c = 0; c < Columns.Length; c++)
            {
                Columns[c].Rows.Add(previous.Columns[c].Rows[i]);
            }
        }
    }
}

/// <summary>
/// Texts joined by line breaks into one string, so that finding a term in every one of them is a
/// single (vectorized) search. No term holds a line break (<see cref="SearchText.Terms"/>), so a
/// term found never spans two texts.
/// </summary>
internal sealed class JoinedText
{
    private readonly string _text;
    private readonly int[] _starts;

    public JoinedText(string[] texts)
    {
        _starts = new int[texts.Length];
        var length = 0;
        for (var i = 0; i < texts.Length; i++)
        {
            _starts[i] = length;
            length += texts[i].Length + 1;
        }

        _text = string.Join('\n', texts);
    }

    /// <summary>Calls <paramref name="found"/> once for each text holding <paramref name="term"/>, with whether it starts with it.</summary>
    public void Find(string term, Action<int, bool> found)
    {
        var from = 0;
        while (from < _text.Length)
        {
            var at = _text.IndexOf(term, from, StringComparison.Ordinal);
            if (at < 0)
            {
                return;
            }

            var row = Array.BinarySearch(_starts, at);
            var start = row >= 0;
            row = start ? row : ~row - 1;

            // A text may itself hold a line break: only an occurrence at its very start is a start.
            found(row, start);
            from = row + 1 < _starts.Length ? _starts[row + 1] : _text.Length;
        }
    }
}

/// <summary>Unicode code-point order, as SQLite compares text and PostgreSQL with <c>COLLATE "C"</c> (UTF-16 order differs above U+D7FF).</summary>
internal static class CodePoints
{
    public static int Compare(string? a, string? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                // Surrogates (U+D800–DFFF) stand for code points above U+FFFF: they sort after every other UTF-16 unit.
                return Key(a[i]).CompareTo(Key(b[i]));
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static int Key(char c) => char.IsSurrogate(c) ? c + 0x10000 : c;

    public static string Prefix(string text, int codePoints)
    {
        var end = 0;
        var taken = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (taken++ == codePoints)
            {
                break;
            }

            end += rune.Utf16SequenceLength;
        }

        return text[..end];
    }
}
