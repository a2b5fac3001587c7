using Gongshu.Collection.Sources;

namespace Gongshu.Collection.Loads;

/// <summary>What a load does with the data already there.</summary>
public enum LoadMode
{
    /// <summary>The source replaces the data: a new version, switched in when complete (全量).</summary>
    Full,

    /// <summary>The source's rows are added to the current data (增量追加).</summary>
    Append,

    /// <summary>The source's rows replace the current rows with the same key and add the others (增量更新).</summary>
    Upsert,
}

/// <summary>How to load.</summary>
public sealed record LoadOptions
{
    public LoadMode Mode { get; init; } = LoadMode.Full;

    /// <summary>Load nothing if any row is rejected (the default loads the good rows and keeps the bad ones as rejects).</summary>
    public bool AllOrNothing { get; init; }

    /// <summary>Source column → field overrides of the suggested mapping; an empty field ignores the column.</summary>
    public IReadOnlyDictionary<string, string>? Mapping { get; init; }
}

/// <summary>Where a load's rows come from, as the history shows it (never a secret).</summary>
public sealed record LoadSource(string Kind, string Name, string? Format = null, string? Encoding = null, long? SourceId = null)
{
    public static LoadSource File(string fileName, string? format, string? encoding) => new("file", fileName, format, encoding);
}

/// <summary>
/// What a load reads: the rows, what the history calls their source, and for a file its size,
/// the bytes read so far (progress) and its SM3 fingerprint once read to the end.
/// </summary>
public sealed record LoadInput(SourceReader Reader, LoadSource Source, long? TotalBytes = null, Func<long>? BytesRead = null, Func<string?>? Fingerprint = null);

/// <summary>How far a running load is.</summary>
public sealed record LoadProgress(long RowsRead, long RowsLoaded, long RowsRejected, long BytesRead, long? TotalBytes, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? RowsRead / Elapsed.TotalSeconds : 0;

    /// <summary>The time left, from the bytes still to read at the rate so far; null when the size is unknown.</summary>
    public TimeSpan? Remaining => TotalBytes is > 0 && BytesRead > 0 && Elapsed > TimeSpan.Zero
        ? TimeSpan.FromSeconds(Elapsed.TotalSeconds * Math.Max(0, TotalBytes.Value - BytesRead) / BytesRead)
        : null;
}

/// <summary>One load as the history shows it (归集记录).</summary>
public sealed record CollectionLoad(
    long Id,
    long ResourceId,
    string ResourceCode,
    LoadMode Mode,
    string SourceKind,
    string SourceName,
    string? SourceFormat,
    string? Encoding,
    string? Fingerprint,
    long BytesRead,
    string State,
    long RowsRead,
    long RowsLoaded,
    long RowsRejected,
    long RejectsKept,
    long? DatasetVersionId,
    string? ErrorCode,
    string? ErrorMessage,
    long ActorUserId,
    long OrganizationId,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs)
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>A row the load refused, with where it was and why.</summary>
public sealed record LoadReject(long Line, string? Field, string Reason, string? Record);
