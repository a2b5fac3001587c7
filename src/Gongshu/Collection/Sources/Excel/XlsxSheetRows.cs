using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Gongshu.Collection.Sources.Excel;

/// <summary>
/// A sheet of an .xlsx workbook read with <see cref="OpenXmlReader"/>, element by element: the
/// sheet's XML is never loaded whole, only the shared string table and the cell styles are.
/// </summary>
internal sealed partial class XlsxSheetRows : SheetRows
{
    /// <summary>Column XFD, the last Excel has.</summary>
    private const int MaxColumns = 16_384;

    private readonly SpreadsheetDocument _document;
    private readonly OpenXmlReader _reader;
    private readonly string[] _sharedStrings;
    private readonly bool[] _dateStyles;
    private readonly bool _date1904;
    private readonly StringBuilder _text = new();
    private long _rowNumber;

    private XlsxSheetRows(SpreadsheetDocument document, WorksheetPart sheet, string sheetName)
    {
        _document = document;
        SheetName = sheetName;
        var workbook = document.WorkbookPart!;
        _date1904 = workbook.Workbook.WorkbookProperties?.Date1904?.Value == true;
        _sharedStrings = workbook.SharedStringTablePart is { } strings ? ReadSharedStrings(strings) : [];
        _dateStyles = DateStyles(workbook.WorkbookStylesPart?.Stylesheet);
        _reader = OpenXmlReader.Create(sheet);
    }

    public override string SheetName { get; }

    public override long RowNumber => _rowNumber;

