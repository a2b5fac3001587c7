namespace Gongshu.Collection.Sources.Csv;

/// <summary>How to read a CSV file; every choice left null is detected from the file.</summary>
public sealed record CsvOptions
{
    /// <summary>The default size of the read buffer in chars.</summary>
    public const int DefaultBufferSize = 64 * 1024;

    /// <summary>
    /// The text encoding (<c>utf-8</c>, <c>gb18030</c>, <c>gbk</c>, <c>gb2312</c>, <c>utf-16</c>,
    /// <c>utf-16be</c>); null detects it (see <see cref="TextEncodingDetector"/>).
    /// </summary>
    public string? Encoding { get; init; }

    /// <summary>The character between values; null detects one of , tab ; | from the first lines.</summary>
    public char? Delimiter { get; init; }

    /// <summary>False when the first line is data: the columns are then named column1, column2, ….</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>True to leave the stream open when the reader is disposed (or fails to open).</summary>
    public bool LeaveOpen { get; init; }

    /// <summary>Chars held at once; a longer record grows the buffer to fit it.</summary>
    public int BufferSize { get; init; } = DefaultBufferSize;
}
