using System.Globalization;

namespace Gongshu.Catalog.Search;

/// <summary>
/// Evaluates a query over a <see cref="SearchSnapshot"/> once the text index has said, term by
/// term, which resources hold the term in their keywords or tags, summary or fields
/// (<see cref="TermIndex"/>): names and codes are matched here, then the filters, the total, the
/// facet counts and the order of the page. The rules are those of docs/SEARCH.md, the same on
/// both engines.
/// </summary>
internal sealed class SearchEvaluator
{
    private static readonly int[] ClassificationLevels = [1, 3, 6];

    private readonly SearchSnapshot _snapshot;
    private readonly CatalogQuery _query;
    private readonly IReadOnlyList<string> _terms;
    private readonly bool[]? _classificationOk;
    private readonly bool[]? _visibleOk;
    private readonly List<Filter> _filters = [];

    public SearchEvaluator(SearchSnapshot snapshot, CatalogQuery query, IReadOnlyList<string> terms)
    {
        _snapshot = snapshot;
        _query = query;
        _terms = terms;
        if (query.ClassificationPrefix is { } prefix)
        {
            _classificationOk = Select(snapshot.Column(CatalogFacet.Classification).Values, v => v.StartsWith(prefix, StringComparison.Ordinal));
        }

        if (query.VisibleOpenTypes.Count > 0)
        {
            var visible = query.VisibleOpenTypes.ToHashSet(StringComparer.Ordinal);
            _visibleOk = Select(snapshot.Column(CatalogFacet.OpenType).Values, visible.Contains);
        }

        if (query.ProviderIds.Count > 0)
        {
            var ids = query.ProviderIds.ToHashSet();
            AddFilter(CatalogFacet.Provider, snapshot.Providers, Select(snapshot.ProviderIds, ids.Contains));
        }

        if (query.DivisionCodes.Count > 0)
        {
            var codes = query.DivisionCodes.ToHashSet(StringComparer.Ordinal);
            var prefixes = query.DivisionCodes.Select(DivisionPrefix).Distinct().ToList();
            AddColumnFilter(CatalogFacet.Division, query.IncludeSubdivisions
                ? v => prefixes.Any(p => v.StartsWith(p, StringComparison.Ordinal))
                : codes.Contains);
        }

        AddColumnFilter(CatalogFacet.ShareType, query.ShareTypes);
        AddColumnFilter(CatalogFacet.OpenType, query.OpenTypes);
        AddColumnFilter(CatalogFacet.Grade, query.Grades);
        AddColumnFilter(CatalogFacet.Format, query.Formats);
        AddColumnFilter(CatalogFacet.UpdateCycle, query.UpdateCycles);
        if (query.Tags.Count > 0)
        {
            var tags = query.Tags.ToHashSet(StringComparer.Ordinal);
            _filters.Add(new Filter(CatalogFacet.Tag, null, Select(snapshot.Tags, tags.Contains)));
        }
    }

    /// <summary>Adds to term <paramref name="k"/>'s bits the resources whose name holds it or whose code starts with it (or is it).</summary>
    public void MatchNamesAndCodes(byte[]?[] masks, int k)
    {
        var s = _snapshot;
        var mask = masks[k] ??= new byte[s.Count];
        var term = _terms[k];
        s.NameText.Find(term, (row, start) => mask[row] |= (byte)(TermIndex.InName | (start ? TermIndex.NameStart : 0)));
        s.CodeText.Find(term, (row, start) =>
        {
            if (start)
            {
                mask[row] |= (byte)(TermIndex.CodeStart | (s.Codes[row].Length == term.Length ? TermIndex.Code : 0));
            }
        });
    }

    /// <summary>Rows that match the classification prefix and every term of <paramref name="termIndexes"/> (a term matches where it has any bit).</summary>
    public bool[] Matching(byte[]?[] masks, IReadOnlyList<int> termIndexes)
    {
        var matched = new bool[_snapshot.Count];
        var classification = _snapshot.Column(CatalogFacet.Classification).Rows;
        var openType = _snapshot.Column(CatalogFacet.OpenType).Rows;
        for (var i = 0; i < matched.Length; i++)
        {
            var all = (_classificationOk is null || _classificationOk[classification[i]]) && (_visibleOk is null || _visibleOk[openType[i]]);
            for (var t = 0; all && t < termIndexes.Count; t++)
            {
                all = masks[termIndexes[t]]![i] != 0;
            }

            matched[i] = all;
        }

        return matched;
    }

