using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Gongshu.Catalog.Excel;

/// <summary>One non-empty cell: its zero-based column, its text, and whether Excel shows an error value (#N/A…).</summary>
internal readonly record struct SheetCell(int Column, string Text, bool IsError);

/// <summary>One row as Excel numbers it (1-based), with its non-empty cells.</summary>
internal sealed record SheetRow(int Number, IReadOnlyList<SheetCell> Cells)
{
    public SheetCell? this[int column]
    {
        get
        {
            foreach (var cell in Cells)
            {
                if (cell.Column == column)
                {
                    return cell;
                }
            }

            return null;
        }
    }
}

/// <summary>
/// Reads an .xlsx package a row at a time with <see cref="OpenXmlReader"/>: only the shared
/// string table (which every sheet indexes into) and the current row are held in memory.
/// </summary>
internal sealed class WorkbookReader : IDisposable
{
    private readonly SpreadsheetDocument _document;
    private readonly CatalogImportOptions _options;
    private List<string>? _sharedStrings;

    private WorkbookReader(SpreadsheetDocument document, CatalogImportOptions options)
    {
        _document = document;
        _options = options;
    }

    /// <summary>Opens the package, or refuses with <c>not_xlsx</c> what is not an Excel workbook.</summary>
    public static WorkbookReader Open(Stream stream, CatalogImportOptions options)
    {
        var signature = new byte[4];
        stream.Position = 0;
        var read = stream.ReadAtLeast(signature, signature.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read == 0)
        {
            throw CatalogImportException.NotXlsx("文件是空的。", "The file is empty.");
        }

        if (read < 4 || signature[0] != 'P' || signature[1] != 'K' || signature[2] != 3 || signature[3] != 4)
        {
            // An OLE compound file is an .xls of Excel 97–2003, or an .xlsx protected by a password.
            throw signature is [0xD0, 0xCF, 0x11, 0xE0]
                ? CatalogImportException.NotXlsx("这是旧版 .xls 文件或加密的工作簿；请去掉密码并另存为 Excel 工作簿（.xlsx）。",
                    "This is an Excel 97–2003 .xls file or a password-protected workbook; remove the password and save it as an Excel workbook (.xlsx).")
                : CatalogImportException.NotXlsx("文件不是 Excel 工作簿（.xlsx）；请用目录模板填写后上传。",
                    "The file is not an Excel workbook (.xlsx); fill in the catalog template and upload it.");
        }

        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(stream, isEditable: false, new OpenSettings { MaxCharactersInPart = options.MaxPartCharacters });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw CatalogImportException.NotXlsx("文件是压缩包，但不是 Excel 工作簿（.xlsx），或者已损坏。",
                $"The file is a zip archive but not an Excel workbook (.xlsx), or it is damaged: {e.Message}");
        }

        if (document.WorkbookPart?.Workbook?.Sheets is null)
        {
            document.Dispose();
            throw CatalogImportException.NotXlsx("文件中没有工作簿内容。", "The file has no workbook part.");
        }

        return new WorkbookReader(document, options);
    }

    /// <summary>The worksheet with one of these names (trimmed, any case); null when there is none.</summary>
    public WorksheetPart? FindSheet(params string[] names)
    {
        var workbook = _document.WorkbookPart!;
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var name = sheet.Name?.Value?.Trim() ?? "";
            if (names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
                && sheet.Id?.Value is { } id && workbook.TryGetPartById(id, out var part) && part is WorksheetPart worksheet)
            {
                return worksheet;
            }
        }

        return null;
    }

    /// <summary>The sheet's rows in order, each with its non-empty cells.</summary>
    public IEnumerable<SheetRow> Rows(WorksheetPart part)
    {
        var strings = SharedStrings();
        using var reader = OpenXmlReader.Create(part);
        var rowNumber = 0;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            rowNumber = row.RowIndex?.Value is { } index ? (int)Math.Min(index, int.MaxValue) : rowNumber + 1;
            var cells = new List<SheetCell>();
            var column = -1;
            foreach (var cell in row.Elements<Cell>())
            {
                column = cell.CellReference?.Value is { } reference && ColumnIndex(reference) is { } parsed ? parsed : column + 1;
                if (Text(cell, strings) is { } value && (value.Text.Length > 0 || value.IsError))
                {
                    cells.Add(value with { Column = column });
                }
            }

            yield return new SheetRow(rowNumber, cells);
        }
    }

    public void Dispose() => _document.Dispose();

    /// <summary>The zero-based column of a reference such as <c>AB12</c>; null when it has no letters.</summary>
    internal static int? ColumnIndex(string reference)
    {
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            var upper = char.ToUpperInvariant(c);
            if (upper is < 'A' or > 'Z')
            {
                break;
            }

            column = (column * 26) + (upper - 'A' + 1);
            letters++;
            if (letters > 3)
            {
                return null;
            }
        }

        return letters == 0 ? null : column - 1;
    }

    private static SheetCell? Text(Cell cell, IReadOnlyList<string> strings)
    {
        var value = cell.CellValue?.Text;
        var type = cell.DataType?.Value ?? CellValues.Number;
        switch (type)
        {
            case CellValues.SharedString:
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < strings.Count
                    ? new SheetCell(0, strings[index], false)
                    : new SheetCell(0, value ?? "", true);
            case CellValues.InlineString:
                return new SheetCell(0, cell.InlineString is { } inline ? RichText(inline) : value ?? "", false);
            case CellValues.Boolean:
                return value is null ? null : new SheetCell(0, value == "1" ? "TRUE" : "FALSE", false);
            case CellValues.Error:
                return new SheetCell(0, value ?? "#VALUE!", true);
            case CellValues.String:
            case CellValues.Date:
                return value is null ? null : new SheetCell(0, WorkbookTerms.Unescape(value), false);
            default:
                return value is null ? null : new SheetCell(0, WorkbookTerms.PlainNumber(value), false);
        }
    }

    /// <summary>The text of a shared or inline string: its plain text or its runs, without phonetic guides (rPh).</summary>
    private static string RichText(OpenXmlElement item)
    {
        var text = new StringBuilder();
        foreach (var child in item.ChildElements)
        {
            switch (child)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case Run r:
                    text.Append(r.Text?.Text);
                    break;
            }
        }

        return WorkbookTerms.Unescape(text.ToString());
    }

    /// <summary>The shared string table, read once; refused as too large beyond <see cref="CatalogImportOptions.MaxSharedStringCharacters"/>.</summary>
    private List<string> SharedStrings()
    {
        if (_sharedStrings is not null)
        {
            return _sharedStrings;
        }

        var strings = new List<string>();
        if (_document.WorkbookPart!.SharedStringTablePart is { } part)
        {
            long characters = 0;
            using var reader = OpenXmlReader.Create(part);
            while (reader.Read())
            {
                if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                {
                    var text = RichText(reader.LoadCurrentElement()!);
                    characters += text.Length;
                    if (characters > _options.MaxSharedStringCharacters)
                    {
                        throw CatalogImportException.TooLarge(
                            $"工作簿中的文字超过 {_options.MaxSharedStringCharacters} 个字符。",
                            $"The workbook holds more than {_options.MaxSharedStringCharacters} characters of text.");
                    }

                    strings.Add(text);
                }
            }
        }

        return _sharedStrings = strings;
    }
}
