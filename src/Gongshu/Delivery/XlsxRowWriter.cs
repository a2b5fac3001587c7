using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Gongshu.Catalog.Excel;
using Gongshu.Security.Encryption;

namespace Gongshu.Delivery;

/// <summary>
/// Writes delivered rows as one XLSX sheet, each row streamed through an <see cref="OpenXmlWriter"/>
/// into a self-deleting temporary file (a zip package needs a seekable stream), then copied to the
/// output asynchronously when complete — the same way as the catalog's workbook. Text goes in as
/// inline strings, so a value is never read as a formula; numbers stay numbers.
/// </summary>
internal sealed class XlsxRowWriter : RowWriter
{
    private readonly Stream _output;
    private readonly FileStream _buffer;
    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbook;
    private readonly WorksheetPart _sheet;
    private readonly OpenXmlWriter _writer;
    private readonly int _columns;
    private int _nextRow = 1;
    private bool _completed;

    public XlsxRowWriter(Stream output, IReadOnlyList<DeliveredColumn> columns)
    {
        _output = output;
        _columns = columns.Count;
        _buffer = WorkbookWriter.CreateBuffer();
        _document = SpreadsheetDocument.Create(_buffer, SpreadsheetDocumentType.Workbook);
        _workbook = _document.AddWorkbookPart();
        _sheet = _workbook.AddNewPart<WorksheetPart>();
        _writer = OpenXmlWriter.Create(_sheet);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
        { WorkbookViewId = 0 }));
        _writer.WriteStartElement(new SheetData());
        WriteRow(columns.Select(c => (object?)c.Name).ToArray());
    }

    public override ValueTask WriteAsync(object?[] row, CancellationToken ct)
    {
        WriteRow(row);
        return ValueTask.CompletedTask;
    }

    /// <summary>Only a complete workbook is sent: after a failure nothing has left, and the caller can still answer with a problem.</summary>
    public override void Complete() => _completed = true;

    public override async ValueTask DisposeAsync()
    {
        try
        {
            if (_completed)
            {
                _writer.WriteEndElement();
                _writer.WriteEndElement();
                _writer.Close();
                _workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = "data", SheetId = 1, Id = _workbook.GetIdOfPart(_sheet) }));
                _workbook.Workbook.Save();
                _document.Dispose();
                _buffer.Position = 0;
                await _buffer.CopyToAsync(_output);
                await _output.FlushAsync();
            }
        }
        finally
        {
            _writer.Dispose();
            _document.Dispose();
            await _buffer.DisposeAsync();
        }
    }

    private void WriteRow(object?[] values)
    {
        var row = _nextRow++.ToString(CultureInfo.InvariantCulture);
        _writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", row)]);
        for (var i = 0; i < _columns && i < values.Length; i++)
        {
            var reference = Catalog.Excel.CatalogWorkbook.ColumnLetter(i) + row;
            switch (values[i])
            {
                case null:
                    break;
                case long or int or decimal or double or float:
                    _writer.WriteElement(new Cell(new CellValue(Convert.ToString(values[i], CultureInfo.InvariantCulture)!)) { CellReference = reference });
                    break;
                case var value:
                    _writer.WriteElement(new Cell(new InlineString(new Text(WorkbookTerms.Escape(FieldValueText.ToText(value))) { Space = SpaceProcessingModeValues.Preserve }))
                    {
                        CellReference = reference,
                        DataType = CellValues.InlineString,
                    });
                    break;
            }
        }

        _writer.WriteEndElement();
    }
}
