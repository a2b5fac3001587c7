using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

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
        _types = version.Columns.Select(c => DbType(c.StorageType)).ToArray();
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
        await Store.MarkReadyAsync(_connection, null, Version, RowCount, ct);
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
/// SQLite: prepared multi-row INSERTs inside one transaction, bound through SQLite's own API.
/// Batching rows per statement and binding UTF-8 from a reused buffer remove the per-row and
/// per-value costs that dominate a load through the ADO.NET layer.
/// </summary>
internal sealed class SqliteDatasetWriter : DatasetWriter
{
    private const int MaxParameters = 999;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly sqlite3_stmt _batch;
    private readonly sqlite3_stmt _single;
    private readonly int _rowsPerBatch;
    private readonly object?[] _pendingRows;
    private byte[] _utf8 = new byte[1024];
    private int _pending;
    private bool _completed;

    private SqliteDatasetWriter(DatasetStore store, DatasetVersion version, SqliteConnection connection, SqliteTransaction transaction)
        : base(store, version)
    {
        _connection = connection;
        _transaction = transaction;
        _rowsPerBatch = Math.Max(1, MaxParameters / Width);
        _pendingRows = new object?[_rowsPerBatch * Width];
        _batch = Prepare(_rowsPerBatch);
        _single = Prepare(1);
    }

    public static async Task<DatasetWriter> StartAsync(DatasetStore store, SqliteConnection connection, DatasetVersion version, CancellationToken ct)
    {
        await using (var pragma = connection.CreateCommand())
        {
            // A bigger page cache keeps the growing table's pages in memory during the load.
            pragma.CommandText = "PRAGMA cache_size = -131072";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        return new SqliteDatasetWriter(store, version, connection, tx);
    }

    public override void WriteRow(ReadOnlySpan<object?> values)
    {
        CheckWidth(values);
        var offset = _pending * Width;
        for (var i = 0; i < values.Length; i++)
        {
            Bind(_batch, offset + i + 1, values[i]);
        }

        _pending++;
        RowCount++;
        if (_pending == _rowsPerBatch)
        {
            Step(_batch);
            _pending = 0;
        }
        else
        {
            // Kept so that a partial last batch can be written row by row at the end.
            values.CopyTo(_pendingRows.AsSpan(offset, Width));
        }
    }

    public override async Task<long> CompleteAsync(CancellationToken ct = default)
    {
        for (var row = 0; row < _pending; row++)
        {
            for (var i = 0; i < Width; i++)
            {
                Bind(_single, i + 1, _pendingRows[(row * Width) + i]);
            }

            Step(_single);
        }

        _pending = 0;
        await Store.MarkReadyAsync(_connection, _transaction, Version, RowCount, ct);
        await _transaction.CommitAsync(ct);
        _completed = true;
        return RowCount;
    }

    public override async ValueTask DisposeAsync()
    {
        raw.sqlite3_finalize(_batch);
        raw.sqlite3_finalize(_single);
        if (!_completed)
        {
            await _transaction.RollbackAsync();
        }

        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private sqlite3_stmt Prepare(int rows)
    {
        var dialect = SqlDialect.Sqlite;
        var columns = string.Join(", ", Version.Columns.Select(c => dialect.Quote(c.Name)));
        var tuple = "(" + string.Join(",", Enumerable.Repeat("?", Width)) + ")";
        var sql = $"INSERT INTO {dialect.Quote(Version.TableName)} ({columns}) VALUES {string.Join(",", Enumerable.Repeat(tuple, rows))}";
        Check(raw.sqlite3_prepare_v2(_connection.Handle, sql, out var statement));
        return statement;
    }

    private void Step(sqlite3_stmt statement) => SqliteNative.Step(_connection.Handle!, statement);

    private void Check(int result) => SqliteNative.Check(_connection.Handle!, result);

    // Dates are ISO-8601 text so that text order is date order; money stays exact as text
    // when a double could not hold it.
    private void Bind(sqlite3_stmt statement, int index, object? value)
    {
        var result = value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            string s => BindText(statement, index, s),
            long l => raw.sqlite3_bind_int64(statement, index, l),
            int i => raw.sqlite3_bind_int64(statement, index, i),
            bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
            double d => raw.sqlite3_bind_double(statement, index, d),
            float f => raw.sqlite3_bind_double(statement, index, f),
            decimal m => BindDecimal(statement, index, m),
            DateOnly d => BindFormatted(statement, index, d, "yyyy-MM-dd"),
            DateTime t => BindFormatted(statement, index, t, "yyyy-MM-dd HH:mm:ss.FFFFFFF"),
            byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
            _ => throw new ArgumentException($"A value of type {value.GetType().Name} cannot be stored in a dataset column."),
        };
        Check(result);
    }

    private int BindText(sqlite3_stmt statement, int index, string text)
    {
        var needed = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        if (needed > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(needed, _utf8.Length * 2)];
        }

        var length = System.Text.Encoding.UTF8.GetBytes(text, _utf8);
        return raw.sqlite3_bind_text(statement, index, _utf8.AsSpan(0, length));
    }

    private int BindDecimal(sqlite3_stmt statement, int index, decimal value)
    {
        if (value.Scale == 0 && value is >= long.MinValue and <= long.MaxValue)
        {
            return raw.sqlite3_bind_int64(statement, index, (long)value);
        }

        // Up to 15 significant digits a double round-trips exactly, as SQLite's NUMERIC affinity would store it.
        if (Math.Abs(value) < 1e13m && value.Scale <= 2)
        {
            return raw.sqlite3_bind_double(statement, index, (double)value);
        }

        return BindFormatted(statement, index, value, null);
    }

    private int BindFormatted<T>(sqlite3_stmt statement, int index, T value, string? format)
        where T : IUtf8SpanFormattable
    {
        if (!value.TryFormat(_utf8, out var written, format, System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new ArgumentException($"The value {value} is too long to store.");
        }

        return raw.sqlite3_bind_text(statement, index, _utf8.AsSpan(0, written));
    }
}
