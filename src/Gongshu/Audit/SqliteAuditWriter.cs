using System.Globalization;
using System.Text;
using Gongshu.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gongshu.Audit;

/// <summary>
/// The group-commit writer's own SQLite connection, kept open for the life of the log, with its
/// statements prepared once and bound through SQLite's own API. Per batch: <c>BEGIN IMMEDIATE</c>
/// (the write lock), read the chain head, insert and index the entries, move the head, sign if
/// due, <c>COMMIT</c> with <c>synchronous = FULL</c>, so the write-ahead log is on disk before
/// <see cref="WriteAsync"/> returns. Not thread-safe: the log's one writer uses it.
/// </summary>
internal sealed class SqliteAuditWriter : IAuditBatchWriter
{
    // A commit writes whole pages to the WAL; a page cache that holds the tails of the table, of
    // the time index and of the term index's newest segments keeps them from being read back.
    private const int CacheKiB = 32_768;

    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _begin;
    private readonly sqlite3_stmt _commit;
    private readonly sqlite3_stmt _rollback;
    private readonly sqlite3_stmt _readHead;
    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt _index;
    private readonly sqlite3_stmt _moveHead;
    private readonly sqlite3_stmt _sign;
    private readonly sqlite3_stmt _spendNonce;
    private byte[] _utf8 = new byte[1024];
    private bool _disposed;

    private SqliteAuditWriter(SqliteConnection connection)
    {
        _connection = connection;
        _db = connection.Handle!;
        var prepared = new List<sqlite3_stmt>();
        try
        {
            sqlite3_stmt Prepare(string sql)
            {
                Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
                prepared.Add(statement);
                return statement;
            }

            _begin = Prepare("BEGIN IMMEDIATE");
            _commit = Prepare("COMMIT");
            _rollback = Prepare("ROLLBACK");
            _readHead = Prepare("SELECT seq, hash FROM audit_head WHERE id = 1");
            _insert = Prepare(AuditStore.SqliteInsertSql);
            _index = Prepare(AuditStore.SqliteIndexSql);
            _moveHead = Prepare("UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1");
            _sign = Prepare(AuditStore.SqliteSignSql);
            _spendNonce = Prepare(RequestNonce.SqliteInsertSql);
        }
        catch
        {
            foreach (var statement in prepared)
            {
                raw.sqlite3_finalize(statement);
            }

            throw;
        }
    }

