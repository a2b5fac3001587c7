using System.Threading.Channels;
using Dapper;
using Gongshu.Storage;

namespace Gongshu.Directories;

/// <summary>
/// The nonces of signed requests, kept in <c>request_nonces</c> with a group commit: callers queue
/// their nonce and wait; one writer inserts everything queued in one statement and one transaction
/// and tells each caller whether its nonce was new. So a request is served only once its nonce is
/// durable (a replay is refused even after a crash or on another node sharing the database), and a
/// busy gateway pays one commit per batch, not one per request.
/// </summary>
public sealed class NonceLog : IAsyncDisposable
{
    // Three parameters a row; SQLite allows 32,766 in one statement.
    private const int MaxBatch = 1000;

    private readonly Database _database;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(100_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Task _writer;

    public NonceLog(Database database)
    {
        _database = database;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Records a nonce; true when it is new, false when it was used before (a replay).</summary>
    public async Task<bool> RecordAsync(string appKey, string nonce, DateTimeOffset requestAt, CancellationToken ct = default)
    {
        var pending = new Pending(appKey, nonce, requestAt);
        await _queue.Writer.WriteAsync(pending, ct);
        return await pending.Done.Task.WaitAsync(ct);
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                var fresh = await InsertAsync(batch);
                foreach (var pending in batch)
                {
                    // Within one batch, the first of two equal nonces wins; the second is a replay.
                    pending.Done.TrySetResult(fresh.Remove((pending.AppKey, pending.Nonce)));
                }
            }
            catch (Exception e)
            {
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(e);
                }
            }

            batch.Clear();
        }
    }

    private async Task<HashSet<(string, string)>> InsertAsync(List<Pending> batch)
    {
        DapperSetup.EnsureConfigured();
        var parameters = new DynamicParameters();
        var values = new List<string>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            values.Add($"(@k{i}, @n{i}, @t{i})");
            parameters.Add($"k{i}", batch[i].AppKey);
            parameters.Add($"n{i}", batch[i].Nonce);
            parameters.Add($"t{i}", batch[i].RequestAt);
        }

        await using var connection = await _database.OpenConnectionAsync();
        using var turn = await _database.EnterWriteAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var inserted = await connection.QueryAsync<(string AppKey, string Nonce)>(new CommandDefinition(
            $"INSERT INTO request_nonces (app_key, nonce, request_at) VALUES {string.Join(", ", values)} ON CONFLICT DO NOTHING RETURNING app_key, nonce",
            parameters, tx));
        await tx.CommitAsync();
        return [.. inserted];
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private sealed class Pending(string appKey, string nonce, DateTimeOffset requestAt)
    {
        public string AppKey { get; } = appKey;

        public string Nonce { get; } = nonce;

        public DateTimeOffset RequestAt { get; } = requestAt;

        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
