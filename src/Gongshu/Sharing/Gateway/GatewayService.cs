using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Gongshu.Audit;
using Gongshu.Calendar;
using Gongshu.Catalog;
using Gongshu.Delivery;
using Gongshu.Directories;
using Gongshu.Security;
using Gongshu.Security.Encryption;
using Gongshu.Security.Grading;
using Gongshu.Security.Masking;
using Gongshu.Sharing.Query;
using Gongshu.Storage;

namespace Gongshu.Sharing.Gateway;

/// <summary>What verification found: the record matches every claim, differs in one, or is not there. Never the data itself.</summary>
public static class VerificationResults
{
    public const string Match = "match";
    public const string NoMatch = "no_match";
    public const string NotFound = "not_found";
}

/// <summary>
/// The public data gateway (公共数据网关): serves a grant's data to the credential that holds it.
/// Each call is authorized on the grant (its credential, period, quota and rate), sees only the
/// granted fields, masked by the share channel's policy with pseudonyms scoped to the grant (so
/// one consumer's joins work and two consumers cannot link), and is audited — caller, grant,
/// fields, filter, rows, latency, outcome — before it is answered.
/// </summary>
public sealed class GatewayService(Database database, ShareGrants grants, CatalogService catalog, FieldGrading grading, FieldEncryption encryption,
    MaskingPolicies policies, byte[] pseudonymKey, DatasetQuery query, IAuditLog audit, GatewayCallLog calls, TimeProvider? clock = null)
{
    /// <summary>
    /// How long the current version of a resource (and the masking policy) is reused before it is
    /// read again: a new load or policy reaches the gateway within this time.
    /// </summary>
    private static readonly TimeSpan VersionCacheTime = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly GatewayLimits _limits = new(clock ?? TimeProvider.System);
    private readonly DatasetStore _datasets = new(database, clock);
    private readonly ConcurrentDictionary<string, ShareGrant> _grantsByKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DatasetVersion? Version, DateTimeOffset ReadAt)> _current = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(long Grant, long Version, string Policy), GrantPlan> _plans = new();
    private (SavedMaskingPolicy Policy, DateTimeOffset ReadAt)? _policy;

    /// <summary>
    /// Opens a call: the grant behind <paramref name="appKey"/> must be <paramref name="grantId"/>
    /// (another grant's id is 404, audited), within its period, under its quota and rate.
    /// </summary>
    /// <remarks>
    /// With <paramref name="nonce"/>, the signed request's nonce is spent with the call's audit
    /// entry, in one commit, when the call completes: the caller sends nothing before
    /// <see cref="CompleteAsync"/> has returned, which throws <c>nonce_replayed</c> for a replay.
    /// </remarks>
    public async Task<GatewayCallContext> OpenAsync(string appKey, long grantId, string iface, string? clientAddress, RequestNonce? nonce = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(appKey);
        var started = Stopwatch.GetTimestamp();
        var grant = await GrantAsync(appKey, ct);
        var actor = new Actor(appKey, grant?.ConsumerOrganizationId, clientAddress);
        if (grant is null || grant.Id != grantId)
        {
            await AuditAsync(actor.Entry("gateway.call", ShareGrants.AuditObject(grantId), AuditOutcome.Denied,
                new { @interface = iface, status = 404, problem = "grant_not_found" }), nonce);
            throw GongshuException.NotFound($"Grant {grantId}", "grant_not_found");
        }

        var context = new GatewayCallContext(grant, iface, actor, started) { Nonce = nonce };
        var today = WorkingCalendar.DayOf(_clock.GetUtcNow());
        if (grant.RevokedAt is not null || today > grant.ValidTo || today < grant.ValidFrom)
        {
            var problem = grant.RevokedAt is not null ? "grant_revoked" : today > grant.ValidTo ? "grant_expired" : "grant_not_yet_valid";
            await FailAsync(context, 403, problem, ct);
            throw new GongshuException(ErrorKind.Forbidden, problem, problem switch
            {
                "grant_revoked" => $"Grant {grant.Id} was revoked.",
                "grant_expired" => $"Grant {grant.Id} expired on {WorkingCalendar.Text(grant.ValidTo)}; apply again to renew it.",
                _ => $"Grant {grant.Id} starts on {WorkingCalendar.Text(grant.ValidFrom)}.",
            });
        }

        var (allowed, retryAfter, reason) = await _limits.TakeAsync(grant, day => new ValueTask<long>(CallsOnAsync(grant.Id, day, ct)));
        context.Counted = allowed;
        if (!allowed)
        {
            await FailAsync(context, 429, reason!, ct);
            throw new GatewayLimitException(reason!, retryAfter, reason == "quota_exceeded"
                ? $"Grant {grant.Id} has used its {grant.DailyQuota:N0} calls for today."
                : $"Grant {grant.Id} allows {grant.RateLimit} requests a second.");
        }

        return context;
    }

    /// <summary>The granted fields of the record with this key, masked; null when there is none (or the grant's row filter leaves it out).</summary>
    public async Task<IReadOnlyDictionary<string, object?>?> LookupAsync(GatewayCallContext context, IReadOnlyDictionary<string, string> key, CancellationToken ct = default)
    {
        var plan = await PlanAsync(context.Grant, ct);
        RequireGranted(context.Grant, key.Keys);
        var found = await FindAsync(context.Grant, plan, key, ct);
        var record = found is null ? null : plan.Project(found);
        context.Note(key.Keys.ToList(), null, record is null ? 0 : 1, plan.Version.Id);
        return record;
    }

    /// <summary>
    /// A page of the grant's data: the caller's filter ANDed with the grant's row filter, a
    /// projection of granted fields, a sort and a signed keyset cursor (docs/GATEWAY-QUERY.md).
    /// </summary>
    public async Task<GatewayPage> QueryAsync(GatewayCallContext context, QueryRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = await PlanAsync(context.Grant, ct);
        var queryPlan = query.Plan(plan.Version, request, new QueryAccess(context.Grant.Fields, context.Grant.RowFilter));
        var projected = queryPlan.Fields.Select(f => f.Name).ToList();
        var masker = plan.MaskerFor(projected);
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        await using var page = await query.OpenAsync(queryPlan, ct);
        await foreach (var row in page.ReadAsync(ct))
        {
            var values = row.Values;
            masker.Apply(values);
            rows.Add(projected.Select((f, i) => (f, values[i])).ToDictionary(p => p.f, p => p.Item2, StringComparer.Ordinal));
        }

        context.Note(projected, request.Filter, rows.Count, plan.Version.Id);
        return new GatewayPage(plan.ColumnsFor(projected), rows, page.NextCursor);
    }

    /// <summary>
    /// 数据核验: whether the record named by its key holds the claimed values (e.g. 身份证号 + 姓名);
    /// answers match, no_match or not_found and returns no data.
    /// </summary>
    public async Task<string> VerifyAsync(GatewayCallContext context, IReadOnlyDictionary<string, string> key, IReadOnlyDictionary<string, string> claims,
        CancellationToken ct = default)
    {
        if (claims.Count == 0)
        {
            throw GongshuException.Invalid("claims", "Name at least one field to verify besides the key.", "claims_missing");
        }

        var plan = await PlanAsync(context.Grant, ct);
        RequireGranted(context.Grant, key.Keys.Concat(claims.Keys));
        var found = await FindAsync(context.Grant, plan, key, ct);
        context.Note(key.Keys.Concat(claims.Keys).ToList(), null, 0, plan.Version.Id);
        if (found is null)
        {
            return VerificationResults.NotFound;
        }

        foreach (var (field, claimed) in claims)
        {
            var ordinal = plan.Ordinal(field);
            var stored = found[ordinal] is { } v ? FieldValueText.ToText(v) : "";
            if (!string.Equals(stored.Trim(), claimed.Trim(), StringComparison.Ordinal))
            {
                return VerificationResults.NoMatch;
            }
        }

        return VerificationResults.Match;
    }

    /// <summary>Streams every granted row (within the grant's row filter), masked, as CSV or JSON: a bulk export under the grant.</summary>
    public async Task ExportAsync(GatewayCallContext context, DeliveryFormat format, Stream output, CancellationToken ct = default)
    {
        var plan = await PlanAsync(context.Grant, ct);
        long rows = 0;
        await using (var writer = format == DeliveryFormat.Csv ? (RowWriter)new CsvRowWriter(output, plan.Columns) : new JsonRowWriter(output, plan.Columns))
        {
            if (context.Grant.RowFilter is null)
            {
                await foreach (var stored in _datasets.ReadAsync(plan.Version, ct: ct))
                {
                    await writer.WriteAsync(plan.ProjectRow(stored.Values), ct);
                    rows++;
                }
            }
            else
            {
                // Page through the filtered rows with the query's keyset cursor: streamed, a thousand rows at a time.
                string? cursor = null;
                do
                {
                    var queryPlan = query.Plan(plan.Version, new QueryRequest(Fields: string.Join(',', plan.Fields), Limit: "1000", Cursor: cursor),
                        new QueryAccess(context.Grant.Fields, context.Grant.RowFilter));
                    await using var page = await query.OpenAsync(queryPlan, ct);
                    var masker = plan.MaskerFor(plan.Fields);
                    await foreach (var row in page.ReadAsync(ct))
                    {
                        masker.Apply(row.Values);
                        await writer.WriteAsync(row.Values, ct);
                        rows++;
                    }

                    cursor = page.NextCursor;
                }
                while (cursor is not null);
            }
        }

        context.Note(plan.Fields, null, (int)Math.Min(int.MaxValue, rows), plan.Version.Id);
    }

    /// <summary>
    /// The change feed: what changed in the grant's data since the version the consumer last
    /// synchronised (<paramref name="since"/>), as NDJSON — a first line with the version to ask
    /// from next time, then upserts (granted fields, masked) and deletes (the key). Without a
    /// version, or with one no longer kept, everything comes as a reset.
    /// </summary>
    public async Task ChangesAsync(GatewayCallContext context, long? since, Stream output, CancellationToken ct = default)
    {
        var plan = await PlanAsync(context.Grant, ct);

        // A version's key fields are the indexed ones (directly, or through their blind index).
        var keys = plan.Version.Columns.Where(c => c.Indexed)
            .Select(c => c.Protection == ColumnProtection.BlindIndex ? c.Name[..^DatasetColumn.BlindIndexSuffix.Length] : c.Name).ToList();
        if (keys.Count == 0)
        {
            throw new GongshuException(ErrorKind.Conflict, "no_record_key", $"Resource {context.Grant.ResourceCode} declares no key fields, so its changes cannot be told apart.");
        }

        RequireGranted(context.Grant, keys);
        DatasetVersion? old = null;
        if (since is { } sinceId)
        {
            old = (await _datasets.ListVersionsAsync(context.Grant.ResourceCode, ct)).FirstOrDefault(v => v.Id == sinceId && v.State is "current" or "superseded");
        }

        var oldRevealer = old is null ? null : new RowRevealer(encryption, old);
        // The grant's row filter applies to both versions: the consumer holds only the rows it let through.
        GatewayChanges.RowFilter? rowFilter = context.Grant.RowFilter is { } filter
            ? (version, alias, parameters) => query.RowFilterSql(version, filter, alias, parameters)
            : null;
        var changes = await GatewayChanges.WriteAsync(database, old, plan.Version, keys, plan.Fields,
            (version, stored) => plan.Project(version.Id == plan.Version.Id ? plan.Lookup.Reveal(stored) : oldRevealer!.Reveal(stored)), rowFilter, output, ct);
        context.Note(plan.Fields, since is null ? null : $"since {since}", changes, plan.Version.Id);
    }

    /// <summary>The columns a grant's data is delivered with (granted fields, their grade, type and masking).</summary>
    public async Task<IReadOnlyList<DeliveredColumn>> ColumnsAsync(GatewayCallContext context, CancellationToken ct = default)
        => (await PlanAsync(context.Grant, ct)).Columns;

    /// <summary>Audits the call and records it for statistics; the answer goes out only after the audit entry is durable.</summary>
    public async Task CompleteAsync(GatewayCallContext context, int status, string? problem = null, CancellationToken ct = default)
    {
        var latency = Stopwatch.GetElapsedTime(context.Started).TotalMilliseconds;
        var nonce = context.Nonce;
        context.Nonce = null;
        var entry = context.Actor.Entry("gateway.call", ShareGrants.AuditObject(context.Grant.Id),
            Outcome(status, problem), new
            {
                @interface = context.Interface,
                code = context.Grant.ResourceCode,
                fields = context.Fields,
                filter = context.Filter,
                rows = context.Rows,
                version = context.VersionId,
                status,
                problem,
                latencyMs = Math.Round(latency, 2),
            });
        try
        {
            await AuditAsync(entry, nonce);
        }
        catch (GongshuException) when (nonce is not null && context.Counted)
        {
            // A replay (or a failed audit write): the call was not served, so it does not count.
            _limits.Return(context.Grant);
            throw;
        }

        calls.Record(new GatewayCall(context.Grant.Id, context.Grant.ConsumerOrganizationId, context.Grant.ResourceId, context.Interface, status, context.Rows,
            latency, _clock.GetUtcNow()));
    }

    // The entry is durable before the call is answered; with the request's nonce, spent in the same commit, or the call is a replay.
    private async Task AuditAsync(AuditEntry entry, RequestNonce? nonce)
    {
        if (nonce is null)
        {
            await audit.AppendAsync(entry, CancellationToken.None);
        }
        else if (!await audit.AppendSpendingNonceAsync(entry, nonce, CancellationToken.None))
        {
            throw SignatureVerifier.NonceReplayed();
        }
    }

    // A key that matches no record is a call served (nothing matched), not a refusal.
    private static AuditOutcome Outcome(int status, string? problem)
        => status < 400 || problem == "record_not_found" ? AuditOutcome.Success
            : status is 401 or 403 or 404 ? AuditOutcome.Denied
            : AuditOutcome.Failed;

    // The revealed record with this key: a direct lookup, or through the query when the grant's row filter must hold too.
    private async Task<object?[]?> FindAsync(ShareGrant grant, GrantPlan plan, IReadOnlyDictionary<string, string> key, CancellationToken ct)
    {
        if (grant.RowFilter is null)
        {
            var found = await plan.Lookup.FindAsync(key, 1, ct);
            return found.Count == 0 ? null : found[0].Values;
        }

        var filter = string.Join(" and ", key.Select(k => $"\"{k.Key.Replace("\"", "", StringComparison.Ordinal)}\" = '{k.Value.Replace("'", "''", StringComparison.Ordinal)}'"));
        var all = string.Join(',', plan.Lookup.Fields.Select(f => f.Name));
        var queryPlan = query.Plan(plan.Version, new QueryRequest(filter, Fields: all, Limit: "1"), new QueryAccess(null, grant.RowFilter));
        await using var page = await query.OpenAsync(queryPlan, ct);
        await foreach (var row in page.ReadAsync(ct))
        {
            return row.Values;
        }

        return null;
    }

    private Task FailAsync(GatewayCallContext context, int status, string problem, CancellationToken ct) => CompleteAsync(context, status, problem, ct);

    private static void RequireGranted(ShareGrant grant, IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            if (!grant.Fields.Contains(field))
            {
                throw new GongshuException(ErrorKind.Forbidden, "field_not_granted", $"'{field}' is not among the fields grant {grant.Id} covers ({string.Join(", ", grant.Fields)}).", field);
            }
        }
    }

    private async Task<ShareGrant?> GrantAsync(string appKey, CancellationToken ct)
    {
        // A grant's terms never change once made; revoking it revokes its credential, which the signature check refuses.
        if (_grantsByKey.TryGetValue(appKey, out var cached))
        {
            return cached;
        }

        var grant = await grants.ForAppKeyAsync(appKey, ct);
        if (grant is not null)
        {
            _grantsByKey[appKey] = grant;
        }

        return grant;
    }

    private async Task<long> CallsOnAsync(long grantId, DateOnly day, CancellationToken ct)
    {
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), WorkingCalendar.Beijing);
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM gateway_calls WHERE grant_id = @grantId AND at >= @start AND at < @end AND status < 400",
            new { grantId, start, end = start.AddDays(1) }, cancellationToken: ct));
    }

    private async Task<GrantPlan> PlanAsync(ShareGrant grant, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        if (!_current.TryGetValue(grant.ResourceCode, out var current) || now - current.ReadAt > VersionCacheTime)
        {
            current = (await _datasets.GetCurrentAsync(grant.ResourceCode, ct), now);
            _current[grant.ResourceCode] = current;
        }

        var version = current.Version
            ?? throw new GongshuException(ErrorKind.Conflict, "no_data", $"Nothing has been loaded into resource {grant.ResourceCode} yet.");
        if (_policy is not { } policyRead || now - policyRead.ReadAt > VersionCacheTime || now < policyRead.ReadAt)
        {
            _policy = policyRead = (await policies.CurrentAsync(ct), now);
        }

        var policy = policyRead.Policy;
        if (_plans.TryGetValue((grant.Id, version.Id, policy.Fingerprint), out var plan))
        {
            return plan;
        }

        var resource = (await catalog.GetPublishedAsync([grant.ResourceId], ct)).SingleOrDefault()
            ?? throw new GongshuException(ErrorKind.Conflict, "resource_withdrawn", $"Resource {grant.ResourceCode} is no longer published.");
        var graded = (await grading.GradeAsync(resource, version, ct)).Fields.ToDictionary(f => f.Field, StringComparer.Ordinal);
        plan = new GrantPlan(grant, version, new RecordLookup(_datasets, encryption, version), graded, policy,
            Pseudonymizer.DeriveScopeKey(pseudonymKey, $"grant:{grant.Id.ToString(CultureInfo.InvariantCulture)}"));
        _plans[(grant.Id, version.Id, policy.Fingerprint)] = plan;
        return plan;
    }

    /// <summary>A grant's view of one version: which columns leave, and how each is masked.</summary>
    private sealed class GrantPlan
    {
        private readonly int[] _ordinals;
        private readonly Dictionary<string, int> _ordinalOf;
        private readonly RowMasker _masker;
        private readonly Dictionary<string, MaskingColumn> _masking;
        private readonly MaskingPolicy _policy;
        private readonly byte[] _scopeKey;
        private readonly ConcurrentDictionary<string, RowMasker> _maskers = new(StringComparer.Ordinal);

        public GrantPlan(ShareGrant grant, DatasetVersion version, RecordLookup lookup, IReadOnlyDictionary<string, FieldGrade> graded, SavedMaskingPolicy policy,
            byte[] scopeKey)
        {
            Version = version;
            Lookup = lookup;
            var fields = lookup.Fields;
            _ordinalOf = fields.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);

            // Fields no longer stored are left out; a field without a grade in force is treated as L4 (就高从严).
            Fields = [.. grant.Fields.Where(_ordinalOf.ContainsKey)];
            _ordinals = [.. Fields.Select(f => _ordinalOf[f])];
            var masking = Fields.Select(f => graded.TryGetValue(f, out var g)
                ? new MaskingColumn(f, g.EffectiveType, g.EffectiveGrade, Granted: true)
                : new MaskingColumn(f, SensitiveType.None, DataGrade.L4, Granted: true)).ToList();
            _masking = masking.ToDictionary(m => m.Name, StringComparer.Ordinal);
            (_policy, _scopeKey) = (policy.Policy, scopeKey);
            _masker = MaskerFor(Fields);
            Columns = [.. Fields.Select((f, i) => new DeliveredColumn(f, graded.TryGetValue(f, out var g) ? g.Label : null, fields[_ordinals[i]].Type.Code().ToString(),
                masking[i].Grade.Code(), masking[i].Type.Code(), _masker.Columns[i].Technique.ToString()))];
        }

        public DatasetVersion Version { get; }

        public RecordLookup Lookup { get; }

        public IReadOnlyList<string> Fields { get; }

        public IReadOnlyList<DeliveredColumn> Columns { get; }

        /// <summary>A field's place in a revealed row (the field is granted, so the version stores it).</summary>
        public int Ordinal(string field) => _ordinalOf[field];

        /// <summary>The masker for a projection of granted fields, in the order given (compiled once per projection).</summary>
        public RowMasker MaskerFor(IReadOnlyList<string> projected)
            => _maskers.GetOrAdd(string.Join('\0', projected), _ => RowMasker.Compile([.. projected.Select(f => _masking[f])], MaskingChannel.Share, _policy, _scopeKey));

        public IReadOnlyList<DeliveredColumn> ColumnsFor(IReadOnlyList<string> projected)
            => [.. projected.Select(f => Columns.First(c => c.Name == f))];

        /// <summary>A revealed row's granted fields, masked.</summary>
        public object?[] Mask(object?[] revealed)
        {
            var row = new object?[_ordinals.Length];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = revealed[_ordinals[i]];
            }

            _masker.Apply(row);
            return row;
        }

        public object?[] ProjectRow(object?[] stored) => Mask(Lookup.Reveal(stored));

        public IReadOnlyDictionary<string, object?> Project(object?[] revealed)
        {
            var masked = Mask(revealed);
            return Fields.Select((f, i) => (f, masked[i])).ToDictionary(p => p.f, p => p.Item2, StringComparer.Ordinal);
        }
    }
}

