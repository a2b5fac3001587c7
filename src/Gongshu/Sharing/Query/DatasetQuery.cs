using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Gongshu.Security.Encryption;
using Gongshu.Storage;

namespace Gongshu.Sharing.Query;

/// <summary>A query as the gateway receives it: every part as the text the client sent, or null.</summary>
public sealed record QueryRequest(string? Filter = null, string? Sort = null, string? Fields = null, string? Limit = null, string? Cursor = null);

/// <summary>
/// What the caller's grant allows: the fields it may see, filter and sort on (null: all), and a row
/// filter in the same language that every query is ANDed with (e.g. only the consumer's county).
/// </summary>
public sealed record QueryAccess(IReadOnlyCollection<string>? GrantedFields = null, string? RowFilter = null)
{
    public const string RowFilterParameter = "row_filter";

    public static readonly QueryAccess Everything = new();
}

/// <summary>
/// The SQL of a plan and how to read its rows: the stored-column indexes read after the row id,
/// the field ordinals (among the revealed fields) returned and sorted by, and the filter
/// fingerprint a cursor must carry.
/// </summary>
internal sealed record QueryStatement(string Sql, SqlParameters Parameters, int[] Selected, int[] Projection, int[] SortOrdinals, string FilterFingerprint);

/// <summary>A checked query for one dataset version, ready to run; see <see cref="DatasetQuery.Plan"/>.</summary>
public sealed class QueryPlan
{
    internal QueryPlan(DatasetVersion version, IReadOnlyList<DatasetColumn> fields, IReadOnlyList<SortKey> sort, int limit, QueryStatement statement)
    {
        (Version, Fields, Sort, Limit, Statement) = (version, fields, sort, limit, statement);
    }

    public DatasetVersion Version { get; }

    /// <summary>The columns of each returned row, in the order asked for.</summary>
    public IReadOnlyList<DatasetColumn> Fields { get; }

    public IReadOnlyList<SortKey> Sort { get; }

    public int Limit { get; }

    internal QueryStatement Statement { get; }
}

