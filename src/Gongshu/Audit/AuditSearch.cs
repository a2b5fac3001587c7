using System.Text;
using Dapper;
using Gongshu.Storage;

namespace Gongshu.Audit;

/// <summary>
/// A search of the audit log. Every filter is optional; results come newest first, a page at a
/// time: pass the previous page's <see cref="AuditPage.NextBeforeSeq"/> as <see cref="BeforeSeq"/>.
/// </summary>
public sealed record AuditQuery
{
    public const int MaxLimit = 500;

    public string? Actor { get; init; }

    public string? Organization { get; init; }

    /// <summary>Matches actions that start with this text, e.g. <c>user.</c>; case-sensitive.</summary>
    public string? ActionPrefix { get; init; }

    public string? Object { get; init; }

    public AuditOutcome? Outcome { get; init; }

    /// <summary>Entries at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Entries before this instant.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only entries with a smaller seq: the keyset cursor.</summary>
    public long? BeforeSeq { get; init; }

    public int Limit { get; init; } = 50;
}

/// <summary>One audit entry as shown to an auditor; the hash lets them cross-check a verified copy.</summary>
public sealed record AuditRecord(
    long Seq,
    DateTimeOffset At,
    string Actor,
    string? Organization,
    string Action,
    string? Object,
    string? Purpose,
    string Outcome,
    string? ClientAddress,
    string? Detail,
    string Hash);

/// <summary>A signed checkpoint as shown to an auditor: the entry it covers, its hash and the SM2 signature over both.</summary>
public sealed record SignedCheckpoint(long Seq, DateTimeOffset SignedAt, string Signer, string Hash, string Signature);

/// <summary>A page of results; <see cref="NextBeforeSeq"/> is null on the last page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Entries, long? NextBeforeSeq);

/// <summary>
/// Reads the audit log for auditors, newest first with keyset paging by seq. Actor, organization and
/// object go through the index (a B-tree on PostgreSQL, the term index on SQLite), the time range
/// through the index on at; the action prefix and outcome only narrow what those find.
/// </summary>
public sealed class AuditSearch(Database database)
{
    public async Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > AuditQuery.MaxLimit)
        {
            throw GongshuException.Invalid("limit", $"The limit must be between 1 and {AuditQuery.MaxLimit}.");
        }

        if (query.From is { } from && query.To is { } to && to < from)
        {
            throw GongshuException.Invalid("to", "The end of the time range is before its start.");
        }

        DapperSetup.EnsureConfigured();
        var where = new StringBuilder("WHERE 1 = 1");
        var parameters = new DynamicParameters();
        var terms = new List<string>();
        void Filter(string condition, string name, object? value)
        {
            where.Append(" AND ").Append(condition);
            parameters.Add(name, value);
        }

        // Each exact filter is also a term of SQLite's search index, which finds the candidates;
        // the column itself is still compared, so the index never decides alone.
        if (query.Actor is { } actor)
        {
            Filter("l.actor = @actor", "actor", actor);
            terms.Add(Term('a', actor));
        }

        if (query.Organization is { } organization)
        {
            Filter("l.organization = @organization", "organization", organization);
            terms.Add(Term('g', organization));
        }

        if (!string.IsNullOrEmpty(query.ActionPrefix))
        {
            // substr, not LIKE: exact and case-sensitive on both engines, with nothing to escape.
            Filter("substr(l.action, 1, length(@actionPrefix)) = @actionPrefix", "actionPrefix", query.ActionPrefix);
        }

        if (query.Object is { } obj)
        {
            Filter("l.object = @object", "object", obj);
            terms.Add(Term('o', obj));
        }

        if (query.Outcome is { } outcome)
        {
            Filter("l.outcome = @outcome", "outcome", AuditChain.OutcomeText(outcome));
        }

        if (query.From is { } fromAt)
        {
            Filter("l.at >= @from", "from", AuditChain.ToStoredPrecision(fromAt));
        }

        if (query.To is { } toAt)
        {
            Filter("l.at < @to", "to", AuditChain.ToStoredPrecision(toAt));
        }

        parameters.Add("take", query.Limit + 1);
        string sql;
        if (database.Kind == DatabaseKind.Sqlite && terms.Count > 0)
        {
            // The term index hands out matches newest first (ORDER BY its rowid, which is seq).
            if (query.BeforeSeq is { } before)
            {
                Filter("t.rowid < @before", "before", before);
            }

            parameters.Add("terms", string.Join(' ', terms));
            sql = $"""
                SELECT l.seq, l.at, l.actor, l.organization, l.action, l.object, l.purpose, l.outcome, l.client_address, l.detail, l.hash
                FROM audit_terms t JOIN audit_log l ON l.seq = t.rowid
                {where} AND t.audit_terms MATCH @terms
                ORDER BY t.rowid DESC
                LIMIT @take
                """;
        }
        else
        {
            if (query.BeforeSeq is { } before)
            {
                Filter("l.seq < @before", "before", before);
            }

            sql = $"""
                SELECT l.seq, l.at, l.actor, l.organization, l.action, l.object, l.purpose, l.outcome, l.client_address, l.detail, l.hash
                FROM audit_log l
                {where}
                ORDER BY l.seq DESC
                LIMIT @take
                """;
        }

        await using var connection = await database.OpenConnectionAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
        var entries = new List<AuditRecord>(Math.Min(query.Limit, 64));
        long? next = null;
        while (await reader.ReadAsync(ct))
        {
            if (entries.Count == query.Limit)
            {
                next = entries[^1].Seq;
                break;
            }

            entries.Add(new AuditRecord(
                reader.GetInt64(0),
                AuditVerifier.ReadInstant(reader, 1),
                reader.GetString(2),
                Text(reader, 3),
                reader.GetString(4),
                Text(reader, 5),
                Text(reader, 6),
                reader.GetString(7),
                Text(reader, 8),
                Text(reader, 9),
                Convert.ToHexStringLower((byte[])reader.GetValue(10))));
        }

        return new AuditPage(entries, next);
    }

    /// <summary>The newest signed checkpoints, newest first (their primary key is the seq they cover).</summary>
    public async Task<IReadOnlyList<SignedCheckpoint>> CheckpointsAsync(int limit = 10, CancellationToken ct = default)
    {
        if (limit is < 1 or > AuditQuery.MaxLimit)
        {
            throw GongshuException.Invalid("limit", $"The limit must be between 1 and {AuditQuery.MaxLimit}.");
        }

        await using var connection = await database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, signed_at, signer, hash, signature FROM audit_checkpoints ORDER BY seq DESC LIMIT @limit";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "limit";
        parameter.Value = limit;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var checkpoints = new List<SignedCheckpoint>();
        while (await reader.ReadAsync(ct))
        {
            checkpoints.Add(new SignedCheckpoint(reader.GetInt64(0), AuditVerifier.ReadInstant(reader, 1), reader.GetString(2),
                Convert.ToHexStringLower((byte[])reader.GetValue(3)), Convert.ToHexStringLower((byte[])reader.GetValue(4))));
        }

        return checkpoints;
    }

    /// <summary>
    /// A value's token in SQLite's term index: a tag letter and the hex of its UTF-8 bytes, quoted
    /// as an FTS5 string (it is all letters and digits, so there is nothing to escape). The view
    /// audit_log_terms writes the same with SQLite's hex(), which the ascii tokenizer lower-cases.
    /// </summary>
    internal static string Term(char tag, string value)
        => $"\"{tag}{Convert.ToHexStringLower(Encoding.UTF8.GetBytes(value))}\"";

    private static string? Text(System.Data.Common.DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
