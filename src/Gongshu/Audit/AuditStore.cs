using System.Data.Common;
using Gongshu.Security.Crypto;
using Gongshu.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Gongshu.Audit;

/// <summary>One entry as stored: the caller's entry plus what the log adds.</summary>
internal sealed class StoredEntry(AuditEntry entry, DateTimeOffset at, RequestNonce? nonce = null)
{
    public AuditEntry Entry { get; } = entry;

    /// <summary>The request nonce this entry's commit spends, if any.</summary>
    public RequestNonce? Nonce { get; } = nonce;

    /// <summary>UTC, microsecond precision: exactly what the database gives back.</summary>
    public DateTimeOffset At { get; } = AuditChain.ToStoredPrecision(at);

    public long Seq { get; set; }

    public byte[] PrevHash { get; set; } = [];

    public byte[] Hash { get; } = new byte[AuditChain.HashSize];

    public string Outcome => AuditChain.OutcomeText(Entry.Outcome);
}

internal sealed record ChainHead(long Seq, byte[] Hash);

internal sealed record Checkpoint(long Seq, byte[] Hash, byte[] Signature, DateTimeOffset SignedAt, string Signer);

/// <summary>
/// The group commit's writer for one engine: it keeps a connection and prepared statements
/// between batches. <see cref="WriteAsync"/> returns only once the batch is durably committed,
/// and if it throws nothing of the batch is stored; the log then disposes it and opens another.
/// </summary>
internal interface IAuditBatchWriter : IAsyncDisposable
{
    /// <summary>
    /// Locks the head, spends the entries' nonces (an entry whose nonce was spent already is
    /// replaced in <paramref name="entries"/> by its refusal), chains the entries after the head,
    /// stores them and what <paramref name="checkpointFor"/> says to sign, and commits.
    /// </summary>
    Task WriteAsync(List<StoredEntry> entries, AuditHasher hasher, Func<ChainHead, ChainHead, Checkpoint?> checkpointFor);
}

/// <summary>
/// The SQL that extends the chain. Every write runs in one transaction that first locks the
/// chain head, so however many processes append, each sees the true last entry and the next
/// one in line waits: the chain never forks and seq never skips.
/// </summary>
internal static class AuditStore
{
    /// <summary>Locks the chain head for the rest of <paramref name="tx"/> and returns it.</summary>
    public static async Task<ChainHead> LockHeadAsync(DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = connection is NpgsqlConnection
            // The audit commit is durable even where the server runs with synchronous_commit off.
            ? """
              SET LOCAL synchronous_commit = on;
              SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE;
              """
            // A write takes SQLite's one write lock at once, even in a deferred transaction.
            : "UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash";
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new GongshuException(ErrorKind.Unavailable, "audit_not_migrated",
                "The audit chain head is missing: run `gongshu db migrate` to create the audit tables.");
        }

