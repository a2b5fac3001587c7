using Microsoft.Data.Sqlite;

namespace Gongshu.Storage;

/// <summary>
/// Copies an SQLite database's write-ahead log back into the database file from a task of its
/// own, so that no writer pays for it inside its commit. Left to SQLite, the connection whose
/// commit takes the log past its limit does the copy before its commit returns: the audit writer
/// then stalled every request waiting on it for the length of a copy and two fsyncs, and the
/// statistics writer did the same while holding the process's write turn, which kept the audit
/// writer out (docs/BENCHMARKS.md). Here a passive checkpoint, which never blocks readers or
/// writers, runs five times a second, and at once again while a long log is being worked down.
/// Once the log holds more than <see cref="TurnPages"/> pages and a passive pass could copy all of
/// it, a RESTART checkpoint runs holding the write turn: it copies the little added since and
/// waits briefly for readers to leave the log, so the next commit writes the log from its
/// beginning again instead of making the file ever longer. While a long reader (an export) holds
/// part of the log back, nothing can be copied past it, and the writers are left alone until it ends.
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    // 4,096 pages of 4 KiB: past 16 MB of log a short pause of the background writers is worth it.
    private const int TurnPages = 4_096;

    private const int RestartWaitMs = 100;

    // Past this many pages the next pass starts at once rather than after the interval.
    private const int BusyPages = 1_024;

    private readonly string _path;
    private readonly string _connectionString;
    private readonly Func<CancellationToken, ValueTask<WriteTurn>> _enterWrite;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <param name="path">The database file; the checkpointer ends when it no longer exists, never creating it.</param>
    /// <param name="enterWrite">Takes the process's write turn (<see cref="Database.EnterWriteAsync"/>).</param>
    public SqliteCheckpointer(string path, Func<CancellationToken, ValueTask<WriteTurn>> enterWrite)
    {
        _path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        _enterWrite = enterWrite;
        _loop = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        SqliteConnection? connection = null;
        var copiedBefore = 0L;
        var busy = false;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(busy ? TimeSpan.Zero : Interval, _stop.Token);
                try
                {
                    if (connection is null)
                    {
                        connection = new SqliteConnection(_connectionString);
                        await connection.OpenAsync(_stop.Token);
                        await using var pragma = connection.CreateCommand();

                        // How long RESTART waits for readers to leave the log.
                        pragma.CommandText = $"PRAGMA busy_timeout = {RestartWaitMs}";
                        await pragma.ExecuteNonQueryAsync(_stop.Token);
                    }

                    var pass = await CheckpointAsync(connection, "PASSIVE");

                    // Only when everything could be copied: a reader that holds back part of the log
                    // (a long export) would keep RESTART waiting, and the writers with it.
                    if (pass.Log > TurnPages && pass.Copied == pass.Log)
                    {
                        using (await _enterWrite(_stop.Token))
                        {
                            pass = await CheckpointAsync(connection, "RESTART");
                        }
                    }

                    // A long log that this pass got further into is worked on again at once (a
                    // writer may add to it faster than a pass a period copies); one held back by a
                    // reader is looked at again a period later, not spun on.
                    busy = pass.Log > BusyPages && pass.Copied > copiedBefore;
                    copiedBefore = pass.Copied;
                }
                catch (SqliteException) when (!_stop.IsCancellationRequested)
                {
                    // A locked or failing file: the writers' own commits say what is wrong. Try
                    // again on a fresh connection, unless the file is gone (never create it).
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }

                    if (!File.Exists(_path))
                    {
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    // PASSIVE copies what no reader still needs and never waits. RESTART also takes the writer's
    // lock and waits (up to RestartWaitMs) for every reader to be done with the log, so that the
    // next commit writes it from its beginning again. The result is (busy, frames in the log, frames copied).
    private static async Task<(long Log, long Copied)> CheckpointAsync(SqliteConnection connection, string mode)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode})";
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
