using System.Data.Common;
using System.Globalization;
using Dapper;
using Gongshu.Audit;
using Gongshu.Calendar;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Storage;

namespace Gongshu.Opening;

/// <summary>The states of a restricted-open application; a decision is only ever taken from <see cref="Pending"/>.</summary>
public static class OpenApplicationStates
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Refused = "refused";
    public const string Withdrawn = "withdrawn";
}

/// <summary>What a member of the public files: the resource, what the data is for, and the accepted agreement.</summary>
public sealed record OpenApplicationRequest(long ResourceId, string? Purpose, string? Scenario, bool AgreementAccepted);

/// <summary>A provider's decision: approve for a period (from defaults to today), or refuse with a reason.</summary>
public sealed record OpenApplicationDecision(bool Approve, DateOnly? ValidFrom = null, DateOnly? ValidTo = null, string? Reason = null);

/// <summary>One application as its applicant and the provider's admins see it.</summary>
public sealed record OpenApplication(
    long Id,
    long ResourceId,
    string ResourceCode,
    long ProviderId,
    long ApplicantId,
    string Purpose,
    string Scenario,
    string AgreementVersion,
    string State,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    string? RefusalReason,
    DateTimeOffset FiledAt,
    DateTimeOffset? DecidedAt)
{
    /// <summary>Approved and <paramref name="today"/> within its period: the applicant may download.</summary>
    public bool IsUsableOn(DateOnly today) => State == OpenApplicationStates.Approved && ValidFrom <= today && today <= ValidTo;
}

/// <summary>
/// Restricted opening (受限开放): a signed-in member of the public applies for a restricted open
/// resource, with purpose, scenario and the accepted open-use agreement (开放数据使用协议); the
/// provider department's admins approve it for a period or refuse it with a reason; an approved
/// application in its period lets the applicant download the data, masked as for the open channel.
/// Applications of other users and of other providers are not found; every transition is audited
/// in the transaction that makes it.
/// </summary>
public sealed class OpenApplications(Database database, CatalogService catalog, AuditLog audit, TimeProvider? clock = null)
{
    /// <summary>The version of <see cref="OpenUseAgreement"/> an application records as accepted.</summary>
    public const string AgreementVersion = "2026-1";

    /// <summary>The longest approval: a year is the usual term of an open-use agreement.</summary>
    public const int MaxValidityDays = 366;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public static string AuditObject(long applicationId) => $"open-application:{applicationId.ToString(CultureInfo.InvariantCulture)}";

    public async Task<OpenApplication> ApplyAsync(CatalogCaller caller, OpenApplicationRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!caller.Has(Role.Public) || caller.UserId <= 0)
        {
            throw new GongshuException(ErrorKind.Forbidden, "apply_forbidden", "Restricted open data is applied for by a signed-in member of the public (社会公众).");
        }

        var resource = await catalog.GetAsync(caller, request.ResourceId, CatalogView.Published, ct);
        var openType = resource.Version.Metadata.OpenType;
        if (openType is not (OpenTypes.Open or OpenTypes.Restricted))
        {
            // A closed resource is not even known to the public.
            throw CatalogAccess.NotFound(request.ResourceId);
        }

        if (openType != OpenTypes.Restricted)
        {
            throw new GongshuException(ErrorKind.Conflict, "not_restricted", $"Resource {resource.Code} is open without conditions: download it, no application is needed.");
        }

        var purpose = InputText.Read(request.Purpose, "purpose", required: true)!;
        var scenario = InputText.Read(request.Scenario, "scenario", required: true)!;
        if (!request.AgreementAccepted)
        {
            throw GongshuException.Invalid("agreementAccepted", "Accept the open-use agreement (开放数据使用协议) to apply.", "agreement_required");
        }

