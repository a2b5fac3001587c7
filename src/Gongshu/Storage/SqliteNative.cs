using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gongshu.Storage;

/// <summary>
/// The few calls of SQLite's own API that the hot paths (dataset loads, the audit writer) share:
/// running a prepared statement to completion and turning a failure code into an exception.
/// </summary>
internal static class SqliteNative
{
    /// <summary>Runs a statement that returns no rows and resets it for the next use.</summary>
    public static void Step(sqlite3 db, sqlite3_stmt statement)
    {
        var result = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (result != raw.SQLITE_DONE)
        {
            Check(db, result);
        }
    }

    public static void Check(sqlite3 db, int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), result, raw.sqlite3_extended_errcode(db));
        }
    }
}
