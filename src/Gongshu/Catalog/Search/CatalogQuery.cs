namespace Gongshu.Catalog.Search;

/// <summary>
/// A catalog search: text (every term must match) and filters (each list is any-of; lists are
/// combined with AND). Empty text lists every published resource.
/// </summary>
public sealed record CatalogQuery
{
    public const int MaxLimit = 100;
    public const int MaxTextLength = 200;
    public const int MaxTerms = 16;
    public const int MaxFilterValues = 100;

    /// <summary>Words separated by whitespace (or ， 、 ； 。); each is matched as a substring, or as a resource code prefix.</summary>
    public string? Text { get; init; }

    public IReadOnlyList<long> ProviderIds { get; init; } = [];

    /// <summary>GB/T 2260 codes; with <see cref="IncludeSubdivisions"/>, each also matches every division under it.</summary>
    public IReadOnlyList<string> DivisionCodes { get; init; } = [];

    public bool IncludeSubdivisions { get; init; }

    /// <summary>A classification code or its start: <c>1</c>, <c>101</c>, <c>101001</c>.</summary>
    public string? ClassificationPrefix { get; init; }

    public IReadOnlyList<string> ShareTypes { get; init; } = [];

    public IReadOnlyList<string> OpenTypes { get; init; } = [];

    /// <summary>
    /// The open types the caller may see at all (empty: every one). Unlike <see cref="OpenTypes"/>,
    /// a filter the facets count around, resources outside these are left out of the total and of
    /// every facet count: the public must not learn how many 禁止开放 resources match.
    /// </summary>
    public IReadOnlyList<string> VisibleOpenTypes { get; init; } = [];

    public IReadOnlyList<string> Grades { get; init; } = [];

    public IReadOnlyList<string> Formats { get; init; } = [];

    public IReadOnlyList<string> UpdateCycles { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Which <see cref="CatalogFacet"/> counts to return.</summary>
    public IReadOnlyList<string> Facets { get; init; } = [];

    /// <summary>A <see cref="CatalogSort"/> value; relevance with no text is the same as updated.</summary>
    public string Sort { get; init; } = CatalogSort.Relevance;

    public int Offset { get; init; }

    public int Limit { get; init; } = 20;

    /// <summary>Refuses what cannot be searched, naming the field at fault.</summary>
    internal void Validate()
    {
        if (Text is { Length: > MaxTextLength })
        {
            throw GongshuException.Invalid("text", $"The search text is longer than {MaxTextLength} characters.");
        }

        if (SearchText.Terms(Text).Count > MaxTerms)
        {
            throw GongshuException.Invalid("text", $"The search text has more than {MaxTerms} words.");
        }

        if (Offset < 0)
        {
            throw GongshuException.Invalid("offset", "The offset cannot be negative.");
        }

        if (Limit is < 1 or > MaxLimit)
        {
            throw GongshuException.Invalid("limit", $"The limit must be between 1 and {MaxLimit}.");
        }

        if (!CatalogSort.All.Contains(Sort))
        {
            throw GongshuException.Invalid("sort", $"Sort by one of: {string.Join(", ", CatalogSort.All)}.");
        }

        if (Facets.FirstOrDefault(f => !CatalogFacet.All.Contains(f)) is { } unknown)
        {
            throw GongshuException.Invalid("facets", $"'{unknown}' is not a facet; choose from: {string.Join(", ", CatalogFacet.All)}.");
        }

        if (ClassificationPrefix is { } prefix && (string.IsNullOrWhiteSpace(prefix) || prefix.Length > 32))
        {
            throw GongshuException.Invalid("classificationPrefix", "The classification prefix must be the start of a classification code.");
        }

        if (DivisionCodes.Any(c => c is not { Length: 6 } || !c.All(char.IsAsciiDigit)))
        {
            throw GongshuException.Invalid("divisionCodes", "Division codes are six digits (GB/T 2260), e.g. 330106.");
        }

        if (ProviderIds.Count > MaxFilterValues)
        {
            throw GongshuException.Invalid("providerIds", $"A filter takes at most {MaxFilterValues} values.");
        }

        CheckValues("classificationPrefix", ClassificationPrefix is null ? [] : [ClassificationPrefix]);
        CheckValues("divisionCodes", DivisionCodes);
        CheckValues("shareTypes", ShareTypes);
        CheckValues("openTypes", OpenTypes);
        CheckValues("visibleOpenTypes", VisibleOpenTypes);
        CheckValues("grades", Grades);
        CheckValues("formats", Formats);
        CheckValues("updateCycles", UpdateCycles);
        CheckValues("tags", Tags);
    }

    /// <summary>PostgreSQL refuses NUL and malformed UTF-16 outright: refuse them here, as bad input, not a failure.</summary>
    private static void CheckValues(string field, IReadOnlyList<string?> values)
    {
        if (values.Count > MaxFilterValues)
        {
            throw GongshuException.Invalid(field, $"A filter takes at most {MaxFilterValues} values.");
        }

        if (values.Any(v => v is null || !SearchText.IsPlainText(v)))
        {
            throw GongshuException.Invalid(field, "A filter value is missing or holds control characters.");
        }
    }
}

/// <summary>The orders a search can return.</summary>
public static class CatalogSort
{
    /// <summary>Best score first, then newest.</summary>
    public const string Relevance = "relevance";

    /// <summary>Newest first.</summary>
    public const string Updated = "updated";

    /// <summary>By name in Unicode code-point order (not pinyin), the same on both engines.</summary>
    public const string Name = "name";

    public static readonly IReadOnlyList<string> All = [Relevance, Updated, Name];
}

/// <summary>The values a search can count.</summary>
public static class CatalogFacet
{
    public const string Provider = "provider";
    public const string Division = "division";

    /// <summary>Counts the level below <see cref="CatalogQuery.ClassificationPrefix"/>: 类 (1 digit), 项 (3), 目 (6), then full codes.</summary>
    public const string Classification = "classification";

    public const string ShareType = "shareType";
    public const string OpenType = "openType";
    public const string Grade = "grade";
    public const string Format = "format";
    public const string UpdateCycle = "updateCycle";
    public const string Tag = "tag";

    public static readonly IReadOnlyList<string> All = [Provider, Division, Classification, ShareType, OpenType, Grade, Format, UpdateCycle, Tag];
}