    /// <summary>The total, the requested page (rows and scores) and the facet counts of the rows <paramref name="matched"/> by the text.</summary>
    public Evaluation Evaluate(bool[] matched, byte[]?[] masks, IReadOnlyList<string> facets, int maxFacetValues)
    {
        var s = _snapshot;

        // The results pass every filter; a facet also counts the rows that fail its own filter only.
        var results = new List<int>();
        var failingOnly = _filters.Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < matched.Length; i++)
        {
            if (!matched[i])
            {
                continue;
            }

            var failed = -1;
            var failures = 0;
            for (var f = 0; f < _filters.Count && failures < 2; f++)
            {
                if (!_filters[f].Passes(s, i))
                {
                    failed = f;
                    failures++;
                }
            }

            if (failures == 0)
            {
                results.Add(i);
            }
            else if (failures == 1)
            {
                failingOnly[failed].Add(i);
            }
        }

        var counts = new Dictionary<string, IReadOnlyList<FacetCount>>(StringComparer.Ordinal);
        foreach (var facet in facets)
        {
            var counter = new FacetCounter(this, facet);
            counter.Add(results);
            var own = _filters.FindIndex(f => f.Facet == facet);
            if (own >= 0)
            {
                counter.Add(failingOnly[own]);
            }

            counts[facet] = counter.Counts(maxFacetValues);
        }