/// <summary>
/// The gateway's query over one dataset version: field projection, a filter (the caller's ANDed
/// with the grant's row filter), a sort with the row id as final tie-break, and keyset paging by an
/// authenticated cursor. Every user value reaches SQL as a parameter. Encrypted fields are matched
/// through their blind index and decrypted only for rows returned. Rows stream from the database.
/// </summary>
public sealed class DatasetQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The purpose to derive the cursor key with (<c>KeyStore.DeriveKey</c>).</summary>
    public const string CursorKeyPurpose = "gongshu/gateway/cursor";

    private readonly Database _database;
    private readonly FieldEncryption _encryption;
    private readonly byte[] _cursorKey;

    public DatasetQuery(Database database, FieldEncryption encryption, byte[] cursorKey)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(encryption);
        ArgumentNullException.ThrowIfNull(cursorKey);
        if (cursorKey.Length < 16)
        {
            throw new ArgumentException("The cursor key must have at least 16 bytes.", nameof(cursorKey));
        }

        _database = database;
        _encryption = encryption;
        _cursorKey = cursorKey;
    }

    /// <summary>
    /// Checks every part of <paramref name="request"/> against <paramref name="version"/> and the
    /// caller's <paramref name="access"/> and builds the SQL, without touching the database. A
    /// malformed part is a 400 naming its parameter (a filter's with the position), a field outside
    /// the grant a 403 naming the field.
    /// </summary>
    public QueryPlan Plan(DatasetVersion version, QueryRequest request, QueryAccess? access = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(request);
        access ??= QueryAccess.Everything;
        var fields = new QueryFields(ProtectedColumns.Fields(version.Columns), access.GrantedFields);
        var limit = ParseLimit(request.Limit);
        var projection = ParseProjection(request.Fields, fields);

        var callerFilter = FilterParser.Parse(request.Filter);
        var rowFilter = FilterParser.Parse(access.RowFilter, QueryAccess.RowFilterParameter);
        var bound = new List<BoundFilter>();
        if (rowFilter is not null)
        {
            bound.Add(FilterBinder.Bind(rowFilter, fields.Unrestricted(), QueryAccess.RowFilterParameter));
        }

        if (callerFilter is not null)
        {
            bound.Add(FilterBinder.Bind(callerFilter, fields));
        }

        var sort = QuerySort.Parse(request.Sort, fields);
        var parameters = new SqlParameters();
        var sql = new FilterSql(version, _database.Dialect, _encryption, parameters);
        foreach (var key in sort)
        {
            if (sql.Stored(key.Field).Protection == ColumnProtection.Encrypted)
            {
                throw GongshuException.Invalid("sort", $"'{key.Field.Name}' is stored encrypted and cannot be sorted.", "sort_on_encrypted_field");
            }
        }

        var fingerprint = QueryCursor.Fingerprint($"{rowFilter}\n{callerFilter}");
        var where = bound.Select(sql.Compile).ToList();
        if (!string.IsNullOrWhiteSpace(request.Cursor))
        {
            var cursor = QueryCursor.Decode(request.Cursor.Trim(), _cursorKey);
            if (cursor.VersionId != version.Id)
            {
                throw GongshuException.Invalid("cursor",
                    "The data was reloaded since this cursor was issued; start again without a cursor.", "cursor_stale");
            }

            if (cursor.Sort != QuerySort.Text(sort) || cursor.Filter != fingerprint)
            {
                throw QueryCursor.Invalid("The cursor belongs to a query with another sort or filter; repeat that query's sort and filter, or start again without a cursor.");
            }

            where.Add(After(sql, sort, cursor.TypedValues(sort), cursor.RowId, parameters));
        }

        var sortOrdinals = sort.Select(k => fields.Resolve(k.Field.Name, "sort")).ToArray();
        var wanted = projection.Concat(sortOrdinals).Distinct().Select(i => fields.Fields[i].Name).ToHashSet(StringComparer.Ordinal);
        var selected = version.Columns.Select((c, i) => (c, i))
            .Where(x => x.c.Protection != ColumnProtection.BlindIndex && wanted.Contains(x.c.Name)).Select(x => x.i).ToArray();

        var q = _database.Dialect.Quote;
        var text = new StringBuilder("SELECT \"_row_id\"");
        foreach (var index in selected)
        {
            text.Append(", ").Append(q(version.Columns[index].Name));
        }

        text.Append(" FROM ").Append(q(version.TableName));
        if (where.Count > 0)
        {
            text.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        text.Append(" ORDER BY ");
        foreach (var key in sort)
        {
            text.Append(sql.Ordered(sql.Stored(key.Field))).Append(key.Descending ? " DESC NULLS LAST, " : " ASC NULLS FIRST, ");
        }

        text.Append("\"_row_id\" LIMIT ").Append((limit + 1).ToString(CultureInfo.InvariantCulture));
        return new QueryPlan(version, projection.Select(i => fields.Fields[i]).ToList(), sort, limit,
            new QueryStatement(text.ToString(), parameters, selected, projection, sortOrdinals, fingerprint));
    }

    /// <summary>
    /// A grant's row filter as a condition on <paramref name="version"/>'s table named
    /// <paramref name="alias"/>, its values added to <paramref name="parameters"/>: for statements
    /// a plan does not build, such as the change feed's comparison of two versions.
    /// </summary>
    internal string RowFilterSql(DatasetVersion version, string rowFilter, string alias, SqlParameters parameters)
    {
        var parsed = FilterParser.Parse(rowFilter, QueryAccess.RowFilterParameter)
            ?? throw new ArgumentException("The row filter is empty.", nameof(rowFilter));
        var bound = FilterBinder.Bind(parsed, new QueryFields(ProtectedColumns.Fields(version.Columns), null), QueryAccess.RowFilterParameter);
        return new FilterSql(version, _database.Dialect, _encryption, parameters, alias).Compile(bound);
    }

    /// <summary>Runs a plan; the page streams its rows and then knows the next page's cursor.</summary>
    public async Task<QueryPage> OpenAsync(QueryPlan plan, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var connection = await _database.OpenConnectionAsync(ct);
        try
        {
            var command = connection.CreateCommand();
            command.CommandText = plan.Statement.Sql;
            plan.Statement.Parameters.AddTo(command);
            var reader = await command.ExecuteReaderAsync(ct);
            return new QueryPage(plan, connection, command, reader, new RowRevealer(_encryption, plan.Version), _cursorKey);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary><see cref="Plan"/> and <see cref="OpenAsync(QueryPlan, CancellationToken)"/> in one.</summary>
    public async Task<QueryPage> OpenAsync(DatasetVersion version, QueryRequest request, QueryAccess? access = null, CancellationToken ct = default)
        => await OpenAsync(Plan(version, request, access), ct);

    public static int ParseLimit(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultLimit;
        }

        return text.Trim() is { Length: <= 4 } digits && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            && limit is >= 1 and <= MaxLimit
            ? limit
            : throw GongshuException.Invalid("limit", $"The limit is a whole number from 1 to {MaxLimit}.", "invalid_limit");
    }

    private static int[] ParseProjection(string? text, QueryFields fields)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fields.Granted.Select(c => fields.Resolve(c.Name, "fields")).ToArray();
        }

        var ordinals = new List<int>();
        foreach (var part in text.Split(','))
        {
            var name = part.Trim();
            if (name.Length == 0)
            {
                throw GongshuException.Invalid("fields", "A field name in the list is empty.", "invalid_fields");
            }

            var ordinal = fields.Resolve(name, "fields");
            if (ordinals.Contains(ordinal))
            {
                throw GongshuException.Invalid("fields", $"'{name}' appears twice in the field list.", "invalid_fields");
            }

            ordinals.Add(ordinal);
        }

        return [.. ordinals];
    }

    // Rows after the cursor's row in (sort…, row id) order: after on the first key, or equal on it
    // and after on the next, and so on. Nulls sort first ascending and last descending, as ORDER BY says.
    private static string After(FilterSql sql, IReadOnlyList<SortKey> sort, object?[] values, long rowId, SqlParameters parameters)
    {
        var alternatives = new List<string>();
        var equal = new List<string>();
        for (var i = 0; i < sort.Count; i++)
        {
            var stored = sql.Stored(sort[i].Field);
            var column = sql.Ordered(stored);
            var quoted = sql.Column(stored);
            var value = values[i];
            var after = (value, sort[i].Descending) switch
            {
                (null, false) => $"{quoted} IS NOT NULL",
                (null, true) => null,
                (_, false) => $"{column} > {parameters.Add(sql.Parameter(value))}",
                (_, true) => $"({column} < {parameters.Add(sql.Parameter(value))} OR {quoted} IS NULL)",
            };
            if (after is not null)
            {
                alternatives.Add(equal.Count == 0 ? after : $"({string.Join(" AND ", equal)} AND {after})");
            }

            equal.Add(value is null ? $"{quoted} IS NULL" : $"{quoted} = {parameters.Add(sql.Parameter(value))}");
        }

        var last = $"\"_row_id\" > {parameters.Add(rowId)}";
        alternatives.Add(equal.Count == 0 ? last : $"({string.Join(" AND ", equal)} AND {last})");
        var keyset = alternatives.Count == 1 ? alternatives[0] : $"({string.Join(" OR ", alternatives)})";

        // Implied by the alternatives; stated so an index on the first key can narrow the scan.
        return sort.Count > 0 && values[0] is { } first && !sort[0].Descending
            ? $"{sql.Ordered(sql.Stored(sort[0].Field))} >= {parameters.Add(sql.Parameter(first))} AND {keyset}"
            : keyset;
    }
}

