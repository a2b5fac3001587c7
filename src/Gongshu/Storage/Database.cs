using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gongshu.Storage;

/// <summary>
/// One platform database: hands out open connections and knows its SQL dialect.
/// Everything above this layer is written once and runs on both engines.
/// </summary>
public abstract class Database : IAsyncDisposable
{
    public abstract DatabaseKind Kind { get; }

    public abstract SqlDialect Dialect { get; }

    /// <summary>A description safe to print: never contains a password.</summary>
    public abstract string DisplayName { get; }

    public abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken ct = default);

    /// <summary>
    /// Taken by this process's background writers (audit log, request nonces, call statistics)
    /// around each write transaction. SQLite has one writer at a time and makes a writer that finds
    /// the lock taken sleep and retry; queueing here instead wakes the next writer the moment the
    /// last one commits. PostgreSQL writes concurrently and needs no gate.
    /// </summary>
    public async ValueTask<WriteTurn> EnterWriteAsync(CancellationToken ct = default)
    {
        if (WriteGate is { } gate)
        {
            await gate.WaitAsync(ct);
        }

        return new WriteTurn(WriteGate);
    }

    private protected virtual SemaphoreSlim? WriteGate => null;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Opens the database named by <paramref name="connection"/> (a PostgreSQL connection string)
    /// or, when it is empty, the embedded SQLite file <c>gongshu.db</c> under <paramref name="dataDirectory"/>.
    /// </summary>
    public static Database Open(string? connection, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(connection))
        {
            if (connection.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
                || connection.EndsWith(".db", StringComparison.OrdinalIgnoreCase))
            {
                var path = connection.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
                    ? new SqliteConnectionStringBuilder(connection).DataSource
                    : connection;
                return new SqliteDatabase(path);
            }

            return new PostgresDatabase(connection);
        }

        Directory.CreateDirectory(dataDirectory);
        return new SqliteDatabase(Path.Combine(dataDirectory, "gongshu.db"));
    }
}

/// <summary>The embedded default: a single SQLite file, write-ahead logging on.</summary>
public sealed class SqliteDatabase : Database
{
    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        FilePath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string FilePath { get; }

    public override DatabaseKind Kind => DatabaseKind.Sqlite;

    private protected override SemaphoreSlim? WriteGate { get; } = new(1, 1);

    public override SqlDialect Dialect => SqlDialect.Sqlite;

    public override string DisplayName => $"SQLite {FilePath}";

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);

        // A pooled connection keeps its native handle, and the handle keeps its settings: set them
        // once per handle rather than parsing four statements on every open from the pool.
        if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
        {
            await using var pragma = connection.CreateCommand();

            // WAL lets readers go on while a load writes; NORMAL sync is durable in WAL mode
            // except for the last transactions on power loss, never corrupting the file.
            pragma.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                PRAGMA foreign_keys = ON;
                PRAGMA busy_timeout = 30000;
                PRAGMA wal_autocheckpoint = 0;
                """;
            await pragma.ExecuteNonQueryAsync(ct);
            _configured.AddOrUpdate(handle, Configured);

            // No commit copies the log into the file itself (wal_autocheckpoint = 0): this does.
            if (_checkpointer is null)
            {
                lock (_configured)
                {
                    _checkpointer ??= new SqliteCheckpointer(FilePath, EnterWriteAsync);
                }
            }
        }

        return connection;
    }

    private static readonly object Configured = new();

    private SqliteCheckpointer? _checkpointer;

    // The native handles already set up; an entry goes with its handle when the pool closes it.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();

    public override async ValueTask DisposeAsync()
    {
        if (_checkpointer is not null)
        {
            await _checkpointer.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        await base.DisposeAsync();
    }
}

/// <summary>PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>.</summary>
public sealed class PostgresDatabase : Database
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _displayName;

    public PostgresDatabase(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new GongshuException(ErrorKind.BadRequest, "bad_connection_string", $"The connection string is not valid: {e.Message}");
        }

        _displayName = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}"
            + (string.IsNullOrEmpty(builder.SearchPath) ? "" : $" (schema {builder.SearchPath})");

        // Statements run again and again (a gateway lookup, above all) are prepared on each
        // physical connection after a few uses, unless the connection string says otherwise.
        if (!connectionString.Replace(" ", "", StringComparison.Ordinal).Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
        }

        _dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    public NpgsqlDataSource DataSource => _dataSource;

    public override DatabaseKind Kind => DatabaseKind.Postgres;

    public override SqlDialect Dialect => SqlDialect.Postgres;

    public override string DisplayName => _displayName;

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken ct = default)
        => await _dataSource.OpenConnectionAsync(ct);

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>A turn at writing, from <see cref="Database.EnterWriteAsync"/>; disposing it lets the next writer in.</summary>
public readonly struct WriteTurn(SemaphoreSlim? gate) : IDisposable
{
    public void Dispose() => gate?.Release();
}
