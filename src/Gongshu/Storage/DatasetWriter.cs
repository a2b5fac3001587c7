using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Gongshu.Storage;

/// <summary>
/// Appends rows to one dataset table. Values must already be of each column's CLR type
/// (<see cref="FieldTypes.ClrType"/>) or null. Disposing without <see cref="CompleteAsync"/>
/// discards everything written.
/// </summary>
public abstract class DatasetWriter : IAsyncDisposable
{
    protected DatasetWriter(DatasetStore store, DatasetVersion version)
    {
        Store = store;
        Version = version;
    }

    public DatasetVersion Version { get; }

    /// <summary>Rows written so far.</summary>
    public long RowCount { get; protected set; }

    protected DatasetStore Store { get; }

    protected int Width => Version.Columns.Count;

    /// <summary>Writes one row synchronously (the fast path; buffers and flushes as needed).</summary>
    public abstract void WriteRow(ReadOnlySpan<object?> values);

    public ValueTask WriteRowAsync(object?[] values, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        WriteRow(values);
        return ValueTask.CompletedTask;
    }

    /// <summary>Commits the rows and marks the version ready to switch; returns the row count.</summary>
    public abstract Task<long> CompleteAsync(CancellationToken ct = default);

    public abstract ValueTask DisposeAsync();

    protected void CheckWidth(ReadOnlySpan<object?> values)
    {
        if (values.Length != Width)
        {
            throw new ArgumentException($"Row has {values.Length} values; the dataset has {Width} columns.", nameof(values));
        }
    }
}

/// <summary>PostgreSQL: one binary COPY, the fastest way into a table.</summary>
internal sealed class PostgresDatasetWriter : DatasetWriter
{
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(30);
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlBinaryImporter _importer;
    private readonly NpgsqlDbType[] _types;
    private readonly Stopwatch _sinceHeartbeat = Stopwatch.StartNew();
    private bool _completed;

    private PostgresDatasetWriter(DatasetStore store, DatasetVersion version, NpgsqlConnection connection, NpgsqlBinaryImporter importer)
        : base(store, version)
    {
        _connection = connection;
        _importer = importer;
        _types = version.Columns.Select(c => DbType(c.Type)).ToArray();
    }

    public static async Task<DatasetWriter> StartAsync(DatasetStore store, NpgsqlConnection connection, DatasetVersion version, CancellationToken ct)
    {
        var dialect = SqlDialect.Postgres;
        var columns = string.Join(", ", version.Columns.Select(c => dialect.Quote(c.Name)));
        var importer = await connection.BeginBinaryImportAsync(
            $"COPY {dialect.Quote(version.TableName)} ({columns}) FROM STDIN (FORMAT BINARY)", ct);
        return new PostgresDatasetWriter(store, version, connection, importer);
    }

    public override void WriteRow(ReadOnlySpan<object?> values)
    {
        CheckWidth(values);
        _importer.StartRow();
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (value is null)
            {
                _importer.WriteNull();
            }
            else
            {
                _importer.Write(value, _types[i]);
            }
        }

        RowCount++;

        // A long load tells the others it is alive, so clean-up never takes it for a dead one.
        if ((RowCount & 0xFFFF) == 0 && _sinceHeartbeat.Elapsed > HeartbeatEvery)
        {
            Store.HeartbeatAsync(Version.Id, CancellationToken.None).GetAwaiter().GetResult();
            _sinceHeartbeat.Restart();
        }
    }

    public override async Task<long> CompleteAsync(CancellationToken ct = default)
    {
        await _importer.CompleteAsync(ct);
        _completed = true;
        await _importer.DisposeAsync();
        await Store.MarkReadyAsync(_connection, null, Version.Id, RowCount, ct);
        return RowCount;
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            // Disposing an importer that was not completed cancels the COPY: nothing is kept.
            try
            {
                await _importer.DisposeAsync();
            }
            catch (NpgsqlException)
            {
                // The connection may already be broken; the COPY is lost either way.
            }
        }

        await _connection.DisposeAsync();
    }

    private static NpgsqlDbType DbType(FieldType type) => type switch
    {
        FieldType.Character or FieldType.Memo => NpgsqlDbType.Text,
        FieldType.Numeric or FieldType.Currency => NpgsqlDbType.Numeric,
        FieldType.Date => NpgsqlDbType.Date,
        FieldType.DateTime => NpgsqlDbType.Timestamp,
        FieldType.Logical => NpgsqlDbType.Boolean,
        FieldType.General => NpgsqlDbType.Bytea,
        FieldType.Double => NpgsqlDbType.Double,
        FieldType.Integer => NpgsqlDbType.Bigint,
        FieldType.Float => NpgsqlDbType.Real,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}

