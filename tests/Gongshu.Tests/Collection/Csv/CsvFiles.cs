using System.Text;
using Gongshu.Collection.Sources.Csv;

namespace Gongshu.Tests.CollectionTests.Csv;

/// <summary>One record as a test sees it: where it starts, its values and its raw text.</summary>
public sealed record CsvRow(long Line, IReadOnlyList<string?> Values, string? Raw)
{
    public override string ToString() => $"{Line}: [{string.Join("|", Values)}] {Raw}";
}

public static class CsvFiles
{
    public static ValueTask<CsvSourceReader> Open(string text, CsvOptions? options = null)
        => Open(Encoding.UTF8.GetBytes(text), options);

    public static ValueTask<CsvSourceReader> Open(byte[] bytes, CsvOptions? options = null)
        => CsvSourceReader.OpenAsync(new MemoryStream(bytes), options);

    public static async Task<List<CsvRow>> ReadAll(CsvSourceReader reader)
    {
        var rows = new List<CsvRow>();
        while (await reader.ReadAsync())
        {
            var values = new string?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (string?)reader[i];
            }

            rows.Add(new CsvRow(reader.Position, values, reader.RawRecord));
        }

        return rows;
    }

    public static async Task<List<CsvRow>> ReadAll(string text, CsvOptions? options = null)
    {
        await using var reader = await Open(text, options);
        return await ReadAll(reader);
    }

    /// <summary>The bytes of a UTF-16 file with its byte order mark.</summary>
    public static byte[] WithBom(Encoding encoding, string text) => [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
}

/// <summary>An unseekable stream that hands out at most a few bytes a read, as a slow network would.</summary>
public sealed class TrickleStream(byte[] bytes, int bytesPerRead) : Stream
{
    private int _position;

    public bool Disposed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = Math.Min(Math.Min(count, bytesPerRead), bytes.Length - _position);
        bytes.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}

/// <summary>A CSV file of <c>rows</c> records made as it is read, so no one holds all of it.</summary>
public sealed class GeneratedCsvStream(int rows) : Stream
{
    public const string Header = "序号,姓名,身份证号,地址,备注\r\n";

    private byte[] _pending = Encoding.UTF8.GetBytes(Header);
    private int _pendingStart;
    private int _next;

    public static string Row(int i) => $"{i},张{i % 100}三,33010619850101{i % 10000:D4},\"浙江省杭州市西湖区文三路{i}号, \"\"{i % 7}幢\"\"\",{(i % 3 == 0 ? "" : "备注")}\r\n";

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var written = 0;
        while (written < count)
        {
            if (_pendingStart == _pending.Length)
            {
                if (_next == rows)
                {
                    break;
                }

                _pending = Encoding.UTF8.GetBytes(Row(++_next));
                _pendingStart = 0;
            }

            var n = Math.Min(count - written, _pending.Length - _pendingStart);
            _pending.AsSpan(_pendingStart, n).CopyTo(buffer.AsSpan(offset + written));
            _pendingStart += n;
            written += n;
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
