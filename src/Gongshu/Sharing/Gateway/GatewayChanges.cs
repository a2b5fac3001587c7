using System.Data.Common;
using System.Text.Json;
using Gongshu.Security.Encryption;
using Gongshu.Sharing.Query;
using Gongshu.Storage;

namespace Gongshu.Sharing.Gateway;

/// <summary>
/// The change feed's comparison of two versions of a resource by key: the rows of the newer one
/// that are new or differ in a granted field (upserts), and the keys of the older one that are gone
/// (deletes). Encrypted fields compare by their blind index; everything runs in the database, on
/// the key indexes every version has. With a row filter, each version counts only the rows it
/// lets through: a row that moves into the filter is an upsert, one that moves out a delete.
/// </summary>
internal static class GatewayChanges
{
    /// <summary>Streams NDJSON: a first line naming the version to ask from next time, then one line per change.</summary>
    public static async Task<int> WriteAsync(Database database, DatasetVersion? since, DatasetVersion current, IReadOnlyList<string> keys,
        IReadOnlyList<string> granted, Func<DatasetVersion, object?[], IReadOnlyDictionary<string, object?>> project,
        RowFilter? rowFilter, Stream output, CancellationToken ct)
    {
        // No usable older version (none given, dropped, or stored differently): everything, as a reset.
        if (since is not null && since.Id != current.Id && !SameShape(since, current))
        {
            since = null;
        }

        var reset = since is null;
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };
        async Task LineAsync(object value)
        {
            await output.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(value, options), ct);
            await output.WriteAsync("\n"u8.ToArray(), ct);
        }

        await LineAsync(new { version = current.Id, since = since?.Id, reset });
        if (since is not null && since.Id == current.Id)
        {
            return 0;
        }

        var q = database.Dialect.Quote;
        var same = database.Kind == DatabaseKind.Postgres ? "IS NOT DISTINCT FROM" : "IS";
        string Compared(string field) => current.Columns.Any(c => c.Name == field && c.Protection == ColumnProtection.Encrypted) ? DatasetColumn.BlindIndexName(field) : field;
        var keyMatch = string.Join(" AND ", keys.Select(k => $"o.{q(Compared(k))} = n.{q(Compared(k))}"));
        var valuesMatch = string.Join("", granted.Where(f => !keys.Contains(f)).Select(f => $" AND o.{q(Compared(f))} {same} n.{q(Compared(f))}"));
        var columns = string.Join(", ", current.Columns.Select(c => $"n.{q(c.Name)}"));
        var changes = 0;
        var parameters = new SqlParameters();
        string Passes(DatasetVersion version, string alias) => rowFilter is null ? "" : $" AND {rowFilter(version, alias, parameters)}";
        var upserts = reset
            ? $"SELECT {columns} FROM {q(current.TableName)} n WHERE 1 = 1{Passes(current, "n")} ORDER BY n.\"_row_id\""
            : $"SELECT {columns} FROM {q(current.TableName)} n WHERE 1 = 1{Passes(current, "n")} AND NOT EXISTS "
                + $"(SELECT 1 FROM {q(since!.TableName)} o WHERE {keyMatch}{valuesMatch}{Passes(since, "o")}) ORDER BY n.\"_row_id\"";
        await foreach (var row in ReadAsync(database, upserts, parameters, current, ct))
        {
            await LineAsync(new { op = "upsert", record = project(current, row) });
            changes++;
        }

        if (!reset)
        {
            var oldColumns = string.Join(", ", since!.Columns.Select(c => $"o.{q(c.Name)}"));
            parameters = new SqlParameters();
            var deletes = $"SELECT {oldColumns} FROM {q(since.TableName)} o WHERE 1 = 1{Passes(since, "o")} AND NOT EXISTS "
                + $"(SELECT 1 FROM {q(current.TableName)} n WHERE {keyMatch}{Passes(current, "n")}) ORDER BY o.\"_row_id\"";
            await foreach (var row in ReadAsync(database, deletes, parameters, since, ct))
            {
                var record = project(since, row);
                await LineAsync(new { op = "delete", key = keys.ToDictionary(k => k, k => record[k]) });
                changes++;
            }
        }

        return changes;
    }

    // Comparable only when both versions store the same columns the same way.
    private static bool SameShape(DatasetVersion a, DatasetVersion b)
        => a.Columns.Select(c => c with { Indexed = false }).SequenceEqual(b.Columns.Select(c => c with { Indexed = false }));

    /// <summary>The grant's row filter as a condition on a version's table under an alias, its values added to the parameters.</summary>
    public delegate string RowFilter(DatasetVersion version, string alias, SqlParameters parameters);

    private static async IAsyncEnumerable<object?[]> ReadAsync(Database database, string sql, SqlParameters parameters, DatasetVersion version,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        parameters.AddTo(command);
        await using DbDataReader reader = await command.ExecuteReaderAsync(ct);
        var types = version.Columns.Select(c => c.StorageType).ToArray();
        while (await reader.ReadAsync(ct))
        {
            yield return DatasetStore.ReadRow(reader, types, 0);
        }
    }
}
