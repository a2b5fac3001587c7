using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Gongshu.Collection.Sources.Csv;

/// <summary>
/// Reads a CSV file one record at a time (RFC 4180: values in double quotes may hold the delimiter,
/// line breaks and doubled quotes). Lines end with LF or CRLF; blank lines, and lines of nothing but
/// delimiters and spaces (a spreadsheet's empty rows), are skipped. A quote inside an unquoted value
/// is kept as text. Values are strings; an empty value is null.
/// <para>
/// The reader decodes into one reused buffer and keeps the current record there whole, growing the
/// buffer only for a record longer than it; values and <see cref="RawRecord"/> become strings only
/// when asked for.
/// </para>
/// </summary>
public sealed class CsvSourceReader : SourceReader
{
    private const int MinBufferSize = 16;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly char _delimiter;

    // Null for UTF-8, which Utf8.ToUtf16 decodes: it stops at the first invalid byte instead of throwing.
    private readonly Decoder? _decoder;

    private readonly byte[] _bytes;
    private int _byteStart;
    private int _byteEnd;
    private bool _needBytes;
    private bool _streamEnded;
    private bool _invalidBytes;

    private char[] _chars;
    private int _charEnd;
    private bool _endOfText;

    private IReadOnlyList<string> _columns = [];
    private int _recordStart;
    private int _recordEnd;
    private long _line = 1;
    private int _nextRecordStart;
    private long _nextLine = 1;
    private Field[] _fields = new Field[16];
    private string?[] _values = new string?[16];
    private int _fieldCount;
    private bool _replayFirstRecord;

    private CsvSourceReader(Stream stream, CsvOptions options, TextEncoding encoding, char delimiter, byte[] bytes, int bomLength, int sampleLength)
    {
        _stream = stream;
        _leaveOpen = options.LeaveOpen;
        _delimiter = delimiter;
        Encoding = encoding.Name;
        _decoder = ReferenceEquals(encoding, TextEncoding.Utf8) ? null : encoding.Encoding.GetDecoder();
        _bytes = bytes;
        _byteStart = bomLength;
        _byteEnd = sampleLength;
        _streamEnded = sampleLength < bytes.Length;
        _chars = new char[options.BufferSize];
    }

