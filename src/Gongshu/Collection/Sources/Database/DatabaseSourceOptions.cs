using Gongshu.Storage;

namespace Gongshu.Collection.Sources.Database;

/// <summary>
/// Where to pull records from: a table, or one SELECT statement, of a department's own database.
/// Use a database account that can only read; the reader also reads inside a read-only transaction.
/// </summary>
public sealed record DatabaseSourceOptions
{
    public required DatabaseKind Kind { get; init; }

    /// <summary>PostgreSQL: a connection string. SQLite: the database file's path (it is opened read-only).</summary>
    public required string Connection { get; init; }

    /// <summary>A table (or view) name, optionally schema-qualified (<c>census.people</c>), matched exactly as written.</summary>
    public string? Table { get; init; }

    /// <summary>One SELECT statement (or WITH … SELECT), instead of <see cref="Table"/>.</summary>
    public string? Query { get; init; }

    /// <summary>
    /// A column that grows with every new or changed row (an update time, a serial id): records
    /// come ordered by it, and only those after <see cref="WatermarkAfter"/> when it is set.
    /// </summary>
    public string? WatermarkColumn { get; init; }

    /// <summary>The watermark the last pull ended at (<see cref="DatabaseSourceReader.Watermark"/>); null to pull every row.</summary>
    public object? WatermarkAfter { get; init; }

    /// <summary>
    /// PostgreSQL only: how long the statement may run, which includes the time taken to stream
    /// its rows; null for the server's default.
    /// </summary>
    public TimeSpan? StatementTimeout { get; init; } = TimeSpan.FromMinutes(30);
}
