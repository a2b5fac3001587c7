using System.Data;
using System.Data.Common;
using System.Globalization;
using Gongshu.Security.Crypto;
using Gongshu.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gongshu.Audit;

/// <summary>What kind of break the verifier found.</summary>
public enum AuditProblemKind
{
    /// <summary>An entry's content no longer matches its hash.</summary>
    Altered,

    /// <summary>An entry is missing from the middle (a gap in seq).</summary>
    Removed,

    /// <summary>An entry that was not written by the log: a duplicate seq, or a self-consistent entry that does not link to its predecessor.</summary>
    Inserted,

    /// <summary>A checkpoint's signature does not verify, or the entry it signed now has another hash.</summary>
    CheckpointInvalid,

    /// <summary>Entries after the last one present were signed or recorded in the chain head: the tail was cut off.</summary>
    Truncated,
}

/// <summary>
/// The outcome of <see cref="AuditVerifier.VerifyAsync"/>. When <see cref="Ok"/> is false,
/// <see cref="Seq"/>, <see cref="Kind"/> and <see cref="Message"/> describe the first problem.
/// Entries after <see cref="LastCheckpointSeq"/> are protected by the chain alone: someone
/// with write access to the database could have replaced them with a recomputed chain.
/// </summary>
public sealed record AuditVerification(
    bool Ok,
    long EntriesChecked,
    int CheckpointsChecked,
    long? LastCheckpointSeq,
    long? Seq,
    AuditProblemKind? Kind,
    string Message);

/// <summary>
/// Re-checks the whole audit log: every hash, every link, every signed checkpoint. It streams
/// entries in seq order with one reused buffer, so a log of any size verifies in constant memory.
/// </summary>
public static class AuditVerifier
{
    private const int ProgressEvery = 10_000;

    public static async Task<AuditVerification> VerifyAsync(Database database, Sm2KeyPair publicKey, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(publicKey);
        await using var connection = await database.OpenConnectionAsync(ct);

        // Read checkpoints and head before the entries: both only grow, so everything they
        // name is already committed when the entries are read.
        var checkpoints = await ReadCheckpointsAsync(connection, ct);
        var headSeq = await ReadHeadSeqAsync(connection, ct);
        var state = new Walk(publicKey, checkpoints);

        if (connection is SqliteConnection sqlite)
        {
            if (VerifySqlite(sqlite, state, progress, ct) is { } problem)
            {
                return problem;
            }
        }
        else
        {
            await using var command = connection.CreateCommand();

            // Columns in the order they are hashed (sequential access reads each once, in order);
            // PostgreSQL hands text over as its UTF-8 bytes, so nothing is decoded and re-encoded.
            command.CommandText = """
                SELECT seq, prev_hash, hash, at, convert_to(actor, 'UTF8'), convert_to(organization, 'UTF8'), convert_to(action, 'UTF8'),
                       convert_to(object, 'UTF8'), convert_to(purpose, 'UTF8'), convert_to(outcome, 'UTF8'),
                       convert_to(client_address, 'UTF8'), convert_to(detail, 'UTF8')
                FROM audit_log ORDER BY seq
                """;
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            var row = new PostgresRow(reader);
            while (await reader.ReadAsync(ct))
            {
                if (state.Check(ref row) is { } problem)
                {
                    return problem;
                }

                if (state.Entries % ProgressEvery == 0)
                {
                    progress?.Report(state.Entries);
                }
            }
        }

        progress?.Report(state.Entries);
        return state.Finish(headSeq);
    }

