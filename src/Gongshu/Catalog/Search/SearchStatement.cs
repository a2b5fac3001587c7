using Dapper;
using Gongshu.Storage;

namespace Gongshu.Catalog.Search;

/// <summary>
/// The SQL of one search: a condition per term and per filter, every user value a parameter.
/// Each filter remembers its facet, so a facet can be counted under all the other filters.
/// </summary>
internal sealed class SearchStatement
{
    private const string Columns = """
        s.resource_id, s.code, s.name, s.summary, s.provider_id, s.provider_name, s.division_code,
        s.classification_code, s.share_type, s.open_type, s.grade, s.format, s.update_cycle, s.updated_at
        """;

    private static readonly string[] MatchColumns = ["s.match_name", "s.match_summary", "s.match_keywords", "s.match_fields", "s.match_tags"];

    private static readonly int[] ClassificationLevels = [1, 3, 6];

    private readonly DatabaseKind _kind;
    private readonly CatalogQuery _query;

    /// <summary>The terms and the classification prefix: what every count, facets included, is taken under.</summary>
    private readonly List<string> _matches = [];
    private readonly List<(string Facet, string Sql)> _filters = [];
    private readonly List<string> _scores = [];

    public SearchStatement(CatalogQuery query, DatabaseKind kind)
    {
        _query = query;
        _kind = kind;
        var terms = SearchText.Terms(query.Text);
        for (var i = 0; i < terms.Count; i++)
        {
            AddTerm(i, terms[i]);
        }

        if (query.ClassificationPrefix is { } prefix)
        {
            // Not a facet filter: the classification facet drills down under the prefix instead.
            Parameters.Add("classification", prefix);
            _matches.Add("substr(s.classification_code, 1, length(@classification)) = @classification");
        }

        Filter(CatalogFacet.Provider, "s.provider_id", query.ProviderIds);
        FilterDivisions(query.DivisionCodes, query.IncludeSubdivisions);
        Filter(CatalogFacet.ShareType, "s.share_type", query.ShareTypes);
        Filter(CatalogFacet.OpenType, "s.open_type", query.OpenTypes);
        Filter(CatalogFacet.Grade, "s.grade", query.Grades);
        Filter(CatalogFacet.Format, "s.format", query.Formats);
        Filter(CatalogFacet.UpdateCycle, "s.update_cycle", query.UpdateCycles);
        if (query.Tags.Count > 0)
        {
            Parameters.Add("tags", query.Tags.Distinct().ToArray());
            _filters.Add((CatalogFacet.Tag, $"s.resource_id IN (SELECT resource_id FROM catalog_search_tags WHERE {AnyOf(kind, "tag", "@tags")})"));
        }

        Parameters.Add("limit", query.Limit);
        Parameters.Add("offset", query.Offset);
    }

    public DynamicParameters Parameters { get; } = new();

    private bool Postgres => _kind == DatabaseKind.Postgres;

    public string CountSql => $"SELECT count(*) FROM catalog_search s {Where(_matches.Concat(_filters.Select(f => f.Sql)))}";

    public string HitsSql => $"""
        SELECT {Columns}, {Score} AS score
        FROM catalog_search s
        {Where(_matches.Concat(_filters.Select(f => f.Sql)))}
        ORDER BY {Order}
        LIMIT @limit OFFSET @offset
        """;

    /// <summary>
    /// Every requested facet in one statement, rows of (facet, value, label, count): the text is
    /// matched once into <c>matched</c>, then each facet is counted under all filters but its own.
    /// </summary>
    public string FacetsSql(IEnumerable<string> facets)
    {
        var counts = facets.Select(facet =>
        {
            var (value, groupBy, label, join) = facet switch
            {
                CatalogFacet.Provider => ("CAST(s.provider_id AS text)", "s.provider_id", "max(s.provider_name)", ""),
                CatalogFacet.Division => ("s.division_code", null, "NULL", ""),
                CatalogFacet.Classification => (ClassificationLevel(), null, "NULL", ""),
                CatalogFacet.ShareType => ("s.share_type", null, "NULL", ""),
                CatalogFacet.OpenType => ("s.open_type", null, "NULL", ""),
                CatalogFacet.Grade => ("s.grade", null, "NULL", ""),
                CatalogFacet.Format => ("s.format", null, "NULL", ""),
                CatalogFacet.UpdateCycle => ("s.update_cycle", null, "NULL", ""),
                CatalogFacet.Tag => ("g.tag", null, "NULL", "JOIN catalog_search_tags g ON g.resource_id = s.resource_id"),
                _ => throw new ArgumentOutOfRangeException(nameof(facets)),
            };
            // facet is one of the names above (anything else threw), so it may be written as a literal.
            return $"""
                SELECT '{facet}' AS facet, {value} AS value, {label} AS label, count(*) AS count
                FROM matched s {join}
                {Where(_filters.Where(f => f.Facet != facet).Select(f => f.Sql))}
                GROUP BY {groupBy ?? value}
                """;
        });
        return $"""
            WITH matched AS MATERIALIZED (
                SELECT resource_id, provider_id, provider_name, division_code, classification_code,
                    share_type, open_type, grade, format, update_cycle
                FROM catalog_search s
                {Where(_matches)}
            )
            {string.Join("\nUNION ALL\n", counts)}
            """;
    }

