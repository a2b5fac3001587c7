namespace Gongshu.Collection.Sources;

/// <summary>
/// A tabular source read one record at a time: a CSV, Excel or JSON file, a database query or a
/// paged HTTP API. Readers stream: they hold one record (and a read buffer), never the whole source.
/// <para>
/// A value is a <see cref="string"/> (text sources: CSV, Excel text cells), a typed value
/// (<see cref="long"/>, <see cref="decimal"/>, <see cref="double"/>, <see cref="bool"/>,
/// <see cref="DateTime"/>, <see cref="DateOnly"/>, <see cref="byte"/>[]) where the source knows the
/// type, or null for an empty or missing value. The load converts each to its field's type.
/// </para>
/// A record that cannot be read at all (an unbalanced quote, a truncated file, bytes that are not
/// in the file's encoding) throws <see cref="SourceFormatException"/> naming the line.
/// </summary>
public abstract class SourceReader : IAsyncDisposable
{
    /// <summary>The source's column names in order (a CSV's header row, a query's columns).</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>Where the current record starts, for error messages and rejects: a 1-based line (files; the header is line 1) or row number.</summary>
    public abstract long Position { get; }

    /// <summary>The number of values in the current record (a short CSV row has fewer than <see cref="Columns"/>).</summary>
    public abstract int FieldCount { get; }

    /// <summary>The current record's value at <paramref name="ordinal"/>; null when empty or beyond <see cref="FieldCount"/>.</summary>
    public abstract object? this[int ordinal] { get; }

    /// <summary>Moves to the next record; false at the end. Readers of local files complete synchronously.</summary>
    public abstract ValueTask<bool> ReadAsync(CancellationToken ct = default);

    /// <summary>The current record as the source wrote it, for the rejects file (a CSV line; null where there is no such text).</summary>
    public virtual string? RawRecord => null;

    /// <summary>
    /// True where a record with fewer values than <see cref="Columns"/> is a damaged one (a CSV
    /// line cut short) rather than one whose trailing values are merely empty (a spreadsheet row).
    /// </summary>
    public virtual bool ShortRecordsAreDamaged => false;

    public abstract ValueTask DisposeAsync();
}

/// <summary>A source that cannot be read at <see cref="Line"/>: nothing after it is trustworthy, so the load stops.</summary>
public sealed class SourceFormatException(string code, string message, long line)
    : GongshuException(ErrorKind.BadRequest, code, line > 0 ? $"Line {line}: {message}" : message, "file")
{
    public long Line { get; } = line;
}
