namespace Gongshu.Storage;

/// <summary>The two storage engines Gongshu runs on.</summary>
public enum DatabaseKind
{
    /// <summary>Embedded default: one SQLite file in WAL mode.</summary>
    Sqlite,

    /// <summary>Production: PostgreSQL 15 or later through Npgsql.</summary>
    Postgres,
}
