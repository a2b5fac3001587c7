using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gongshu.Collection.Sources.Json;

/// <summary>
/// Records from JSON: an array of objects, objects one a line (NDJSON), or the array at a property
/// path of a response object. The stream is read through a buffer with <see cref="Utf8JsonReader"/>,
/// so only the current record is held; the buffer grows when one record is larger than it.
/// <para>
/// The columns are the keys of the first record (or <see cref="JsonSourceOptions.Columns"/>); a key
/// met later that is not a column is passed over and listed in <see cref="IgnoredKeys"/>, and a
/// missing key is null. Values: strings as <see cref="string"/> (an empty string as null), integral
/// numbers as <see cref="long"/>, other numbers as <see cref="decimal"/> (or <see cref="double"/>
/// beyond its range), true/false as <see cref="bool"/>, null as null, and a nested object or array
/// as its JSON text. <see cref="Position"/> is the line the record starts on.
/// </para>
/// </summary>
public sealed partial class JsonSourceReader : SourceReader
{
    /// <summary>How many unknown keys <see cref="IgnoredKeys"/> lists at most.</summary>
    private const int MaxIgnoredKeys = 100;

    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private readonly Stream _stream;
    private readonly JsonSourceOptions _options;
    private readonly string[]? _path;
    private readonly HashSet<string> _ignoredKeys = new(StringComparer.Ordinal);
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private JsonReaderState _state;
    private Phase _phase = Phase.Root;
    private int _pathDepth;

    // Lines are counted lazily: _line is the line of the byte at _lineMark.
    private long _line = 1;
    private int _lineMark;
    private long _linesBeforeReader;

    private int _recordStart;
    private int _recordLength;
    private long _position;
    private string[] _columns = [];
    private byte[][] _columnNames = [];
    private Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private object?[] _values = [];
    private bool _columnsKnown;
    private bool _onRecord;
    private bool _firstPending;

    private JsonSourceReader(Stream stream, JsonSourceOptions options)
    {
        _stream = stream;
        _options = options;
        _path = ParsePath(options.RecordsPath);
        _buffer = new byte[Math.Max(options.BufferSize, 16)];
    }

    private enum Phase
    {
        Root,
        Path,
        ArrayStart,
        Records,
        Lines,
        Trailer,
        Done,
    }

    private enum Step
    {
        NeedMore,
        Record,
        End,
    }

    public override IReadOnlyList<string> Columns => _columns;

    public override long Position => _position;

    public override int FieldCount => _onRecord ? _columns.Length : 0;

    public override object? this[int ordinal] => _onRecord && ordinal >= 0 && ordinal < _values.Length ? _values[ordinal] : null;

    /// <summary>The current record's JSON text, as the source wrote it.</summary>
    public override string? RawRecord => _onRecord ? Encoding.UTF8.GetString(_buffer, _recordStart, _recordLength) : null;

    /// <summary>Keys met in records that are not among <see cref="Columns"/> (the first hundred), whose values are not read.</summary>
    public IReadOnlyCollection<string> IgnoredKeys => _ignoredKeys;

    /// <summary>
    /// Opens a JSON source and reads up to its first record, which gives the columns. The stream
    /// stays the caller's.
    /// </summary>
    public static async ValueTask<JsonSourceReader> OpenAsync(Stream stream, JsonSourceOptions? options = null, CancellationToken ct = default)
    {
        var reader = new JsonSourceReader(stream, options ?? new JsonSourceOptions());
        if (reader._options.Columns is { } columns)
        {
            reader.SetColumns(columns);
        }

        await reader.DetectLayoutAsync(ct);
        if (await reader.MoveNextAsync(ct))
        {
            reader._firstPending = true;
        }

        return reader;
    }

    public override async ValueTask<bool> ReadAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (_firstPending)
        {
            _firstPending = false;
            return true;
        }

        return await MoveNextAsync(ct);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string[]? ParsePath(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var segments = path.Split('.');
        if (segments.Any(s => s.Length == 0))
        {
            throw GongshuException.Invalid("recordsPath", $"'{path}' is not a property path: name the properties from the outside in, separated by '.', such as data.items.");
        }

        return segments;
    }

    private async ValueTask<bool> MoveNextAsync(CancellationToken ct)
    {
        _onRecord = false;
        while (true)
        {
            switch (Next())
            {
                case Step.Record:
                    _position = LineAt(_recordStart);
                    ParseRecord();
                    _onRecord = true;
                    return true;
                case Step.End:
                    _phase = Phase.Done;
                    return false;
                default:
                    if (_eof)
                    {
                        throw Malformed("the JSON ends in the middle of a value.", LineAt(_end));
                    }

                    await FillAsync(ct);
                    break;
            }
        }
    }