    private string Score => _scores.Count == 0 ? "0" : string.Join(" + ", _scores);

    /// <summary>Without text every score is 0, and newest first can walk the index on updated_at.</summary>
    private string Order => _query.Sort switch
    {
        CatalogSort.Name => $"s.name{CodePointOrder}, s.resource_id",
        CatalogSort.Relevance when _scores.Count > 0 => "score DESC, s.updated_at DESC, s.resource_id DESC",
        _ => "s.updated_at DESC, s.resource_id DESC",
    };

    /// <summary>SQLite compares text by code point already; PostgreSQL would use the database's locale.</summary>
    private string CodePointOrder => Postgres ? " COLLATE \"C\"" : "";

    private static string Where(IEnumerable<string> conditions)
    {
        var all = conditions.ToList();
        return all.Count == 0 ? "" : "WHERE " + string.Join("\n  AND ", all);
    }

    private string ClassificationLevel()
    {
        var prefixLength = _query.ClassificationPrefix?.Length ?? 0;
        var level = ClassificationLevels.FirstOrDefault(l => l > prefixLength);
        return level == 0 ? "s.classification_code" : $"substr(s.classification_code, 1, {level})";
    }

    /// <summary>
    /// A term matches the indexed text as a substring, or the resource code as a prefix. Terms of
    /// three characters or more go through the trigram index; shorter ones cannot (a trigram
    /// index has nothing to look up) and scan the normalized columns with the same meaning.
    /// </summary>
    private void AddTerm(int i, string term)
    {
        var t = $"@t{i}";
        Parameters.Add($"t{i}", term);
        var indexed = SearchText.Length(term) >= 3;
        string text;
        string code;
        if (Postgres)
        {
            Parameters.Add($"p{i}", "%" + SearchText.EscapeLike(term) + "%");
            Parameters.Add($"c{i}", SearchText.EscapeLike(term) + "%");
            text = indexed ? $@"s.match_text LIKE @p{i} ESCAPE '\'" : $"strpos(s.match_text, {t}) > 0";

            // LIKE 'prefix%' rather than starts_with(): it can use the text_pattern_ops index on code.
            code = $@"s.code LIKE @c{i} ESCAPE '\'";
        }
        else
        {
            Parameters.Add($"m{i}", SearchText.Fts5Phrase(term));
            text = indexed
                ? $"s.resource_id IN (SELECT rowid FROM catalog_search_text WHERE catalog_search_text MATCH @m{i})"
                : string.Join(" OR ", MatchColumns.Select(column => Contains(column, t)));
            code = StartsWith("s.code", t);
        }

        _matches.Add($"({text} OR {code})");
        _scores.Add($"""
            (CASE WHEN s.code = {t} THEN 100 WHEN {StartsWith("s.code", t)} THEN 50 ELSE 0 END
             + CASE WHEN {StartsWith("s.match_name", t)} THEN 15 WHEN {Contains("s.match_name", t)} THEN 10 ELSE 0 END
             + CASE WHEN {Contains("s.match_keywords", t)} OR {Contains("s.match_tags", t)} THEN 4 ELSE 0 END
             + CASE WHEN {Contains("s.match_summary", t)} THEN 2 ELSE 0 END
             + CASE WHEN {Contains("s.match_fields", t)} THEN 1 ELSE 0 END)
            """);
    }

    private string Contains(string column, string parameter)
        => Postgres ? $"strpos({column}, {parameter}) > 0" : $"instr({column}, {parameter}) > 0";

    private string StartsWith(string column, string parameter)
        => Postgres ? $"starts_with({column}, {parameter})" : $"substr({column}, 1, length({parameter})) = {parameter}";

    private void Filter<T>(string facet, string column, IReadOnlyList<T> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        Parameters.Add(facet, values.Distinct().ToArray());
        _filters.Add((facet, AnyOf(_kind, column, "@" + facet)));
    }

    /// <summary>Dapper expands a list into <c>IN (@x1, @x2…)</c> on SQLite but sends an array to PostgreSQL.</summary>
    public static string AnyOf(DatabaseKind kind, string column, string parameter)
        => kind == DatabaseKind.Postgres ? $"{column} = ANY({parameter})" : $"{column} IN {parameter}";

    /// <summary>With subdivisions, 330000 matches 33xxxx and 330100 matches 3301xx: the code without its trailing 00 pairs.</summary>
    private void FilterDivisions(IReadOnlyList<string> codes, bool includeSubdivisions)
    {
        if (codes.Count == 0)
        {
            return;
        }

        if (!includeSubdivisions)
        {
            Filter(CatalogFacet.Division, "s.division_code", codes);
            return;
        }

        var prefixes = codes.Select(DivisionPrefix).Distinct().ToList();
        for (var i = 0; i < prefixes.Count; i++)
        {
            Parameters.Add($"d{i}", prefixes[i]);
        }

        var any = string.Join(" OR ", prefixes.Select((_, i) => $"substr(s.division_code, 1, length(@d{i})) = @d{i}"));
        _filters.Add((CatalogFacet.Division, $"({any})"));
    }

    private static string DivisionPrefix(string code)
    {
        var prefix = code;
        while (prefix.Length > 2 && prefix.EndsWith("00", StringComparison.Ordinal))
        {
            prefix = prefix[..^2];
        }

        return prefix;
    }
}
