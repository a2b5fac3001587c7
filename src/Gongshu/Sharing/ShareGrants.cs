using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Gongshu.Audit;
using Gongshu.Calendar;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Storage;

namespace Gongshu.Sharing;

/// <summary>A grant as its holders and its provider see it (never the credential's secret).</summary>
public sealed record ShareGrant(
    long Id,
    long ApplicationId,
    long ResourceId,
    string ResourceCode,
    long ProviderId,
    long ConsumerOrganizationId,
    IReadOnlyList<string> Fields,
    string? RowFilter,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    int DailyQuota,
    int RateLimit,
    string? AppKey,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    string? RevokeReason)
{
    /// <summary>Whether calls are served on <paramref name="day"/> (Beijing).</summary>
    public bool IsActive(DateOnly day) => RevokedAt is null && day >= ValidFrom && day <= ValidTo;
}

/// <summary>The credential of a grant with its secret, which is shown this once.</summary>
public sealed record GrantCredential(long GrantId, string AppKey, string Secret, DateTimeOffset? ExpiresAt);

/// <summary>
/// Grants (授权): what an approved application lets its department call — fields, an optional row
/// filter, validity period, daily quota and rate limit — and the app credential that calls it. The
/// consumer collects the credential once (the secret is never shown again; rotating issues a new
/// one and revokes the old). Revocation revokes the credential in the same step, so the next
/// signed call is refused.
/// </summary>
public sealed class ShareGrants(Database database, CredentialService credentials, IAuditLog audit, TimeProvider? clock = null)
{
    /// <summary>Requests a second a grant allows unless its approver set another limit.</summary>
    public const int DefaultRateLimit = 50;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public static string AuditObject(long grantId) => $"grant:{grantId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Creates the grant of an approved application in its transaction. The daily quota is the
    /// approver's, else the expected daily calls with a fifth more as headroom.
    /// </summary>
    internal static async Task CreateInTransactionAsync(DbConnection connection, DbTransaction tx, AuditLog audit, ApplicationRow application,
        DateTimeOffset now, CancellationToken ct)
    {
        var quota = (int)(application.GrantDailyQuota ?? Math.Min(100_000_000, application.ExpectedDailyCalls + (application.ExpectedDailyCalls + 4) / 5));
        var rateLimit = (int)(application.GrantRateLimit ?? DefaultRateLimit);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO share_grants (application_id, resource_id, provider_id, consumer_org_id, fields_json, row_filter, valid_from, valid_to,
                daily_quota, rate_limit, created_at)
            VALUES (@Id, @ResourceId, @ProviderId, @ConsumerOrgId, @FieldsJson, @GrantRowFilter, @PeriodFrom, @PeriodTo, @quota, @rateLimit, @now)
            RETURNING id
            """, new
            {
                application.Id,
                application.ResourceId,
                application.ProviderId,
                application.ConsumerOrgId,
                application.FieldsJson,
                application.GrantRowFilter,
                application.PeriodFrom,
                application.PeriodTo,
                quota,
                rateLimit,
                now,
            }, tx, cancellationToken: ct));
        await audit.AppendInTransactionAsync(connection, tx, Actor.System.Entry("sharing.grant.created", AuditObject(id), AuditOutcome.Success, new
        {
            application = application.Id,
            code = application.ResourceCode,
            consumer = application.ConsumerOrgId,
            fields = application.Fields,
            rowFilter = application.GrantRowFilter,
            period = $"{application.PeriodFrom}..{application.PeriodTo}",
            quota,
            rateLimit,
        }), ct);
    }

    /// <summary>One grant: its department, its provider's admins, platform admins and auditors; 404 for others.</summary>
    public async Task<ShareGrant> GetAsync(CatalogCaller caller, long grantId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var grant = await FindAsync(grantId, ct);
        if (grant is null || !(caller.OverseesAll || (caller.ActsForDepartment && grant.ConsumerOrganizationId == caller.OrganizationId)
            || caller.AdministersProvider(grant.ProviderId)))
        {
            throw GongshuException.NotFound($"Grant {grantId}", "grant_not_found");
        }

        return grant;
    }

    /// <summary>The grants the caller may see, newest first.</summary>
    public async Task<IReadOnlyList<ShareGrant>> ListAsync(CatalogCaller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.ActsForDepartment)
        {
            return [];
        }

        var where = caller.OverseesAll ? "1 = 1"
            : caller.Has(Role.ProviderAdmin) ? "(g.consumer_org_id = @Org OR g.provider_id = @Org)" : "g.consumer_org_id = @Org";
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<GrantRow>(new CommandDefinition($"{Select} WHERE {where} ORDER BY g.id DESC LIMIT 500",
            new { Org = caller.OrganizationId }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToGrant())];
    }

    /// <summary>
    /// Issues the grant's credential to a consumer user of its department and returns the secret
    /// this once. A grant that has one answers 409 unless <paramref name="rotate"/>, which revokes
    /// the old credential and issues a new one.
    /// </summary>
    public async Task<GrantCredential> IssueCredentialAsync(CatalogCaller caller, long grantId, bool rotate = false, CancellationToken ct = default)
    {
        var grant = await GetAsync(caller, grantId, ct);
        if (grant.ConsumerOrganizationId != caller.OrganizationId || !caller.Has(Role.Consumer))
        {
            throw new GongshuException(ErrorKind.Forbidden, "credential_forbidden", "The grant's credential is collected by a consumer user of the department it was granted to.");
        }

        var today = WorkingCalendar.DayOf(_clock.GetUtcNow());
        if (!grant.IsActive(today) && !(grant.RevokedAt is null && today < grant.ValidFrom))
        {
            throw new GongshuException(ErrorKind.Conflict, "grant_inactive", $"Grant {grant.Id} is {(grant.RevokedAt is null ? "expired" : "revoked")}: apply again to renew it.");
        }

        if (grant.AppKey is { } existing)
        {
            if (!rotate)
            {
                throw new GongshuException(ErrorKind.Conflict, "credential_issued",
                    $"Grant {grant.Id}'s credential {existing} was already issued and its secret shown once; rotate it to get a new one.");
            }

            await credentials.RevokeAsync(existing, caller.Actor, ct);
        }

        var expires = new DateTimeOffset(grant.ValidTo.AddDays(1).ToDateTime(TimeOnly.MinValue), WorkingCalendar.Beijing);
        var issued = await credentials.IssueAsync(caller.OrganizationId, caller.UserId, $"grant {grant.Id} {grant.ResourceCode}", expires, caller.Actor, ct);
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            await connection.ExecuteAsync(new CommandDefinition("UPDATE share_grants SET credential_id = @credential WHERE id = @Id",
                new { credential = issued.Credential.Id, grant.Id }, cancellationToken: ct));
        }

        await audit.AppendAsync(caller.Actor.Entry(rotate ? "sharing.grant.credential_rotated" : "sharing.grant.credential_issued", AuditObject(grant.Id),
            AuditOutcome.Success, new { appKey = issued.Credential.AppKey, fingerprint = issued.Credential.Fingerprint }), CancellationToken.None);
        return new GrantCredential(grant.Id, issued.Credential.AppKey, issued.Secret, expires);
    }

    /// <summary>Revokes a grant and its credential (the provider's admins or platform admins, with a reason); the next call is refused.</summary>
    public async Task<ShareGrant> RevokeAsync(CatalogCaller caller, long grantId, string? reason, CancellationToken ct = default)
    {
        var grant = await GetAsync(caller, grantId, ct);
        if (!caller.ManagesDataOf(grant.ProviderId))
        {
            throw new GongshuException(ErrorKind.Forbidden, "revoke_forbidden", "The provider's admins and platform admins revoke a grant.");
        }

        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why) || why.Length > 2000)
        {
            throw GongshuException.Invalid("reason", "Say why the grant is revoked (up to 2000 characters).", "text_required");
        }

        var now = _clock.GetUtcNow();
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            var revoked = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE share_grants SET revoked_at = @now, revoked_by = @by, revoke_reason = @why WHERE id = @Id AND revoked_at IS NULL",
                new { now, by = caller.Actor.Id, why, grant.Id }, cancellationToken: ct));
            if (revoked == 0)
            {
                throw new GongshuException(ErrorKind.Conflict, "grant_revoked", $"Grant {grant.Id} is already revoked.");
            }
        }

        if (grant.AppKey is { } appKey)
        {
            await credentials.RevokeAsync(appKey, caller.Actor, ct);
        }

        await audit.AppendAsync(caller.Actor.Entry("sharing.grant.revoked", AuditObject(grant.Id), AuditOutcome.Success,
            new { code = grant.ResourceCode, consumer = grant.ConsumerOrganizationId, reason = why }), CancellationToken.None);
        return await GetAsync(caller, grantId, ct);
    }

    /// <summary>
    /// Whether <paramref name="organizationId"/> holds a grant of the resource active on
    /// <paramref name="day"/> that names every one of <paramref name="fields"/>: it receives them,
    /// so naming a record by them (a correction) reveals nothing it could not read.
    /// </summary>
    internal static async Task<bool> CoversAsync(Database database, long organizationId, long resourceId, IReadOnlyList<string> fields, DateOnly day,
        CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var grants = await connection.QueryAsync<GrantRow>(new CommandDefinition($"{Select} WHERE g.consumer_org_id = @organizationId AND g.resource_id = @resourceId",
            new { organizationId, resourceId }, cancellationToken: ct));
        return grants.Select(g => g.ToGrant()).Any(g => g.IsActive(day) && fields.All(g.Fields.Contains));
    }

    /// <summary>The grant an app key calls, for the gateway (no permission check: the signature was).</summary>
    public Task<ShareGrant?> ForAppKeyAsync(string appKey, CancellationToken ct = default) => FindWhereAsync("c.app_key = @appKey", new { appKey }, ct);

    private Task<ShareGrant?> FindAsync(long grantId, CancellationToken ct) => FindWhereAsync("g.id = @grantId", new { grantId }, ct);

    private async Task<ShareGrant?> FindWhereAsync(string where, object parameters, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<GrantRow>(new CommandDefinition($"{Select} WHERE {where}", parameters, cancellationToken: ct)))?.ToGrant();
    }

    private const string Select = """
        SELECT g.id, g.application_id AS ApplicationId, g.resource_id AS ResourceId, r.code AS ResourceCode, g.provider_id AS ProviderId,
            g.consumer_org_id AS ConsumerOrgId, g.fields_json AS FieldsJson, g.row_filter AS RowFilter, g.valid_from AS ValidFrom, g.valid_to AS ValidTo,
            g.daily_quota AS DailyQuota, g.rate_limit AS RateLimit, c.app_key AS AppKey, g.created_at AS CreatedAt, g.revoked_at AS RevokedAt,
            g.revoke_reason AS RevokeReason
        FROM share_grants g JOIN catalog_resources r ON r.id = g.resource_id LEFT JOIN app_credentials c ON c.id = g.credential_id
        """;

    private sealed class GrantRow
    {
        public long Id { get; set; }
        public long ApplicationId { get; set; }
        public long ResourceId { get; set; }
        public string ResourceCode { get; set; } = "";
        public long ProviderId { get; set; }
        public long ConsumerOrgId { get; set; }
        public string FieldsJson { get; set; } = "[]";
        public string? RowFilter { get; set; }
        public string ValidFrom { get; set; } = "";
        public string ValidTo { get; set; } = "";
        public long DailyQuota { get; set; }
        public long RateLimit { get; set; }
        public string? AppKey { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? RevokedAt { get; set; }
        public string? RevokeReason { get; set; }

        public ShareGrant ToGrant() => new(Id, ApplicationId, ResourceId, ResourceCode, ProviderId, ConsumerOrgId,
            JsonSerializer.Deserialize<List<string>>(FieldsJson) ?? [], RowFilter, WorkingCalendar.ParseText(ValidFrom), WorkingCalendar.ParseText(ValidTo),
            (int)DailyQuota, (int)RateLimit, AppKey, CreatedAt, RevokedAt, RevokeReason);
    }
}
