namespace Gongshu.Catalog.Search;

/// <summary>One page of a search: the total over all pages, the hits, and the requested facet counts.</summary>
public sealed record CatalogSearchResult(
    long Total,
    IReadOnlyList<CatalogHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets);

/// <summary>A published resource as a search shows it.</summary>
public sealed record CatalogHit
{
    public required long ResourceId { get; init; }

    public required string Code { get; init; }

    public required string Name { get; init; }

    public required string Summary { get; init; }

    public required long ProviderId { get; init; }

    public required string ProviderName { get; init; }

    public required string DivisionCode { get; init; }

    public required string ClassificationCode { get; init; }

    public required string ShareType { get; init; }

    public required string OpenType { get; init; }

    public required string Grade { get; init; }

    public required string Format { get; init; }

    public required string UpdateCycle { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The relevance score (see docs/SEARCH.md); 0 when the query has no text.</summary>
    public required double Score { get; init; }
}

/// <summary>How many results have <see cref="Value"/>; <see cref="Label"/> is the provider's name on the provider facet.</summary>
public sealed record FacetCount(string Value, string? Label, long Count);
