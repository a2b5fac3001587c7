using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Gongshu.Security;
using Gongshu.Storage;
using Microsoft.Data.Sqlite;

namespace Gongshu.Audit;

/// <summary>How the audit log batches and signs.</summary>
public sealed record AuditLogOptions
{
    /// <summary>Sign a checkpoint each time the chain passes a multiple of this; 0 signs only on <see cref="AuditLog.CheckpointAsync"/>.</summary>
    public int CheckpointInterval { get; init; } = 10_000;

    /// <summary>The most entries one group commit writes; the writer takes everything queued up to this.</summary>
    public int MaxBatchSize { get; init; } = 10_000;

    /// <summary>Entries that may wait for the writer before callers are made to wait to enqueue.</summary>
    public int QueueCapacity { get; init; } = 100_000;
}

/// <summary>
/// The append-only, hash-chained audit log (审计日志).
/// <para>
/// <see cref="AppendAsync"/> is a group commit: callers queue their entries, one background
/// writer takes everything queued, chains it and inserts it in one transaction, and only after
/// the commit is durable completes every caller's task. So an acknowledged entry is on disk and
/// survives a crash; a crash loses only entries whose callers were still waiting (they saw no
/// success). The writer keeps a connection of its own with prepared statements
/// (<see cref="SqliteAuditWriter"/>, <see cref="PostgresAuditWriter"/>).
/// </para>
/// <para>
/// <see cref="AppendInTransactionAsync"/> writes inside the caller's transaction, so a state
/// change and its audit entry commit or roll back together.
/// </para>
/// Both lock the chain head in the database inside the transaction, so several processes on one
/// PostgreSQL keep one gapless chain.
/// </summary>
public sealed class AuditLog : IAuditLog, IAsyncDisposable
{
    private readonly Database _database;
    private readonly KeyStore _keys;
    private readonly TimeProvider _clock;
    private readonly AuditLogOptions _options;
    private readonly Channel<Pending> _queue;
    private readonly Task _writer;
    private readonly bool _ownThread;
    private int _disposed;
    private int _wroteAny;
    private long _groupCommits;
    private long _groupCommitEntries;

    public AuditLog(Database database, KeyStore keys, TimeProvider? clock = null, AuditLogOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(keys);
        _database = database;
        _keys = keys;
        _clock = clock ?? TimeProvider.System;
        _options = options ?? new AuditLogOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.CheckpointInterval, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxBatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.QueueCapacity, 1, nameof(options));
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // On SQLite the writer has a thread of its own and blocks on it while it waits (see
        // OnWriterThread): resumed on the thread pool instead, each commit queued behind the very
        // request handlers it was about to release (docs/BENCHMARKS.md, gateway lookups).
        _ownThread = _database.Kind == DatabaseKind.Sqlite;
        _writer = _ownThread
            ? Task.Factory.StartNew(WriteQueuedAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()
            : Task.Run(WriteQueuedAsync);
    }

    /// <summary>Group commits written so far by this instance, and the entries they held (for metrics).</summary>
    public (long Commits, long Entries) GroupCommitStats => (Interlocked.Read(ref _groupCommits), Interlocked.Read(ref _groupCommitEntries));

    /// <summary>
    /// Queues <paramref name="entry"/> and completes once it is committed. Cancelling stops the
    /// wait, not the write: an entry already queued may still be written.
    /// </summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken ct = default)
    {
        AuditEntryRules.Validate(entry);
        var pending = new Pending(new StoredEntry(entry, _clock.GetUtcNow()));
        await QueueAsync(pending, ct);
        await pending.Done.Task.WaitAsync(ct);
    }

