using Gongshu.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Gongshu.Audit;

/// <summary>
/// The group-commit writer's own PostgreSQL connection, kept open for the life of the log, with
/// its statements prepared on the server once.
/// <para>
/// While this writer is the only one extending the chain, it knows the head before asking: it
/// chains the batch from the head it wrote last and sends everything in one message — begin,
/// make this commit durable, lock the head and check it is still that one
/// (<c>audit_lock_head</c>), insert, move the head, sign if due, commit. If something else moved
/// the head (another process, an in-transaction append), the check fails, nothing is written, and
/// the batch goes the careful way: lock and read the head, chain, then write and commit — two
/// round trips. It stays on that way until a batch finds the head where it left it.
/// </para>
/// Not thread-safe: the log's one writer uses it.
/// </summary>
internal sealed class PostgresAuditWriter : IAuditBatchWriter
{
    private const string HeadMoved = "GA001";

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlBatch _lock;
    private readonly NpgsqlBatch _write;
    private readonly NpgsqlBatch _writeAndSign;
    private readonly NpgsqlBatch _checkAndWrite;
    private readonly NpgsqlBatch _checkAndWriteAndSign;
    private readonly NpgsqlCommand _spendNonces;

    // The head this writer committed last, and whether the next batch may be chained from it
    // unasked: the last batch found the head where this writer had left it.
    private ChainHead? _last;
    private bool _guess;

    private PostgresAuditWriter(NpgsqlConnection connection)
    {
        _connection = connection;
        _lock = new NpgsqlBatch(connection) { BatchCommands = { Begin(), Durable(), new("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE") } };
        _write = WriteBatch(connection, check: false, sign: false);
        _writeAndSign = WriteBatch(connection, check: false, sign: true);
        _checkAndWrite = WriteBatch(connection, check: true, sign: false);
        _checkAndWriteAndSign = WriteBatch(connection, check: true, sign: true);
        _spendNonces = new NpgsqlCommand(RequestNonce.PostgresInsertSql, connection)
        {
            Parameters =
            {
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
            },
        };
    }