/// <summary>
/// One page of a query's result: <see cref="ReadAsync"/> streams its rows (revealed, only the
/// projected fields); once they are read, <see cref="NextCursor"/> is the cursor of the next page,
/// or null when this was the last. Dispose it to release the connection.
/// </summary>
public sealed class QueryPage : IAsyncDisposable
{
    private readonly QueryPlan _plan;
    private readonly DbConnection _connection;
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;
    private readonly RowRevealer _revealer;
    private readonly byte[] _cursorKey;
    private bool _read;

    internal QueryPage(QueryPlan plan, DbConnection connection, DbCommand command, DbDataReader reader, RowRevealer revealer, byte[] cursorKey)
    {
        (_plan, _connection, _command, _reader, _revealer, _cursorKey) = (plan, connection, command, reader, revealer, cursorKey);
    }

    public IReadOnlyList<DatasetColumn> Fields => _plan.Fields;

    /// <summary>Null until the rows have been read; then the next page's cursor, or null at the end.</summary>
    public string? NextCursor { get; private set; }

    /// <summary>The page's rows (row id and the projected values); can be read once.</summary>
    public async IAsyncEnumerable<DatasetRow> ReadAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        if (_read)
        {
            throw new InvalidOperationException("A query page can be read once.");
        }

        _read = true;
        var columns = _plan.Version.Columns;
        var statement = _plan.Statement;
        var stored = new object?[columns.Count];
        var count = 0;
        while (await _reader.ReadAsync(ct))
        {
            if (++count > _plan.Limit)
            {
                break;
            }

            var rowId = _reader.GetInt64(0);
            for (var i = 0; i < statement.Selected.Length; i++)
            {
                var index = statement.Selected[i];
                stored[index] = _reader.IsDBNull(i + 1) ? null : DatasetStore.ReadValue(_reader, i + 1, columns[index].StorageType);
            }

            var revealed = _revealer.Reveal(stored);
            var values = new object?[statement.Projection.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = revealed[statement.Projection[i]];
            }

            yield return new DatasetRow(rowId, values);
            if (count == _plan.Limit)
            {
                NextCursor = new QueryCursor(_plan.Version.Id, QuerySort.Text(_plan.Sort), statement.FilterFingerprint,
                    statement.SortOrdinals.Select(o => QueryCursor.Text(revealed[o])).ToList(), rowId).Encode(_cursorKey);
            }
        }

        // The cursor set at the limit-th row stands only if a row followed it.
        if (count <= _plan.Limit)
        {
            NextCursor = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _command.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