/// <summary>A page of a query: the delivered columns, the masked rows and the cursor of the next page (null at the end).</summary>
public sealed record GatewayPage(IReadOnlyList<DeliveredColumn> Columns, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows, string? NextCursor);

/// <summary>The state of one gateway call while it is served.</summary>
public sealed class GatewayCallContext(ShareGrant grant, string iface, Actor actor, long started)
{
    public ShareGrant Grant { get; } = grant;

    public string Interface { get; } = iface;

    public Actor Actor { get; } = actor;

    public long Started { get; } = started;

    /// <summary>The signed request's nonce while it is still to be spent with the call's audit entry.</summary>
    public RequestNonce? Nonce { get; set; }

    /// <summary>Whether the call was counted against the grant's quota and rate.</summary>
    public bool Counted { get; set; }

    public IReadOnlyList<string> Fields { get; private set; } = [];

    public string? Filter { get; private set; }

    public int Rows { get; private set; }

    public long? VersionId { get; private set; }

    public void Note(IReadOnlyList<string> fields, string? filter, int rows, long versionId) => (Fields, Filter, Rows, VersionId) = (fields, filter, rows, versionId);
}

/// <summary>A call refused by a grant's quota or rate limit: 429 with Retry-After.</summary>
public sealed class GatewayLimitException(string code, int retryAfterSeconds, string message)
    : GongshuException(ErrorKind.TooManyRequests, code, message)
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