    public static async Task<PostgresAuditWriter> OpenAsync(Database database, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)await database.OpenConnectionAsync(ct);
        var writer = new PostgresAuditWriter(connection);
        try
        {
            foreach (var batch in writer.Batches)
            {
                await batch.PrepareAsync(ct);
            }

            await writer._spendNonces.PrepareAsync(ct);

            return writer;
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }
    }

    private NpgsqlBatch[] Batches => [_lock, _write, _writeAndSign, _checkAndWrite, _checkAndWriteAndSign];

    public async Task WriteAsync(List<StoredEntry> entries, AuditHasher hasher, Func<ChainHead, ChainHead, Checkpoint?> checkpointFor)
    {
        // Nonces decide which entries are written, so a batch with nonces learns that before chaining.
        var spendsNonces = entries.Exists(e => e.Nonce is not null);
        try
        {
            if (_guess && _last is { } expected && !spendsNonces)
            {
                var guessed = AuditStore.Chain(expected, entries, hasher);
                var checkpoint = checkpointFor(expected, guessed);
                var batch = checkpoint is null ? _checkAndWrite : _checkAndWriteAndSign;
                var check = batch.BatchCommands[2].Parameters;
                check[0].Value = expected.Seq;
                check[1].Value = expected.Hash;
                try
                {
                    await ExecuteAsync(batch, 3, entries, guessed, checkpoint);
                    _last = guessed;
                    return;
                }
                catch (PostgresException e) when (e.SqlState == HeadMoved)
                {
                    // Nothing was written: go the careful way.
                    await RollBackQuietlyAsync();
                }
            }

            ChainHead? head = null;
            await using (var reader = await _lock.ExecuteReaderAsync())
            {
                do
                {
                    if (reader.FieldCount == 2 && await reader.ReadAsync())
                    {
                        head = new ChainHead(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
                    }
                }
                while (await reader.NextResultAsync());
            }

            if (head is null)
            {
                throw new GongshuException(ErrorKind.Unavailable, "audit_not_migrated",
                    "The audit chain head is missing: run `gongshu db migrate` to create the audit tables.");
            }

            if (spendsNonces)
            {
                await SpendNoncesAsync(entries);
            }

            var newHead = AuditStore.Chain(head, entries, hasher);
            var sign = checkpointFor(head, newHead);
            await ExecuteAsync(sign is null ? _write : _writeAndSign, 0, entries, newHead, sign);
            _guess = _last is null || (_last.Seq == head.Seq && _last.Hash.AsSpan().SequenceEqual(head.Hash));
            _last = newHead;
        }
        catch
        {
            _last = null;
            _guess = false;
            await RollBackQuietlyAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var batch in Batches)
        {
            await batch.DisposeAsync();
        }

        await _spendNonces.DisposeAsync();

        await _connection.DisposeAsync();
    }

    // In the transaction the head lock opened: the nonces inserted are fresh, the others replays.
    private async Task SpendNoncesAsync(List<StoredEntry> entries)
    {
        var nonces = entries.Where(e => e.Nonce is not null).Select(e => e.Nonce!).ToList();
        var parameters = _spendNonces.Parameters;
        parameters[0].Value = nonces.Select(n => n.AppKey).ToArray();
        parameters[1].Value = nonces.Select(n => n.Nonce).ToArray();
        parameters[2].Value = nonces.Select(n => n.RequestAt.UtcDateTime).ToArray();
        var fresh = new HashSet<(string, string)>();
        await using (var reader = await _spendNonces.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                fresh.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        AuditStore.ReplaceReplayed(entries, fresh);
    }

    // One message, one Sync: if any statement fails the server skips the rest, COMMIT included.
    private static async Task ExecuteAsync(NpgsqlBatch batch, int first, IReadOnlyList<StoredEntry> entries, ChainHead newHead, Checkpoint? checkpoint)
    {
        var insert = batch.BatchCommands[first].Parameters;
        insert[0].Value = AuditStore.Column(entries, e => e.Seq);
        insert[1].Value = AuditStore.Column(entries, e => e.At.UtcDateTime);
        insert[2].Value = AuditStore.Column(entries, e => e.Entry.Actor);
        insert[3].Value = AuditStore.Column(entries, e => e.Entry.Organization);
        insert[4].Value = AuditStore.Column(entries, e => e.Entry.Action);
        insert[5].Value = AuditStore.Column(entries, e => e.Entry.Object);
        insert[6].Value = AuditStore.Column(entries, e => e.Entry.Purpose);
        insert[7].Value = AuditStore.Column(entries, e => e.Outcome);
        insert[8].Value = AuditStore.Column(entries, e => e.Entry.ClientAddress);
        insert[9].Value = AuditStore.Column(entries, e => e.Entry.Detail);
        insert[10].Value = AuditStore.Column(entries, e => e.PrevHash);
        insert[11].Value = AuditStore.Column(entries, e => e.Hash);
        var moveHead = batch.BatchCommands[first + 1].Parameters;
        moveHead[0].Value = newHead.Seq;
        moveHead[1].Value = newHead.Hash;
        if (checkpoint is not null)
        {
            var sign = batch.BatchCommands[first + 2].Parameters;
            sign[0].Value = checkpoint.Seq;
            sign[1].Value = checkpoint.Hash;
            sign[2].Value = checkpoint.Signature;
            sign[3].Value = checkpoint.SignedAt.UtcDateTime;
            sign[4].Value = checkpoint.Signer;
        }

        await batch.ExecuteNonQueryAsync();
    }

    // As Npgsql's BeginTransaction would: READ COMMITTED whatever the server default, so that a
    // writer waiting for the head lock then reads the head its predecessor committed.
    private static NpgsqlBatchCommand Begin() => new("BEGIN ISOLATION LEVEL READ COMMITTED");

    // The audit commit is durable even where the server runs with synchronous_commit off.
    private static NpgsqlBatchCommand Durable() => new("SET LOCAL synchronous_commit = on");

    private static NpgsqlBatch WriteBatch(NpgsqlConnection connection, bool check, bool sign)
    {
        var batch = new NpgsqlBatch(connection);
        if (check)
        {
            batch.BatchCommands.Add(Begin());
            batch.BatchCommands.Add(Durable());
            var lockHead = new NpgsqlBatchCommand("SELECT audit_lock_head($1, $2)");
            lockHead.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
            lockHead.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea });
            batch.BatchCommands.Add(lockHead);
        }

        var insert = new NpgsqlBatchCommand(AuditStore.PostgresInsertSql);
        foreach (var type in AuditStore.PostgresInsertTypes)
        {
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | type });
        }

        batch.BatchCommands.Add(insert);
        var moveHead = new NpgsqlBatchCommand("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1");
        moveHead.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
        moveHead.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea });
        batch.BatchCommands.Add(moveHead);
        if (sign)
        {
            var checkpoint = new NpgsqlBatchCommand(AuditStore.PostgresSignSql);
            checkpoint.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
            checkpoint.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea });
            checkpoint.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea });
            checkpoint.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz });
            checkpoint.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
            batch.BatchCommands.Add(checkpoint);
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        return batch;
    }

    private async Task RollBackQuietlyAsync()
    {
        try
        {
            if (_connection.State == System.Data.ConnectionState.Open)
            {
                await using var rollback = new NpgsqlCommand("ROLLBACK", _connection);
                await rollback.ExecuteNonQueryAsync();
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The log drops this writer after a failure; the pool resets or discards its connection.
        }
    }
}
