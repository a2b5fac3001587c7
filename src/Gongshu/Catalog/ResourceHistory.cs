namespace Gongshu.Catalog;

/// <summary>A resource's versions and every state change, oldest first.</summary>
public sealed record ResourceHistory(long ResourceId, string Code, IReadOnlyList<VersionSummary> Versions, IReadOnlyList<Transition> Transitions);

public sealed record VersionSummary(
    long Id,
    int VersionNo,
    VersionState State,
    string Name,
    int Score,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? PublishedAt);

/// <summary>
/// One state change: <see cref="Action"/> is <c>create</c>, <c>update</c>, <c>submit</c>,
/// <c>approve</c>, <c>return</c>, <c>change</c> or <c>retire</c>; <see cref="Comment"/> carries
/// the reviewer's comments or the reason for retiring.
/// </summary>
public sealed record Transition(
    long Id,
    long VersionId,
    int VersionNo,
    string Action,
    VersionState? FromState,
    VersionState ToState,
    string Actor,
    long? OrganizationId,
    DateTimeOffset At,
    string? Comment);
