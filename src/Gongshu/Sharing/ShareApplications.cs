using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Gongshu.Audit;
using Gongshu.Calendar;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Security;
using Gongshu.Security.Grading;
using Gongshu.Storage;

namespace Gongshu.Sharing;

/// <summary>
/// Share applications (共享申请) and their review, per STANDARDS.md §2: a consumer department
/// applies for fields of a published resource with its purpose, scenario, legal basis, period
/// and expected calls; the platform routes it by share type; each stage has a deadline in working
/// days; every decision is signed with the platform's SM2 key and, like every transition, audited
/// in the same transaction as the change. An approved application becomes a grant
/// (<see cref="ShareGrants"/>).
/// </summary>
public sealed class ShareApplications(Database database, CatalogService catalog, FieldGrading grading, KeyStore keys, AuditLog audit,
    WorkingCalendars calendars, TimeProvider? clock = null)
{
    /// <summary>Working days a reviewer has at each stage (STANDARDS.md §2: 10 by default).</summary>
    public const int ReviewWorkingDays = 10;

    /// <summary>The longest period one grant covers; renewal goes through review again.</summary>
    public const int MaxPeriodDays = 366;

    // The states under review, for SQL's IN (…).
    private static readonly string Pending = SqlDialect.Literals(ApplicationStates.Pending);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public static string AuditObject(long applicationId) => $"application:{applicationId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Files an application for the caller's department (需求方 users) and routes it.</summary>
    public async Task<ShareApplication> ApplyAsync(CatalogCaller caller, ShareRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!caller.Has(Role.Consumer))
        {
            throw new GongshuException(ErrorKind.Forbidden, "apply_forbidden", "Applications are filed by a department's consumer users (需求方).");
        }

        var resource = await catalog.GetAsync(caller, request.ResourceId, CatalogView.Published, ct);
        if (resource.ProviderId == caller.OrganizationId)
        {
            throw new GongshuException(ErrorKind.Conflict, "own_resource", $"Resource {resource.Code} is your own department's: no application is needed.");
        }

        var metadata = resource.Version.Metadata;
        var fields = RequireFields(request.Fields, metadata.Fields.Select(f => f.Name).ToList());
        var purpose = InputText.Read(request.Purpose, "purpose", required: true)!;
        var scenario = InputText.Read(request.Scenario, "scenario", required: true)!;
        var legalBasis = InputText.Read(request.LegalBasis, "legalBasis", required: metadata.ShareType != ShareTypes.Unconditional) ?? "";
        var today = WorkingCalendar.DayOf(_clock.GetUtcNow());
        var from = request.PeriodFrom ?? today;
        var to = request.PeriodTo ?? throw GongshuException.Invalid("periodTo", "Say until when the data is needed (periodTo, yyyy-MM-dd).", "period_missing");
        if (from < today)
        {
            throw GongshuException.Invalid("periodFrom", "The period cannot start in the past.", "invalid_period");
        }

        if (to < from || to.DayNumber - from.DayNumber > MaxPeriodDays)
        {
            throw GongshuException.Invalid("periodTo", $"The period ends on or after it starts and covers at most {MaxPeriodDays} days; renew it later.", "invalid_period");
        }

        var calls = request.ExpectedDailyCalls ?? throw GongshuException.Invalid("expectedDailyCalls", "Say how many calls a day are expected.", "calls_missing");
        if (calls is < 1 or > 10_000_000)
        {
            throw GongshuException.Invalid("expectedDailyCalls", "Expected daily calls are from 1 to 10,000,000.", "invalid_calls");
        }

        if (request.RenewsGrantId is { } renewed)
        {
            await RequireRenewableAsync(caller, resource, renewed, ct);
        }

        // 就高从严: the grades in force, which detection may have raised above the catalog's.
        var graded = (await grading.GradeAsync(resource, ct)).Fields.ToDictionary(f => f.Field, f => f.EffectiveGrade);
        var needsPlatform = fields.Any(f => !graded.TryGetValue(f, out var g) || g >= DataGrade.L3);
        var now = _clock.GetUtcNow();
        var calendar = await calendars.GetAsync(ct);

        // 无条件共享 passes its compliance check only when every field asked for is below L3; otherwise it is reviewed as 有条件.
        var route = metadata.ShareType switch
        {
            ShareTypes.Unconditional when !needsPlatform => ApplicationStates.Granted,
            ShareTypes.None => ApplicationStates.Coordination,
            _ => ApplicationStates.ProviderReview,
        };

        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var pending = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            SELECT count(*) FROM share_applications
            WHERE consumer_org_id = @OrganizationId AND resource_id = @Id AND state IN ({Pending})
            """, new { caller.OrganizationId, resource.Id }, tx, cancellationToken: ct));
        if (pending > 0)
        {
            throw new GongshuException(ErrorKind.Conflict, "application_pending", $"Your department already has an application for {resource.Code} under review.");
        }

        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO share_applications (resource_id, provider_id, consumer_org_id, applicant_id, fields_json, purpose, scenario, legal_basis,
                period_from, period_to, expected_daily_calls, share_type, needs_platform, renews_grant_id, state, stage_started_at, stage_due_at,
                filed_at, decided_at, revision)
            VALUES (@ResourceId, @ProviderId, @ConsumerId, @ApplicantId, @FieldsJson, @purpose, @scenario, @legalBasis,
                @From, @To, @calls, @ShareType, @needsPlatform, @RenewsGrantId, @route, @now, @due, @now, @decided, 1)
            RETURNING id
            """, new
            {
                ResourceId = resource.Id,
                resource.ProviderId,
                ConsumerId = caller.OrganizationId,
                ApplicantId = caller.UserId,
                FieldsJson = JsonSerializer.Serialize(fields),
                purpose,
                scenario,
                legalBasis,
                From = WorkingCalendar.Text(from),
                To = WorkingCalendar.Text(to),
                calls,
                ShareType = metadata.ShareType ?? ShareTypes.Conditional,
                needsPlatform,
                request.RenewsGrantId,
                route,
                now,
                due = route == ApplicationStates.Granted ? (DateTimeOffset?)null : calendar.Deadline(now, ReviewWorkingDays),
                decided = route == ApplicationStates.Granted ? now : (DateTimeOffset?)null,
            }, tx, cancellationToken: ct));

        var row = (await FindAsync(connection, tx, id, ct))!;
        await audit.AppendInTransactionAsync(connection, tx, caller.Actor.Entry("sharing.application.filed", AuditObject(id), AuditOutcome.Success, new
        {
            code = resource.Code,
            fields,
            purpose,
            period = $"{WorkingCalendar.Text(from)}..{WorkingCalendar.Text(to)}",
            route,
            needsPlatform,
        }), ct);
        if (route == ApplicationStates.Granted)
        {
            await DecideInTransactionAsync(connection, tx, row, "compliance", approve: true, null, Actor.System, now, ct);
            await ShareGrants.CreateInTransactionAsync(connection, tx, audit, row, now, ct);
        }
        else
        {
            await NoticeAsync(connection, tx, route == ApplicationStates.Coordination ? null : resource.ProviderId, id, "review",
                $"{OrgLabel(caller)} applied for {resource.Code} {resource.Version.Metadata.Name} ({string.Join(", ", fields)}); due {Show(row.StageDueAt)}.", now, ct);
        }

        await tx.CommitAsync(ct);
        return await GetAsync(caller, id, ct);
    }

    /// <summary>
    /// The decision of the current stage: the provider's admins in provider_review, platform admins
    /// in platform_review and coordination. A refusal needs its reason; an approval may narrow the
    /// grant (row filter, daily quota, rate limit).
    /// </summary>
    public async Task<ShareApplication> DecideAsync(CatalogCaller caller, long applicationId, ShareDecisionInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var reason = InputText.Read(input.Reason, "reason", required: !input.Approve);
        if (input.DailyQuota is < 1 or > 100_000_000)
        {
            throw GongshuException.Invalid("dailyQuota", "A daily quota is from 1 to 100,000,000 calls.", "invalid_quota");
        }

        if (input.RateLimit is < 1 or > 100_000)
        {
            throw GongshuException.Invalid("rateLimit", "A rate limit is from 1 to 100,000 requests a second.", "invalid_rate_limit");
        }

        var rowFilter = InputText.Read(input.RowFilter, "rowFilter", required: false);
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var row = await RequireVisibleAsync(connection, tx, caller, applicationId, ct);

        var stage = row.State switch
        {
            ApplicationStates.ProviderReview => "provider",
            ApplicationStates.PlatformReview => "platform",
            ApplicationStates.Coordination => "coordination",
            _ => throw new GongshuException(ErrorKind.Conflict, "application_decided", $"Application {row.Id} is {row.State}: there is nothing left to decide."),
        };
        var allowed = stage == "provider" ? caller.AdministersProvider(row.ProviderId) : caller.Has(Role.PlatformAdmin);
        if (!allowed)
        {
            throw new GongshuException(ErrorKind.Forbidden, "decision_forbidden", stage == "provider"
                ? $"Application {row.Id} waits for the provider's admins."
                : $"Application {row.Id} waits for the platform admins.");
        }

        if (rowFilter is not null)
        {
            await RequireRowFilterAsync(row.ResourceId, rowFilter, ct);
        }

        var now = _clock.GetUtcNow();
        var next = !input.Approve ? ApplicationStates.Refused
            : stage == "provider" && row.NeedsPlatform ? ApplicationStates.PlatformReview
            : ApplicationStates.Granted;
        var due = next == ApplicationStates.PlatformReview ? (await calendars.GetAsync(ct)).Deadline(now, ReviewWorkingDays) : (DateTimeOffset?)null;
        var moved = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE share_applications SET state = @next, stage_started_at = @now, stage_due_at = @due, reminded_at = NULL, escalated_at = NULL,
                refusal_reason = @refusal, decided_at = @decided, revision = revision + 1,
                grant_row_filter = COALESCE(@rowFilter, grant_row_filter), grant_daily_quota = COALESCE(@DailyQuota, grant_daily_quota),
                grant_rate_limit = COALESCE(@RateLimit, grant_rate_limit)
            WHERE id = @Id AND state = @State
            """, new
            {
                next,
                now,
                due,
                refusal = input.Approve ? null : reason,
                decided = next is ApplicationStates.Granted or ApplicationStates.Refused ? now : (DateTimeOffset?)null,
                rowFilter,
                input.DailyQuota,
                input.RateLimit,
                row.Id,
                row.State,
            }, tx, cancellationToken: ct));
        if (moved != 1)
        {
            throw new GongshuException(ErrorKind.Conflict, "application_changed", $"Application {row.Id} changed a moment ago; reload it.");
        }

        await DecideInTransactionAsync(connection, tx, row, stage, input.Approve, reason, caller.Actor, now, ct);
        await audit.AppendInTransactionAsync(connection, tx, caller.Actor.Entry(input.Approve ? "sharing.application.approved" : "sharing.application.refused",
            AuditObject(row.Id), AuditOutcome.Success, new { code = row.ResourceCode, stage, from = row.State, to = next, reason, rowFilter, input.DailyQuota, input.RateLimit }), ct);
        if (next == ApplicationStates.Granted)
        {
            await ShareGrants.CreateInTransactionAsync(connection, tx, audit, (await FindAsync(connection, tx, row.Id, ct))!, now, ct);
        }

        var notice = next switch
        {
            ApplicationStates.PlatformReview => (Org: (long?)null, Kind: "review", Text: $"Application {row.Id} for {row.ResourceCode} asks for L3+ fields and waits for platform review; due {Show(due)}."),
            ApplicationStates.Granted => (Org: row.ConsumerOrgId, Kind: "granted", Text: $"Application {row.Id} for {row.ResourceCode} is granted: collect the credential of its grant."),
            _ => (Org: row.ConsumerOrgId, Kind: "refused", Text: $"Application {row.Id} for {row.ResourceCode} is refused: {reason}"),
        };
        await NoticeAsync(connection, tx, notice.Org, row.Id, notice.Kind, notice.Text, now, ct);
        await tx.CommitAsync(ct);
        return await GetAsync(caller, row.Id, ct);
    }

    /// <summary>The applicant's department withdraws an application still under review.</summary>
    public async Task<ShareApplication> WithdrawAsync(CatalogCaller caller, long applicationId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var row = await RequireVisibleAsync(connection, tx, caller, applicationId, ct);

        if (row.ConsumerOrgId != caller.OrganizationId || !caller.Has(Role.Consumer))
        {
            throw new GongshuException(ErrorKind.Forbidden, "withdraw_forbidden", "Only the applying department withdraws its application.");
        }

        var now = _clock.GetUtcNow();
        var moved = await connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE share_applications SET state = 'withdrawn', decided_at = @now, stage_due_at = NULL, revision = revision + 1
            WHERE id = @Id AND state IN ({Pending})
            """, new { row.Id, now }, tx, cancellationToken: ct));
        if (moved != 1)
        {
            throw new GongshuException(ErrorKind.Conflict, "application_decided", $"Application {row.Id} is {row.State}: only one under review can be withdrawn.");
        }

        await audit.AppendInTransactionAsync(connection, tx, caller.Actor.Entry("sharing.application.withdrawn", AuditObject(row.Id), AuditOutcome.Success,
            new { code = row.ResourceCode, from = row.State }), ct);
        await tx.CommitAsync(ct);
        return await GetAsync(caller, row.Id, ct);
    }

    /// <summary>One application with its signed decisions (each signature checked); 404 for those who may not see it.</summary>
    public async Task<ShareApplication> GetAsync(CatalogCaller caller, long applicationId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var row = await RequireVisibleAsync(connection, null, caller, applicationId, ct);

        var decisions = await connection.QueryAsync<DecisionRow>(new CommandDefinition("""
            SELECT id, stage, decision, reason, decided_by AS DecidedBy, organization_id AS OrganizationId, decided_at AS DecidedAt,
                signed_text AS SignedText, signature, public_key AS PublicKey
            FROM share_decisions WHERE application_id = @applicationId ORDER BY id
            """, new { applicationId }, cancellationToken: ct));
        var grantId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM share_grants WHERE application_id = @applicationId", new { applicationId }, cancellationToken: ct));
        return View(row, grantId, [.. decisions.Select(d => d.ToDecision())]);
    }

    /// <summary>
    /// Applications the caller may see, newest first: its department's own; for a provider's admins
    /// also those for its resources; all for platform admins and auditors. <paramref name="awaitingMe"/>
    /// narrows to those waiting for the caller's decision; <paramref name="before"/> pages on to
    /// those older than that application (its id, the last of the previous page).
    /// </summary>
    public async Task<IReadOnlyList<ShareApplication>> ListAsync(CatalogCaller caller, string? state = null, bool awaitingMe = false, int limit = 100,
        long? before = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (limit is < 1 or > 500)
        {
            throw GongshuException.Invalid("limit", "The limit must be between 1 and 500.");
        }

        if (state is not null && !ApplicationStates.All.Contains(state))
        {
            throw GongshuException.Invalid("state", $"'{state}' is not an application state; use one of {string.Join(", ", ApplicationStates.All)}.", "unknown_state");
        }

        var where = new List<string>();
        var everyone = caller.OverseesAll;
        if (!caller.ActsForDepartment)
        {
            return [];
        }

        if (!everyone)
        {
            where.Add(caller.Has(Role.ProviderAdmin) ? "(a.consumer_org_id = @Org OR a.provider_id = @Org)" : "a.consumer_org_id = @Org");
        }

        if (state is not null)
        {
            where.Add("a.state = @state");
        }

        if (before is not null)
        {
            where.Add("a.id < @before");
        }

        if (awaitingMe)
        {
            var mine = new List<string>();
            if (caller.Has(Role.ProviderAdmin))
            {
                mine.Add("(a.state = 'provider_review' AND a.provider_id = @Org)");
            }

            if (caller.Has(Role.PlatformAdmin))
            {
                mine.Add("a.state IN ('platform_review', 'coordination')");
            }

            where.Add(mine.Count == 0 ? "1 = 0" : "(" + string.Join(" OR ", mine) + ")");
        }

        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ApplicationRow>(new CommandDefinition(
            $"{Select} {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))} ORDER BY a.id DESC LIMIT {limit}",
            new { Org = caller.OrganizationId, state, before }, cancellationToken: ct));
        return [.. rows.Select(r => View(r, null, []))];
    }

    /// <summary>
    /// Reminds and escalates (run by the scheduler): a stage with less than one working day left
    /// gets a reminder to whoever must decide; a stage past its deadline is escalated to the
    /// platform admins. Each happens once per stage; returns (reminded, escalated).
    /// </summary>
    public async Task<(int Reminded, int Escalated)> SweepDeadlinesAsync(CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        var calendar = await calendars.GetAsync(ct);
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var due = (await connection.QueryAsync<ApplicationRow>(new CommandDefinition(
            $"{Select} WHERE a.state IN ({Pending}) AND (a.reminded_at IS NULL OR a.escalated_at IS NULL) ORDER BY a.id",
            cancellationToken: ct))).ToList();
        var (reminded, escalated) = (0, 0);
        foreach (var row in due)
        {
            var deadline = row.StageDueAt!.Value;
            var decider = row.State == ApplicationStates.ProviderReview ? row.ProviderId : (long?)null;
            await using var tx = await connection.BeginTransactionAsync(ct);
            if (now >= deadline && row.EscalatedAt is null)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE share_applications SET escalated_at = @now, reminded_at = COALESCE(reminded_at, @now) WHERE id = @Id",
                    new { now, row.Id }, tx, cancellationToken: ct));
                await NoticeAsync(connection, tx, null, row.Id, "escalation",
                    $"Application {row.Id} for {row.ResourceCode} is overdue at stage {row.State} (due {Show(deadline)}).", now, ct);
                await audit.AppendInTransactionAsync(connection, tx, Actor.System.Entry("sharing.application.escalated", AuditObject(row.Id), AuditOutcome.Success,
                    new { code = row.ResourceCode, stage = row.State, due = deadline }), ct);
                escalated++;
            }
            else if (row.RemindedAt is null && calendar.WorkingDaysBetween(now, deadline) <= 1 && now < deadline)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE share_applications SET reminded_at = @now WHERE id = @Id", new { now, row.Id }, tx, cancellationToken: ct));
                await NoticeAsync(connection, tx, decider, row.Id, "reminder",
                    $"Application {row.Id} for {row.ResourceCode} must be decided by {Show(deadline)}.", now, ct);
                await audit.AppendInTransactionAsync(connection, tx, Actor.System.Entry("sharing.application.reminded", AuditObject(row.Id), AuditOutcome.Success,
                    new { code = row.ResourceCode, stage = row.State, due = deadline }), ct);
                reminded++;
            }

            await tx.CommitAsync(ct);
        }

        return (reminded, escalated);
    }

    /// <summary>The caller's department's notices, newest first (platform admins also get the platform's).</summary>
    public async Task<IReadOnlyList<ShareNotice>> NoticesAsync(CatalogCaller caller, int limit = 100, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.ActsForDepartment)
        {
            return [];
        }

        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(long Id, long? OrganizationId, long ApplicationId, string Kind, string Message, DateTimeOffset CreatedAt)>(
            new CommandDefinition($"""
                SELECT id, organization_id, application_id, kind, message, created_at FROM share_notices
                WHERE organization_id = @Org {(caller.Has(Role.PlatformAdmin) ? "OR organization_id IS NULL" : "")}
                ORDER BY id DESC LIMIT {Math.Clamp(limit, 1, 500)}
                """, new { Org = caller.OrganizationId }, cancellationToken: ct));
        return [.. rows.Select(r => new ShareNotice(r.Id, r.OrganizationId, r.ApplicationId, r.Kind, r.Message, r.CreatedAt))];
    }

    /// <summary>数据共享需求满足率 and 平均审批时长 over the applications filed in [from, to) (platform admins and auditors).</summary>
    public async Task<SharingKpi> KpiAsync(CatalogCaller caller, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.OverseesAll)
        {
            throw new GongshuException(ErrorKind.Forbidden, "kpi_forbidden", "Sharing figures are for platform admins and auditors.");
        }

        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<ApplicationRow>(new CommandDefinition(
            $"{Select} WHERE a.filed_at >= @From AND a.filed_at < @To",
            new { From = from ?? DateTimeOffset.UnixEpoch, To = to ?? DateTimeOffset.MaxValue.AddYears(-1) }, cancellationToken: ct))).ToList();
        var now = _clock.GetUtcNow();
        var calendar = await calendars.GetAsync(ct);
        var granted = rows.Count(r => r.State == ApplicationStates.Granted);
        var refused = rows.Count(r => r.State == ApplicationStates.Refused);
        var pending = rows.Where(r => ApplicationStates.Pending.Contains(r.State)).ToList();
        var overdue = pending.Count(r => r.StageDueAt <= now);
        var decided = rows.Where(r => r.State is ApplicationStates.Granted or ApplicationStates.Refused && r.DecidedAt is not null).ToList();
        var answerable = granted + refused + overdue;
        return new SharingKpi(rows.Count, granted, refused, rows.Count(r => r.State == ApplicationStates.Withdrawn), pending.Count, overdue,
            answerable == 0 ? null : Math.Round(100.0 * granted / answerable, 1),
            decided.Count == 0 ? null : Math.Round(decided.Average(r => (r.DecidedAt!.Value - r.FiledAt).TotalHours), 2),
            decided.Count == 0 ? null : Math.Round(decided.Average(r => calendar.WorkingDaysBetween(r.FiledAt, r.DecidedAt!.Value)), 2));
    }

    internal const string Select = """
        SELECT a.id, a.resource_id AS ResourceId, r.code AS ResourceCode, a.provider_id AS ProviderId, a.consumer_org_id AS ConsumerOrgId,
            a.applicant_id AS ApplicantId, a.fields_json AS FieldsJson, a.purpose, a.scenario, a.legal_basis AS LegalBasis, a.period_from AS PeriodFrom,
            a.period_to AS PeriodTo, a.expected_daily_calls AS ExpectedDailyCalls, a.share_type AS ShareType, a.needs_platform AS NeedsPlatform,
            a.renews_grant_id AS RenewsGrantId, a.state, a.stage_started_at AS StageStartedAt, a.stage_due_at AS StageDueAt, a.reminded_at AS RemindedAt,
            a.escalated_at AS EscalatedAt, a.refusal_reason AS RefusalReason, a.grant_row_filter AS GrantRowFilter, a.grant_daily_quota AS GrantDailyQuota,
            a.grant_rate_limit AS GrantRateLimit, a.filed_at AS FiledAt, a.decided_at AS DecidedAt
        FROM share_applications a JOIN catalog_resources r ON r.id = a.resource_id
        """;

    internal static Task<ApplicationRow?> FindAsync(DbConnection connection, DbTransaction? tx, long id, CancellationToken ct)
        => connection.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition($"{Select} WHERE a.id = @id", new { id }, tx, cancellationToken: ct));

    // Other departments' applications are not found, not forbidden.
    private static async Task<ApplicationRow> RequireVisibleAsync(DbConnection connection, DbTransaction? tx, CatalogCaller caller, long applicationId, CancellationToken ct)
    {
        var row = await FindAsync(connection, tx, applicationId, ct);
        return row is not null && Sees(caller, row) ? row : throw GongshuException.NotFound($"Application {applicationId}", "application_not_found");
    }

    private static bool Sees(CatalogCaller caller, ApplicationRow row)
        => caller.OverseesAll || (caller.ActsForDepartment && row.ConsumerOrgId == caller.OrganizationId) || caller.AdministersProvider(row.ProviderId);

    // The decision, its canonical text and the platform's SM2 signature over it, in the caller's transaction.
    private async Task DecideInTransactionAsync(DbConnection connection, DbTransaction tx, ApplicationRow row, string stage, bool approve, string? reason,
        Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var decision = approve ? "approved" : "refused";
        var text = string.Join('\n',
            "gongshu/share-decision/v1",
            $"application={row.Id}",
            $"resource={row.ResourceCode}",
            $"consumer={row.ConsumerOrgId}",
            $"fields={string.Join(',', row.Fields)}",
            $"period={row.PeriodFrom}..{row.PeriodTo}",
            $"stage={stage}",
            $"decision={decision}",
            $"reason={reason ?? ""}",
            $"by={actor.Id}",
            $"at={now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)}");
        var key = keys.AuditSigningKey;
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO share_decisions (application_id, stage, decision, reason, decided_by, organization_id, decided_at, signed_text, signature, public_key)
            VALUES (@Id, @stage, @decision, @reason, @by, @org, @now, @text, @signature, @publicKey)
            """, new
            {
                row.Id,
                stage,
                decision,
                reason,
                by = actor.Id,
                org = actor.OrganizationId,
                now,
                text,
                signature = Convert.ToHexStringLower(key.Sign(Encoding.UTF8.GetBytes(text))),
                publicKey = key.PublicKeyHex,
            }, tx, cancellationToken: ct));
    }

    private static Task NoticeAsync(DbConnection connection, DbTransaction tx, long? organizationId, long applicationId, string kind, string message,
        DateTimeOffset now, CancellationToken ct)
        => connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO share_notices (organization_id, application_id, kind, message, created_at) VALUES (@organizationId, @applicationId, @kind, @message, @now)
            """, new { organizationId, applicationId, kind, message, now }, tx, cancellationToken: ct));

    // A row filter is in the gateway's filter language over the resource's fields: refused now, not at the consumer's first call.
    private async Task RequireRowFilterAsync(long resourceId, string rowFilter, CancellationToken ct)
    {
        var resource = (await catalog.GetPublishedAsync([resourceId], ct)).SingleOrDefault()
            ?? throw new GongshuException(ErrorKind.Conflict, "resource_withdrawn", "The resource is no longer published.");
        var node = Query.FilterParser.Parse(rowFilter, "rowFilter");
        if (node is not null)
        {
            Query.FilterBinder.Bind(node, new Query.QueryFields(Collection.CollectionService.DatasetColumns(resource)), "rowFilter");
        }
    }

    private async Task RequireRenewableAsync(CatalogCaller caller, CatalogResource resource, long grantId, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var owner = await connection.QuerySingleOrDefaultAsync<(long Consumer, long Resource)?>(new CommandDefinition(
            "SELECT consumer_org_id, resource_id FROM share_grants WHERE id = @grantId", new { grantId }, cancellationToken: ct));
        if (owner is not { } o || o.Consumer != caller.OrganizationId)
        {
            throw GongshuException.NotFound($"Grant {grantId}", "grant_not_found");
        }

        if (o.Resource != resource.Id)
        {
            throw GongshuException.Invalid("renewsGrantId", $"Grant {grantId} is for another resource.", "renewal_mismatch");
        }
    }

    private static List<string> RequireFields(IReadOnlyList<string>? requested, IReadOnlyList<string> available)
    {
        if (requested is null || requested.Count == 0)
        {
            throw GongshuException.Invalid("fields", $"Name the fields needed (a subset of {string.Join(", ", available)}).", "fields_missing");
        }

        var fields = new List<string>();
        foreach (var field in requested)
        {
            if (!available.Contains(field))
            {
                throw GongshuException.Invalid("fields", $"'{field}' is not a field of this resource; its fields are {string.Join(", ", available)}.", "unknown_field");
            }

            if (fields.Contains(field))
            {
                throw GongshuException.Invalid("fields", $"'{field}' is named twice.", "duplicate_field");
            }

            fields.Add(field);
        }

        return fields;
    }

    private ShareApplication View(ApplicationRow row, long? grantId, IReadOnlyList<ShareDecision> decisions)
        => new(row.Id, row.ResourceId, row.ResourceCode, row.ProviderId, row.ConsumerOrgId, row.ApplicantId, row.Fields, row.Purpose, row.Scenario,
            row.LegalBasis, WorkingCalendar.ParseText(row.PeriodFrom), WorkingCalendar.ParseText(row.PeriodTo), (int)row.ExpectedDailyCalls, row.ShareType, row.NeedsPlatform, row.RenewsGrantId,
            row.State, row.StageStartedAt, row.StageDueAt, ApplicationStates.Pending.Contains(row.State) && row.StageDueAt <= _clock.GetUtcNow(),
            row.EscalatedAt, row.RefusalReason, row.FiledAt, row.DecidedAt, grantId, decisions);

    private static string OrgLabel(CatalogCaller caller) => $"Organization {caller.OrganizationId.ToString(CultureInfo.InvariantCulture)}";

    private static string Show(DateTimeOffset? at) => at?.ToOffset(WorkingCalendar.Beijing).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-";

    private sealed class DecisionRow
    {
        public long Id { get; set; }
        public string Stage { get; set; } = "";
        public string Decision { get; set; } = "";
        public string? Reason { get; set; }
        public string DecidedBy { get; set; } = "";
        public long? OrganizationId { get; set; }
        public DateTimeOffset DecidedAt { get; set; }
        public string SignedText { get; set; } = "";
        public string Signature { get; set; } = "";
        public string PublicKey { get; set; } = "";

        public ShareDecision ToDecision()
            => new(Id, Stage, Decision, Reason, DecidedBy, OrganizationId, DecidedAt, SignedText, Signature, PublicKey,
                Gongshu.Security.Crypto.Sm2KeyPair.FromPublicKeyHex(PublicKey).Verify(Encoding.UTF8.GetBytes(SignedText), Convert.FromHexString(Signature)));
    }
}

