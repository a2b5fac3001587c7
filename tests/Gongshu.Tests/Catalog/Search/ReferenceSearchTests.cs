using System.Globalization;
using System.Text;
using Gongshu.Catalog.Search;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Catalog.Search;

/// <summary>
/// Random catalogs and queries, each search compared with a plain reading of docs/SEARCH.md
/// (<see cref="Reference"/>): the same total, hits in the same order with the same scores and
/// tags, and the same counts in every facet. The catalogs use a small alphabet, so words collide
/// often, with full-width and upper-case letters, punctuation, characters beyond the BMP (whose
/// UTF-16 order differs from code-point order), ties in names and times, providers with two names.
/// </summary>
public class ReferenceSearchTests
{
    private static readonly string[] Alphabet =
    [
        "人", "口", "企", "业", "信", "用", "社", "保", "杭", "州", "市", "区", "许", "可", "数", "据", "基", "础",
        "a", "b", "x", "1", "0", "A", "Ｂ", "１", "(", "（", ")", "-", "%", "_", "、", " ", "𠀀", "𠀁", "\uE000", "ﬁ",
    ];

    private static readonly string[] Divisions = ["330000", "330100", "330106", "330200", "330212"];

    [Theory, AllDatabases]
    public async Task Searches_agree_with_the_rules_written_down(DatabaseKind kind)
    {
        var random = new Random(7);
        var documents = Enumerable.Range(1, 240).Select(i => Document(random, i)).ToList();
        await using var bed = await SearchTestBed.CreateAsync(kind, documents);

        await CompareAsync(bed, documents, random, 120);
    }

    [Theory, AllDatabases]
    public async Task A_search_sees_changes_made_through_another_index_and_a_rebuild(DatabaseKind kind)
    {
        var random = new Random(11);
        var documents = Enumerable.Range(1, 160).Select(i => Document(random, i)).ToDictionary(d => d.ResourceId);
        await using var bed = await SearchTestBed.CreateAsync(kind, documents.Values);
        await CompareAsync(bed, [.. documents.Values], random, 20);

        // Another process (another index instance) changes, adds and removes resources in several transactions.
        var other = new CatalogSearchIndex(bed.Database);
        for (var round = 0; round < 4; round++)
        {
            await using (var connection = await bed.Database.OpenConnectionAsync())
            await using (var tx = await connection.BeginTransactionAsync())
            {
                foreach (var id in documents.Keys.Where(_ => random.Next(8) == 0).ToList())
                {
                    if (random.Next(3) == 0)
                    {
                        await other.RemoveAsync(connection, tx, id);
                        documents.Remove(id);
                    }
                    else
                    {
                        documents[id] = Document(random, id);
                        await other.IndexAsync(connection, tx, documents[id]);
                    }
                }

                var added = Document(random, 1000 + round);
                documents[added.ResourceId] = added;
                await other.IndexAsync(connection, tx, added);
                await tx.CommitAsync();
            }

            await CompareAsync(bed, [.. documents.Values], random, 10);
        }

        // A rolled-back change leaves nothing behind.
        await using (var connection = await bed.Database.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await other.IndexAsync(connection, tx, Document(random, 5000));
            await other.RemoveAsync(connection, tx, documents.Keys.First());
            await tx.RollbackAsync();
        }

        await CompareAsync(bed, [.. documents.Values], random, 10);

        var rebuilt = Enumerable.Range(1, 120).Select(i => Document(random, 2 * i)).ToList();
        await other.ReindexAllAsync(Enumerate(rebuilt));
        await CompareAsync(bed, rebuilt, random, 20);
    }

    private static async Task CompareAsync(SearchTestBed bed, IReadOnlyList<SearchDocument> documents, Random random, int queries)
    {
        var reference = new Reference(documents);
        for (var q = 0; q < queries; q++)
        {
            var query = Query(random, documents);
            var expected = reference.Search(query);
            var actual = await bed.SearchAsync(query);
            var what = Describe(query);

            Assert.True(expected.Total == actual.Total, $"total of {what}: expected {expected.Total}, got {actual.Total}");
            Assert.True(
                expected.Hits.SequenceEqual(actual.Hits.Select(h => (h.ResourceId, h.Score))),
                $"hits of {what}:\n  expected {string.Join(' ', expected.Hits)}\n  got      {string.Join(' ', actual.Hits.Select(h => (h.ResourceId, h.Score)))}");
            foreach (var hit in actual.Hits)
            {
                Assert.Equal(reference.Tags(hit.ResourceId), hit.Tags);
            }

            Assert.Equal(expected.Facets.Keys.Order(), actual.Facets.Keys.Order());
            foreach (var (facet, counts) in expected.Facets)
            {
                Assert.True(counts.SequenceEqual(actual.Facets[facet]),
                    $"facet {facet} of {what}:\n  expected {string.Join(' ', counts)}\n  got      {string.Join(' ', actual.Facets[facet])}");
            }
        }
    }

