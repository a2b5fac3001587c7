using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gongshu.Storage;

/// <summary>
/// <see cref="DatasetStore.ReadAsync"/> on SQLite: the SELECT runs as a statement kept with the
/// native connection (<see cref="SqliteStatementCache"/>), and each row's values are read through
/// SQLite's own API the way Microsoft.Data.Sqlite's reader reads them (<see cref="DatasetStore.ReadValue"/>),
/// so both ways give the same values of the same types.
/// </summary>
internal static class SqliteDatasetReads
{
    /// <summary>The rows of <paramref name="sql"/>; the statement is reset however the caller stops.</summary>
    public static IEnumerable<DatasetRow> Read(SqliteConnection connection, string sql, DbParameterCollection parameters, FieldType[] types, CancellationToken ct)
    {
        var statement = SqliteStatementCache.Prepare(connection, sql);
        try
        {
            BindAll(connection, statement, parameters);
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var step = raw.sqlite3_step(statement);
                if (step == raw.SQLITE_DONE)
                {
                    yield break;
                }

                if (step != raw.SQLITE_ROW)
                {
                    SqliteNative.Check(connection.Handle!, step);
                }

                yield return new DatasetRow(raw.sqlite3_column_int64(statement, 0), ReadRow(statement, types, 1));
            }
        }
        finally
        {
            SqliteStatementCache.Release(statement);
        }
    }

    // The command's parameters, bound by name as Microsoft.Data.Sqlite would bind them.
    private static void BindAll(SqliteConnection connection, sqlite3_stmt statement, DbParameterCollection parameters)
    {
        foreach (DbParameter parameter in parameters)
        {
            var index = raw.sqlite3_bind_parameter_index(statement, "@" + parameter.ParameterName);
            if (index == 0)
            {
                continue;
            }

            var result = parameter.Value switch
            {
                null or DBNull => raw.sqlite3_bind_null(statement, index),
                string text => raw.sqlite3_bind_text(statement, index, text),
                byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
                long number => raw.sqlite3_bind_int64(statement, index, number),
                var other => throw new ArgumentException($"A {other.GetType().Name} is not bound here."),
            };
            SqliteNative.Check(connection.Handle!, result);
        }
    }

    // A row's stored values read as Microsoft.Data.Sqlite's reader reads them (DatasetStore.ReadValue).
    private static object?[] ReadRow(sqlite3_stmt statement, FieldType[] types, int first)
    {
        var values = new object?[types.Length];
        for (var i = 0; i < types.Length; i++)
        {
            var ordinal = first + i;
            values[i] = raw.sqlite3_column_type(statement, ordinal) == raw.SQLITE_NULL ? null : types[i] switch
            {
                FieldType.Character or FieldType.Memo => Text(statement, ordinal),
                FieldType.Numeric or FieldType.Currency => decimal.Parse(Text(statement, ordinal), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture),
                FieldType.Date => ReadDate(statement, ordinal),
                FieldType.DateTime => ReadDateTime(statement, ordinal),
                FieldType.Logical => raw.sqlite3_column_int64(statement, ordinal) != 0,
                FieldType.General => raw.sqlite3_column_blob(statement, ordinal).ToArray(),
                FieldType.Double => raw.sqlite3_column_double(statement, ordinal),
                FieldType.Integer => raw.sqlite3_column_int64(statement, ordinal),
                FieldType.Float => (float)raw.sqlite3_column_double(statement, ordinal),
                _ => throw new ArgumentOutOfRangeException(nameof(types)),
            };
        }

        return values;
    }

    private static string Text(sqlite3_stmt statement, int ordinal) => raw.sqlite3_column_text(statement, ordinal).utf8_to_string();

    // Loads store dates as ISO-8601 text; a number (written by something else) is read as a Julian
    // day, as Microsoft.Data.Sqlite reads it.
    private static object ReadDate(sqlite3_stmt statement, int ordinal)
        => raw.sqlite3_column_type(statement, ordinal) is raw.SQLITE_INTEGER or raw.SQLITE_FLOAT
            ? DateOnly.FromDateTime(FromJulianDay(raw.sqlite3_column_double(statement, ordinal)))
            : DateOnly.Parse(Text(statement, ordinal), CultureInfo.InvariantCulture);

    private static object ReadDateTime(sqlite3_stmt statement, int ordinal)
        => raw.sqlite3_column_type(statement, ordinal) is raw.SQLITE_INTEGER or raw.SQLITE_FLOAT
            ? FromJulianDay(raw.sqlite3_column_double(statement, ordinal))
            : DateTime.Parse(Text(statement, ordinal), CultureInfo.InvariantCulture);

    private static DateTime FromJulianDay(double day) => new DateTime(1, 1, 1).AddDays(day - 1721425.5);
}
