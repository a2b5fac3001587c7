namespace Gongshu.Collection.Sources.Json;

/// <summary>How the records of a JSON source are laid out.</summary>
public enum JsonLayout
{
    /// <summary>Told by the first character: <c>[</c> is an array, <c>{</c> is one object after another.</summary>
    Detect,

    /// <summary>One array of objects: <c>[{...},{...}]</c>.</summary>
    Array,

    /// <summary>Objects one after another, one a line (NDJSON, JSON Lines); an object may also span lines.</summary>
    Lines,
}

public sealed record JsonSourceOptions
{
    public JsonLayout Layout { get; init; } = JsonLayout.Detect;

    /// <summary>
    /// The property path, dotted, of the records array inside one response object, such as
    /// <c>data.items</c> for <c>{"code":0,"data":{"items":[...]}}</c>; null when the records are the document.
    /// </summary>
    public string? RecordsPath { get; init; }

    /// <summary>
    /// The columns to read; null for the keys of the first record, in order. Keys that are not
    /// columns are passed over and listed in <see cref="JsonSourceReader.IgnoredKeys"/>.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Bytes read from the stream at a time; the buffer grows for a record larger than this.</summary>
    public int BufferSize { get; init; } = 64 * 1024;

    /// <summary>The largest single record accepted, so that a file that never closes its object cannot exhaust memory.</summary>
    public int MaxRecordBytes { get; init; } = 64 * 1024 * 1024;
}
