using Dapper;
using Gongshu.Storage;
using Xunit;

namespace Gongshu.Tests.Storage;

/// <summary>
/// No commit copies SQLite's write-ahead log into the database file (wal_autocheckpoint = 0); the
/// database's checkpointer does, in the background. These show that it happens, that the log
/// starts over while writers keep writing, and that the checkpointer never outlives its file.
/// </summary>
public sealed class SqliteCheckpointerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gongshu-checkpointer-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Committed_pages_reach_the_database_file_without_a_commit_copying_them()
    {
        var path = Path.Combine(_directory, "gongshu.db");
        await using var database = new SqliteDatabase(path);
        await using (var connection = await database.OpenConnectionAsync())
        {
            // A commit would copy the log itself past this many pages; 0 leaves it to the checkpointer.
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint"));
            await connection.ExecuteAsync("CREATE TABLE pages (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
            await using var tx = await connection.BeginTransactionAsync();
            for (var i = 0; i < 500; i++)
            {
                await connection.ExecuteAsync("INSERT INTO pages (body) VALUES (zeroblob(4000))", transaction: tx);
            }

            await tx.CommitAsync();
        }

        // Only a checkpoint writes the database file in WAL mode: 500 rows of 4,000 bytes take 2 MB there.
        await Eventually(() => new FileInfo(path).Length >= 500 * 4000, "the log was not copied into the database file");
        await using var reader = await database.OpenConnectionAsync();
        Assert.Equal(500, await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM pages"));
    }

    [Fact]
    public async Task The_log_starts_over_while_writers_and_readers_keep_going()
    {
        var path = Path.Combine(_directory, "gongshu.db");
        await using var database = new SqliteDatabase(path);
        await using (var setup = await database.OpenConnectionAsync())
        {
            await setup.ExecuteAsync("CREATE TABLE pages (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
        }

        // 6,000 rows of 4,000 bytes committed one at a time under the process's write turn (as the
        // audit log and the call statistics write), at about 30 MB of log a second, with short
        // reads alongside (as lookups are). Each commit writes three pages to the log (the new
        // leaf, its parent and the header page): 74 MB, all of it in the log file unless the log
        // starts over.
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var connection = await database.OpenConnectionAsync();
                await connection.ExecuteScalarAsync<long?>("SELECT length(body) FROM pages WHERE id = (SELECT max(id) FROM pages)");
            }
        });
        await using (var writer = await database.OpenConnectionAsync())
        {
            for (var i = 1; i <= 6_000; i++)
            {
                using (await database.EnterWriteAsync())
                {
                    await writer.ExecuteAsync("INSERT INTO pages (body) VALUES (zeroblob(4000))");
                }

                if (i % 25 == 0)
                {
                    await Task.Delay(10);
                }
            }
        }

        await stop.CancelAsync();
        await reading;
        var log = new FileInfo(path + "-wal").Length;
        Assert.True(log < 36L * 1024 * 1024, $"the log file reached {log:N0} bytes");
        await using var check = await database.OpenConnectionAsync();
        Assert.Equal(6_000, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM pages"));
    }

    [Fact]
    public async Task A_long_reader_holding_the_log_does_not_cost_the_writers_their_turn()
    {
        // A file of its own and a checkpointer of its own, whose turns at writing are counted.
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "pinned.db");
        var connectionString = $"Data Source={path};Pooling=False";
        await using var writer = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await writer.OpenAsync();
        await writer.ExecuteAsync("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE pages (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
        await writer.ExecuteAsync("INSERT INTO pages (body) VALUES (zeroblob(4000))");
        var turns = 0;
        var gate = new SemaphoreSlim(1, 1);
        await using var checkpointer = new SqliteCheckpointer(path, async ct =>
        {
            Interlocked.Increment(ref turns);
            await gate.WaitAsync(ct);
            return new WriteTurn(gate);
        });

        // An export's read transaction, open while 24 MB are committed after it.
        await using var reader = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await reader.OpenAsync();
        await using var export = reader.BeginTransaction(deferred: true);
        Assert.Equal(1, await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM pages", transaction: export));
        for (var i = 0; i < 6_000; i++)
        {
            await writer.ExecuteAsync("INSERT INTO pages (body) VALUES (zeroblob(4000))");
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.True(new FileInfo(path + "-wal").Length > 16L * 1024 * 1024);
        Assert.Equal(0, Volatile.Read(ref turns));

        // The export ends: the log is copied, and then started over.
        await export.CommitAsync();
        await Eventually(() => Volatile.Read(ref turns) > 0, "the checkpointer never took a turn to start the log over");
        await writer.ExecuteAsync("INSERT INTO pages (body) VALUES (zeroblob(4000))");
        var framesAfter = await writer.QuerySingleAsync<(long Busy, long Log, long Copied)>("PRAGMA wal_checkpoint(PASSIVE)");
        Assert.True(framesAfter.Log < 100, $"the log holds {framesAfter.Log} frames after it was started over");
    }

    [Fact]
    public async Task A_checkpointer_whose_file_is_deleted_does_not_create_it_again()
    {
        var path = Path.Combine(_directory, "gongshu.db");
        var database = new SqliteDatabase(path);
        await using (var connection = await database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("CREATE TABLE t (x INTEGER)");
        }

        // The database is never disposed, as a test or tool might forget to.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(_directory));
    }

    private static async Task Eventually(Func<bool> condition, string failure)
    {
        for (var waited = 0; waited < 100 && !condition(); waited++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), failure);
    }
}
