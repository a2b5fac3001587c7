using System.Threading.Channels;
using Dapper;
using Gongshu.Storage;

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
            var flush = false;
            while (batch.Count < 5000 && _queue.Reader.TryRead(out var call))
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
                    DapperSetup.EnsureConfigured();
                    await using var connection = await _database.OpenConnectionAsync();
                    using var turn = await _database.EnterWriteAsync();
                    await using var tx = await connection.BeginTransactionAsync();
                    await connection.ExecuteAsync("""
                        INSERT INTO gateway_calls (grant_id, consumer_org_id, resource_id, interface, status, rows_returned, latency_ms, at)
                        VALUES (@GrantId, @ConsumerOrganizationId, @ResourceId, @Interface, @Status, @Rows, @LatencyMs, @At)
                        """, batch, tx);
                    await tx.CommitAsync();
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

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }
}
