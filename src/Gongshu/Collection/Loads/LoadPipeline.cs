using System.Diagnostics;
using System.Threading.Channels;
using Gongshu.Collection.Conversion;
using Gongshu.Collection.Sources;
using Gongshu.Security.Encryption;
using Gongshu.Storage;

namespace Gongshu.Collection.Loads;

/// <summary>
/// Moves a source's rows into a dataset writer on two threads: one reads and converts, filling
/// batches of rows; the other writes the batches. On two cores the parse and the database write
/// overlap, and only a few batches are ever in memory. A row that does not convert is kept as a
/// reject (the first <see cref="RejectList.Capacity"/> of them with the source text) and skipped.
/// <see cref="PrimeAsync"/> reads the first batch before anything is written, so the load can
/// look at real values (sensitive-data detection) before it decides how to store them; a
/// <see cref="RowProtector"/> then encrypts protected fields on the reading thread.
/// </summary>
internal sealed class LoadPipeline
{
    private const int RowsPerBatch = 2048;
    private const int BatchesInFlight = 4;
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(250);

    private readonly SourceReader _reader;
    private readonly DatasetColumn[] _columns;
    private readonly int[] _sourceOrdinals;
    private readonly FieldConverter[] _converters;
    private readonly bool[] _keys;
    private readonly RejectList _rejects;
    private readonly bool _allOrNothing;
    private readonly LoadInput _input;
    private readonly IProgress<LoadProgress>? _progress;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly int _stride;
    private readonly LoadCheck? _check;
    private RowBatch? _primed;
    private bool _sourceDone;
    private RowProtector? _protector;
    private int _storedWidth;
    private long _rowsRead;
    private long _rowsLoaded;

    public LoadPipeline(SourceReader reader, IReadOnlyList<DatasetColumn> columns, ColumnMapping mapping, IReadOnlySet<string> keyFields,
        RejectList rejects, bool allOrNothing, LoadInput input, IProgress<LoadProgress>? progress, LoadCheck? check = null)
    {
        _check = check;
        _reader = reader;
        _columns = [.. columns];
        _sourceOrdinals = _columns.Select(c => mapping.Columns.FirstOrDefault(m => m.Field == c.Name)?.SourceOrdinal ?? -1).ToArray();
        _converters = _columns.Select(FieldConverter.For).ToArray();
        _keys = _columns.Select(c => keyFields.Contains(c.Name)).ToArray();

        // Room for a blind index per field, whichever fields end up encrypted.
        _stride = _columns.Length * 2;
        _storedWidth = _columns.Length;
        _rejects = rejects;
        _allOrNothing = allOrNothing;
        _input = input;
        _progress = progress;
    }

    public long RowsRead => Interlocked.Read(ref _rowsRead);

    public long RowsLoaded => Interlocked.Read(ref _rowsLoaded);

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>
    /// Reads and converts up to one batch of rows and returns a copy of them (for detection).
    /// Those rows are the first written by <see cref="RunAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<object?[]>> PrimeAsync(CancellationToken ct)
    {
        var batch = new RowBatch(RowsPerBatch * _stride);
        while (batch.Rows < RowsPerBatch)
        {
            if (!await _reader.ReadAsync(ct))
            {
                _sourceDone = true;
                break;
            }

            Interlocked.Increment(ref _rowsRead);
            var row = batch.Values.AsSpan(batch.Rows * _stride, _columns.Length);
            if (Convert(row, _reader.Columns.Count))
            {
                _check?.Check(row, _reader.Position);
                batch.Rows++;
            }
        }

        _primed = batch;
        var rows = new List<object?[]>(batch.Rows);
        for (var row = 0; row < batch.Rows; row++)
        {
            rows.Add(batch.Values.AsSpan(row * _stride, _columns.Length).ToArray());
        }

        return rows;
    }

    /// <summary>Stores rows through <paramref name="protector"/> (encrypted fields and their blind indexes).</summary>
    public void Protect(RowProtector protector)
    {
        ArgumentNullException.ThrowIfNull(protector);
        if (protector.FieldCount != _columns.Length)
        {
            throw new ArgumentException("The protector is for another set of fields.", nameof(protector));
        }

        _protector = protector.IsNeeded ? protector : null;
        _storedWidth = _protector is null ? _columns.Length : protector.StoredWidth;
    }

    /// <summary>
    /// Reads the whole source into <paramref name="writer"/> (or, with nothing to write to,
    /// only checks every row). The writer is not completed here.
    /// </summary>
    public async Task RunAsync(DatasetWriter? writer, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var full = Channel.CreateBounded<RowBatch>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        var free = Channel.CreateUnbounded<RowBatch>(new UnboundedChannelOptions { SingleReader = true });
        var producer = Task.Run(() => ProduceAsync(full.Writer, free.Reader, stop.Token), stop.Token);
        try
        {
            await foreach (var batch in full.Reader.ReadAllAsync(stop.Token))
            {
                if (writer is not null && !(_allOrNothing && _rejects.Count > 0))
                {
                    for (var row = 0; row < batch.Rows; row++)
                    {
                        writer.WriteRow(batch.Values.AsSpan(row * _stride, _storedWidth));
                    }

                    Interlocked.Add(ref _rowsLoaded, batch.Rows);
                }

                free.Writer.TryWrite(batch);
            }
        }
        catch
        {
            // The writer failed: stop the reader and report the first failure.
            await stop.CancelAsync();
            try
            {
                await producer;
            }
            catch (Exception e) when (e is OperationCanceledException or GongshuException)
            {
                // The writer's failure is the one to report.
            }

            throw;
        }

        await producer;
        Report();
    }

