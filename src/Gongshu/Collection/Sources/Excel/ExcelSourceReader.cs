namespace Gongshu.Collection.Sources.Excel;

/// <summary>
/// One sheet of an Excel workbook: .xlsx (read as a stream of XML elements, so a million-row sheet
/// is never held in memory) or Excel 97–2003 .xls. The first row with a value is the header; rows
/// without a value are passed over, since Excel keeps formatted blank rows.
/// <para>
/// Values: text as <see cref="string"/> (error cells as Excel shows them, <c>#N/A</c>), numbers as
/// <see cref="long"/> when integral else <see cref="double"/>, numbers shown with a date or time
/// format as <see cref="DateTime"/> (1900 or 1904 date system, as the workbook says), booleans as
/// <see cref="bool"/>, empty cells as null. <see cref="SourceReader.Position"/> is the sheet row number.
/// </para>
/// </summary>
public sealed class ExcelSourceReader : SourceReader
{
    private readonly SheetRows _rows;
    private readonly Stream? _ownedStream;
    private readonly string[] _columns;
    private bool _ended;

    private ExcelSourceReader(SheetRows rows, Stream? ownedStream, string[] columns)
    {
        _rows = rows;
        _ownedStream = ownedStream;
        _columns = columns;
    }

    /// <summary>The name of the sheet being read.</summary>
    public string SheetName => _rows.SheetName;

    /// <summary>Whether the workbook is an Excel 97–2003 .xls file rather than .xlsx.</summary>
    public bool IsLegacyFormat => _rows is XlsSheetRows;

    public override IReadOnlyList<string> Columns => _columns;

    public override long Position => _rows.RowNumber;

    public override int FieldCount => _ended ? 0 : _rows.Values.Count;

    public override object? this[int ordinal] => _ended ? null : _rows.Values[ordinal];

    /// <summary>Opens the workbook at <paramref name="path"/>.</summary>
    public static ExcelSourceReader Open(string path, ExcelSourceOptions? options = null)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Open(stream, options, ownsStream: true);
    }

    /// <summary>
    /// Opens a workbook, telling .xlsx from .xls by its first bytes, and reads up to its header.
    /// The stream stays the caller's; one that cannot seek is first copied to a temporary file.
    /// </summary>
    public static ExcelSourceReader Open(Stream stream, ExcelSourceOptions? options = null)
        => Open(stream, options, ownsStream: false);

    public override ValueTask<bool> ReadAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (_ended)
        {
            return ValueTask.FromResult(false);
        }

        _ended = !MoveNext(_rows);
        return ValueTask.FromResult(!_ended);
    }

    public override ValueTask DisposeAsync()
    {
        _rows.Dispose();
        _ownedStream?.Dispose();
        return ValueTask.CompletedTask;
    }

    internal static GongshuException NoSuchSheet(string? name, IEnumerable<string> sheets)
        => GongshuException.Invalid("sheet",
            $"The workbook has no sheet named '{name}'; its sheets are: {string.Join(", ", sheets.Select(s => $"'{s}'"))}.",
            "sheet_not_found");

    private static ExcelSourceReader Open(Stream stream, ExcelSourceOptions? options, bool ownsStream)
    {
        Stream? owned = ownsStream ? stream : null;
        SheetRows? rows = null;
        try
        {
            if (!stream.CanSeek)
            {
                owned = CopyToTemporaryFile(stream);
                if (ownsStream)
                {
                    stream.Dispose();
                }

                stream = owned;
            }

            rows = OpenSheet(stream, options?.Sheet);
            string[] columns = [];
            if (MoveNext(rows))
            {
                columns = new string[rows.Values.Count];
                for (var i = 0; i < columns.Length; i++)
                {
                    columns[i] = rows.Values[i] is { } value ? ExcelNumberFormats.Text(value).Trim() : "";
                }
            }

            return new ExcelSourceReader(rows, owned, columns);
        }
        catch
        {
            rows?.Dispose();
            owned?.Dispose();
            throw;
        }
    }

    private static SheetRows OpenSheet(Stream stream, string? sheet)
    {
        Span<byte> signature = stackalloc byte[4];
        stream.Position = 0;
        var read = stream.ReadAtLeast(signature, signature.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var format = signature[..read] switch
        {
            [(byte)'P', (byte)'K', 3, 4] => "xlsx",
            [0xD0, 0xCF, 0x11, 0xE0] => "xls",
            _ => null,
        };
        if (format is null)
        {
            throw new SourceFormatException("excel_unreadable",
                read == 0 ? "The file is empty." : "The file is not an Excel workbook (.xlsx or .xls).", 0);
        }

        try
        {
            return format == "xlsx" ? XlsxSheetRows.Open(stream, sheet) : XlsSheetRows.Open(stream, sheet);
        }
        catch (Exception e) when (e is not (GongshuException or OperationCanceledException))
        {
            // An OLE compound file is also what Excel makes of an .xlsx protected by a password.
            throw new SourceFormatException("excel_unreadable", format == "xlsx"
                ? $"The file is a zip archive but not a readable Excel workbook (.xlsx): {e.Message}"
                : $"The file is not a readable Excel 97–2003 workbook (.xls), or it is protected by a password: {e.Message}", 0);
        }
    }

    /// <summary>Moves to the next row, turning what a damaged file throws into <see cref="SourceFormatException"/>.</summary>
    private static bool MoveNext(SheetRows rows)
    {
        try
        {
            return rows.MoveNext();
        }
        catch (Exception e) when (e is not (GongshuException or OperationCanceledException))
        {
            throw new SourceFormatException("excel_unreadable",
                $"Sheet '{rows.SheetName}' is damaged after row {rows.RowNumber}: {e.Message}", rows.RowNumber);
        }
    }

    private static FileStream CopyToTemporaryFile(Stream stream)
    {
        var copy = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            stream.CopyTo(copy);
            copy.Position = 0;
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }
}