        DapperSetup.EnsureConfigured();
        var now = _clock.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var open = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT count(*) FROM open_applications
            WHERE applicant_id = @UserId AND resource_id = @Id AND (state = 'pending' OR (state = 'approved' AND valid_to >= @today))
            """, new { caller.UserId, resource.Id, today = WorkingCalendar.Text(WorkingCalendar.DayOf(now)) }, tx, cancellationToken: ct));
        if (open > 0)
        {
            throw new GongshuException(ErrorKind.Conflict, "application_open", $"You already have a pending or approved application for {resource.Code}.");
        }

        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO open_applications (resource_id, provider_id, applicant_id, purpose, scenario, agreement_version, state, filed_at)
            VALUES (@ResourceId, @ProviderId, @ApplicantId, @purpose, @scenario, @agreement, 'pending', @now)
            RETURNING id
            """, new { ResourceId = resource.Id, resource.ProviderId, ApplicantId = caller.UserId, purpose, scenario, agreement = AgreementVersion, now },
            tx, cancellationToken: ct));
        await audit.AppendInTransactionAsync(connection, tx, caller.Actor.Entry("opening.application.filed", AuditObject(id), AuditOutcome.Success,
            new { code = resource.Code, resource = resource.Id, agreement = AgreementVersion }), ct);
        var application = (await FindAsync(connection, tx, id, ct))!;
        await tx.CommitAsync(ct);
        return application;
    }

    /// <summary>The provider department's admins decide a pending application; anyone else finds none.</summary>
    public async Task<OpenApplication> DecideAsync(CatalogCaller caller, long applicationId, OpenApplicationDecision decision, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(decision);
        var today = WorkingCalendar.DayOf(_clock.GetUtcNow());
        string? reason = null;
        DateOnly? from = null, to = null;
        if (decision.Approve)
        {
            from = decision.ValidFrom ?? today;
            to = decision.ValidTo ?? throw GongshuException.Invalid("validTo", "Give the last day the approval is valid.", "valid_to_required");
            if (to < from)
            {
                throw GongshuException.Invalid("validTo", "The last valid day is before the first.", "invalid_period");
            }

            if (to < today)
            {
                throw GongshuException.Invalid("validTo", "The period is already over.", "invalid_period");
            }

            if (to.Value.DayNumber - from.Value.DayNumber >= MaxValidityDays)
            {
                throw GongshuException.Invalid("validTo", $"An approval lasts at most {MaxValidityDays} days.", "period_too_long");
            }
        }
        else
        {
            reason = InputText.Read(decision.Reason, "reason", required: true);
        }

        DapperSetup.EnsureConfigured();
        var now = _clock.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var row = await FindAsync(connection, tx, applicationId, ct);
        if (row is null || !caller.AdministersProvider(row.ProviderId))
        {
            throw NotFound(applicationId);
        }

        var state = decision.Approve ? OpenApplicationStates.Approved : OpenApplicationStates.Refused;

        // Guarded by the state, so two admins deciding at once cannot both succeed.
        var changed = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE open_applications SET state = @state, valid_from = @from, valid_to = @to, refusal_reason = @reason, decided_by = @UserId, decided_at = @now
            WHERE id = @applicationId AND state = 'pending'
            """, new { state, from = from is { } f ? WorkingCalendar.Text(f) : null, to = to is { } t ? WorkingCalendar.Text(t) : null, reason, caller.UserId, now, applicationId },
            tx, cancellationToken: ct));
        if (changed == 0)
        {
            throw new GongshuException(ErrorKind.Conflict, "application_decided", $"Application {applicationId} is {row.State}: only a pending application is decided.");
        }

        await audit.AppendInTransactionAsync(connection, tx, caller.Actor.Entry(decision.Approve ? "opening.application.approved" : "opening.application.refused",
            AuditObject(applicationId), AuditOutcome.Success, new { code = row.ResourceCode, from = row.State, to = state, validFrom = from, validTo = to, reason }), ct);
        var decided = (await FindAsync(connection, tx, applicationId, ct))!;
        await tx.CommitAsync(ct);
        return decided;
    }

    /// <summary>The applicant takes back a pending application.</summary>
    public async Task<OpenApplication> WithdrawAsync(CatalogCaller caller, long applicationId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var row = await FindAsync(connection, tx, applicationId, ct);
        if (row is null || row.ApplicantId != caller.UserId || caller.UserId <= 0)
        {
            throw NotFound(applicationId);
        }

        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE open_applications SET state = 'withdrawn', decided_at = @now WHERE id = @applicationId AND state = 'pending'",
            new { now = _clock.GetUtcNow(), applicationId }, tx, cancellationToken: ct));
        if (changed == 0)
        {
            throw new GongshuException(ErrorKind.Conflict, "application_decided", $"Application {applicationId} is {row.State}: only a pending application is withdrawn.");
        }

        await audit.AppendInTransactionAsync(connection, tx, caller.Actor.Entry("opening.application.withdrawn", AuditObject(applicationId), AuditOutcome.Success,
            new { code = row.ResourceCode, from = row.State }), ct);
        var withdrawn = (await FindAsync(connection, tx, applicationId, ct))!;
        await tx.CommitAsync(ct);
        return withdrawn;
    }

    /// <summary>An application its applicant, its provider's admins, platform admins or auditors may see; 404 for anyone else.</summary>
    public async Task<OpenApplication> GetAsync(CatalogCaller caller, long applicationId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var row = await FindAsync(connection, null, applicationId, ct);
        return row is not null && (caller.OverseesAll || (caller.UserId > 0 && row.ApplicantId == caller.UserId) || caller.AdministersProvider(row.ProviderId))
            ? row
            : throw NotFound(applicationId);
    }

    /// <summary>The caller's own applications, newest first.</summary>
    public async Task<IReadOnlyList<OpenApplication>> ListMineAsync(CatalogCaller caller, int limit = 100, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE a.applicant_id = @UserId ORDER BY a.id DESC LIMIT @limit", new { caller.UserId, limit = Limit(limit) }, cancellationToken: ct)))
            .Select(r => r.ToApplication()).ToList();
    }

    /// <summary>Applications for the resources of the caller's department (provider admins only), newest first.</summary>
    public async Task<IReadOnlyList<OpenApplication>> ListForProviderAsync(CatalogCaller caller, int limit = 100, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.Has(Role.ProviderAdmin))
        {
            throw new GongshuException(ErrorKind.Forbidden, "provider_only", "Only a provider department's admins decide on its open-data applications.");
        }

        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE a.provider_id = @OrganizationId ORDER BY a.id DESC LIMIT @limit", new { caller.OrganizationId, limit = Limit(limit) }, cancellationToken: ct)))
            .Select(r => r.ToApplication()).ToList();
    }

    /// <summary>The application that lets <paramref name="userId"/> download <paramref name="resourceId"/> today, if any.</summary>
    public async Task<long?> UsableApplicationAsync(long userId, long resourceId, CancellationToken ct = default)
    {
        if (userId <= 0)
        {
            return null;
        }

        DapperSetup.EnsureConfigured();
        var today = WorkingCalendar.Text(WorkingCalendar.DayOf(_clock.GetUtcNow()));
        await using var connection = await database.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
            SELECT max(id) FROM open_applications
            WHERE applicant_id = @userId AND resource_id = @resourceId AND state = 'approved' AND valid_from <= @today AND valid_to >= @today
            """, new { userId, resourceId, today }, cancellationToken: ct));
    }

    /// <summary>Days change at midnight China time, as every date the platform shows.</summary>

    private const string Select = """
        SELECT a.id, a.resource_id AS ResourceId, r.code AS ResourceCode, a.provider_id AS ProviderId, a.applicant_id AS ApplicantId,
               a.purpose, a.scenario, a.agreement_version AS AgreementVersion, a.state, a.valid_from AS ValidFrom, a.valid_to AS ValidTo,
               a.refusal_reason AS RefusalReason, a.filed_at AS FiledAt, a.decided_at AS DecidedAt
        FROM open_applications a JOIN catalog_resources r ON r.id = a.resource_id
        """;

    private static async Task<OpenApplication?> FindAsync(DbConnection connection, DbTransaction? tx, long id, CancellationToken ct)
        => (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE a.id = @id", new { id }, tx, cancellationToken: ct)))?.ToApplication();

    private static GongshuException NotFound(long id) => GongshuException.NotFound($"Application {id}", "application_not_found");

    private static int Limit(int limit) => limit is < 1 or > 500 ? throw GongshuException.Invalid("limit", "The limit is from 1 to 500.") : limit;


    private sealed class Row
    {
        public long Id { get; set; }
        public long ResourceId { get; set; }
        public string ResourceCode { get; set; } = "";
        public long ProviderId { get; set; }
        public long ApplicantId { get; set; }
        public string Purpose { get; set; } = "";
        public string Scenario { get; set; } = "";
        public string AgreementVersion { get; set; } = "";
        public string State { get; set; } = "";
        public string? ValidFrom { get; set; }
        public string? ValidTo { get; set; }
        public string? RefusalReason { get; set; }
        public DateTimeOffset FiledAt { get; set; }
        public DateTimeOffset? DecidedAt { get; set; }

        public OpenApplication ToApplication() => new(Id, ResourceId, ResourceCode, ProviderId, ApplicantId, Purpose, Scenario, AgreementVersion, State,
            ParseDay(ValidFrom), ParseDay(ValidTo), RefusalReason, FiledAt, DecidedAt);

        private static DateOnly? ParseDay(string? text) => text is null ? null : WorkingCalendar.ParseText(text);
    }
}
