using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Gongshu.Catalog;
using Xunit;

namespace Gongshu.Tests.CatalogTests.ExcelTests;

/// <summary>An error value in a test cell, as Excel stores #N/A.</summary>
public sealed record ErrorValue(string Text);

/// <summary>
/// Builds workbooks the way Excel saves them — strings in the shared string table, numbers as
/// numbers, booleans as booleans — so the import is tested on files it did not write itself.
/// Row <c>i</c> of a sheet's array is Excel row <c>i + 1</c>; a null row is left out.
/// </summary>
public static class TestWorkbook
{
    public static byte[] Build(params (string Name, object?[]?[] Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var strings = new List<string>();
            var sheetList = new Sheets();
            uint sheetId = 1;
            foreach (var (name, rows) in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < rows.Length; r++)
                {
                    if (rows[r] is not { } values)
                    {
                        continue;
                    }

                    var row = new Row { RowIndex = (uint)r + 1 };
                    for (var c = 0; c < values.Length; c++)
                    {
                        var reference = Gongshu.Catalog.Excel.CatalogWorkbook.ColumnLetter(c) + (r + 1).ToString(CultureInfo.InvariantCulture);
                        Cell? cell = values[c] switch
                        {
                            null => null,
                            string s => new Cell(new CellValue(Shared(strings, s))) { DataType = CellValues.SharedString },
                            bool b => new Cell(new CellValue(b ? "1" : "0")) { DataType = CellValues.Boolean },
                            ErrorValue e => new Cell(new CellValue(e.Text)) { DataType = CellValues.Error },
                            IFormattable n => new Cell(new CellValue(n.ToString(null, CultureInfo.InvariantCulture))),
                            var other => throw new ArgumentException($"Cannot write {other}."),
                        };
                        if (cell is not null)
                        {
                            cell.CellReference = reference;
                            row.Append(cell);
                        }
                    }

                    data.Append(row);
                }

                part.Worksheet = new Worksheet(data);
                sheetList.Append(new Sheet { Name = name, SheetId = sheetId++, Id = workbook.GetIdOfPart(part) });
            }

            var table = workbook.AddNewPart<SharedStringTablePart>();
            table.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })));
            workbook.Workbook = new Workbook(sheetList);
        }

        return stream.ToArray();
    }

    /// <summary>The schema errors Excel would trip over, as text; empty for a sound workbook.</summary>
    public static List<string> SchemaErrors(Stream workbook)
    {
        workbook.Position = 0;
        using var document = SpreadsheetDocument.Open(workbook, false);
        return new OpenXmlValidator(FileFormatVersions.Office2010).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
    }

    /// <summary>The text of every cell of a sheet by reference (A1 → value), read with the plain DOM.</summary>
    public static Dictionary<string, string> Cells(Stream workbook, string sheetName)
    {
        workbook.Position = 0;
        using var document = SpreadsheetDocument.Open(workbook, false);
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!,
            c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "");
    }

    public static string Json(ResourceMetadata metadata) => JsonSerializer.Serialize(metadata);

    public static void SameMetadata(ResourceMetadata expected, ResourceMetadata actual)
        => Assert.Equal(Json(MetadataInput.Normalize(expected)), Json(actual));

    /// <summary>A stream that cannot seek, as an HTTP request body.</summary>
    public sealed class Unseekable(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>An endless unseekable stream of zeros that counts what was read from it.</summary>
    public sealed class Endless : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            if (BytesRead == 0 && count >= 4)
            {
                buffer[offset] = (byte)'P';
                buffer[offset + 1] = (byte)'K';
                buffer[offset + 2] = 3;
                buffer[offset + 3] = 4;
            }

            BytesRead += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static string Shared(List<string> strings, string value)
    {
        var index = strings.IndexOf(value);
        if (index < 0)
        {
            strings.Add(value);
            index = strings.Count - 1;
        }

        return index.ToString(CultureInfo.InvariantCulture);
    }
}