        return new ChainHead(reader.GetInt64(0), (byte[])reader.GetValue(1));
    }

    /// <summary>
    /// Replaces each entry whose nonce is not in <paramref name="fresh"/> (the nonces the batch
    /// inserted) by the refusal it carries. Of two equal nonces in one batch the first is spent,
    /// the second is a replay.
    /// </summary>
    public static void ReplaceReplayed(List<StoredEntry> entries, HashSet<(string AppKey, string Nonce)> fresh)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Nonce is { } nonce && !fresh.Remove((nonce.AppKey, nonce.Nonce)))
            {
                entries[i] = new StoredEntry(nonce.Replayed, entries[i].At);
            }
        }
    }

    /// <summary>Gives each entry its seq, prev_hash and hash after <paramref name="head"/>; returns the new head.</summary>
    public static ChainHead Chain(ChainHead head, IReadOnlyList<StoredEntry> entries, AuditHasher hasher)
    {
        var seq = head.Seq;
        var prev = head.Hash;
        foreach (var stored in entries)
        {
            var e = stored.Entry;
            stored.Seq = ++seq;
            stored.PrevHash = prev;
            hasher.Compute(prev, seq, stored.At.UtcDateTime, e.Actor, e.Organization, e.Action, e.Object, e.Purpose,
                stored.Outcome, e.ClientAddress, e.Detail, stored.Hash);
            prev = stored.Hash;
        }

        return new ChainHead(seq, prev);
    }

    /// <summary>A checkpoint is due when the chain passes a multiple of <paramref name="interval"/>.</summary>
    public static bool CheckpointDue(long fromSeq, long toSeq, int interval)
        => interval > 0 && toSeq / interval != fromSeq / interval;

    public static Checkpoint Sign(ChainHead head, Sm2KeyPair key, DateTimeOffset now)
        => new(head.Seq, head.Hash, key.Sign(AuditChain.CheckpointMessage(head.Seq, head.Hash)), now, key.PublicKeyHex);

    /// <summary>Inserts the entries, moves the head and stores the checkpoint, if any, in <paramref name="tx"/>.</summary>
    public static Task WriteAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<StoredEntry> entries, ChainHead head, Checkpoint? checkpoint, CancellationToken ct)
        => connection switch
        {
            NpgsqlConnection pg => WritePostgresAsync(pg, (NpgsqlTransaction)tx, entries, head, checkpoint, ct),
            SqliteConnection sqlite => WriteSqliteAsync(sqlite, (SqliteTransaction)tx, entries, head, checkpoint, ct),
            _ => throw new ArgumentException($"The audit log cannot write through a {connection.GetType().Name}.", nameof(connection)),
        };

    public static async Task<bool> CheckpointExistsAsync(DbConnection connection, DbTransaction tx, long seq, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT count(*) FROM audit_checkpoints WHERE seq = @seq";
        AddParameter(command, "seq", seq);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Inserts a batch given as one array per column, unnested by the server: one statement, however many entries.</summary>
    internal const string PostgresInsertSql = """
        INSERT INTO audit_log (seq, at, actor, organization, action, object, purpose, outcome, client_address, detail, prev_hash, hash)
        SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[],
                             $7::text[], $8::text[], $9::text[], $10::text[], $11::bytea[], $12::bytea[])
        """;

    /// <summary>The element types of <see cref="PostgresInsertSql"/>'s twelve arrays.</summary>
    internal static readonly NpgsqlDbType[] PostgresInsertTypes =
    [
        NpgsqlDbType.Bigint, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bytea, NpgsqlDbType.Bytea,
    ];

    internal const string PostgresSignSql = """
        INSERT INTO audit_checkpoints (seq, hash, signature, signed_at, signer) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (seq) DO NOTHING
        """;

    /// <summary>One column of a batch as an array.</summary>
    internal static T[] Column<T>(IReadOnlyList<StoredEntry> entries, Func<StoredEntry, T> value)
    {
        var values = new T[entries.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = value(entries[i]);
        }

        return values;
    }

    // The path for a caller's own transaction (AppendInTransactionAsync, CheckpointAsync); the
    // group commit writes through PostgresAuditWriter, which keeps its statements prepared.
    private static async Task WritePostgresAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<StoredEntry> entries, ChainHead head, Checkpoint? checkpoint, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, tx);
        if (entries.Count > 0)
        {
            var insert = new NpgsqlBatchCommand(PostgresInsertSql);
            insert.Parameters.Add(Array(Column(entries, e => e.Seq), PostgresInsertTypes[0]));
            insert.Parameters.Add(Array(Column(entries, e => e.At.UtcDateTime), PostgresInsertTypes[1]));
            insert.Parameters.Add(Array(Column(entries, e => e.Entry.Actor), PostgresInsertTypes[2]));
            insert.Parameters.Add(Array(Column(entries, e => e.Entry.Organization), PostgresInsertTypes[3]));
            insert.Parameters.Add(Array(Column(entries, e => e.Entry.Action), PostgresInsertTypes[4]));
            insert.Parameters.Add(Array(Column(entries, e => e.Entry.Object), PostgresInsertTypes[5]));
            insert.Parameters.Add(Array(Column(entries, e => e.Entry.Purpose), PostgresInsertTypes[6]));
            insert.Parameters.Add(Array(Column(entries, e => e.Outcome), PostgresInsertTypes[7]));
            insert.Parameters.Add(Array(Column(entries, e => e.Entry.ClientAddress), PostgresInsertTypes[8]));
            insert.Parameters.Add(Array(Column(entries, e => e.Entry.Detail), PostgresInsertTypes[9]));
            insert.Parameters.Add(Array(Column(entries, e => e.PrevHash), PostgresInsertTypes[10]));
            insert.Parameters.Add(Array(Column(entries, e => e.Hash), PostgresInsertTypes[11]));
            batch.BatchCommands.Add(insert);
        }

        var moveHead = new NpgsqlBatchCommand("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1");
        moveHead.Parameters.Add(new NpgsqlParameter { Value = head.Seq, NpgsqlDbType = NpgsqlDbType.Bigint });
        moveHead.Parameters.Add(new NpgsqlParameter { Value = head.Hash, NpgsqlDbType = NpgsqlDbType.Bytea });
        batch.BatchCommands.Add(moveHead);

        if (checkpoint is not null)
        {
            var sign = new NpgsqlBatchCommand(PostgresSignSql);
            sign.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Seq, NpgsqlDbType = NpgsqlDbType.Bigint });
            sign.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Hash, NpgsqlDbType = NpgsqlDbType.Bytea });
            sign.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Signature, NpgsqlDbType = NpgsqlDbType.Bytea });
            sign.Parameters.Add(new NpgsqlParameter { Value = checkpoint.SignedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            sign.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Signer, NpgsqlDbType = NpgsqlDbType.Text });
            batch.BatchCommands.Add(sign);
        }

        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Inserts one entry; parameters 1–12 in column order.</summary>
    internal const string SqliteInsertSql = """
        INSERT INTO audit_log (seq, at, actor, organization, action, object, purpose, outcome, client_address, detail, prev_hash, hash)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
        """;

    /// <summary>Adds entries ?1 to ?2 to the search index (see the SQLite migration 0003_audit).</summary>
    internal const string SqliteIndexSql = "INSERT INTO audit_terms (rowid, terms) SELECT seq, terms FROM audit_log_terms WHERE seq BETWEEN ?1 AND ?2";

    internal const string SqliteSignSql = """
        INSERT INTO audit_checkpoints (seq, hash, signature, signed_at, signer) VALUES (?1, ?2, ?3, ?4, ?5)
        ON CONFLICT (seq) DO NOTHING
        """;

    // The path for a caller's own transaction (AppendInTransactionAsync, CheckpointAsync); the
    // group commit writes through SqliteAuditWriter, which keeps its statements prepared.
    private static async Task WriteSqliteAsync(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<StoredEntry> entries, ChainHead head, Checkpoint? checkpoint, CancellationToken ct)
    {
        if (entries.Count > 0)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = SqliteInsertSql;
            var p = Enumerable.Range(1, 12)
                .Select(i => insert.Parameters.Add(new SqliteParameter { ParameterName = "?" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
                .ToArray();
            insert.Prepare();
            foreach (var stored in entries)
            {
                var e = stored.Entry;
                p[0].Value = stored.Seq;
                p[1].Value = AuditChain.FormatTime(stored.At);
                p[2].Value = e.Actor;
                p[3].Value = (object?)e.Organization ?? DBNull.Value;
                p[4].Value = e.Action;
                p[5].Value = (object?)e.Object ?? DBNull.Value;
                p[6].Value = (object?)e.Purpose ?? DBNull.Value;
                p[7].Value = stored.Outcome;
                p[8].Value = (object?)e.ClientAddress ?? DBNull.Value;
                p[9].Value = (object?)e.Detail ?? DBNull.Value;
                p[10].Value = stored.PrevHash;
                p[11].Value = stored.Hash;
                await insert.ExecuteNonQueryAsync(ct);
            }

            await using var index = connection.CreateCommand();
            index.Transaction = tx;
            index.CommandText = SqliteIndexSql;
            index.Parameters.AddWithValue("?1", entries[0].Seq);
            index.Parameters.AddWithValue("?2", entries[^1].Seq);
            await index.ExecuteNonQueryAsync(ct);
        }

        await using var moveHead = connection.CreateCommand();
        moveHead.Transaction = tx;
        moveHead.CommandText = "UPDATE audit_head SET seq = $seq, hash = $hash WHERE id = 1";
        moveHead.Parameters.AddWithValue("$seq", head.Seq);
        moveHead.Parameters.AddWithValue("$hash", head.Hash);
        await moveHead.ExecuteNonQueryAsync(ct);

        if (checkpoint is not null)
        {
            await using var sign = connection.CreateCommand();
            sign.Transaction = tx;
            sign.CommandText = SqliteSignSql;
            sign.Parameters.AddWithValue("?1", checkpoint.Seq);
            sign.Parameters.AddWithValue("?2", checkpoint.Hash);
            sign.Parameters.AddWithValue("?3", checkpoint.Signature);
            sign.Parameters.AddWithValue("?4", DapperSetup.ToSqliteText(checkpoint.SignedAt));
            sign.Parameters.AddWithValue("?5", checkpoint.Signer);
            await sign.ExecuteNonQueryAsync(ct);
        }
    }

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType type)
        => new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type };

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