/// <summary>
/// SQLite: prepared multi-row INSERTs inside one transaction. Batching rows per statement
/// cuts the per-statement cost, which dominates on narrow rows.
/// </summary>
internal sealed class SqliteDatasetWriter : DatasetWriter
{
    private const int MaxParameters = 900;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteCommand _batchCommand;
    private readonly SqliteParameter[] _batchParameters;
    private readonly SqliteCommand _singleCommand;
    private readonly SqliteParameter[] _singleParameters;
    private readonly int _rowsPerBatch;
    private int _pending;
    private bool _completed;

    private SqliteDatasetWriter(DatasetStore store, DatasetVersion version, SqliteConnection connection, SqliteTransaction transaction)
        : base(store, version)
    {
        _connection = connection;
        _transaction = transaction;
        _rowsPerBatch = Math.Max(1, MaxParameters / Width);
        (_batchCommand, _batchParameters) = Prepare(_rowsPerBatch);
        (_singleCommand, _singleParameters) = Prepare(1);
    }

    public static async Task<DatasetWriter> StartAsync(DatasetStore store, SqliteConnection connection, DatasetVersion version, CancellationToken ct)
    {
        var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        return new SqliteDatasetWriter(store, version, connection, tx);
    }

    public override void WriteRow(ReadOnlySpan<object?> values)
    {
        CheckWidth(values);
        var offset = _pending * Width;
        for (var i = 0; i < values.Length; i++)
        {
            _batchParameters[offset + i].Value = ToSqlite(values[i]);
        }

        _pending++;
        RowCount++;
        if (_pending == _rowsPerBatch)
        {
            _batchCommand.ExecuteNonQuery();
            _pending = 0;
        }
    }

    public override async Task<long> CompleteAsync(CancellationToken ct = default)
    {
        // The rows still pending sit in the batch parameters; write them one by one.
        for (var row = 0; row < _pending; row++)
        {
            for (var i = 0; i < Width; i++)
            {
                _singleParameters[i].Value = _batchParameters[(row * Width) + i].Value;
            }

            await _singleCommand.ExecuteNonQueryAsync(ct);
        }

        _pending = 0;
        await Store.MarkReadyAsync(_connection, _transaction, Version.Id, RowCount, ct);
        await _transaction.CommitAsync(ct);
        _completed = true;
        return RowCount;
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            await _transaction.RollbackAsync();
        }

        await _batchCommand.DisposeAsync();
        await _singleCommand.DisposeAsync();
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private (SqliteCommand Command, SqliteParameter[] Parameters) Prepare(int rows)
    {
        var dialect = SqlDialect.Sqlite;
        var columns = string.Join(", ", Version.Columns.Select(c => dialect.Quote(c.Name)));
        var parameters = new SqliteParameter[rows * Width];
        var tuples = new List<string>(rows);
        for (var r = 0; r < rows; r++)
        {
            var names = new string[Width];
            for (var c = 0; c < Width; c++)
            {
                var name = $"@p{(r * Width) + c}";
                names[c] = name;
                parameters[(r * Width) + c] = new SqliteParameter(name, null);
            }

            tuples.Add($"({string.Join(",", names)})");
        }

        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = $"INSERT INTO {dialect.Quote(Version.TableName)} ({columns}) VALUES {string.Join(",", tuples)}";
        command.Parameters.AddRange(parameters);
        command.Prepare();
        return (command, parameters);
    }

    // Dates are stored as ISO-8601 text so that text order is date order.
    private static object ToSqlite(object? value) => value switch
    {
        null => DBNull.Value,
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        _ => value,
    };
}
