using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Gongshu.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Gongshu.Collection.Sources.Database;

/// <summary>
/// Rows pulled from a PostgreSQL or SQLite database, streamed from the server as they are read.
/// PostgreSQL reads inside a read-only transaction with a statement timeout; SQLite opens the file
/// read-only.
/// <para>
/// Values: integers as <see cref="long"/>, numeric as <see cref="decimal"/> (as <see cref="double"/>
/// beyond its range), real and double as <see cref="double"/>, timestamps as <see cref="DateTime"/>
/// (with time zone: UTC), date as <see cref="DateOnly"/>, boolean as <see cref="bool"/>, bytea and
/// blobs as <see cref="byte"/>[], text as <see cref="string"/> (empty as null), arrays as JSON text,
/// anything else as its text. SQLite has storage classes, not types: a date stored as text is text.
/// <see cref="Position"/> is the row number, from 1.
/// </para>
/// </summary>
public sealed class DatabaseSourceReader : SourceReader
{
    private readonly DbConnection _connection;
    private readonly DbTransaction? _transaction;
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;
    private readonly DatabaseSourceOptions _options;
    private readonly string _where;
    private readonly string[] _columns;
    private readonly bool[] _dates;
    private readonly int _watermarkOrdinal;
    private readonly object?[] _values;
    private long _position;
    private bool _onRecord;
    private bool _ended;

