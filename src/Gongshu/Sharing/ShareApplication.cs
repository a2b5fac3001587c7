namespace Gongshu.Sharing;

/// <summary>
/// Where an application stands. 无条件共享 passes a compliance check and is granted at once;
/// 有条件共享 waits for the provider (provider_review) and, when a requested field is L3 or above,
/// then for the platform (platform_review); 不予共享 goes to the platform admins for coordination.
/// </summary>
public static class ApplicationStates
{
    public const string ProviderReview = "provider_review";
    public const string PlatformReview = "platform_review";
    public const string Coordination = "coordination";
    public const string Granted = "granted";
    public const string Refused = "refused";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlySet<string> Pending = new HashSet<string>(StringComparer.Ordinal) { ProviderReview, PlatformReview, Coordination };

    public static readonly IReadOnlyList<string> All = [ProviderReview, PlatformReview, Coordination, Granted, Refused, Withdrawn];
}

/// <summary>What a consumer department asks for.</summary>
public sealed record ShareRequest(
    long ResourceId,
    IReadOnlyList<string>? Fields,
    string? Purpose,
    string? Scenario,
    string? LegalBasis,
    DateOnly? PeriodFrom,
    DateOnly? PeriodTo,
    int? ExpectedDailyCalls,
    long? RenewsGrantId = null);

/// <summary>A decision at the current stage; a refusal needs its reason. An approval may narrow the grant.</summary>
public sealed record ShareDecisionInput(bool Approve, string? Reason = null, string? RowFilter = null, int? DailyQuota = null, int? RateLimit = null);

/// <summary>A decision as signed: who, at which stage, what, and the SM2 signature over <see cref="SignedText"/>.</summary>
public sealed record ShareDecision(long Id, string Stage, string Decision, string? Reason, string DecidedBy, long? OrganizationId, DateTimeOffset DecidedAt,
    string SignedText, string Signature, string PublicKey, bool SignatureValid);

public sealed record ShareApplication(
    long Id,
    long ResourceId,
    string ResourceCode,
    long ProviderId,
    long ConsumerOrganizationId,
    long ApplicantId,
    IReadOnlyList<string> Fields,
    string Purpose,
    string Scenario,
    string LegalBasis,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    int ExpectedDailyCalls,
    string ShareType,
    bool NeedsPlatform,
    long? RenewsGrantId,
    string State,
    DateTimeOffset StageStartedAt,
    DateTimeOffset? StageDueAt,
    bool Overdue,
    DateTimeOffset? EscalatedAt,
    string? RefusalReason,
    DateTimeOffset FiledAt,
    DateTimeOffset? DecidedAt,
    long? GrantId,
    IReadOnlyList<ShareDecision> Decisions);

/// <summary>A notice in an organization's inbox (null organization: the platform admins').</summary>
public sealed record ShareNotice(long Id, long? OrganizationId, long ApplicationId, string Kind, string Message, DateTimeOffset CreatedAt);

/// <summary>
/// The sharing KPIs of STANDARDS.md §8 from the records: 数据共享需求满足率 (granted over the
/// applications that had to be answered: decided, or pending past their deadline) and 平均审批时长
/// (filing to final decision, in hours and in working days).
/// </summary>
public sealed record SharingKpi(int Filed, int Granted, int Refused, int Withdrawn, int Pending, int PendingOverdue,
    double? SatisfactionRate, double? AverageApprovalHours, double? AverageApprovalWorkingDays);