    /// <summary>
    /// Appends the audit entry of a signed request and spends the request's nonce in the same
    /// commit. True once both are durable; false when the nonce had been spent before (a replay),
    /// in which case the nonce's refusal entry was written instead of <paramref name="entry"/>
    /// and the caller must not answer with what the request asked for.
    /// </summary>
    public async Task<bool> AppendSpendingNonceAsync(AuditEntry entry, RequestNonce nonce, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        AuditEntryRules.Validate(entry);
        AuditEntryRules.Validate(nonce.Replayed);
        var pending = new Pending(new StoredEntry(entry, _clock.GetUtcNow(), nonce));
        await QueueAsync(pending, ct);
        return await pending.Done.Task.WaitAsync(ct);
    }

    private async ValueTask QueueAsync(Pending pending, CancellationToken ct)
    {
        if (!_queue.Writer.TryWrite(pending))
        {
            try
            {
                await _queue.Writer.WriteAsync(pending, ct);
            }
            catch (ChannelClosedException e)
            {
                throw new ObjectDisposedException("The audit log is closed.", e);
            }
        }
    }

    /// <summary>
    /// Appends <paramref name="entry"/> in the caller's own transaction and returns its seq.
    /// The chain head stays locked until that transaction ends, so keep it short.
    /// </summary>
    public async Task<long> AppendInTransactionAsync(DbConnection connection, DbTransaction transaction, AuditEntry entry, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        AuditEntryRules.Validate(entry);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var stored = new StoredEntry(entry, _clock.GetUtcNow());
        await WriteAsync(connection, transaction, [stored], new AuditHasher(), ct);
        Volatile.Write(ref _wroteAny, 1);
        return stored.Seq;
    }

    /// <summary>
    /// Signs the current chain head, unless it is signed already; returns the seq signed, or
    /// null for an empty log. Called on dispose; a scheduler may call it periodically too.
    /// </summary>
    public async Task<long?> CheckpointAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenWriterConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var head = await AuditStore.LockHeadAsync(connection, tx, ct);
        if (head.Seq == 0)
        {
            return null;
        }

        if (!await AuditStore.CheckpointExistsAsync(connection, tx, head.Seq, ct))
        {
            var checkpoint = AuditStore.Sign(head, _keys.AuditSigningKey, _clock.GetUtcNow());
            await AuditStore.WriteAsync(connection, tx, [], head, checkpoint, ct);
        }

