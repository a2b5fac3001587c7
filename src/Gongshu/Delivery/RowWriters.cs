using System.Text;
using System.Text.Json;
using Gongshu.Security.Encryption;

namespace Gongshu.Delivery;

/// <summary>Writes delivered rows to a stream as CSV or a JSON array, as they are produced (shared by exports and the gateway).</summary>
internal abstract class RowWriter : IAsyncDisposable
{
    public abstract ValueTask WriteAsync(object?[] row, CancellationToken ct);

    /// <summary>Every row is written; a writer that holds its output until the end sends it only after this.</summary>
    public virtual void Complete()
    {
    }

    public abstract ValueTask DisposeAsync();

    protected static string? Text(object? value) => value is null ? null : FieldValueText.ToText(value);
}

internal sealed class CsvRowWriter : RowWriter
{
    private readonly StreamWriter _writer;
    private readonly StringBuilder _line = new();
    private string? _header;

    public CsvRowWriter(Stream output, IReadOnlyList<DeliveredColumn> columns)
    {
        // With a BOM, so Excel opens the Chinese text correctly. Written asynchronously only:
        // a web response refuses synchronous writes.
        _writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        _header = string.Join(',', columns.Select(c => Quote(c.Name, text: true))) + "\r\n";
    }

    public override async ValueTask WriteAsync(object?[] row, CancellationToken ct)
    {
        _line.Clear();
        if (_header is not null)
        {
            _line.Append(_header);
            _header = null;
        }

        for (var i = 0; i < row.Length; i++)
        {
            if (i > 0)
            {
                _line.Append(',');
            }

            if (Text(row[i]) is { } text)
            {
                _line.Append(Quote(text, row[i] is string));
            }
        }

        _line.Append("\r\n");
        await _writer.WriteAsync(_line, ct);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_header is not null)
        {
            await _writer.WriteAsync(_header);
        }

        await _writer.FlushAsync();
        await _writer.DisposeAsync();
    }

    // Quoted when needed; text starting with =, +, - or @ gets a ' so spreadsheets do not run it as a formula.
    private static string Quote(string value, bool text)
    {
        if (text && value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}

internal sealed class JsonRowWriter : RowWriter
{
    private readonly Utf8JsonWriter _writer;
    private readonly Stream _output;
    private readonly IReadOnlyList<DeliveredColumn> _columns;

    public JsonRowWriter(Stream output, IReadOnlyList<DeliveredColumn> columns)
    {
        _output = output;
        _columns = columns;
        _writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _writer.WriteStartArray();
    }

    public override async ValueTask WriteAsync(object?[] row, CancellationToken ct)
    {
        _writer.WriteStartObject();
        for (var i = 0; i < row.Length; i++)
        {
            _writer.WritePropertyName(_columns[i].Name);
            switch (row[i])
            {
                case null: _writer.WriteNullValue(); break;
                case long l: _writer.WriteNumberValue(l); break;
                case decimal m: _writer.WriteNumberValue(m); break;
                case double d: _writer.WriteNumberValue(d); break;
                case float f: _writer.WriteNumberValue(f); break;
                case bool b: _writer.WriteBooleanValue(b); break;
                case var other: _writer.WriteStringValue(FieldValueText.ToText(other)); break;
            }
        }

        _writer.WriteEndObject();
        if (_writer.BytesPending > 32 * 1024)
        {
            await _writer.FlushAsync(ct);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        // After a failure mid-object the array cannot be closed validly; the output is cut short.
        if (_writer.CurrentDepth == 1)
        {
            _writer.WriteEndArray();
            await _writer.FlushAsync();
            await _output.FlushAsync();
        }

        await _writer.DisposeAsync();
    }
}
