using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Gongshu.Catalog.Excel;

/// <summary>
/// Writes the template, rows streamed through an <see cref="OpenXmlWriter"/> per sheet: the
/// 「资源」 and 「信息项」 sheets side by side, then 「填写说明」 and 「分类代码」. Cells are inline
/// strings (no shared string table to hold) and numbers for 长度 and 小数位. The package is
/// built in a seekable buffer: the caller copies it out asynchronously.
/// </summary>
internal sealed class WorkbookWriter : IDisposable
{
    /// <summary>Rows below the headers the drop-downs cover in an empty template.</summary>
    public const int ValidationRows = 5_000;

    private const uint HeaderStyle = 1;
    private const uint KeyStyle = 2;
    private const uint ReadOnlyHeaderStyle = 3;
    private const uint TextStyle = 4;
    private const uint ReadOnlyTextStyle = 5;
    private const uint RequiredHeaderStyle = 6;

    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbook;
    private readonly IReadOnlyList<Classification> _classifications;
    private readonly SheetWriter _resources;
    private readonly SheetWriter _fields;
    private bool _completed;

    public WorkbookWriter(Stream buffer, IReadOnlyList<Classification> classifications)
    {
        _classifications = classifications.Where(c => c.Level >= 2).OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        _document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook);
        _workbook = _document.AddWorkbookPart();
        var styles = _workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles();
        styles.Stylesheet.Save();
        _resources = new SheetWriter(_workbook.AddNewPart<WorksheetPart>(), CatalogWorkbook.ResourceColumns);
        _fields = new SheetWriter(_workbook.AddNewPart<WorksheetPart>(), CatalogWorkbook.FieldColumns);
    }

    public int ResourceRows => _resources.DataRows;

    public int FieldRows => _fields.DataRows;

    /// <summary>A temporary file that deletes itself when closed.</summary>
    public static FileStream CreateBuffer()
        => new(Path.Combine(Path.GetTempPath(), $"gongshu-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81_920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>A row of 「资源」: values by column key (<see cref="WorkbookColumn.Key"/>).</summary>
    public void AddResource(IReadOnlyDictionary<string, string?> values) => _resources.AddRow(values);

    /// <summary>A row of 「信息项」: values by column key.</summary>
    public void AddField(IReadOnlyDictionary<string, string?> values) => _fields.AddRow(values);

    /// <summary>Closes the sheets with their drop-downs and writes the rest of the workbook.</summary>
    public void Complete()
    {
        var classificationRange = _classifications.Count == 0
            ? null
            : $"'{CatalogWorkbook.ClassificationsSheet}'!$A$2:$A${_classifications.Count + 1}";
        var resourcesId = _resources.Complete(classificationRange);
        var fieldsId = _fields.Complete(null);
        var sheets = new Sheets(
            new Sheet { Name = CatalogWorkbook.ResourcesSheet, SheetId = 1, Id = _workbook.GetIdOfPart(resourcesId) },
            new Sheet { Name = CatalogWorkbook.FieldsSheet, SheetId = 2, Id = _workbook.GetIdOfPart(fieldsId) },
            new Sheet { Name = CatalogWorkbook.GuideSheet, SheetId = 3, Id = _workbook.GetIdOfPart(WriteGuide()) });
        if (_classifications.Count > 0)
        {
            sheets.Append(new Sheet { Name = CatalogWorkbook.ClassificationsSheet, SheetId = 4, Id = _workbook.GetIdOfPart(WriteClassifications()) });
        }

        _workbook.Workbook = new Workbook(sheets);
        _workbook.Workbook.Save();
        _completed = true;
    }

    public void Dispose()
    {
        if (!_completed)
        {
            _resources.Dispose();
            _fields.Dispose();
        }

        _document.Dispose();
    }

    /// <summary>What each column asks for, with the general rules of the template.</summary>
    private WorksheetPart WriteGuide()
    {
        var rows = new List<string?[]>
        {
            new[] { "公共数据资源目录填报模板" },
            new[] { "1. 「资源」表每行一个信息资源，「信息项」表每行一个信息项，用「资源序号」关联；信息项按表中顺序排列。" },
            new[] { "2. 第 1 行是列名，第 2 行是英文键，请从第 3 行起填写；列的顺序可以调整，列名不能修改。" },
            new[] { "3. 导入时逐行检查，任何一处有误则整个文件都不导入，并列出每个错误所在的工作表、行和列。" },
            new[] { "4. 导入总是在本单位下新建草稿；「信息资源代码」和「状态」只在导出时填写，导入时忽略。" },
            new[] { "5. 下拉选项之外也可以填写英文代码（如 database、conditional、monthly）。" },
            Array.Empty<string?>(),
            new[] { "工作表", "列", "列名", "英文键", "必填", "说明", "可选值" },
        };
        foreach (var (sheet, columns) in new[] { (CatalogWorkbook.ResourcesSheet, CatalogWorkbook.ResourceColumns), (CatalogWorkbook.FieldsSheet, CatalogWorkbook.FieldColumns) })
        {
            rows.AddRange(columns.Select(c => new[]
            {
                sheet, c.Letter, c.Header, c.Key, c.Required ? WorkbookTerms.Yes : c.ReadOnly ? "只读" : "", c.Guide,
                c.Choices is null ? null : string.Join("、", c.Choices),
            }));
        }

        return StaticSheet(rows, [12, 6, 18, 20, 8, 80, 60], headerRow: 8);
    }

    private WorksheetPart WriteClassifications()
    {
        var rows = new List<string?[]> { new[] { "分类代码", "分类名称", "层级" } };
        rows.AddRange(_classifications.Select(c => new[] { c.Code, c.Name, c.Level switch { 2 => "项", 3 => "目", _ => "细目" } }));
        return StaticSheet(rows, [14, 40, 8], headerRow: 1);
    }

    private WorksheetPart StaticSheet(List<string?[]> rows, double[] widths, int headerRow)
    {
        var part = _workbook.AddNewPart<WorksheetPart>();
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true, Style = TextStyle })));
        writer.WriteStartElement(new SheetData());
        for (var r = 0; r < rows.Count; r++)
        {
            WriteRow(writer, r + 1, rows[r].Select((v, i) => (i, v, r + 1 == headerRow ? HeaderStyle : TextStyle, false)));
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        return part;
    }

    private static void WriteRow(OpenXmlWriter writer, int row, IEnumerable<(int Column, string? Value, uint Style, bool Numeric)> cells)
    {
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", row.ToString(CultureInfo.InvariantCulture))]);
        foreach (var (column, value, style, numeric) in cells)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            var reference = CatalogWorkbook.ColumnLetter(column) + row.ToString(CultureInfo.InvariantCulture);
            writer.WriteElement(numeric
                ? new Cell(new CellValue(value)) { CellReference = reference, StyleIndex = style }
                : new Cell(new InlineString(new Text(WorkbookTerms.Escape(value)))) { CellReference = reference, DataType = CellValues.InlineString, StyleIndex = style });
        }

        writer.WriteEndElement();
    }

    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Italic(), new FontSize { Val = 9 }, new Color { Rgb = "FF808080" }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new Color { Rgb = "FFC00000" }, new FontName { Val = "等线" }))
        { Count = 4 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }) { PatternType = PatternValues.Solid }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFEDEDED" }) { PatternType = PatternValues.Solid }))
        { Count = 4 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { FontId = 1, FillId = 2, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyFill = true },
            new CellFormat { FontId = 2, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat { FontId = 1, FillId = 3, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyFill = true },
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, NumberFormatId = 49, ApplyNumberFormat = true },
            new CellFormat { FontId = 0, FillId = 3, BorderId = 0, FormatId = 0, NumberFormatId = 49, ApplyNumberFormat = true, ApplyFill = true },
            new CellFormat { FontId = 3, FillId = 2, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyFill = true })
        { Count = 7 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    /// <summary>One data sheet being written: frozen headers, column widths and text formats, rows, then the drop-downs.</summary>
    private sealed class SheetWriter : IDisposable
    {
        private readonly WorksheetPart _part;
        private readonly IReadOnlyList<WorkbookColumn> _columns;
        private readonly OpenXmlWriter _writer;
        private int _nextRow = 1;

        public SheetWriter(WorksheetPart part, IReadOnlyList<WorkbookColumn> columns)
        {
            _part = part;
            _columns = columns;
            _writer = OpenXmlWriter.Create(part);
            _writer.WriteStartElement(new Worksheet());
            _writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = CatalogWorkbook.HeaderRows, TopLeftCell = $"A{CatalogWorkbook.HeaderRows + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { WorkbookViewId = 0 }));
            _writer.WriteElement(new Columns(columns.Select((c, i) => new Column
            {
                Min = (uint)i + 1, Max = (uint)i + 1, CustomWidth = true,
                Width = c.Key is "summary" or "description" or "shareCondition" or "legalBasis" or "openCondition" ? 40 : c.Numeric ? 8 : 16,
                Style = c.Numeric ? 0u : c.ReadOnly ? ReadOnlyTextStyle : TextStyle,
            })));
            _writer.WriteStartElement(new SheetData());
            Write(columns.Select(c => c.Header).ToList(), c => c.ReadOnly ? ReadOnlyHeaderStyle : c.Required ? RequiredHeaderStyle : HeaderStyle, numbers: false);
            Write(columns.Select(c => c.Key).ToList(), _ => KeyStyle, numbers: false);
        }

        public int DataRows => _nextRow - 1 - CatalogWorkbook.HeaderRows;

        public void AddRow(IReadOnlyDictionary<string, string?> values)
            => Write(_columns.Select(c => values.GetValueOrDefault(c.Key)).ToList(), c => c.Numeric ? 0 : c.ReadOnly ? ReadOnlyTextStyle : TextStyle, numbers: true);

        /// <summary>Ends the sheet with list validations on every column that offers choices; returns its part.</summary>
        public WorksheetPart Complete(string? classificationRange)
        {
            _writer.WriteEndElement();
            var last = CatalogWorkbook.HeaderRows + Math.Max(ValidationRows, DataRows);
            var validations = new List<DataValidation>();
            foreach (var (column, i) in _columns.Select((c, i) => (c, i)))
            {
                var formula = column.Choices is { } choices ? $"\"{string.Join(",", choices)}\""
                    : column.Key == "classificationCode" ? classificationRange
                    : null;
                if (formula is null)
                {
                    continue;
                }

                var letter = CatalogWorkbook.ColumnLetter(i);
                validations.Add(new DataValidation
                {
                    Type = DataValidationValues.List,
                    AllowBlank = true,
                    ShowErrorMessage = true,
                    ShowInputMessage = true,
                    // A warning, not a stop: the English codes are accepted too.
                    ErrorStyle = DataValidationErrorStyleValues.Warning,
                    ErrorTitle = column.Header,
                    Error = "不在下拉选项中；导入时仍接受英文代码。",
                    PromptTitle = column.Header,
                    Prompt = column.Guide.Length <= 255 ? column.Guide : column.Guide[..255],
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{letter}{CatalogWorkbook.HeaderRows + 1}:{letter}{last}" },
                    Formula1 = new Formula1(formula),
                });
            }

            if (validations.Count > 0)
            {
                _writer.WriteElement(new DataValidations(validations) { Count = (uint)validations.Count });
            }

            _writer.WriteEndElement();
            _writer.Close();
            return _part;
        }

        public void Dispose() => _writer.Dispose();

        private void Write(IReadOnlyList<string?> values, Func<WorkbookColumn, uint> style, bool numbers)
        {
            WriteRow(_writer, _nextRow++, values.Select((v, i) => (i, v, style(_columns[i]), numbers && _columns[i].Numeric)));
        }
    }
}