    private async Task ProduceAsync(ChannelWriter<RowBatch> full, ChannelReader<RowBatch> free, CancellationToken ct)
    {
        try
        {
            var sourceWidth = _reader.Columns.Count;
            var lastReport = TimeSpan.Zero;
            var batch = new RowBatch(RowsPerBatch * _stride);
            if (_primed is { } primed)
            {
                _primed = null;
                for (var row = 0; row < primed.Rows; row++)
                {
                    _protector?.Protect(primed.Values.AsSpan(row * _stride, _storedWidth));
                }

                if (primed.Rows > 0)
                {
                    await full.WriteAsync(primed, ct);
                }
            }

            while (!_sourceDone && await _reader.ReadAsync(ct))
            {
                var read = Interlocked.Increment(ref _rowsRead);
                var row = batch.Values.AsSpan(batch.Rows * _stride, _storedWidth);
                if (Convert(row[.._columns.Length], sourceWidth))
                {
                    // Checked as converted, before any field is encrypted.
                    _check?.Check(row[.._columns.Length], _reader.Position);
                    _protector?.Protect(row);
                    batch.Rows++;
                    if (batch.Rows == RowsPerBatch)
                    {
                        await full.WriteAsync(batch, ct);
                        batch = free.TryRead(out var reused) ? reused : new RowBatch(RowsPerBatch * _stride);
                        batch.Rows = 0;
                    }
                }

                if ((read & 0x1FFF) == 0 && _clock.Elapsed - lastReport > ProgressEvery)
                {
                    lastReport = _clock.Elapsed;
                    Report();
                }
            }

            if (batch.Rows > 0)
            {
                await full.WriteAsync(batch, ct);
            }

            full.Complete();
        }
        catch (Exception e)
        {
            full.TryComplete(e);
            throw;
        }
    }

    // Converts the current record into row; false (and a reject) when any value does not fit its field.
    private bool Convert(Span<object?> row, int sourceWidth)
    {
        var fieldCount = _reader.FieldCount;
        if (fieldCount > sourceWidth || (fieldCount < sourceWidth && _reader.ShortRecordsAreDamaged))
        {
            Reject(null, $"The row has {fieldCount} values; the header has {sourceWidth} columns.");
            return false;
        }

        for (var i = 0; i < row.Length; i++)
        {
            var ordinal = _sourceOrdinals[i];
            var value = ordinal >= 0 ? _reader[ordinal] : null;
            if (!_converters[i].TryConvert(value, out var converted, out var reason))
            {
                Reject(_columns[i].Name, reason ?? "The value does not fit the field.");
                return false;
            }

            if (converted is null && _keys[i])
            {
                Reject(_columns[i].Name, "A key field needs a value.");
                return false;
            }

            row[i] = converted;
        }

        return true;
    }

    private void Reject(string? field, string reason)
        => _rejects.Add(_reader.Position, field, reason, _rejects.KeepsMore ? _reader.RawRecord : null);

    private void Report()
        => _progress?.Report(new LoadProgress(RowsRead, RowsLoaded, _rejects.Count, _input.BytesRead?.Invoke() ?? 0, _input.TotalBytes, _clock.Elapsed));

    private sealed class RowBatch(int values)
    {
        public object?[] Values { get; } = new object?[values];

        public int Rows { get; set; }
    }
}

/// <summary>
/// A load's rejected rows: all are counted, the first <see cref="Capacity"/> are kept with their
/// reason and source text (which is cut to <see cref="MaxRecordLength"/> characters), so a file of
/// nothing but bad rows cannot fill the memory.
/// </summary>
internal sealed class RejectList
{
    public const int Capacity = 10_000;
    public const int MaxRecordLength = 4_000;

    private readonly List<LoadReject> _kept = [];
    private bool _dropRecords;

    public long Count { get; private set; }

    public bool KeepsMore => _kept.Count < Capacity;

    public IReadOnlyList<LoadReject> Kept => _kept;

    /// <summary>
    /// Forgets the source text of the rejects kept so far and of those to come (line, field and
    /// reason stay): a resource with encrypted fields must not keep their plaintext in its rejects.
    /// </summary>
    public void DropRecords()
    {
        _dropRecords = true;
        for (var i = 0; i < _kept.Count; i++)
        {
            _kept[i] = _kept[i] with { Record = null };
        }
    }

    public void Add(long line, string? field, string reason, string? record)
    {
        Count++;
        if (KeepsMore)
        {
            _kept.Add(new LoadReject(line, field, reason, _dropRecords ? null : record is { Length: > MaxRecordLength } ? record[..MaxRecordLength] + "…" : record));
        }
    }
}
