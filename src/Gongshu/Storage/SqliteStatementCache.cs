using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gongshu.Storage;

/// <summary>
/// Prepared statements kept with the native SQLite connection they were prepared on, so that a
/// statement run on every request is parsed and planned once per pooled connection rather than
/// each time. Microsoft.Data.Sqlite prepares a command afresh for every new command object, and a
/// pooled connection comes back as a new object: for a lookup by key that was about a tenth of
/// the request (docs/BENCHMARKS.md). A native connection is used by one caller at a time, so its
/// statements are too; a statement is reset as soon as its caller is done with it, which leaves
/// no lock behind (a table can still be dropped).
/// </summary>
internal static class SqliteStatementCache
{
    // Enough for the reads of many dataset versions; past it the cache starts over.
    private const int MaxStatements = 64;

    private static readonly ConditionalWeakTable<sqlite3, Dictionary<string, sqlite3_stmt>> Caches = new();

    /// <summary>
    /// The statement for <paramref name="sql"/> on <paramref name="connection"/>'s native handle,
    /// ready to bind; give it back with <see cref="Release"/> when done.
    /// </summary>
    public static sqlite3_stmt Prepare(SqliteConnection connection, string sql)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var statements = Caches.GetValue(db, _ => new Dictionary<string, sqlite3_stmt>(StringComparer.Ordinal));
        if (statements.TryGetValue(sql, out var statement))
        {
            return statement;
        }

        if (statements.Count >= MaxStatements)
        {
            foreach (var old in statements.Values)
            {
                raw.sqlite3_finalize(old);
            }

            statements.Clear();
        }

        SqliteNative.Check(db, raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out statement, out _));
        statements[sql] = statement;
        return statement;
    }

    /// <summary>Ends the statement's run and drops its values, so it holds nothing until its next use.</summary>
    public static void Release(sqlite3_stmt statement)
    {
        raw.sqlite3_reset(statement);
        raw.sqlite3_clear_bindings(statement);
    }
}
