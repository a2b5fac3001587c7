using System.Globalization;
using System.Security;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Gongshu.Tests.CollectionTests.Sources.Excel;

/// <summary>
/// Writes .xlsx workbooks whose sheet XML is given as text, so a test controls every attribute
/// Excel may or may not write (skipped cells, missing references, inline strings, styles).
/// Styles: see the constants; they mirror the formats Excel and WPS write.
/// </summary>
public static class TestXlsx
{
    public const int General = 0;
    public const int Date = 1;                // built-in 14, yyyy/m/d
    public const int DateTime = 2;            // built-in 22, yyyy/m/d h:mm
    public const int ChineseDate = 3;         // custom yyyy"年"m"月"d"日"
    public const int QuotedLetters = 4;       // custom 0.0" days" — letters only inside quotes
    public const int RedNumber = 5;           // custom [Red]#,##0.00 — letters only inside brackets
    public const int Elapsed = 6;             // custom [h]:mm
    public const int BuiltInChineseDate = 7;  // built-in 31, which Chinese Excel shows as yyyy"年"m"月"d"日"
    public const int Escaped = 8;             // custom 0\d — an escaped letter
    public const int Percent = 9;             // built-in 10, 0.00%

    public static byte[] Build(string sheetData, string[]? sharedStrings = null, bool date1904 = false)
        => Build([("Sheet1", sheetData)], sharedStrings, date1904);

    public static byte[] Build((string Name, string SheetData)[] sheets, string[]? sharedStrings = null, bool date1904 = false)
    {
        using var stream = new MemoryStream();
        Write(stream, sheets.Select(s => (s.Name, (Action<TextWriter>)(w => w.Write(s.SheetData)))), sharedStrings ?? [], date1904);
        return stream.ToArray();
    }

    /// <summary>Writes a workbook whose sheets write their own <c>sheetData</c> content, row by row if they like.</summary>
    public static void Write(Stream stream, IEnumerable<(string Name, Action<TextWriter> WriteSheetData)> sheets, string[] sharedStrings, bool date1904)
    {
        using var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var sheetList = new Sheets();
        uint id = 1;
        foreach (var (name, writeSheetData) in sheets)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            using (var writer = new StreamWriter(part.GetStream(FileMode.Create)))
            {
                writer.Write("""<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
                writeSheetData(writer);
                writer.Write("</sheetData></worksheet>");
            }

            sheetList.Append(new Sheet { Name = name, SheetId = id++, Id = workbook.GetIdOfPart(part) });
        }

        var strings = workbook.AddNewPart<SharedStringTablePart>();
        using (var writer = new StreamWriter(strings.GetStream(FileMode.Create)))
        {
            writer.Write($"""<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{sharedStrings.Length}" uniqueCount="{sharedStrings.Length}">""");
            foreach (var s in sharedStrings)
            {
                // A string given as XML (starting with '<') is written as is: rich text runs and phonetic guides.
                writer.Write(s.StartsWith('<') ? $"<si>{s}</si>" : $"""<si><t xml:space="preserve">{SecurityElement.Escape(s)}</t></si>""");
            }

            writer.Write("</sst>");
        }

        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
        workbook.Workbook = new Workbook(new WorkbookProperties { Date1904 = date1904 ? true : null }, sheetList);
    }

    public static string Cell(string reference, string value, int style = General)
        => $"""<c r="{reference}"{StyleAttribute(style)}><v>{value}</v></c>""";

    public static string Number(string reference, double value, int style = General)
        => Cell(reference, value.ToString("R", CultureInfo.InvariantCulture), style);

    public static string Shared(string reference, int index) => $"""<c r="{reference}" t="s"><v>{index}</v></c>""";

    public static string Inline(string reference, string text)
        => $"""<c r="{reference}" t="inlineStr"><is><t>{SecurityElement.Escape(text)}</t></is></c>""";

    public static string Row(long number, params string[] cells) => $"""<row r="{number}">{string.Concat(cells)}</row>""";

    private static string StyleAttribute(int style) => style == General ? "" : $""" s="{style}" """.TrimEnd();

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy\"年\"m\"月\"d\"日\"" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0\" days\"" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "[Red]#,##0.00" },
            new NumberingFormat { NumberFormatId = 167, FormatCode = "[h]:mm" },
            new NumberingFormat { NumberFormatId = 168, FormatCode = "0\\d" }),
        new Fonts(new Font()),
        new Fills(new Fill()),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat { NumberFormatId = 0 },
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 22, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 166, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 167, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 31, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 168, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true }));
}