        await tx.CommitAsync(ct);
        return head.Seq;
    }

    /// <summary>Writes everything still queued, then signs a final checkpoint.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _writer;
        if (Volatile.Read(ref _wroteAny) == 1)
        {
            await CheckpointAsync();
        }
    }

    private async Task WriteQueuedAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>();
        var entries = new List<StoredEntry>();
        var hasher = new AuditHasher();
        IAuditBatchWriter? writer = null;
        int Take()
        {
            var taken = 0;
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var pending))
            {
                batch.Add(pending);
                entries.Add(pending.Entry);
                taken++;
            }

            return taken;
        }

        // What the last commit did: callers it released, entries already waiting then, time it took.
        var released = 0;
        var waitingThen = 0;
        var commitTicks = 0L;
        try
        {
            while (await OnWriterThread(reader.WaitToReadAsync()))
            {
                // Everything queued, up to the cap: the more one commit carries, the fewer waits for the disk.
                Take();

                // The callers the last commit released may append again at once, as request
                // handlers that each await their entry do. Let them run and take what they queue,
                // so that this commit's one wait for the disk serves them too: otherwise they would
                // form a batch of their own behind this one. This ends when they are all back, when
                // a few turns of the thread pool bring nothing, or after half the last commit's time.
                // Only on PostgreSQL, whose commits wait on the server: on SQLite the writer's own
                // fsync of the WAL is short, and yielding to a busy thread pool made the writer wait
                // behind the very requests it would release (at 128 gateway connections, 2,266
                // instead of 6,104 requests/s; docs/BENCHMARKS.md).
                var expected = Math.Min(waitingThen + released, _options.MaxBatchSize);
                if (batch.Count < expected && _database.Kind == DatabaseKind.Postgres)
                {
                    var until = Stopwatch.GetTimestamp() + (commitTicks / 2);
                    for (var idle = 0; idle < 3 && batch.Count < expected && Stopwatch.GetTimestamp() < until;)
                    {
                        await Task.Yield();
                        idle = Take() == 0 ? idle + 1 : 0;
                    }
                }

                try
                {
                    var started = Stopwatch.GetTimestamp();
                    writer ??= _database.Kind == DatabaseKind.Sqlite
                        ? await OnWriterThread(new ValueTask<SqliteAuditWriter>(SqliteAuditWriter.OpenAsync(_database, CancellationToken.None)))
                        : await PostgresAuditWriter.OpenAsync(_database, CancellationToken.None);
                    using (await OnWriterThread(_database.EnterWriteAsync()))
                    {
                        await writer.WriteAsync(entries, hasher, CheckpointFor);
                    }

                    commitTicks = Stopwatch.GetTimestamp() - started;
                    released = batch.Count;
                    waitingThen = reader.Count;
                    Volatile.Write(ref _wroteAny, 1);
                    Interlocked.Increment(ref _groupCommits);
                    Interlocked.Add(ref _groupCommitEntries, batch.Count);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        // An entry the writer replaced was a replay: its refusal was written instead.
                        batch[i].Done.TrySetResult(ReferenceEquals(entries[i], batch[i].Entry));
                    }
                }
                catch (Exception e)
                {
                    // Nothing of the batch was committed: every caller in it learns its entry is not
                    // logged, and the writer lives on for the next batch whatever went wrong, on a
                    // fresh connection.
                    await DropAsync(writer);
                    writer = null;
                    released = 0;
                    waitingThen = 0;
                    var failure = new GongshuException(ErrorKind.Unavailable, "audit_write_failed",
                        $"The audit entry could not be written: {e.Message}", inner: e);
                    foreach (var pending in batch)
                    {
                        pending.Done.TrySetException(failure);
                    }
                }

                batch.Clear();
                entries.Clear();
            }
        }
        finally
        {
            await DropAsync(writer);
        }
    }

    // With a thread of its own, the writer waits by blocking it, so that every await in its loop
    // completes at once and the loop never moves to the thread pool. (The SQLite writer's own
    // work is synchronous already.)
    private ValueTask<T> OnWriterThread<T>(ValueTask<T> pending)
        => _ownThread && !pending.IsCompleted ? new ValueTask<T>(pending.AsTask().GetAwaiter().GetResult()) : pending;

    // Closing a writer whose connection broke may fail too; the writer task must outlive it.
    private static async Task DropAsync(IAuditBatchWriter? writer)
    {
        try
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
        {
            // Nothing to do: the connection is gone either way.
        }
    }

    private async Task WriteAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<StoredEntry> entries, AuditHasher hasher, CancellationToken ct)
    {
        var head = await AuditStore.LockHeadAsync(connection, tx, ct);
        var newHead = AuditStore.Chain(head, entries, hasher);
        await AuditStore.WriteAsync(connection, tx, entries, newHead, CheckpointFor(head, newHead), ct);
    }

    private Checkpoint? CheckpointFor(ChainHead head, ChainHead newHead)
        => AuditStore.CheckpointDue(head.Seq, newHead.Seq, _options.CheckpointInterval)
            ? AuditStore.Sign(newHead, _keys.AuditSigningKey, _clock.GetUtcNow())
            : null;

    // For CheckpointAsync; the group commit's writer sets up its own connection the same way.
    private async Task<DbConnection> OpenWriterConnectionAsync(CancellationToken ct)
    {
        var connection = await _database.OpenConnectionAsync(ct);
        if (connection is SqliteConnection)
        {
            // The pool's default (NORMAL) may lose the last commits on power loss; a signed
            // checkpoint may not, so this commit waits for the disk.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = FULL";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        return connection;
    }

    private sealed class Pending(StoredEntry entry)
    {
        public StoredEntry Entry { get; } = entry;

        // Continuations run elsewhere, so one slow caller never holds up the writer.
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