    // SQLite is read through its own API: each column is hashed straight from SQLite's memory,
    // where the ADO.NET reader would copy every value into a new array first.
    private static AuditVerification? VerifySqlite(SqliteConnection connection, Walk state, IProgress<long>? progress, CancellationToken ct)
    {
        const string sql = """
            SELECT seq, prev_hash, hash, at, actor, organization, action, object, purpose, outcome, client_address, detail
            FROM audit_log ORDER BY seq
            """;
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        try
        {
            var row = new SqliteRow(statement);
            int result;
            while ((result = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if (state.Check(ref row) is { } problem)
                {
                    return problem;
                }

                if (state.Entries % ProgressEvery == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report(state.Entries);
                }
            }

            Check(db, result);
            return null;
        }
        finally
        {
            raw.sqlite3_finalize(statement);
        }
    }

    private static void Check(sqlite3 db, int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), result, raw.sqlite3_extended_errcode(db));
        }
    }

    private static async Task<List<Checkpoint>> ReadCheckpointsAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, hash, signature, signed_at, signer FROM audit_checkpoints ORDER BY seq";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var checkpoints = new List<Checkpoint>();
        while (await reader.ReadAsync(ct))
        {
            checkpoints.Add(new Checkpoint(reader.GetInt64(0), (byte[])reader.GetValue(1), (byte[])reader.GetValue(2),
                ReadInstant(reader, 3), reader.GetString(4)));
        }

        return checkpoints;
    }

    private static async Task<long> ReadHeadSeqAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq FROM audit_head WHERE id = 1";
        return await command.ExecuteScalarAsync(ct) is { } value and not DBNull
            ? Convert.ToInt64(value, CultureInfo.InvariantCulture)
            : 0;
    }

    internal static DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        DateTimeOffset d => d,
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        var other => throw new FormatException($"Cannot read {other.GetType().Name} as an instant."),
    };

    private static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The walk along the chain: what the next entry must be, and the checkpoints ahead.</summary>
    private sealed class Walk(Sm2KeyPair publicKey, List<Checkpoint> checkpoints)
    {
        private readonly AuditHasher _hasher = new();
        private readonly byte[] _prevHash = new byte[AuditChain.HashSize];
        private readonly byte[] _storedPrev = new byte[AuditChain.HashSize];
        private readonly byte[] _storedHash = new byte[AuditChain.HashSize];
        private readonly byte[] _computed = new byte[AuditChain.HashSize];
        private int _nextCheckpoint;
        private int _checkpointsChecked;

        public long Entries { get; private set; }

        private long Expected => Entries + 1;

        public AuditVerification? Check<TRow>(ref TRow row)
            where TRow : struct, IEntryRow
        {
            var seq = row.Seq;
            if (seq < Expected)
            {
                return Problem(seq, AuditProblemKind.Inserted, $"entry {seq} appears more than once: a row was inserted with a number already in use");
            }

            if (seq > Expected)
            {
                return Removed(Expected, seq);
            }

            // A checkpoint on a seq no entry can have (0 or less) was not written by the log.
            if (_nextCheckpoint < checkpoints.Count && checkpoints[_nextCheckpoint].Seq < seq)
            {
                var stray = checkpoints[_nextCheckpoint];
                return Problem(stray.Seq, AuditProblemKind.CheckpointInvalid, $"the checkpoint at entry {stray.Seq} names an entry that cannot exist");
            }

            bool selfConsistent;
            try
            {
                if (!row.ReadHash(1, _storedPrev) || !row.ReadHash(2, _storedHash))
                {
                    return Altered(seq);
                }

                _hasher.Begin(_storedPrev, seq);
                row.AddFields(_hasher);
                _hasher.Finish(_computed);
                selfConsistent = _computed.AsSpan().SequenceEqual(_storedHash);
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or ArgumentOutOfRangeException)
            {
                // A value the log could never have written (a malformed time, a wrong type).
                selfConsistent = false;
            }

            if (!selfConsistent)
            {
                return Altered(seq);
            }

            if (!_storedPrev.AsSpan().SequenceEqual(_prevHash))
            {
                return Problem(seq, AuditProblemKind.Inserted, seq == 1
                    ? "entry 1 was inserted: it does not start the chain"
                    : $"entry {seq} was inserted, or entry {seq - 1} replaced: entry {seq}'s hash is self-consistent but it does not follow entry {seq - 1}");
            }

            _computed.CopyTo(_prevHash, 0);
            Entries++;

            while (_nextCheckpoint < checkpoints.Count && checkpoints[_nextCheckpoint].Seq == seq)
            {
                var checkpoint = checkpoints[_nextCheckpoint++];
                if (CheckSignature(checkpoint) is { } bad)
                {
                    return bad;
                }

                if (!checkpoint.Hash.AsSpan().SequenceEqual(_prevHash))
                {
                    return Problem(seq, AuditProblemKind.CheckpointInvalid,
                        $"entry {seq} does not match the checkpoint signed at {At(checkpoint.SignedAt)}: the log up to entry {seq} was rewritten after it was signed");
                }

                _checkpointsChecked++;
            }

            return null;
        }

        public AuditVerification Finish(long headSeq)
        {
            var last = Entries;
            if (_nextCheckpoint < checkpoints.Count)
            {
                // Checkpoints past the end: if they are genuine, the entries they cover were cut off.
                for (var i = _nextCheckpoint; i < checkpoints.Count; i++)
                {
                    if (CheckSignature(checkpoints[i]) is { } bad)
                    {
                        return bad;
                    }
                }

                var beyond = checkpoints[^1];
                return Truncated(last, beyond.Seq, $"a checkpoint signed at {At(beyond.SignedAt)} covers entry {beyond.Seq}");
            }

            if (headSeq > last)
            {
                return Truncated(last, headSeq, $"the chain head records entry {headSeq}");
            }

            var signed = _checkpointsChecked == 0 ? "no checkpoint yet" : $"{_checkpointsChecked} checkpoints";
            return new AuditVerification(true, Entries, _checkpointsChecked, LastCheckpointSeq(), null, null,
                $"all {Entries} entries verify ({signed})");
        }

        private AuditVerification? CheckSignature(Checkpoint checkpoint)
        {
            if (!string.Equals(checkpoint.Signer, publicKey.PublicKeyHex, StringComparison.OrdinalIgnoreCase)
                || !publicKey.Verify(AuditChain.CheckpointMessage(checkpoint.Seq, checkpoint.Hash), checkpoint.Signature))
            {
                return Problem(checkpoint.Seq, AuditProblemKind.CheckpointInvalid,
                    $"the checkpoint at entry {checkpoint.Seq} is invalid: its signature does not verify with the audit key");
            }

            return null;
        }

        private AuditVerification Removed(long firstMissing, long next)
        {
            var what = next - firstMissing == 1 ? $"entry {firstMissing} was removed" : $"entries {firstMissing}–{next - 1} were removed";
            var where = firstMissing == 1 ? $"the log starts at entry {next}" : $"the log goes from entry {firstMissing - 1} to entry {next}";
            return Problem(firstMissing, AuditProblemKind.Removed, $"{what}: {where}");
        }

        private AuditVerification Truncated(long last, long covered, string evidence)
        {
            var removed = covered == last + 1 ? $"entry {covered} was removed" : $"entries {last + 1}–{covered} were removed";
            return Problem(last + 1, AuditProblemKind.Truncated, $"the log was truncated: it ends at entry {last}, but {evidence}; {removed}");
        }

        private AuditVerification Altered(long seq)
            => Problem(seq, AuditProblemKind.Altered, $"entry {seq} was altered: its content no longer matches its hash");

        private AuditVerification Problem(long seq, AuditProblemKind kind, string message)
            => new(false, Entries, _checkpointsChecked, LastCheckpointSeq(), seq, kind, message);

        private long? LastCheckpointSeq() => _nextCheckpoint == 0 ? null : checkpoints[_nextCheckpoint - 1].Seq;
    }
}

