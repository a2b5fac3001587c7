using System.Data.Common;
using System.Text.Json;
using Dapper;
using Gongshu.Storage;

namespace Gongshu.Audit;

/// <summary>How many events of a kind in the period make an alert.</summary>
public sealed record SecurityAlertThresholds
{
    /// <summary>Failed sign-ins of one account (a lock-out always alerts).</summary>
    public int FailedSignIns { get; init; } = 3;

    /// <summary>Failed sign-ins from one network address, whatever the accounts.</summary>
    public int SignInFailuresPerAddress { get; init; } = 10;

    /// <summary>Denied or not-found accesses by one actor: probing for objects it may not see.</summary>
    public int DeniedAccesses { get; init; } = 5;

    /// <summary>Refused signed requests of one app key (a replayed nonce always alerts).</summary>
    public int BadSignatures { get; init; } = 3;
}

public enum SecurityAlertKind
{
    /// <summary>Failed sign-ins locked the account.</summary>
    AccountLocked,

    /// <summary>Repeated failed sign-ins of one account, not (yet) locked.</summary>
    FailedSignIns,

    /// <summary>Many failed sign-ins from one address: password spraying over several accounts.</summary>
    SignInFailuresFromAddress,

    /// <summary>Repeated denied or not-found accesses by one actor (IDOR probing).</summary>
    AccessProbing,

    /// <summary>A signed gateway request was sent again with a used nonce.</summary>
    ReplayedRequests,

    /// <summary>Repeated signed requests with a bad signature, a stale timestamp or an unusable key.</summary>
    BadSignatures,
}

/// <summary>
/// One alert: who or what (<see cref="Subject"/>, with <see cref="Name"/> when the log names it),
/// how often and when, and the audit search that shows the entries behind it.
/// </summary>
public sealed record SecurityAlert(
    SecurityAlertKind Kind,
    string Subject,
    string? Name,
    long Count,
    long Distinct,
    DateTimeOffset First,
    DateTimeOffset Last,
    AuditQuery Search);

/// <summary>The last run of the chain verification the log records (action <c>audit.verify</c>).</summary>
public sealed record LastChainVerification(long Seq, DateTimeOffset At, string Actor, bool Ok, long? EntriesChecked, long? BrokenAt);

/// <summary>What <see cref="SecurityAlerts.ComputeAsync"/> found in a period.</summary>
public sealed record SecurityAlertReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SecurityAlert> Alerts, LastChainVerification? LastVerification);

/// <summary>
/// Security alerts computed from the audit log itself, so they cannot disagree with it: failed
/// sign-ins and lock-outs, sign-in failures by address, denied-access probing, replayed and badly
/// signed gateway requests, and the last chain verification. Every query is bounded by the period
/// through the index on <c>at</c>; nothing is stored, so an alert disappears only with its period.
/// </summary>
public sealed class SecurityAlerts(Database database, SecurityAlertThresholds? thresholds = null)
{
    public const string SignInAction = "user.login";
    public const string SignatureAction = "credential.verify";
    public const string VerifyAction = "audit.verify";

    /// <summary>Alerts of one kind beyond this many are dropped (the newest are kept).</summary>
    public const int MaxPerKind = 100;

    private readonly SecurityAlertThresholds _thresholds = thresholds ?? new SecurityAlertThresholds();

    public async Task<SecurityAlertReport> ComputeAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        if (to <= from)
        {
            throw GongshuException.Invalid("to", "The end of the period must be after its start.");
        }