    /// <summary>
    /// Opens a CSV stream: detects what the options leave out from its first 64 KiB and reads the
    /// header. The reader owns the stream unless <see cref="CsvOptions.LeaveOpen"/>.
    /// </summary>
    /// <exception cref="SourceFormatException">The header is missing, has an empty or a repeated name, or cannot be read.</exception>
    /// <exception cref="GongshuException"><c>unknown_encoding</c>, or a delimiter that cannot be one.</exception>
    public static async ValueTask<CsvSourceReader> OpenAsync(Stream stream, CsvOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new CsvOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferSize, MinBufferSize, nameof(CsvOptions.BufferSize));
        try
        {
            if (options.Delimiter is '"' or '\r' or '\n')
            {
                throw GongshuException.Invalid("delimiter", "A quote or a line break cannot separate values.", "invalid_delimiter");
            }

            var named = options.Encoding is null ? null : TextEncodingDetector.FromName(options.Encoding);
            var bytes = new byte[TextEncodingDetector.SampleSize];
            var sampleLength = await stream.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, ct);
            var reader = Create(stream, options, named, bytes, sampleLength);
            await reader.ReadHeaderAsync(options.HasHeader, ct);
            return reader;
        }
        catch when (!options.LeaveOpen)
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    private static CsvSourceReader Create(Stream stream, CsvOptions options, TextEncoding? named, byte[] bytes, int sampleLength)
    {
        var sample = bytes.AsSpan(0, sampleLength);
        var isWholeFile = sampleLength < bytes.Length;
        var encoding = named ?? TextEncodingDetector.Detect(sample, isWholeFile);
        var bomLength = encoding.BomLength(sample);
        var delimiter = options.Delimiter ?? CsvDelimiterDetector.Detect(encoding.DecodeSample(sample[bomLength..]), isWholeFile);
        return new CsvSourceReader(stream, options, encoding, delimiter, bytes, bomLength, sampleLength);
    }

    /// <summary>The name of the encoding the file is read in: utf-8, utf-16le, utf-16be or gb18030.</summary>
    public string Encoding { get; }

    /// <summary>The character between values, given or detected.</summary>
    public char Delimiter => _delimiter;

    public override IReadOnlyList<string> Columns => _columns;

    public override long Position => _line;

    public override int FieldCount => _fieldCount;

    public override object? this[int ordinal]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
            return ordinal < _fieldCount ? _values[ordinal] ?? Materialize(ordinal) : null;
        }
    }

    public override string? RawRecord => _fieldCount == 0 ? null : new string(_chars, _recordStart, _recordEnd - _recordStart);

    /// <summary>A CSV line with fewer values than the header was cut short.</summary>
    public override bool ShortRecordsAreDamaged => true;

    public override ValueTask<bool> ReadAsync(CancellationToken ct = default)
    {
        if (_replayFirstRecord)
        {
            _replayFirstRecord = false;
            return new(true);
        }

        _values.AsSpan(0, _fieldCount).Clear();
        _fieldCount = 0;
        _recordStart = _nextRecordStart;
        _line = _nextLine;
        return ParseNext() switch
        {
            Parsed.Record => new(true),
            Parsed.End => new(false),
            _ => ReadAfterFillAsync(ct),
        };
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_leaveOpen)
        {
            await _stream.DisposeAsync();
        }
    }

    private async ValueTask ReadHeaderAsync(bool hasHeader, CancellationToken ct)
    {
        if (!await ReadAsync(ct))
        {
            if (hasHeader)
            {
                throw new SourceFormatException("csv_bad_header", "The file is empty or blank: its first line must name the columns.", 1);
            }

            return;
        }

        if (!hasHeader)
        {
            _columns = Enumerable.Range(1, _fieldCount).Select(i => $"column{i}").ToArray().AsReadOnly();
            _replayFirstRecord = true;
            return;
        }

        var names = new string[_fieldCount];
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = ((string?)this[i] ?? "").TrimStart('\uFEFF').Trim();
            if (names[i].Length == 0)
            {
                throw new SourceFormatException("csv_bad_header",
                    $"Column {i + 1} of the header has no name; every column needs one (remove empty columns at the end of the line).", _line);
            }

            if (!seen.TryAdd(names[i], i))
            {
                throw new SourceFormatException("csv_bad_header",
                    $"Columns {seen[names[i]] + 1} and {i + 1} of the header are both named '{names[i]}'; column names must be unique.", _line);
            }
        }

        _columns = names.AsReadOnly();
        _values.AsSpan(0, _fieldCount).Clear();
        _fieldCount = 0;
    }

    private async ValueTask<bool> ReadAfterFillAsync(CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            await FillAsync(ct);
            switch (ParseNext())
            {
                case Parsed.Record:
                    return true;
                case Parsed.End:
                    return false;
            }
        }
    }

    private Parsed ParseNext()
    {
        while (true)
        {
            var parsed = ParseRecord();
            if (parsed != Parsed.Blank)
            {
                return parsed;
            }

            _recordStart = _nextRecordStart;
            _line = _nextLine;
        }
    }

    // Finds the fields of the record at _recordStart; NeedMoreText when the buffer ends inside it.
    // Only a whole record changes _fieldCount and the next record's start.
    private Parsed ParseRecord()
    {
        var chars = _chars;
        var end = _charEnd;
        var pos = _recordStart;
        if (pos == end)
        {
            return _endOfText ? Parsed.End : Parsed.NeedMoreText;
        }

        var delimiter = _delimiter;
        var count = 0;
        var newlines = 0;
        int recordEnd;
        int next;
        while (true)
        {
            if (pos < end && chars[pos] != '"')
            {
                var length = chars.AsSpan(pos, end - pos).IndexOfAny(delimiter, '\n');
                if (length >= 0)
                {
                    var stop = pos + length;
                    if (chars[stop] == delimiter)
                    {
                        AddField(ref count, pos, length, quoted: false, escaped: false);
                        pos = stop + 1;
                        continue;
                    }

                    recordEnd = length > 0 && chars[stop - 1] == '\r' ? stop - 1 : stop;
                    next = stop + 1;
                }
                else
                {
                    if (!_endOfText)
                    {
                        return Parsed.NeedMoreText;
                    }

                    recordEnd = chars[end - 1] == '\r' ? end - 1 : end;
                    next = end;
                }

                AddField(ref count, pos, recordEnd - pos, quoted: false, escaped: false);
                break;
            }

            if (pos == end)
            {
                // The record ends with a delimiter: its last value is empty.
                if (!_endOfText)
                {
                    return Parsed.NeedMoreText;
                }

                AddField(ref count, pos, 0, quoted: false, escaped: false);
                recordEnd = next = end;
                break;
            }

            var contentStart = pos + 1;
            var p = contentStart;
            var escaped = false;
            while (true)
            {
                var quote = chars.AsSpan(p, end - p).IndexOf('"');
                if (quote < 0)
                {
                    return _endOfText ? throw UnbalancedQuote(pos) : Parsed.NeedMoreText;
                }

                p += quote + 1;
                if (p == end)
                {
                    if (!_endOfText)
                    {
                        return Parsed.NeedMoreText;
                    }

                    break;
                }

                if (chars[p] != '"')
                {
                    break;
                }

                escaped = true;
                p++;
            }

            var contentLength = p - 1 - contentStart;
            newlines += chars.AsSpan(contentStart, contentLength).Count('\n');
            AddField(ref count, contentStart, contentLength, quoted: true, escaped);

            while (p < end && chars[p] is ' ' or '\t' && chars[p] != delimiter)
            {
                p++;
            }

            if (p == end)
            {
                if (!_endOfText)
                {
                    return Parsed.NeedMoreText;
                }

                recordEnd = next = end;
                break;
            }

            if (chars[p] == delimiter)
            {
                pos = p + 1;
                continue;
            }

            if (chars[p] == '\n')
            {
                (recordEnd, next) = (p, p + 1);
                break;
            }

            if (chars[p] == '\r')
            {
                if (p + 1 == end && !_endOfText)
                {
                    return Parsed.NeedMoreText;
                }

                if (p + 1 == end || chars[p + 1] == '\n')
                {
                    (recordEnd, next) = (p, Math.Min(p + 2, end));
                    break;
                }
            }

            throw BadQuote(p);
        }

        _nextRecordStart = next;
        _nextLine = _line + 1 + newlines;
        if (IsBlank(count))
        {
            return Parsed.Blank;
        }

        _recordEnd = recordEnd;
        _fieldCount = count;
        return Parsed.Record;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddField(ref int count, int start, int length, bool quoted, bool escaped)
    {
        if (count == _fields.Length)
        {
            Array.Resize(ref _fields, _fields.Length * 2);
            Array.Resize(ref _values, _fields.Length);
        }

        _fields[count++] = new Field(start, length, quoted, escaped);
    }

    private bool IsBlank(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var field = _fields[i];
            if (field.Quoted || !_chars.AsSpan(field.Start, field.Length).IsWhiteSpace())
            {
                return false;
            }
        }

        return true;
    }

    private string? Materialize(int ordinal)
    {
        var field = _fields[ordinal];
        if (field.Length == 0)
        {
            return null;
        }

        var value = field.Escaped ? Unescape(field) : new string(_chars, field.Start, field.Length);
        _values[ordinal] = value;
        return value;
    }

    // Inside quotes every quote is doubled, so the value is one char shorter per pair.
    private string Unescape(Field field)
        => string.Create(field.Length - _chars.AsSpan(field.Start, field.Length).Count('"') / 2, (_chars, field), static (value, state) =>
        {
            var source = state._chars.AsSpan(state.field.Start, state.field.Length);
            while (true)
            {
                var quote = source.IndexOf('"');
                if (quote < 0)
                {
                    source.CopyTo(value);
                    return;
                }

                source[..(quote + 1)].CopyTo(value);
                value = value[(quote + 1)..];
                source = source[(quote + 2)..];
            }
        });

    // Moves the unfinished record to the front of the buffer (growing it when the record fills
    // more than half, so each refill adds at least as much as it re-reads) and decodes more text.
    private async ValueTask FillAsync(CancellationToken ct)
    {
        var pending = _charEnd - _recordStart;
        if (pending > _chars.Length / 2 && _chars.Length < Array.MaxLength)
        {
            var grown = new char[(int)Math.Min(2L * _chars.Length, Array.MaxLength)];
            _chars.AsSpan(_recordStart, pending).CopyTo(grown);
            _chars = grown;
        }
        else if (_recordStart > 0)
        {
            _chars.AsSpan(_recordStart, pending).CopyTo(_chars);
        }

        (_recordStart, _nextRecordStart, _charEnd) = (0, 0, pending);
        while (!_endOfText && !_invalidBytes && _chars.Length - _charEnd >= 2)
        {
            if (_needBytes && !_streamEnded)
            {
                await ReadBytesAsync(ct);
            }
            else
            {
                Decode();
            }
        }

        if (_charEnd == pending && !_endOfText)
        {
            throw _invalidBytes
                ? new SourceFormatException("csv_wrong_encoding",
                    "The file is not valid UTF-8 here; save the file as UTF-8 or name its encoding (e.g. gb18030).", LineAt(_charEnd))
                : new SourceFormatException("csv_record_too_long", "The record is too long to read.", _line);
        }
    }

    private async ValueTask ReadBytesAsync(CancellationToken ct)
    {
        var left = _byteEnd - _byteStart;
        _bytes.AsSpan(_byteStart, left).CopyTo(_bytes);
        (_byteStart, _byteEnd) = (0, left);
        var read = await _stream.ReadAsync(_bytes.AsMemory(left), ct);
        _byteEnd += read;
        _streamEnded = read == 0;
        _needBytes = false;
    }

    private void Decode()
    {
        var bytes = _bytes.AsSpan(_byteStart, _byteEnd - _byteStart);
        var chars = _chars.AsSpan(_charEnd);
        int read;
        int written;
        if (_decoder is null)
        {
            var status = Utf8.ToUtf16(bytes, chars, out read, out written, replaceInvalidSequences: false, isFinalBlock: _streamEnded);
            _invalidBytes = status == OperationStatus.InvalidData;
            _needBytes = status == OperationStatus.NeedMoreData || (status == OperationStatus.Done && !_streamEnded);
            _endOfText = status == OperationStatus.Done && _streamEnded;
        }
        else
        {
            _decoder.Convert(bytes, chars, flush: _streamEnded, out read, out written, out var completed);
            _needBytes = read == bytes.Length && !_streamEnded;
            _endOfText = completed && read == bytes.Length && _streamEnded;
        }

        _byteStart += read;
        _charEnd += written;
    }

    private long LineAt(int index) => _line + _chars.AsSpan(_recordStart, index - _recordStart).Count('\n');

    private SourceFormatException UnbalancedQuote(int quote) => new("csv_unbalanced_quote",
        "A quoted value is never closed: the file ends inside the quotes opened on this line (write a quote inside a value as \"\").", LineAt(quote));

    private SourceFormatException BadQuote(int at) => new("csv_bad_quote",
        $"'{_chars[at]}' follows the closing quote of a value; a quoted value must end at a delimiter or the end of the line (write a quote inside a value as \"\").", LineAt(at));

    private enum Parsed
    {
        Record,
        Blank,
        NeedMoreText,
        End,
    }

    private readonly record struct Field(int Start, int Length, bool Quoted, bool Escaped);
}