    private static string Describe(CatalogQuery q) => $"text '{q.Text}' sort {q.Sort} offset {q.Offset} limit {q.Limit} class {q.ClassificationPrefix} "
        + $"providers [{string.Join(',', q.ProviderIds)}] divisions [{string.Join(',', q.DivisionCodes)}]{(q.IncludeSubdivisions ? "+" : "")} "
        + $"grades [{string.Join(',', q.Grades)}] open [{string.Join(',', q.OpenTypes)}] tags [{string.Join(',', q.Tags)}]";

    private static SearchDocument Document(Random random, long id)
    {
        string Text(int min, int max) => string.Concat(Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => Alphabet[random.Next(Alphabet.Length)]));
        List<string> Items(int max, int length) => Enumerable.Range(0, random.Next(max + 1)).Select(_ => Text(1, length)).ToList();
        var provider = random.Next(1, 6);
        var classification = $"{random.Next(1, 4)}0{random.Next(1, 3)}00{random.Next(1, 3)}";
        return new SearchDocument
        {
            ResourceId = id,
            Code = random.Next(10) == 0 ? Text(2, 5) : $"{classification}/{random.Next(1, 40):D5}",
            Name = random.Next(12) == 0 ? "同名资源" : Text(2, 8),
            Summary = Text(0, 24),
            Keywords = Items(3, 4),
            FieldLabels = Items(5, 5),
            Tags = [.. Items(3, 3), .. random.Next(4) == 0 ? new[] { " 人口 ", "人口" } : []],
            ProviderId = provider,
            ProviderName = $"部门{provider}" + (random.Next(6) == 0 ? "（旧称）" : ""),
            DivisionCode = Divisions[random.Next(Divisions.Length)],
            ClassificationCode = classification,
            ShareType = Pick(random, "unconditional", "conditional", "none"),
            OpenType = Pick(random, "open", "restricted", "closed"),
            Grade = Pick(random, "L1", "L2", "L3", "L4"),
            Format = Pick(random, "database", "api", "file"),
            UpdateCycle = Pick(random, "daily", "monthly", "yearly"),
            UpdatedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(random.Next(0, 40)),
        };
    }

    private static CatalogQuery Query(Random random, IReadOnlyList<SearchDocument> documents)
    {
        // Words cut from the catalog's own text (so they are found), now and then a code's start or a stray character.
        string Word()
        {
            var document = documents[random.Next(documents.Count)];
            var source = random.Next(6) switch
            {
                0 => document.Code,
                1 => document.Summary,
                2 => string.Join("", document.Keywords),
                3 => string.Join("", document.FieldLabels),
                4 => Alphabet[random.Next(Alphabet.Length)],
                _ => document.Name,
            };
            var runes = source.EnumerateRunes().ToList();
            if (runes.Count == 0)
            {
                return "人";
            }

            var start = random.Next(runes.Count);
            var length = Math.Min(runes.Count - start, random.Next(1, 5));
            return string.Concat(runes.Skip(start).Take(length).Select(r => r.ToString()));
        }

        var text = random.Next(7) switch
        {
            0 => null,
            1 => Word() + "、" + Word(),
            2 => $"{Word()} {Word()} {Word()}",
            _ => Word(),
        };
        return new CatalogQuery
        {
            Text = text,
            ProviderIds = random.Next(5) == 0 ? [random.Next(1, 6), random.Next(1, 6)] : [],
            DivisionCodes = random.Next(6) == 0 ? [Divisions[random.Next(Divisions.Length)]] : [],
            IncludeSubdivisions = random.Next(2) == 0,
            ClassificationPrefix = random.Next(6) == 0 ? Pick(random, "1", "2", "101", "20100", "301002") : null,
            Grades = random.Next(4) == 0 ? [Pick(random, "L1", "L2", "L3", "L4")] : [],
            OpenTypes = random.Next(4) == 0 ? ["open", "restricted"] : [],
            Tags = random.Next(8) == 0 ? ["人口", Word()] : [],
            Facets = CatalogFacet.All,
            Sort = Pick(random, CatalogSort.Relevance, CatalogSort.Relevance, CatalogSort.Updated, CatalogSort.Name),
            Offset = random.Next(4) == 0 ? random.Next(0, 30) : 0,
            Limit = random.Next(1, 40),
        };
    }

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];

    private static async IAsyncEnumerable<SearchDocument> Enumerate(IEnumerable<SearchDocument> documents)
    {
        foreach (var document in documents)
        {
            await Task.Yield();
            yield return document;
        }
    }

    /// <summary>docs/SEARCH.md, read literally over the documents in memory.</summary>
    private sealed class Reference(IReadOnlyList<SearchDocument> documents)
    {
        private static readonly int[] Levels = [1, 3, 6];

        public (long Total, List<(long Id, double Score)> Hits, Dictionary<string, List<FacetCount>> Facets) Search(CatalogQuery query)
        {
            var terms = Terms(query.Text);
            var matched = documents.Where(d => (query.ClassificationPrefix is null || d.ClassificationCode.StartsWith(query.ClassificationPrefix, StringComparison.Ordinal))
                && terms.All(t => Matches(d, t))).ToList();
            var filters = Filters(query);
            var results = matched.Where(d => filters.All(f => f.Passes(d))).ToList();

            IEnumerable<SearchDocument> ordered = query.Sort == CatalogSort.Name
                ? results.OrderBy(d => d.Name, Comparer<string>.Create(CodePointCompare)).ThenBy(d => d.ResourceId)
                : query.Sort == CatalogSort.Relevance && terms.Count > 0
                    ? results.OrderByDescending(d => Score(d, terms)).ThenByDescending(d => Micro(d.UpdatedAt)).ThenByDescending(d => d.ResourceId)
                    : results.OrderByDescending(d => Micro(d.UpdatedAt)).ThenByDescending(d => d.ResourceId);
            var hits = ordered.Skip(query.Offset).Take(query.Limit).Select(d => (d.ResourceId, (double)Score(d, terms))).ToList();

            var facets = query.Facets.Distinct().ToDictionary(f => f, f =>
            {
                var counted = matched.Where(d => filters.Where(x => x.Facet != f).All(x => x.Passes(d))).ToList();
                var values = f switch
                {
                    CatalogFacet.Tag => counted.SelectMany(d => Tags(d.ResourceId).Select(t => (Value: t, Label: (string?)null))),
                    CatalogFacet.Provider => counted.Select(d => (Value: d.ProviderId.ToString(CultureInfo.InvariantCulture), Label: (string?)d.ProviderName)),
                    _ => counted.Select(d => (Value: Value(d, f, query), Label: (string?)null)),
                };
                return values.GroupBy(v => v.Value, StringComparer.Ordinal)
                    .Select(g => new FacetCount(g.Key, f == CatalogFacet.Provider ? g.Select(v => v.Label!).Max(Comparer<string>.Create(CodePointCompare)) : null, g.Count()))
                    .OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal).Take(CatalogSearchIndex.MaxFacetValues).ToList();
            });
            return (results.Count, hits, facets);
        }

        public IReadOnlyList<string> Tags(long id)
            => documents.Single(d => d.ResourceId == id).Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();

        private static long Micro(DateTimeOffset instant) => instant.UtcTicks / 10;

        private static string Value(SearchDocument d, string facet, CatalogQuery query) => facet switch
        {
            CatalogFacet.Division => d.DivisionCode,
            CatalogFacet.ShareType => d.ShareType,
            CatalogFacet.OpenType => d.OpenType,
            CatalogFacet.Grade => d.Grade,
            CatalogFacet.Format => d.Format,
            CatalogFacet.UpdateCycle => d.UpdateCycle,
            _ => Levels.FirstOrDefault(l => l > (query.ClassificationPrefix?.Length ?? 0)) is var level and > 0
                ? string.Concat(d.ClassificationCode.EnumerateRunes().Take(level).Select(r => r.ToString()))
                : d.ClassificationCode,
        };

        private List<(string Facet, Func<SearchDocument, bool> Passes)> Filters(CatalogQuery q)
        {
            var filters = new List<(string, Func<SearchDocument, bool>)>();
            if (q.ProviderIds.Count > 0)
            {
                filters.Add((CatalogFacet.Provider, d => q.ProviderIds.Contains(d.ProviderId)));
            }

            if (q.DivisionCodes.Count > 0)
            {
                var prefixes = q.DivisionCodes.Select(c =>
                {
                    while (c.Length > 2 && c.EndsWith("00", StringComparison.Ordinal))
                    {
                        c = c[..^2];
                    }

                    return c;
                }).ToList();
                filters.Add((CatalogFacet.Division, d => q.IncludeSubdivisions
                    ? prefixes.Any(p => d.DivisionCode.StartsWith(p, StringComparison.Ordinal))
                    : q.DivisionCodes.Contains(d.DivisionCode)));
            }

            void Add(string facet, IReadOnlyList<string> values, Func<SearchDocument, string> value)
            {
                if (values.Count > 0)
                {
                    filters.Add((facet, d => values.Contains(value(d))));
                }
            }

            Add(CatalogFacet.ShareType, q.ShareTypes, d => d.ShareType);
            Add(CatalogFacet.OpenType, q.OpenTypes, d => d.OpenType);
            Add(CatalogFacet.Grade, q.Grades, d => d.Grade);
            Add(CatalogFacet.Format, q.Formats, d => d.Format);
            Add(CatalogFacet.UpdateCycle, q.UpdateCycles, d => d.UpdateCycle);
            if (q.Tags.Count > 0)
            {
                filters.Add((CatalogFacet.Tag, d => Tags(d.ResourceId).Any(q.Tags.Contains)));
            }

            return filters;
        }

        private bool Matches(SearchDocument d, string term)
            => Texts(d).Any(t => t.Contains(term, StringComparison.Ordinal)) || d.Code.StartsWith(term, StringComparison.Ordinal);

        private int Score(SearchDocument d, IReadOnlyList<string> terms) => terms.Sum(t =>
        {
            var name = Normalize(d.Name);
            var (_, summary, keywords, fields, tags) = Parts(d);
            return (d.Code == t ? 100 : d.Code.StartsWith(t, StringComparison.Ordinal) ? 50 : 0)
                + (name.StartsWith(t, StringComparison.Ordinal) ? 15 : name.Contains(t, StringComparison.Ordinal) ? 10 : 0)
                + (keywords.Contains(t, StringComparison.Ordinal) || tags.Contains(t, StringComparison.Ordinal) ? 4 : 0)
                + (summary.Contains(t, StringComparison.Ordinal) ? 2 : 0)
                + (fields.Contains(t, StringComparison.Ordinal) ? 1 : 0);
        });

        private IEnumerable<string> Texts(SearchDocument d)
        {
            var (name, summary, keywords, fields, tags) = Parts(d);
            return [name, summary, keywords, fields, tags];
        }

        private (string Name, string Summary, string Keywords, string Fields, string Tags) Parts(SearchDocument d)
            => (Normalize(d.Name), Normalize(d.Summary), List(d.Keywords), List(d.FieldLabels), List(Tags(d.ResourceId)));

        private static string Normalize(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

        private static string List(IEnumerable<string> items) => string.Join('\n', items.Select(i => Normalize(i).Trim()).Where(i => i.Length > 0));

        /// <summary>Split at whitespace, control characters and ， 、 ； 。 (， and ； are , and ; after NFKC).</summary>
        private static List<string> Terms(string? text)
        {
            if (text is null)
            {
                return [];
            }

            var normalized = Normalize(text);
            var separators = normalized.Where(c => char.IsWhiteSpace(c) || char.IsControl(c) || ",;、。".Contains(c)).Distinct().ToArray();
            return normalized.Split(separators, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        }

        private static int CodePointCompare(string? a, string? b)
        {
            var x = (a ?? "").EnumerateRunes().Select(r => r.Value).ToList();
            var y = (b ?? "").EnumerateRunes().Select(r => r.Value).ToList();
            for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
            {
                if (x[i] != y[i])
                {
                    return x[i].CompareTo(y[i]);
                }
            }

            return x.Count.CompareTo(y.Count);
        }
    }
}