        return new Evaluation(results.Count, Page(results, masks), counts);
    }

    /// <summary>The rows of the page in order, with their scores: the query's offset and limit of the sorted results.</summary>
    private List<(int Row, int Score)> Page(List<int> results, byte[]?[] masks)
    {
        var s = _snapshot;
        if (_query.Offset >= results.Count)
        {
            return [];
        }

        var take = (long)_query.Offset + _query.Limit;
        var relevance = _query.Sort == CatalogSort.Relevance && _terms.Count > 0;
        var keys = new Key[results.Count];
        for (var r = 0; r < keys.Length; r++)
        {
            var i = results[r];
            keys[r] = _query.Sort == CatalogSort.Name
                ? new Key(s.NameRank[i], 0, 0, i)
                : new Key(relevance ? -Score(i, masks) : 0, -s.Updated[i], -s.Ids[i], i);
        }

        // The first offset + limit keys: a partial selection when that is a small part of the results.
        Key[] first;
        if (take * 8 < keys.Length)
        {
            var best = new PriorityQueue<Key, Key>((int)take + 1, Comparer<Key>.Create((a, b) => b.CompareTo(a)));
            foreach (var key in keys)
            {
                if (best.Count < take)
                {
                    best.Enqueue(key, key);
                }
                else if (key.CompareTo(best.Peek()) < 0)
                {
                    best.EnqueueDequeue(key, key);
                }
            }

            first = [.. best.UnorderedItems.Select(e => e.Element)];
        }
        else
        {
            first = keys;
        }

        Array.Sort(first);

        // Hits carry their score whatever the order (0 without text).
        return first.Skip(_query.Offset).Take(_query.Limit).Select(k => (k.Row, Score(k.Row, masks))).ToList();
    }

    /// <summary>See docs/SEARCH.md: code 100/50, name 15/10, keyword or tag 4, summary 2, field 1, summed over the terms.</summary>
    private int Score(int i, byte[]?[] masks)
    {
        var score = 0;
        for (var k = 0; k < _terms.Count; k++)
        {
            var bits = masks[k]![i];
            score += (bits & TermIndex.Code) != 0 ? 100 : (bits & TermIndex.CodeStart) != 0 ? 50 : 0;
            score += (bits & TermIndex.NameStart) != 0 ? 15 : (bits & TermIndex.InName) != 0 ? 10 : 0;
            score += ((bits & TermIndex.KeywordOrTag) != 0 ? 4 : 0) + ((bits & TermIndex.Summary) != 0 ? 2 : 0) + ((bits & TermIndex.Fields) != 0 ? 1 : 0);
        }

        return score;
    }

    private void AddColumnFilter(string facet, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            AddColumnFilter(facet, values.ToHashSet(StringComparer.Ordinal).Contains);
        }
    }

    private void AddColumnFilter(string facet, Func<string, bool> passes)
    {
        var column = _snapshot.Column(facet);
        AddFilter(facet, column.Rows, Select(column.Values, passes));
    }

    private void AddFilter(string facet, int[] rows, bool[] chosen) => _filters.Add(new Filter(facet, rows, chosen));

    private static bool[] Select<T>(IReadOnlyList<T> values, Func<T, bool> passes)
    {
        var result = new bool[values.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = passes(values[i]);
        }

        return result;
    }

    /// <summary>With subdivisions, 330000 matches 33xxxx and 330100 matches 3301xx: the code without its trailing 00 pairs.</summary>
    private static string DivisionPrefix(string code)
    {
        var prefix = code;
        while (prefix.Length > 2 && prefix.EndsWith("00", StringComparison.Ordinal))
        {
            prefix = prefix[..^2];
        }

        return prefix;
    }

    public sealed record Evaluation(long Total, List<(int Row, int Score)> Page, Dictionary<string, IReadOnlyList<FacetCount>> Facets);

    /// <summary>
    /// One filter: a row passes when its value (<paramref name="Rows"/>, an index into <paramref name="Chosen"/>)
    /// is one of those chosen; with no <paramref name="Rows"/>, the tag filter: when any of its tags is.
    /// </summary>
    private sealed record Filter(string Facet, int[]? Rows, bool[] Chosen)
    {
        public bool Passes(SearchSnapshot s, int i)
        {
            if (Rows is not null)
            {
                return Chosen[Rows[i]];
            }

            for (var t = s.TagStarts[i]; t < s.TagStarts[i + 1]; t++)
            {
                if (Chosen[s.TagValues[t]])
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Sorts ascending: the first keys are the first results.</summary>
    private readonly record struct Key(long A, long B, long C, int Row) : IComparable<Key>
    {
        public int CompareTo(Key other)
        {
            var c = A.CompareTo(other.A);
            if (c == 0)
            {
                c = B.CompareTo(other.B);
            }

            return c != 0 ? c : C.CompareTo(other.C);
        }
    }

    /// <summary>Counts one facet's values over the rows it is given.</summary>
    private sealed class FacetCounter
    {
        private readonly SearchSnapshot _snapshot;
        private readonly int[] _counts;
        private readonly int[]? _rows;
        private readonly string[] _values;
        private readonly int[]? _bestLabel;

        public FacetCounter(SearchEvaluator evaluator, string facet)
        {
            _snapshot = evaluator._snapshot;
            var s = _snapshot;
            switch (facet)
            {
                case CatalogFacet.Provider:
                    _rows = s.Providers;
                    _values = [.. s.ProviderIds.Select(id => id.ToString(CultureInfo.InvariantCulture))];
                    _bestLabel = new int[s.ProviderIds.Length];
                    Array.Fill(_bestLabel, -1);
                    break;
                case CatalogFacet.Tag:
                    _values = s.Tags;
                    break;
                case CatalogFacet.Classification:
                    // The level below the prefix: 类 (1 digit), 项 (3), 目 (6), then whole codes.
                    var column = s.Column(facet);
                    var prefixLength = evaluator._query.ClassificationPrefix?.Length ?? 0;
                    var level = ClassificationLevels.FirstOrDefault(l => l > prefixLength);
                    var levels = column.Values.Select(v => level == 0 ? v : CodePoints.Prefix(v, level)).ToArray();
                    _values = [.. levels.Distinct(StringComparer.Ordinal)];
                    var index = _values.Select((v, n) => (v, n)).ToDictionary(x => x.v, x => x.n, StringComparer.Ordinal);
                    var map = levels.Select(v => index[v]).ToArray();
                    _rows = [.. column.Rows.Select(ord => map[ord])];
                    break;
                default:
                    var values = s.Column(facet);
                    _rows = values.Rows;
                    _values = values.Values;
                    break;
            }

            _counts = new int[_values.Length];
        }

        public void Add(List<int> rows)
        {
            var s = _snapshot;
            if (_rows is null)
            {
                foreach (var i in rows)
                {
                    for (var t = s.TagStarts[i]; t < s.TagStarts[i + 1]; t++)
                    {
                        _counts[s.TagValues[t]]++;
                    }
                }

                return;
            }

            foreach (var i in rows)
            {
                _counts[_rows[i]]++;
            }

            if (_bestLabel is not null)
            {
                var rank = s.ProviderNameRank;
                foreach (var i in rows)
                {
                    var value = _rows[i];
                    var name = s.ProviderNames[i];
                    var best = _bestLabel[value];
                    if (best != name && (best < 0 || rank[name] > rank[best]))
                    {
                        _bestLabel[value] = name;
                    }
                }
            }
        }

        /// <summary>Most frequent first, then in ordinal order of the value; at most <paramref name="max"/>.</summary>
        public IReadOnlyList<FacetCount> Counts(int max)
        {
            var counted = new List<(string Value, int Index, int Count)>();
            for (var v = 0; v < _counts.Length; v++)
            {
                if (_counts[v] > 0)
                {
                    counted.Add((_values[v], v, _counts[v]));
                }
            }

            counted.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Value, b.Value));
            return counted.Take(max)
                .Select(c => new FacetCount(c.Value, _bestLabel is null ? null : _snapshot.ProviderNameValues[_bestLabel[c.Index]], c.Count))
                .ToList();
        }
    }
}