/// <summary>A row of <c>share_applications</c> with its resource's code.</summary>
internal sealed class ApplicationRow
{
    public long Id { get; set; }
    public long ResourceId { get; set; }
    public string ResourceCode { get; set; } = "";
    public long ProviderId { get; set; }
    public long ConsumerOrgId { get; set; }
    public long ApplicantId { get; set; }
    public string FieldsJson { get; set; } = "[]";
    public string Purpose { get; set; } = "";
    public string Scenario { get; set; } = "";
    public string LegalBasis { get; set; } = "";
    public string PeriodFrom { get; set; } = "";
    public string PeriodTo { get; set; } = "";
    public long ExpectedDailyCalls { get; set; }
    public string ShareType { get; set; } = "";
    public bool NeedsPlatform { get; set; }
    public long? RenewsGrantId { get; set; }
    public string State { get; set; } = "";
    public DateTimeOffset StageStartedAt { get; set; }
    public DateTimeOffset? StageDueAt { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public string? RefusalReason { get; set; }
    public string? GrantRowFilter { get; set; }
    public long? GrantDailyQuota { get; set; }
    public long? GrantRateLimit { get; set; }
    public DateTimeOffset FiledAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    public IReadOnlyList<string> Fields => JsonSerializer.Deserialize<List<string>>(FieldsJson) ?? [];
}
