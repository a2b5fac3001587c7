using Gongshu.Collection.Loads;
using Gongshu.Collection.Sources.Csv;
using Gongshu.Collection.Sources.Excel;
using Gongshu.Collection.Sources.Json;

namespace Gongshu.Collection.Sources;

/// <summary>How to read an uploaded or local file; what is left null is worked out from the file.</summary>
public sealed record FileReadOptions
{
    /// <summary>csv, xlsx, xls, json or ndjson; null takes it from the file name.</summary>
    public string? Format { get; init; }

    /// <summary>A CSV's text encoding; null detects it.</summary>
    public string? Encoding { get; init; }

    /// <summary>A CSV's delimiter; null detects it.</summary>
    public char? Delimiter { get; init; }

    /// <summary>The Excel sheet; null reads the first.</summary>
    public string? Sheet { get; init; }

    /// <summary>Reads a delimiter as users type it: <c>,</c> <c>;</c> <c>|</c>, or <c>tab</c> / <c>\t</c>.</summary>
    public static char? ParseDelimiter(string? text) => text switch
    {
        null or "" => null,
        "tab" or "\\t" or "\t" => '\t',
        { Length: 1 } => text[0],
        _ => throw GongshuException.Invalid("delimiter", $"'{text}' is not a delimiter; give one character, or 'tab'.", "bad_delimiter"),
    };
}

/// <summary>A file opened as a source, with the meter that counts and fingerprints its bytes.</summary>
public sealed class OpenedSource(SourceReader reader, MeteredStream meter, string fileName, string format, string? encoding) : IAsyncDisposable
{
    public SourceReader Reader => reader;

    public string Format => format;

    public string? Encoding => encoding;

    /// <summary>What a load reads; <paramref name="totalBytes"/> (when known) drives the progress estimate.</summary>
    public LoadInput Input(long? totalBytes)
        => new(reader, LoadSource.File(fileName, format, encoding), totalBytes, () => meter.BytesRead, meter.Fingerprint);

    public async ValueTask DisposeAsync()
    {
        await reader.DisposeAsync();
        await meter.DisposeAsync();
    }
}

/// <summary>Opens a file of any supported format as a <see cref="SourceReader"/>.</summary>
public static class SourceFiles
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "xlsx", "xls", "json", "ndjson"];

    /// <summary>
    /// Opens <paramref name="stream"/> (read once, front to back) as the format the options or
    /// the file name say, and reads up to the first record. Bytes beyond
    /// <paramref name="maxBytes"/> are refused. The stream is left open.
    /// </summary>
    public static async Task<OpenedSource> OpenAsync(Stream stream, string fileName, FileReadOptions options, long? maxBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        var format = FormatOf(fileName, options.Format);
        var meter = new MeteredStream(stream, maxBytes, leaveOpen: true);
        try
        {
            SourceReader reader;
            string? encoding = null;
            switch (format)
            {
                case "csv":
                    var csv = await CsvSourceReader.OpenAsync(meter, new CsvOptions { Encoding = options.Encoding, Delimiter = options.Delimiter, LeaveOpen = true }, ct);
                    encoding = csv.Encoding;
                    reader = csv;
                    break;
                case "xlsx" or "xls":
                    reader = ExcelSourceReader.Open(meter, new ExcelSourceOptions { Sheet = options.Sheet });
                    break;
                default:
                    reader = await JsonSourceReader.OpenAsync(meter, new JsonSourceOptions { Layout = format == "ndjson" ? JsonLayout.Lines : JsonLayout.Detect }, ct);
                    break;
            }

            return new OpenedSource(reader, meter, Path.GetFileName(fileName), format, encoding);
        }
        catch
        {
            await meter.DisposeAsync();
            throw;
        }
    }

    /// <summary>The format given, or the one the file name's extension says (.txt and .tsv read as CSV, .jsonl as NDJSON).</summary>
    public static string FormatOf(string fileName, string? given)
    {
        var format = (given ?? Path.GetExtension(fileName).TrimStart('.')).Trim().ToLowerInvariant() switch
        {
            "csv" or "txt" or "tsv" => "csv",
            "jsonl" or "ndjson" => "ndjson",
            var other => other,
        };
        if (!Formats.Contains(format))
        {
            throw GongshuException.Invalid("format",
                given is null
                    ? $"The type of '{fileName}' cannot be told from its name; give format=csv, xlsx, xls, json or ndjson."
                    : $"'{given}' is not a format Gongshu reads; use csv, xlsx, xls, json or ndjson.", "unknown_format");
        }

        return format;
    }
}