        DapperSetup.EnsureConfigured();
        var period = new
        {
            from = AuditChain.ToStoredPrecision(from),
            to = AuditChain.ToStoredPrecision(to),
            signIn = SignInAction,
            signature = SignatureAction,
            max = MaxPerKind,
        };
        await using var connection = await database.OpenConnectionAsync(ct);
        var alerts = new List<SecurityAlert>();
        alerts.AddRange(await FailedSignInsAsync(connection, period, from, to, ct));
        alerts.AddRange(await SignInFailuresByAddressAsync(connection, period, from, to, ct));
        alerts.AddRange(await ProbingAsync(connection, period, from, to, ct));
        alerts.AddRange(await BadSignaturesAsync(connection, period, from, to, ct));
        var ordered = alerts.OrderBy(a => a.Kind).ThenByDescending(a => a.Last).ToList();
        return new SecurityAlertReport(from, to, ordered, await LastVerificationAsync(connection, period, ct));
    }

    private async Task<IEnumerable<SecurityAlert>> FailedSignInsAsync(DbConnection connection, object period, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        // A failure that set the lock writes lockedUntil as a time; otherwise it is null.
        var groups = await GroupsAsync(connection, """
            SELECT object AS Subject, count(*) AS Count, sum(CASE WHEN detail LIKE @locked THEN 1 ELSE 0 END) AS Marked,
                   min(at) AS First, max(at) AS Last, max(seq) AS LastSeq
            FROM audit_log
            WHERE at >= @from AND at < @to AND action = @signIn AND outcome = 'denied' AND object IS NOT NULL
            GROUP BY object
            HAVING count(*) >= @threshold OR sum(CASE WHEN detail LIKE @locked THEN 1 ELSE 0 END) > 0
            ORDER BY max(seq) DESC
            LIMIT @max
            """, Merge(period, new { threshold = _thresholds.FailedSignIns, locked = "%\"lockedUntil\":\"%" }), ct);
        var usernames = await DetailValuesAsync(connection, groups.Select(g => g.LastSeq), "username", ct);
        return groups.Select(g => new SecurityAlert(
            g.Marked > 0 ? SecurityAlertKind.AccountLocked : SecurityAlertKind.FailedSignIns,
            g.Subject, usernames.GetValueOrDefault(g.LastSeq), g.Count, g.Marked, Instant(g.First), Instant(g.Last),
            new AuditQuery { Object = g.Subject, ActionPrefix = SignInAction, From = from, To = to }));
    }

    private async Task<IEnumerable<SecurityAlert>> SignInFailuresByAddressAsync(DbConnection connection, object period, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var groups = await GroupsAsync(connection, """
            SELECT client_address AS Subject, count(*) AS Count, count(DISTINCT object) AS Marked,
                   min(at) AS First, max(at) AS Last, max(seq) AS LastSeq
            FROM audit_log
            WHERE at >= @from AND at < @to AND action = @signIn AND outcome = 'denied' AND client_address IS NOT NULL
            GROUP BY client_address
            HAVING count(*) >= @threshold
            ORDER BY max(seq) DESC
            LIMIT @max
            """, Merge(period, new { threshold = _thresholds.SignInFailuresPerAddress }), ct);

        // The log search has no address filter: the link shows the period's failed sign-ins.
        return groups.Select(g => new SecurityAlert(SecurityAlertKind.SignInFailuresFromAddress, g.Subject, null, g.Count, g.Marked,
            Instant(g.First), Instant(g.Last),
            new AuditQuery { ActionPrefix = SignInAction, Outcome = AuditOutcome.Denied, From = from, To = to }));
    }

    private async Task<IEnumerable<SecurityAlert>> ProbingAsync(DbConnection connection, object period, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        // Sign-ins and signatures have their own rules; everything else denied is an access refused
        // or answered "not found" (the catalog and the gateway audit their 404s as denied).
        var groups = await GroupsAsync(connection, """
            SELECT actor AS Subject, count(*) AS Count, count(DISTINCT object) AS Marked,
                   min(at) AS First, max(at) AS Last, max(seq) AS LastSeq
            FROM audit_log
            WHERE at >= @from AND at < @to AND outcome = 'denied' AND action <> @signIn AND action <> @signature
            GROUP BY actor
            HAVING count(*) >= @threshold
            ORDER BY max(seq) DESC
            LIMIT @max
            """, Merge(period, new { threshold = _thresholds.DeniedAccesses }), ct);
        return groups.Select(g => new SecurityAlert(SecurityAlertKind.AccessProbing, g.Subject, null, g.Count, g.Marked,
            Instant(g.First), Instant(g.Last),
            new AuditQuery { Actor = g.Subject, Outcome = AuditOutcome.Denied, From = from, To = to }));
    }

    private async Task<IEnumerable<SecurityAlert>> BadSignaturesAsync(DbConnection connection, object period, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var groups = await GroupsAsync(connection, """
            SELECT actor AS Subject, count(*) AS Count, sum(CASE WHEN detail LIKE @replayed THEN 1 ELSE 0 END) AS Marked,
                   min(at) AS First, max(at) AS Last, max(seq) AS LastSeq
            FROM audit_log
            WHERE at >= @from AND at < @to AND action = @signature AND outcome = 'denied'
            GROUP BY actor
            HAVING count(*) >= @threshold OR sum(CASE WHEN detail LIKE @replayed THEN 1 ELSE 0 END) > 0
            ORDER BY max(seq) DESC
            LIMIT @max
            """, Merge(period, new { threshold = _thresholds.BadSignatures, replayed = "%\"reason\":\"nonce_replayed\"%" }), ct);
        return groups.Select(g => new SecurityAlert(
            g.Marked > 0 ? SecurityAlertKind.ReplayedRequests : SecurityAlertKind.BadSignatures,
            g.Subject, null, g.Count, g.Marked, Instant(g.First), Instant(g.Last),
            new AuditQuery { Actor = g.Subject, ActionPrefix = SignatureAction, Outcome = AuditOutcome.Denied, From = from, To = to }));
    }

    private static async Task<LastChainVerification?> LastVerificationAsync(DbConnection connection, object period, CancellationToken ct)
    {
        // Bounded by the period too: no verification in it is itself what the auditor must see.
        var row = await connection.QuerySingleOrDefaultAsync<VerificationRow>(new CommandDefinition("""
            SELECT seq AS Seq, at AS At, actor AS Actor, outcome AS Outcome, detail AS Detail
            FROM audit_log
            WHERE at >= @from AND at < @to AND action = @verify
            ORDER BY seq DESC
            LIMIT 1
            """, Merge(period, new { verify = VerifyAction }), cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        long? checkedEntries = null, broken = null;
        if (row.Detail is { } detail)
        {
            using var json = JsonDocument.Parse(detail);
            checkedEntries = Number(json.RootElement, "EntriesChecked");
            broken = Number(json.RootElement, "Seq");
        }

        return new LastChainVerification(row.Seq, Instant(row.At), row.Actor, row.Outcome == "success", checkedEntries, broken);
    }

    private static async Task<List<GroupRow>> GroupsAsync(DbConnection connection, string sql, DynamicParameters parameters, CancellationToken ct)
        => (await connection.QueryAsync<GroupRow>(new CommandDefinition(sql, parameters, cancellationToken: ct))).ToList();

    /// <summary>One text value from the detail of each of <paramref name="seqs"/> (the primary key finds them).</summary>
    private static async Task<Dictionary<long, string>> DetailValuesAsync(DbConnection connection, IEnumerable<long> seqs, string property, CancellationToken ct)
    {
        var values = new Dictionary<long, string>();
        var list = seqs.ToList();
        if (list.Count == 0)
        {
            return values;
        }

        // One parameter per seq: portable where array parameters are not.
        var parameters = new DynamicParameters();
        var names = new List<string>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            names.Add("@s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            parameters.Add("s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), list[i]);
        }

        var rows = await connection.QueryAsync<(long Seq, string? Detail)>(new CommandDefinition(
            $"SELECT seq, detail FROM audit_log WHERE seq IN ({string.Join(", ", names)})", parameters, cancellationToken: ct));
        foreach (var (seq, detail) in rows)
        {
            if (detail is null)
            {
                continue;
            }

            using var json = JsonDocument.Parse(detail);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String)
            {
                values[seq] = value.GetString()!;
            }
        }

        return values;
    }

    private static long? Number(JsonElement root, string property)
        => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt64()
            : null;

    private static DynamicParameters Merge(object period, object extra)
    {
        var parameters = new DynamicParameters(period);
        parameters.AddDynamicParams(extra);
        return parameters;
    }

    private static DateTimeOffset Instant(object value) => value switch
    {
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        DateTimeOffset d => d,
        string s => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal),
        var other => throw new FormatException($"Cannot read {other.GetType().Name} as an instant."),
    };

    private sealed class GroupRow
    {
        public string Subject { get; set; } = "";
        public long Count { get; set; }
        public long Marked { get; set; }
        public object First { get; set; } = "";
        public object Last { get; set; } = "";
        public long LastSeq { get; set; }
    }

    private sealed class VerificationRow
    {
        public long Seq { get; set; }
        public object At { get; set; } = "";
        public string Actor { get; set; } = "";
        public string Outcome { get; set; } = "";
        public string? Detail { get; set; }
    }
}
