using System.Threading.Channels;
using Dapper;
using Gongshu.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gongshu.Sharing.Gateway;

/// <summary>One gateway call as the statistics count it.</summary>
public sealed record GatewayCall(long GrantId, long ConsumerOrganizationId, long ResourceId, string Interface, int Status, int Rows, double LatencyMs, DateTimeOffset At);

/// <summary>
/// The statistics rows of gateway calls, written in batches by one background writer so the hot
/// path never waits on them. They are for figures only: the durable record of every call is its
/// audit entry, which the call waits for. A crash may lose the last fraction of a second of these
/// rows (never an audit entry).
/// </summary>
public sealed class GatewayCallLog : IAsyncDisposable
{
    private readonly Database _database;
    private readonly Channel<GatewayCall> _queue = Channel.CreateBounded<GatewayCall>(new BoundedChannelOptions(100_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropOldest,
    });

    private static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(250);
    private const int MaxBatch = 50_000;

    private readonly Task _writer;

    public GatewayCallLog(Database database)
    {
        _database = database;
        _writer = Task.Run(WriteAsync);
    }

    public void Record(GatewayCall call) => _queue.Writer.TryWrite(call);

    /// <summary>Waits until every call recorded so far is written (tests and shutdown).</summary>
    public async Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _flushes.Enqueue(done);
        _queue.Writer.TryWrite(FlushMarker);
        await done.Task;
    }

    private static readonly GatewayCall FlushMarker = new(-1, -1, -1, "", 0, 0, 0, default);
    private readonly System.Collections.Concurrent.ConcurrentQueue<TaskCompletionSource> _flushes = new();

    private async Task WriteAsync()
    {
        var batch = new List<GatewayCall>(1024);
        while (await _queue.Reader.WaitToReadAsync())
        {
            // Statistics can wait a moment: a quarter second of calls in one transaction keeps
            // these writes from taking turns with the audit log's at every request.
            await Task.Delay(FlushDelay);
            var flush = false;
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var call))
            {
                if (ReferenceEquals(call, FlushMarker))
                {
                    flush = true;
                    continue;
                }

                batch.Add(call);
            }

            if (batch.Count > 0)
            {
                try
                {
                    await InsertAsync(batch);
                }
                catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
                {
                    // Statistics only: the calls' audit entries are already durable.
                }

                batch.Clear();
            }

            if (flush)
            {
                while (_flushes.TryDequeue(out var done))
                {
                    done.TrySetResult();
                }
            }
        }
    }

    // One command prepared once and bound per row: far cheaper than a statement per row.
    private async Task InsertAsync(List<GatewayCall> batch)
    {
        await using var connection = await _database.OpenConnectionAsync();
        using var turn = await _database.EnterWriteAsync();
        await using var tx = await connection.BeginTransactionAsync();
        if (connection is SqliteConnection sqlite)
        {
            InsertSqlite(sqlite, batch);
            await tx.CommitAsync();
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO gateway_calls (grant_id, consumer_org_id, resource_id, interface, status, rows_returned, latency_ms, at)
            VALUES (@g, @c, @r, @i, @s, @n, @l, @a)
            """;
        var parameters = new[] { "g", "c", "r", "i", "s", "n", "l", "a" }.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        var prepared = false;
        foreach (var call in batch)
        {
            parameters[0].Value = call.GrantId;
            parameters[1].Value = call.ConsumerOrganizationId;
            parameters[2].Value = call.ResourceId;
            parameters[3].Value = call.Interface;
            parameters[4].Value = call.Status;
            parameters[5].Value = call.Rows;
            parameters[6].Value = call.LatencyMs;
            parameters[7].Value = _database.Kind == DatabaseKind.Sqlite ? DapperSetup.ToSqliteText(call.At) : call.At.ToUniversalTime();
            if (!prepared)
            {
                // Prepared once its parameters have values, as PostgreSQL needs their types.
                await command.PrepareAsync();
                prepared = true;
            }

            await command.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }

    // On SQLite the batch holds the process's write turn, which the audit log's commits (and so
    // the calls waiting on them) queue behind: a statement kept with the connection and bound
    // through SQLite's own API takes a fraction of the time a command per row does.
    private static void InsertSqlite(SqliteConnection connection, List<GatewayCall> batch)
    {
        var db = connection.Handle!;
        var statement = SqliteStatementCache.Prepare(connection, """
            INSERT INTO gateway_calls (grant_id, consumer_org_id, resource_id, interface, status, rows_returned, latency_ms, at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """);
        try
        {
            foreach (var call in batch)
            {
                SqliteNative.Check(db, raw.sqlite3_bind_int64(statement, 1, call.GrantId));
                SqliteNative.Check(db, raw.sqlite3_bind_int64(statement, 2, call.ConsumerOrganizationId));
                SqliteNative.Check(db, raw.sqlite3_bind_int64(statement, 3, call.ResourceId));
                SqliteNative.Check(db, raw.sqlite3_bind_text(statement, 4, call.Interface));
                SqliteNative.Check(db, raw.sqlite3_bind_int64(statement, 5, call.Status));
                SqliteNative.Check(db, raw.sqlite3_bind_int64(statement, 6, call.Rows));
                SqliteNative.Check(db, raw.sqlite3_bind_double(statement, 7, call.LatencyMs));
                SqliteNative.Check(db, raw.sqlite3_bind_text(statement, 8, DapperSetup.ToSqliteText(call.At)));
                SqliteNative.Step(db, statement);
            }
        }
        finally
        {
            SqliteStatementCache.Release(statement);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }
}
