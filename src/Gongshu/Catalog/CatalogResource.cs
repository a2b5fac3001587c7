namespace Gongshu.Catalog;

/// <summary>
/// A catalog entry (信息资源) as one read sees it: its lasting identity — code, classification,
/// provider, status — and the one version the read asked for (<see cref="CatalogView"/>).
/// </summary>
public sealed record CatalogResource(
    long Id,
    string Code,
    string ClassificationCode,
    long ProviderId,
    ResourceStatus Status,
    VersionState? WorkingState,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? RetiredAt,
    ResourceVersion Version)
{
    /// <summary>How audit entries about the resource's data name it.</summary>
    public string AuditObject => $"resource:{Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>
/// One version of a resource's metadata, with the score and failing rules computed when it was
/// last written, and the reviewer's last comment.
/// </summary>
public sealed record ResourceVersion(
    long Id,
    int VersionNo,
    VersionState State,
    ResourceMetadata Metadata,
    int Score,
    IReadOnlyList<RuleFailure> Failures,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? PublishedAt,
    string? ReviewComment)
{
    /// <summary>China Standard Time (UTC+8), the zone of the platform's users.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>发布日期 (CCYY-MM-DD, Beijing time).</summary>
    public DateOnly? PublishDate => PublishedAt is { } at ? DateOnly.FromDateTime(at.ToOffset(ChinaOffset).DateTime) : null;
}

/// <summary>
/// A line of a catalog listing. <see cref="ReviewComment"/> is the reviewer's last comment on the
/// version under work, for those who see that version (a returned draft says why it came back).
/// </summary>
public sealed record ResourceSummary(
    long Id,
    string Code,
    string ClassificationCode,
    long ProviderId,
    ResourceStatus Status,
    VersionState? WorkingState,
    int VersionNo,
    string Name,
    string? Grade,
    int Score,
    DateTimeOffset UpdatedAt,
    string? ReviewComment = null);

/// <summary>
/// A catalog listing. Every filter is optional; pages follow resource id: pass the previous
/// page's <see cref="CatalogPage.NextAfterId"/> as <see cref="AfterId"/>.
/// </summary>
public sealed record CatalogListQuery
{
    public const int MaxLimit = 200;

    public long? ProviderId { get; init; }

    public ResourceStatus? Status { get; init; }

    /// <summary>The state of the version under work (draft, submitted, returned): <c>Submitted</c> is the review queue.</summary>
    public VersionState? WorkingState { get; init; }

    /// <summary>This classification and everything below it, e.g. <c>101</c> for every 人口 resource.</summary>
    public string? ClassificationCode { get; init; }

    public long? AfterId { get; init; }

    public int Limit { get; init; } = 50;
}

/// <summary>A page of a listing; <see cref="NextAfterId"/> is null on the last page.</summary>
public sealed record CatalogPage(IReadOnlyList<ResourceSummary> Items, long? NextAfterId);