    /// <summary>Skips a byte order mark and white space, and chooses how to read from the first character.</summary>
    private async ValueTask DetectLayoutAsync(CancellationToken ct)
    {
        var markChecked = false;
        while (true)
        {
            var data = _buffer.AsSpan(_start, _end - _start);
            if (!markChecked && (data.Length >= ByteOrderMark.Length || _eof))
            {
                markChecked = true;
                if (data.StartsWith(ByteOrderMark))
                {
                    _start = _lineMark = ByteOrderMark.Length;
                    continue;
                }
            }

            if (markChecked)
            {
                var first = data.IndexOfAnyExcept(" \t\r\n"u8);
                if (first >= 0)
                {
                    _start += first;
                    StartLayout(data[first]);
                    return;
                }

                _start = _end;
                if (_eof)
                {
                    // Nothing but white space: a source with no records.
                    _phase = Phase.Done;
                    return;
                }
            }

            await FillAsync(ct);
        }
    }

    private void StartLayout(byte character)
    {
        var layout = _options.Layout == JsonLayout.Detect
            ? character switch
            {
                (byte)'[' => JsonLayout.Array,
                (byte)'{' => JsonLayout.Lines,
                _ => throw Malformed($"expected '[' (an array of records) or '{{' (a record) but found '{(char)character}'.", LineAt(_start)),
            }
            : _options.Layout;
        if (_path is not null && character != '{')
        {
            throw Malformed($"expected an object holding '{_options.RecordsPath}' but found '{(char)character}'.", LineAt(_start));
        }

        _phase = _path is not null ? Phase.Path : layout == JsonLayout.Array ? Phase.ArrayStart : Phase.Lines;
        _state = new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = _phase == Phase.Lines });

        // The reader counts lines from where it starts; those before it are added to the lines it reports.
        _linesBeforeReader = LineAt(_start) - 1;
    }

    /// <summary>
    /// Advances over the buffered bytes to the next whole record. What is fully read is committed
    /// (<see cref="_start"/>, <see cref="_state"/>); a part-read token is read again after the next fill.
    /// </summary>
    private Step Next()
    {
        if (_phase == Phase.Done)
        {
            return Step.End;
        }

        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
        var committed = 0L;
        var committedState = _state;
        try
        {
            while (true)
            {
                if (!reader.Read())
                {
                    return _eof && _phase is Phase.Lines or Phase.Trailer ? Step.End : Step.NeedMore;
                }

                switch (_phase)
                {
                    case Phase.ArrayStart:
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            throw Malformed($"expected an array of records but found {Describe(reader.TokenType)}.", LineAt(_start + (int)reader.TokenStartIndex));
                        }

                        _phase = Phase.Records;
                        break;
                    case Phase.Records or Phase.Lines:
                        if (reader.TokenType == JsonTokenType.EndArray && _phase == Phase.Records)
                        {
                            // After a path's array the rest of the response is not records; after a whole-file array only white space may follow.
                            _phase = _path is null ? Phase.Trailer : Phase.Done;
                            if (_phase == Phase.Done)
                            {
                                return Step.End;
                            }

                            break;
                        }

                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            throw new SourceFormatException("json_not_records",
                                $"a record must be a JSON object, not {Describe(reader.TokenType)}.", LineAt(_start + (int)reader.TokenStartIndex));
                        }

                        var recordStart = (int)reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            return Step.NeedMore;
                        }

                        _recordStart = _start + recordStart;
                        _recordLength = (int)reader.BytesConsumed - recordStart;
                        committed = reader.BytesConsumed;
                        committedState = reader.CurrentState;
                        return Step.Record;
                    case Phase.Path:
                        if (!FollowPath(ref reader))
                        {
                            return Step.NeedMore;
                        }

                        if (_phase == Phase.Done)
                        {
                            return Step.End;
                        }

                        break;
                }

                committed = reader.BytesConsumed;
                committedState = reader.CurrentState;
            }
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
        finally
        {
            _start += (int)committed;
            _state = committedState;
        }
    }

    /// <summary>Takes one step along <see cref="JsonSourceOptions.RecordsPath"/> from the token just read; false when more bytes are needed.</summary>
    private bool FollowPath(ref Utf8JsonReader reader)
    {
        var path = _path!;
        if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 0)
        {
            return true;
        }

        if (reader.TokenType == JsonTokenType.EndObject)
        {
            throw new SourceFormatException("json_not_records", $"the document has no '{string.Join('.', path[..(_pathDepth + 1)])}' property.", LineAt(_start + (int)reader.TokenStartIndex));
        }

        var found = reader.ValueTextEquals(path[_pathDepth]);
        var name = string.Join('.', path[..(_pathDepth + 1)]);
        if (!reader.Read())
        {
            return false;
        }

        if (!found)
        {
            return reader.TrySkip();
        }

        var line = LineAt(_start + (int)reader.TokenStartIndex);
        if (_pathDepth == path.Length - 1)
        {
            _phase = reader.TokenType switch
            {
                JsonTokenType.StartArray => Phase.Records,
                JsonTokenType.Null => Phase.Done,
                _ => throw new SourceFormatException("json_not_records", $"'{name}' is {Describe(reader.TokenType)}, not an array of records.", line),
            };
        }
        else if (reader.TokenType == JsonTokenType.StartObject)
        {
            _pathDepth++;
        }
        else
        {
            throw new SourceFormatException("json_not_records", $"'{name}' is {Describe(reader.TokenType)}, not an object.", line);
        }

        return true;
    }

    /// <summary>Reads the current record's bytes, now all in the buffer, into <see cref="_values"/>.</summary>
    private void ParseRecord()
    {
        var record = _buffer.AsSpan(_recordStart, _recordLength);
        var reader = new Utf8JsonReader(record, isFinalBlock: true, state: default);
        try
        {
            reader.Read();
            if (!_columnsKnown)
            {
                SetColumns(KeysOf(reader));
            }

            Array.Clear(_values);
            var expected = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // Records usually repeat the first one's key order: compare in place before looking up.
                int ordinal;
                if (expected < _columnNames.Length && reader.ValueTextEquals(_columnNames[expected]))
                {
                    ordinal = expected;
                }
                else
                {
                    var key = reader.GetString()!;
                    if (!_ordinals.TryGetValue(key, out ordinal))
                    {
                        ordinal = -1;
                        if (_ignoredKeys.Count < MaxIgnoredKeys)
                        {
                            _ignoredKeys.Add(key);
                        }
                    }
                }

                reader.Read();
                if (ordinal < 0)
                {
                    reader.Skip();
                    continue;
                }

                _values[ordinal] = Value(ref reader, record);
                expected = ordinal + 1;
            }
        }
        catch (InvalidOperationException e)
        {
            // Text that is not UTF-8 is found only when a string is decoded.
            throw new SourceFormatException("json_malformed", $"the record holds text that is not valid UTF-8: {e.Message}", _position);
        }
    }

    private static List<string> KeysOf(Utf8JsonReader reader)
    {
        var keys = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            keys.Add(reader.GetString()!);
            reader.Read();
            reader.Skip();
        }

        return keys;
    }

    private void SetColumns(IEnumerable<string> keys)
    {
        var columns = new List<string>();
        _ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (_ordinals.TryAdd(key, columns.Count))
            {
                columns.Add(key);
            }
        }

        _columns = [.. columns];
        _columnsKnown = true;
        _columnNames = [.. columns.Select(Encoding.UTF8.GetBytes)];
        _values = new object?[_columns.Length];
    }

    /// <summary>The value the reader is on, as a <see cref="SourceReader"/> value.</summary>
    private static object? Value(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var text = reader.GetString();
                return string.IsNullOrEmpty(text) ? null : text;
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var integer))
                {
                    return integer;
                }

                if (reader.TryGetDecimal(out var number))
                {
                    return number;
                }

                return reader.TryGetDouble(out var real) && double.IsFinite(real)
                    ? real
                    : Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
            default:
                return null;
        }
    }

    /// <summary>Moves unread bytes to the front of the buffer (growing it when they fill it) and reads more after them.</summary>
    private async ValueTask FillAsync(CancellationToken ct)
    {
        if (_start > 0)
        {
            LineAt(_start);
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _lineMark -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= _options.MaxRecordBytes)
            {
                var record = Math.Max(_buffer.AsSpan(0, _end).IndexOfAnyExcept(" \t\r\n,["u8), 0);
                throw new SourceFormatException("json_record_too_large",
                    $"a record is larger than {Size(_options.MaxRecordBytes)}, or the JSON never closes it.", LineAt(record));
            }

            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _options.MaxRecordBytes));
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), ct);
        _end += read;
        _eof = read == 0;
    }

    /// <summary>The 1-based line of the buffered byte at <paramref name="offset"/>, at or after the last one asked about.</summary>
    private long LineAt(int offset)
    {
        if (offset > _lineMark)
        {
            _line += _buffer.AsSpan(_lineMark, offset - _lineMark).Count((byte)'\n');
            _lineMark = offset;
        }

        return _line;
    }

    private static string Size(int bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes / 1024} KB";

    private SourceFormatException Malformed(JsonException e)
    {
        // The reader counts lines from 0 and puts them in its message, which the exception's line replaces;
        // its advice to change the reader options is for programmers.
        var message = ReaderPosition().Replace(e.Message, "").Replace(" Change the reader options.", "", StringComparison.Ordinal).TrimEnd();
        var column = e.BytePositionInLine is { } position ? $" (byte {position + 1} of the line)" : "";
        return Malformed(message + column, _linesBeforeReader + (e.LineNumber ?? 0) + 1);
    }

    private static SourceFormatException Malformed(string message, long line) => new("json_malformed", $"the JSON is malformed: {message}", line);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    [GeneratedRegex(@"\s*(Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.")]
    private static partial Regex ReaderPosition();
}
