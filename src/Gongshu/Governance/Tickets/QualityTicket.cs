namespace Gongshu.Governance.Tickets;

/// <summary>
/// The states of a problem ticket: open → rectifying (the provider works on it) → submitted (the
/// provider says it is fixed) → verified (the platform re-checked the data and agrees) → closed;
/// a failed verification or a disagreeing reporter makes it reopened, which works like open.
/// </summary>
public static class TicketStates
{
    public const string Open = "open";
    public const string Rectifying = "rectifying";
    public const string Submitted = "submitted";
    public const string Verified = "verified";
    public const string Closed = "closed";
    public const string Reopened = "reopened";

    /// <summary>States in which the ticket still waits on someone.</summary>
    public static readonly IReadOnlySet<string> Unfinished = new HashSet<string>(StringComparer.Ordinal) { Open, Rectifying, Submitted, Reopened };

    /// <summary>States in which the provider is the one who must act, so the deadline runs.</summary>
    public static readonly IReadOnlySet<string> AwaitingProvider = new HashSet<string>(StringComparer.Ordinal) { Open, Rectifying, Reopened };

    public static readonly IReadOnlyList<string> All = [Open, Rectifying, Submitted, Verified, Closed, Reopened];
}

/// <summary>Where a ticket came from.</summary>
public static class TicketOrigins
{
    /// <summary>A quality rule failed on more values than its threshold allows; opened by the platform.</summary>
    public const string Rule = "rule";

    /// <summary>A consumer found a wrong record and says what it should be (数据纠错).</summary>
    public const string Correction = "correction";
}

/// <summary>How a closed ticket ended.</summary>
public static class TicketResolutions
{
    public const string Rectified = "rectified";

    /// <summary>Closed by a platform admin without a fix (a mistaken report, a rule that was wrong); needs a reason.</summary>
    public const string Dismissed = "dismissed";
}

/// <summary>
/// A problem ticket (问题数据工单). <see cref="RecordKey"/> and <see cref="Correction"/> are
/// given in full only to whoever may see the record (the provider's admins, the reporter's
/// organization, platform admins); everyone else gets the masked forms.
/// </summary>
public sealed record QualityTicket(
    long Id,
    long ResourceId,
    string ResourceCode,
    long ProviderId,
    string Origin,
    string? Rule,
    double? Threshold,
    double? FailureRate,
    long? ResultId,
    string? Field,
    IReadOnlyDictionary<string, string>? RecordKey,
    string? RecordKeyMasked,
    string? Correction,
    string? CorrectionMasked,
    string Description,
    string State,
    string? Resolution,
    long? OpenedBy,
    long? ReporterOrganizationId,
    DateTimeOffset OpenedAt,
    DateTimeOffset DueAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? VerifiedAt,
    DateTimeOffset? ClosedAt,
    int Revision,
    bool Overdue,
    IReadOnlyList<TicketEvent> Events);

/// <summary>One step of a ticket: who moved it from which state to which, and why.</summary>
public sealed record TicketEvent(int Seq, string Action, string? FromState, string ToState, string Actor, long? OrganizationId, string? Comment, DateTimeOffset At);

/// <summary>A consumer's correction (数据纠错): the record, by its key fields; the field that is wrong; what it should be.</summary>
public sealed record CorrectionRequest(IReadOnlyDictionary<string, string>? Key, string? Field, string? Correction, string? Description);

/// <summary>A move the caller asks for, with the comment it needs (a reason for reopening or dismissing).</summary>
public sealed record TicketAction(string? Comment, int? Revision = null);

/// <summary>Which tickets to list.</summary>
public sealed record TicketQuery(string? State = null, long? ResourceId = null, long? ProviderId = null, bool? Overdue = null, int Limit = 100, long? BeforeId = null);

/// <summary>
/// 问题数据整改率 for one department (or the platform): of the tickets opened, less those dismissed,
/// the share the platform has verified as fixed.
/// </summary>
public sealed record TicketKpi(long? OrganizationId, string Organization, int Opened, int Dismissed, int Rectified, int RectifiedOnTime,
    int Unfinished, int Overdue, double? RectificationRate, double? AverageWorkingDaysToVerify);