    /// <summary>Takes a connection of the pool for the writer and prepares its statements.</summary>
    public static async Task<SqliteAuditWriter> OpenAsync(Database database, CancellationToken ct)
    {
        var connection = (SqliteConnection)await database.OpenConnectionAsync(ct);
        try
        {
            await using (var pragma = connection.CreateCommand())
            {
                // The pool's default (NORMAL) may lose the last commits on power loss; an
                // acknowledged audit entry may not, so every commit waits for the WAL to be on disk.
                pragma.CommandText = $"""
                    PRAGMA synchronous = FULL;
                    PRAGMA cache_size = -{CacheKiB};
                    """;
                await pragma.ExecuteNonQueryAsync(ct);
            }

            return new SqliteAuditWriter(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task WriteAsync(List<StoredEntry> entries, AuditHasher hasher, Func<ChainHead, ChainHead, Checkpoint?> checkpointFor)
    {
        // SQLite runs in-process and its calls block anyway: the writer's own task does the work.
        Write(entries, hasher, checkpointFor);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Write(List<StoredEntry> entries, AuditHasher hasher, Func<ChainHead, ChainHead, Checkpoint?> checkpointFor)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Step(_begin);
        try
        {
            var head = ReadHead();
            SpendNonces(entries);
            var newHead = AuditStore.Chain(head, entries, hasher);
            var checkpoint = checkpointFor(head, newHead);
            foreach (var stored in entries)
            {
                Insert(stored);
            }

            if (entries.Count > 0)
            {
                Check(raw.sqlite3_bind_int64(_index, 1, head.Seq + 1));
                Check(raw.sqlite3_bind_int64(_index, 2, newHead.Seq));
                Step(_index);
            }

            Check(raw.sqlite3_bind_int64(_moveHead, 1, newHead.Seq));
            Check(raw.sqlite3_bind_blob(_moveHead, 2, newHead.Hash));
            Step(_moveHead);

            if (checkpoint is not null)
            {
                Check(raw.sqlite3_bind_int64(_sign, 1, checkpoint.Seq));
                Check(raw.sqlite3_bind_blob(_sign, 2, checkpoint.Hash));
                Check(raw.sqlite3_bind_blob(_sign, 3, checkpoint.Signature));
                BindText(_sign, 4, DapperSetup.ToSqliteText(checkpoint.SignedAt));
                BindText(_sign, 5, checkpoint.Signer);
                Step(_sign);
            }

            Step(_commit);
        }
        catch
        {
            // A failed statement may already have ended the transaction; otherwise end it here.
            if (raw.sqlite3_get_autocommit(_db) == 0)
            {
                raw.sqlite3_step(_rollback);
                raw.sqlite3_reset(_rollback);
            }

            throw;
        }
    }

    private void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var statement in new[] { _begin, _commit, _rollback, _readHead, _insert, _index, _moveHead, _sign, _spendNonce })
        {
            raw.sqlite3_finalize(statement);
        }

        try
        {
            // The connection goes back to the pool: leave it as the pool hands them out.
            using var pragma = _connection.CreateCommand();
            pragma.CommandText = "PRAGMA cache_size = -2000";
            pragma.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // A broken connection is dropped by the pool anyway.
        }

        _connection.Dispose();
    }

    private ChainHead ReadHead()
    {
        try
        {
            var result = raw.sqlite3_step(_readHead);
            if (result != raw.SQLITE_ROW)
            {
                Check(result);
                throw new GongshuException(ErrorKind.Unavailable, "audit_not_migrated",
                    "The audit chain head is missing: run `gongshu db migrate` to create the audit tables.");
            }

            return new ChainHead(raw.sqlite3_column_int64(_readHead, 0), raw.sqlite3_column_blob(_readHead, 1).ToArray());
        }
        finally
        {
            raw.sqlite3_reset(_readHead);
        }
    }

    // Inside the batch's transaction: a nonce row that already exists inserts nothing (a replay).
    private void SpendNonces(List<StoredEntry> entries)
    {
        HashSet<(string, string)>? fresh = null;
        foreach (var stored in entries)
        {
            if (stored.Nonce is not { } nonce)
            {
                continue;
            }

            BindText(_spendNonce, 1, nonce.AppKey);
            BindText(_spendNonce, 2, nonce.Nonce);
            BindText(_spendNonce, 3, DapperSetup.ToSqliteText(nonce.RequestAt));
            Step(_spendNonce);
            fresh ??= [];
            if (raw.sqlite3_changes(_db) == 1)
            {
                fresh.Add((nonce.AppKey, nonce.Nonce));
            }
        }

        if (fresh is not null)
        {
            AuditStore.ReplaceReplayed(entries, fresh);
        }
    }

    private void Insert(StoredEntry stored)
    {
        var e = stored.Entry;
        var s = _insert;
        Check(raw.sqlite3_bind_int64(s, 1, stored.Seq));
        BindTime(s, 2, stored.At);
        BindText(s, 3, e.Actor);
        BindText(s, 4, e.Organization);
        BindText(s, 5, e.Action);
        BindText(s, 6, e.Object);
        BindText(s, 7, e.Purpose);
        BindText(s, 8, stored.Outcome);
        BindText(s, 9, e.ClientAddress);
        BindText(s, 10, e.Detail);
        Check(raw.sqlite3_bind_blob(s, 11, stored.PrevHash));
        Check(raw.sqlite3_bind_blob(s, 12, stored.Hash));
        Step(s);
    }

    private void BindText(sqlite3_stmt statement, int index, string? text)
    {
        if (text is null)
        {
            Check(raw.sqlite3_bind_null(statement, index));
            return;
        }

        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (needed > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(needed, _utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(text, _utf8);
        Check(raw.sqlite3_bind_text(statement, index, _utf8.AsSpan(0, length)));
    }

    // The canonical text, exactly as hashed: SQLite's at is that text.
    private void BindTime(sqlite3_stmt statement, int index, DateTimeOffset at)
    {
        if (!at.UtcDateTime.TryFormat(_utf8, out var written, AuditChain.TimeFormat, CultureInfo.InvariantCulture))
        {
            throw new ArgumentOutOfRangeException(nameof(at), "The time cannot be written in the canonical form.");
        }

        Check(raw.sqlite3_bind_text(statement, index, _utf8.AsSpan(0, written)));
    }

    private void Step(sqlite3_stmt statement) => SqliteNative.Step(_db, statement);

    private void Check(int result) => SqliteNative.Check(_db, result);
}