    /// <summary>Opens the named sheet (or the first) of a workbook on a seekable stream.</summary>
    public static XlsxSheetRows Open(Stream stream, string? sheetName)
    {
        var document = SpreadsheetDocument.Open(stream, isEditable: false);
        try
        {
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("The package has no workbook part.");
            var sheets = workbook.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            var sheet = sheetName is null
                ? sheets.FirstOrDefault()
                : sheets.FirstOrDefault(s => string.Equals(s.Name?.Value?.Trim(), sheetName.Trim(), StringComparison.OrdinalIgnoreCase));
            if (sheet is null)
            {
                throw ExcelSourceReader.NoSuchSheet(sheetName, sheets.Select(s => s.Name?.Value ?? ""));
            }

            if (sheet.Id?.Value is not { } id || !workbook.TryGetPartById(id, out var part) || part is not WorksheetPart worksheet)
            {
                // A chart sheet or dialog sheet has no cells.
                throw new SourceFormatException("excel_unreadable", $"Sheet '{sheet.Name?.Value}' is not a worksheet with cells.", 0);
            }

            return new XlsxSheetRows(document, worksheet, sheet.Name?.Value ?? "");
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    public override bool MoveNext()
    {
        var column = -1;
        Values.Clear();
        while (_reader.Read())
        {
            var type = _reader.ElementType;
            if (type == typeof(Cell))
            {
                if (_reader.IsStartElement)
                {
                    column = ReadCell(column);
                }
            }
            else if (type == typeof(Row))
            {
                if (_reader.IsStartElement)
                {
                    _rowNumber = RowIndex() ?? _rowNumber + 1;
                    column = -1;
                    Values.Clear();
                }
                else if (Values.Count > 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public override void Dispose()
    {
        _reader.Dispose();
        _document.Dispose();
    }

    /// <summary>The zero-based column of a cell reference such as <c>AB12</c>; null when it starts with no letter.</summary>
    internal static int? ColumnIndex(string reference)
    {
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            var upper = (char)(c & ~0x20);
            if (upper is < 'A' or > 'Z')
            {
                break;
            }

            column = (column * 26) + (upper - 'A' + 1);
            if (++letters > 3)
            {
                return int.MaxValue;
            }
        }

        return letters == 0 ? null : column - 1;
    }

    private long? RowIndex()
    {
        foreach (var attribute in _reader.Attributes)
        {
            if (attribute.LocalName == "r" && long.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                return index;
            }
        }

        return null;
    }

    /// <summary>Reads the cell the reader is on, places its value, and returns its column.</summary>
    private int ReadCell(int previousColumn)
    {
        string? reference = null;
        string? type = null;
        var style = 0;
        foreach (var attribute in _reader.Attributes)
        {
            switch (attribute.LocalName)
            {
                case "r":
                    reference = attribute.Value;
                    break;
                case "t":
                    type = attribute.Value;
                    break;
                case "s":
                    _ = int.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out style);
                    break;
            }
        }

        // Excel leaves out empty cells, and may leave out references; then a cell follows the one before.
        var column = reference is not null && ColumnIndex(reference) is { } index ? index : previousColumn + 1;
        if (column >= MaxColumns)
        {
            throw new SourceFormatException("excel_unreadable", $"Cell '{reference}' lies beyond column XFD, the last an Excel sheet has.", _rowNumber);
        }

        string? raw = null;
        string? inline = null;
        while (_reader.Read())
        {
            var child = _reader.ElementType;
            if (child == typeof(Cell))
            {
                break;
            }

            if (!_reader.IsStartElement)
            {
                continue;
            }

            if (child == typeof(CellValue))
            {
                raw = _reader.GetText();
            }
            else if (child == typeof(InlineString))
            {
                inline = ReadRichText(typeof(InlineString));
            }
        }

        if (Value(type, raw, inline, style, reference ?? "") is { } value)
        {
            Values.Set(column, value);
        }

        return column;
    }

    private object? Value(string? type, string? raw, string? inline, int style, string reference)
    {
        switch (type)
        {
            case "s":
                if (raw is null)
                {
                    return null;
                }

                if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= _sharedStrings.Length)
                {
                    throw new SourceFormatException("excel_unreadable",
                        $"Cell {reference} refers to shared string {raw}, which the workbook does not have.", _rowNumber);
                }

                return NullIfEmpty(_sharedStrings[index]);
            case "inlineStr":
                return NullIfEmpty(inline ?? (raw is null ? null : Unescape(raw)));
            case "str":
                return raw is null ? null : NullIfEmpty(Unescape(raw));
            case "b":
                return raw is null ? null : raw.Trim() is "1" or "true";
            case "e":
                return raw;
            case "d":
                return raw is null ? null
                    : DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date) ? date : raw;
            default:
                if (string.IsNullOrEmpty(raw))
                {
                    return null;
                }

                if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return raw;
                }

                return style < _dateStyles.Length && _dateStyles[style]
                    ? ExcelNumberFormats.FromSerial(number, _date1904)
                    : ExcelNumberFormats.Number(number);
        }
    }

    /// <summary>The text of a string item (<c>si</c> or <c>is</c>): its runs, without phonetic guides (<c>rPh</c>).</summary>
    private string ReadRichText(Type container) => ReadRichText(_reader, container, _text);

    private static string ReadRichText(OpenXmlReader reader, Type container, StringBuilder text)
    {
        text.Clear();
        var phonetic = false;
        while (reader.Read())
        {
            var type = reader.ElementType;
            if (type == container)
            {
                break;
            }

            if (type == typeof(PhoneticRun))
            {
                phonetic = reader.IsStartElement;
            }
            else if (type == typeof(Text) && reader.IsStartElement && !phonetic)
            {
                text.Append(reader.GetText());
            }
        }

        return Unescape(text.ToString());
    }

    private static string[] ReadSharedStrings(SharedStringTablePart part)
    {
        var strings = new List<string>();
        var text = new StringBuilder();
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                strings.Add(ReadRichText(reader, typeof(SharedStringItem), text));
            }
        }

        return [.. strings];
    }

    /// <summary>For each cell style (the <c>s</c> attribute), whether its number format shows a date.</summary>
    private static bool[] DateStyles(Stylesheet? styles)
    {
        if (styles?.CellFormats is not { } formats)
        {
            return [];
        }

        var custom = styles.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .GroupBy(f => f.NumberFormatId!.Value)
            .ToDictionary(g => g.Key, g => g.Last().FormatCode?.Value) ?? [];
        return formats.Elements<CellFormat>()
            .Select(f => f.NumberFormatId?.Value ?? 0)
            .Select(id => ExcelNumberFormats.IsDate(id, custom.GetValueOrDefault(id)))
            .ToArray();
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>Undoes Excel's <c>_xHHHH_</c> escapes of characters XML cannot hold (a carriage return is <c>_x000D_</c>).</summary>
    private static string Unescape(string text)
        => text.Contains("_x", StringComparison.Ordinal)
            ? EscapePattern().Replace(text, m => ((char)int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString())
            : text;

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex EscapePattern();
}