    private DatabaseSourceReader(DbConnection connection, DbTransaction? transaction, DbCommand command, DbDataReader reader, DatabaseSourceOptions options, string where)
    {
        _connection = connection;
        _transaction = transaction;
        _command = command;
        _reader = reader;
        _options = options;
        _where = where;
        _columns = new string[reader.FieldCount];
        _dates = new bool[reader.FieldCount];
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i] = reader.GetName(i);
            _dates[i] = options.Kind == DatabaseKind.Postgres && reader.GetDataTypeName(i) == "date";
        }

        _watermarkOrdinal = options.WatermarkColumn is { } column ? Ordinal(column) : -1;
        _values = new object?[_columns.Length];
        Watermark = options.WatermarkAfter;
    }

    public override IReadOnlyList<string> Columns => _columns;

    public override long Position => _position;

    public override int FieldCount => _onRecord ? _columns.Length : 0;

    public override object? this[int ordinal] => _onRecord && ordinal >= 0 && ordinal < _values.Length ? _values[ordinal] : null;

    /// <summary>
    /// The watermark column's value on the last record read: rows come ordered by it, so this is
    /// where the next pull starts (<see cref="DatabaseSourceOptions.WatermarkAfter"/>). Before any
    /// record, the watermark the pull started from.
    /// </summary>
    public object? Watermark { get; private set; }

    /// <summary>
    /// Connects, checks the table name or query, and starts the query. A source that cannot be
    /// reached fails with <c>source_unreachable</c>, one that refuses the query with
    /// <c>source_query_failed</c>; neither message holds the password.
    /// </summary>
    public static async Task<DatabaseSourceReader> OpenAsync(DatabaseSourceOptions options, CancellationToken ct = default)
    {
        var sql = SourceQuery.Build(options);
        var (connection, where, password) = options.Kind == DatabaseKind.Postgres
            ? await ConnectPostgresAsync(options.Connection, ct)
            : await ConnectSqliteAsync(options.Connection, ct);
        DbTransaction? transaction = null;
        DbCommand? command = null;
        try
        {
            if (options.Kind == DatabaseKind.Postgres)
            {
                transaction = await connection.BeginTransactionAsync(ct);
                await using var setup = connection.CreateCommand();
                setup.Transaction = transaction;
                setup.CommandText = options.StatementTimeout is { } timeout
                    ? $"SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = {Math.Max(1, (long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}"
                    : "SET TRANSACTION READ ONLY";
                await setup.ExecuteNonQueryAsync(ct);
            }

            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.CommandTimeout = options.StatementTimeout is { } limit ? (int)Math.Ceiling(limit.TotalSeconds) : 0;
            if (options.WatermarkAfter is { } after && options.WatermarkColumn is not null)
            {
                command.Parameters.Add(WatermarkParameter(options.Kind, after));
            }

            var reader = await command.ExecuteReaderAsync(ct);
            return new DatabaseSourceReader(connection, transaction, command, reader, options, where);
        }
        catch (DbException e) when (!ct.IsCancellationRequested)
        {
            await DisposeAsync(command, transaction, connection);
            throw QueryFailed(e, where, password, options);
        }
        catch
        {
            await DisposeAsync(command, transaction, connection);
            throw;
        }
    }

    public override async ValueTask<bool> ReadAsync(CancellationToken ct = default)
    {
        _onRecord = false;
        if (_ended)
        {
            return false;
        }

        try
        {
            if (!await _reader.ReadAsync(ct))
            {
                _ended = true;
                return false;
            }

            _position++;
            for (var i = 0; i < _values.Length; i++)
            {
                _values[i] = Value(i);
            }
        }
        catch (DbException e) when (!ct.IsCancellationRequested)
        {
            _ended = true;
            throw QueryFailed(e, _where, null, _options);
        }

        if (_watermarkOrdinal >= 0 && _values[_watermarkOrdinal] is { } watermark)
        {
            Watermark = watermark;
        }

        _onRecord = true;
        return true;
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_ended && _command is NpgsqlCommand)
        {
            // Closing a reader mid-way would first drain every remaining row from the server.
            _command.Cancel();
        }

        try
        {
            await _reader.DisposeAsync();
        }
        catch (DbException)
        {
            // The cancellation just asked for.
        }

        await DisposeAsync(_command, _transaction, _connection);
    }

    private static async ValueTask DisposeAsync(DbCommand? command, DbTransaction? transaction, DbConnection connection)
    {
        if (command is not null)
        {
            await command.DisposeAsync();
        }

        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        await connection.DisposeAsync();
    }

    private static async Task<(DbConnection, string Where, string? Password)> ConnectPostgresAsync(string connectionString, CancellationToken ct)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw GongshuException.Invalid("connection", $"The connection string is not valid: {e.Message}", "bad_connection_string");
        }

        // A pull holds no idle connection to a department's server afterwards, and names itself to its administrators.
        builder.Pooling = false;
        builder.ApplicationName ??= "gongshu-collection";
        var where = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            return (connection, where, builder.Password);
        }
        catch (Exception e) when (e is DbException or SocketException or TimeoutException or ArgumentException && !ct.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            throw Unreachable(where, e, builder.Password);
        }
    }

    private static async Task<(DbConnection, string Where, string? Password)> ConnectSqliteAsync(string path, CancellationToken ct)
    {
        if (path.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            path = new SqliteConnectionStringBuilder(path).DataSource;
        }

        var where = $"SQLite {path}";
        if (!File.Exists(path))
        {
            throw new GongshuException(ErrorKind.BadRequest, "source_unreachable", $"Cannot open {where}: there is no such file.", "connection");
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(ct);
            return (connection, where, null);
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync();
            throw Unreachable(where, e, null);
        }
    }

    private static DbParameter WatermarkParameter(DatabaseKind kind, object value)
    {
        if (kind == DatabaseKind.Postgres)
        {
            // Text is sent untyped, so the server reads it as the column's type (a timestamp, a date, a number).
            return value is string text
                ? new NpgsqlParameter { Value = text, NpgsqlDbType = NpgsqlDbType.Unknown }
                : new NpgsqlParameter { Value = value };
        }

        return new SqliteParameter("@watermark", value is decimal d ? (double)d : value);
    }

    private int Ordinal(string column)
    {
        var ordinal = Array.IndexOf(_columns, column);
        return ordinal >= 0 ? ordinal : Array.FindIndex(_columns, c => string.Equals(c, column, StringComparison.OrdinalIgnoreCase));
    }

    private object? Value(int i)
    {
        if (_reader.IsDBNull(i))
        {
            return null;
        }

        if (_dates[i])
        {
            return _reader.GetFieldValue<DateOnly>(i);
        }

        object value;
        try
        {
            value = _reader.GetValue(i);
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException && _reader.GetDataTypeName(i) == "numeric")
        {
            // Beyond decimal's 28 digits (an Oracle NUMBER(38) moved over), or NaN: the exact text.
            using var raw = _reader.GetStream(i);
            var bytes = new byte[raw.Length];
            raw.ReadExactly(bytes);
            return PostgresNumeric.ToText(bytes);
        }

        return value switch
        {
            string s => s.Length == 0 ? null : s,
            long or decimal or double or bool or DateTime or DateOnly or byte[] => value,
            int or short or byte or sbyte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            float f => double.Parse(f.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            DateTimeOffset offset => offset.UtcDateTime,
            TimeOnly time => time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            IEnumerable => JsonSerializer.Serialize(value),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    private static GongshuException Unreachable(string where, Exception e, string? password)
        => new(ErrorKind.BadRequest, "source_unreachable", Scrub($"Cannot connect to {where}: {Describe(e)}", password), "connection");

    private static GongshuException QueryFailed(DbException e, string where, string? password, DatabaseSourceOptions options)
    {
        var message = e is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }
            ? $"the query ran longer than its statement timeout ({options.StatementTimeout})."
            : Describe(e);
        return new GongshuException(ErrorKind.BadRequest, "source_query_failed",
            Scrub($"{where} refused the query: {message}", password), options.Table is null ? "query" : "table");
    }

    /// <summary>The message of an exception and of the inner ones that say more (a socket error under a connection failure).</summary>
    private static string Describe(Exception e)
    {
        var message = e is PostgresException pg ? $"{pg.MessageText} ({pg.SqlState})" : e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!message.Contains(inner.Message, StringComparison.Ordinal))
            {
                message += $" — {inner.Message}";
            }
        }

        return message;
    }

    private static string Scrub(string message, string? password)
        => string.IsNullOrEmpty(password) ? message : message.Replace(password, "***", StringComparison.Ordinal);
}