/// <summary>One row of the verifier's query: seq, prev_hash, hash, then the hashed fields in canonical order.</summary>
internal interface IEntryRow
{
    long Seq { get; }

    /// <summary>Copies a hash column into <paramref name="into"/>; false if it is null or not a hash's length.</summary>
    bool ReadHash(int ordinal, byte[] into);

    /// <summary>Adds columns 3–11 to <paramref name="hasher"/>, as stored.</summary>
    void AddFields(AuditHasher hasher);
}

/// <summary>A PostgreSQL row: Npgsql copies bytea and the UTF-8 text straight into the hasher's buffer.</summary>
internal readonly struct PostgresRow(DbDataReader reader) : IEntryRow
{
    public long Seq => reader.GetInt64(0);

    public bool ReadHash(int ordinal, byte[] into)
        => !reader.IsDBNull(ordinal)
            && reader.GetBytes(ordinal, 0, null, 0, 0) == into.Length
            && reader.GetBytes(ordinal, 0, into, 0, into.Length) == into.Length;

    public void AddFields(AuditHasher hasher)
    {
        hasher.AddTime(reader.GetFieldValue<DateTime>(3));
        for (var column = 4; column <= 11; column++)
        {
            hasher.AddColumnBytes(reader, column);
        }
    }
}

/// <summary>A SQLite row, read in place. SQLite's at is the canonical text itself, so every field is hashed as stored.</summary>
internal readonly struct SqliteRow(sqlite3_stmt statement) : IEntryRow
{
    public long Seq => raw.sqlite3_column_int64(statement, 0);

    public bool ReadHash(int ordinal, byte[] into)
    {
        if (raw.sqlite3_column_type(statement, ordinal) == raw.SQLITE_NULL)
        {
            return false;
        }

        var value = raw.sqlite3_column_blob(statement, ordinal);
        if (value.Length != into.Length)
        {
            return false;
        }

        value.CopyTo(into);
        return true;
    }

    public void AddFields(AuditHasher hasher)
    {
        for (var column = 3; column <= 11; column++)
        {
            if (raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL)
            {
                hasher.AddNull();
            }
            else
            {
                hasher.AddUtf8(raw.sqlite3_column_blob(statement, column));
            }
        }
    }
}
