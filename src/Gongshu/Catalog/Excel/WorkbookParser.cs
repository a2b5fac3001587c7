using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;

namespace Gongshu.Catalog.Excel;

/// <summary>A 「资源」 row as read: where it is, its 资源序号 and classification, its metadata, and its fields as they come.</summary>
internal sealed class ParsedResource
{
    public required int Row { get; init; }

    public required string? Key { get; init; }

    public required string? ClassificationCode { get; init; }

    public required ResourceMetadata Metadata { get; init; }

    public List<ResourceField> Fields { get; } = [];

    /// <summary>The row of each field name, to name the first use of a duplicate.</summary>
    public Dictionary<string, int> FieldRows { get; } = new(StringComparer.Ordinal);
}

/// <summary>The errors of one import, kept in sheet, row and column order; beyond the limit only counted.</summary>
internal sealed class ImportErrors(int max)
{
    private readonly List<(int Sheet, int Row, int Column, CatalogImportError Error)> _errors = [];

    public int Count { get; private set; }

    public void Add(int sheetOrder, int row, int column, CatalogImportError error)
    {
        Count++;
        if (_errors.Count < max)
        {
            _errors.Add((sheetOrder, row, column, error));
        }
    }

    public IReadOnlyList<CatalogImportError> Sorted()
        => _errors.OrderBy(e => e.Sheet).ThenBy(e => e.Row).ThenBy(e => e.Column).Select(e => e.Error).ToList();
}

/// <summary>
/// Reads the two sheets of the template and checks every row, collecting every problem with
/// its sheet, row and column. Values are checked by <see cref="MetadataInput"/> itself — each
/// cell on its own, so that one bad cell does not hide the next — and only the messages
/// (in Chinese and English) are the workbook's.
/// </summary>
internal sealed partial class WorkbookParser(CatalogImportOptions options, ImportErrors errors)
{
    public const int ResourcesOrder = 0;
    public const int FieldsOrder = 1;

    /// <summary>A metadata that passes <see cref="MetadataInput.Normalize"/>; one property is set to probe a cell.</summary>
    private static readonly ResourceMetadata Probe = new() { Name = "x" };

    private readonly ImportErrors _errors = errors;
    private readonly Dictionary<string, ParsedResource> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nameRows = new(StringComparer.Ordinal);
    private SheetLayout? _resourceLayout;

    public List<ParsedResource> Resources { get; } = [];

    public int FieldCount { get; private set; }

    public void Parse(WorkbookReader reader, CancellationToken ct)
    {
        var resources = reader.FindSheet(CatalogWorkbook.ResourcesSheet, "resources");
        var fields = reader.FindSheet(CatalogWorkbook.FieldsSheet, "fields");
        foreach (var (part, sheet, order) in new[] { (resources, CatalogWorkbook.ResourcesSheet, ResourcesOrder), (fields, CatalogWorkbook.FieldsSheet, FieldsOrder) })
        {
            if (part is null)
            {
                _errors.Add(order, 0, 0, new CatalogImportError(sheet, null, null, null, "sheet_missing",
                    $"工作簿中没有「{sheet}」工作表；请使用目录填报模板。", $"The workbook has no sheet named 「{sheet}」; use the catalog template."));
            }
        }

        if (resources is null || fields is null)
        {
            return;
        }

        _resourceLayout = ReadSheet(reader, resources, CatalogWorkbook.ResourcesSheet, ResourcesOrder, CatalogWorkbook.ResourceColumns,
            options.MaxResources, ReadResource, ct);
        var resourcesRead = _resourceLayout is not null;
        if (resourcesRead && Resources.Count == 0)
        {
            _errors.Add(ResourcesOrder, 0, 0, new CatalogImportError(CatalogWorkbook.ResourcesSheet, null, null, null, "no_resources",
                $"「{CatalogWorkbook.ResourcesSheet}」表中没有要导入的资源；请从第 {CatalogWorkbook.HeaderRows + 1} 行起填写。",
                $"The sheet 「{CatalogWorkbook.ResourcesSheet}」 has no resources to import; fill it in from row {CatalogWorkbook.HeaderRows + 1}."));
        }

        ReadSheet(reader, fields, CatalogWorkbook.FieldsSheet, FieldsOrder, CatalogWorkbook.FieldColumns,
            options.MaxFieldRows, row => ReadField(row, resourcesRead), ct);
    }

    /// <summary>An error on a 「资源」 row found after reading (against the catalog).</summary>
    public void ResourceError(ParsedResource resource, string key, string code, string zh, string en)
        => new RowContext(this, _resourceLayout!, new SheetRow(resource.Row, [])).Error(key, code, zh, en);

    /// <summary>Reads one sheet: the header row, the row of English keys if present, then the data rows; null when the header is unusable.</summary>
    private SheetLayout? ReadSheet(WorkbookReader reader, WorksheetPart part, string sheet, int order, IReadOnlyList<WorkbookColumn> columns,
        int maxRows, Action<RowContext> read, CancellationToken ct)
    {
        SheetLayout? layout = null;
        var keyRowChecked = false;
        var dataRows = 0;
        foreach (var row in reader.Rows(part))
        {
            ct.ThrowIfCancellationRequested();
            if (row.Cells.Count == 0)
            {
                continue;
            }

            if (layout is null)
            {
                layout = SheetLayout.FromHeader(sheet, order, columns, row, _errors);
                if (layout is null)
                {
                    return null;
                }

                continue;
            }

            if (!keyRowChecked)
            {
                keyRowChecked = true;
                if (layout.IsKeyRow(row))
                {
                    continue;
                }
            }

            if (layout.IsBlank(row))
            {
                continue;
            }

            if (++dataRows > maxRows)
            {
                throw new GongshuException(ErrorKind.BadRequest, "too_many_rows",
                    $"The sheet 「{sheet}」 has more than {maxRows} rows; import at most {maxRows} at a time. (「{sheet}」表超过 {maxRows} 行，请分批导入。)", sheet);
            }

            read(new RowContext(this, layout, row));
        }

        if (layout is null)
        {
            _errors.Add(order, 0, 0, new CatalogImportError(sheet, null, null, null, "header_missing",
                $"「{sheet}」工作表是空的，没有列名行。", $"The sheet 「{sheet}」 is empty: it has no header row."));
        }

        return layout;
    }

    private void ReadResource(RowContext r)
    {
        var key = RowKey(r);
        if (key is not null && _byKey.TryGetValue(key, out var first))
        {
            r.Error(CatalogWorkbook.RowKey, "duplicate_row_key", $"资源序号「{key}」与第 {first.Row} 行重复。",
                $"The 资源序号 '{key}' is already used on row {first.Row}.");
            key = null;
        }

        var classification = r.Get("classificationCode");
        if (classification is null)
        {
            r.Required("classificationCode");
        }
        else if (!classification.All(char.IsAsciiDigit) || classification.Length > 12)
        {
            r.Error("classificationCode", "unknown_classification", $"「{classification}」不是信息资源分类代码（如 101001）。",
                $"'{classification}' is not a classification code (e.g. 101001).");
            classification = null;
        }

        var name = r.Get("name") is { } rawName ? Check(r, "name", rawName, m => m with { Name = rawName }, m => m.Name) : r.Required("name");
        if (name is not null)
        {
            if (_nameRows.TryGetValue(name, out var nameRow))
            {
                r.Error("name", "duplicate_resource_name", $"与第 {nameRow} 行的资源同名「{name}」。",
                    $"Row {nameRow} already has a resource named '{name}'.");
            }
            else
            {
                _nameRows[name] = r.Row;
            }
        }

        var resource = new ParsedResource
        {
            Row = r.Row,
            Key = key,
            ClassificationCode = classification,
            Metadata = new ResourceMetadata
            {
                Name = name ?? "",
                Summary = Text(r, "summary", (m, v) => m with { Summary = v }, m => m.Summary),
                Keywords = List(r, "keywords", (m, v) => m with { Keywords = v }, m => m.Keywords),
                Format = Term(r, "format", ResourceFormats.List),
                FormatSubtype = Text(r, "formatSubtype", (m, v) => m with { FormatSubtype = v }, m => m.FormatSubtype),
                ShareType = Term(r, "shareType", ShareTypes.List),
                ShareCondition = Text(r, "shareCondition", (m, v) => m with { ShareCondition = v }, m => m.ShareCondition),
                ShareMethod = Term(r, "shareMethod", ShareMethods.List),
                LegalBasis = Text(r, "legalBasis", (m, v) => m with { LegalBasis = v }, m => m.LegalBasis),
                OpenType = Term(r, "openType", OpenTypes.List),
                OpenCondition = Text(r, "openCondition", (m, v) => m with { OpenCondition = v }, m => m.OpenCondition),
                UpdateCycle = Term(r, "updateCycle", UpdateCycles.List),
                RelatedCodes = List(r, "relatedCodes", (m, v) => m with { RelatedCodes = v }, m => m.RelatedCodes),
                Tags = List(r, "tags", (m, v) => m with { Tags = v }, m => m.Tags),
            },
        };
        if (key is not null)
        {
            _byKey[key] = resource;
        }

        Resources.Add(resource);
    }

    private void ReadField(RowContext r, bool resourcesRead)
    {
        FieldCount++;
        var key = RowKey(r);
        ParsedResource? owner = null;
        if (key is not null && !_byKey.TryGetValue(key, out owner) && resourcesRead)
        {
            r.Error(CatalogWorkbook.RowKey, "resource_row_missing", $"「{CatalogWorkbook.ResourcesSheet}」表中没有资源序号为「{key}」的资源。",
                $"No row of 「{CatalogWorkbook.ResourcesSheet}」 has the 资源序号 '{key}'.");
        }

        var name = r.Get("name") is { } rawName
            ? Check(r, "name", rawName, m => m with { Fields = [new ResourceField { Name = rawName }] }, m => m.Fields[0].Name)
            : r.Required("name");
        if (name is not null && owner is not null)
        {
            if (owner.FieldRows.TryGetValue(name, out var firstRow))
            {
                r.Error("name", "duplicate_field_name", $"同一资源中字段名「{name}」重复（第 {firstRow} 行已使用）。",
                    $"The field name '{name}' is already used by this resource on row {firstRow}.");
            }
            else
            {
                owner.FieldRows[name] = r.Row;
            }
        }

        var type = r.Get("type") is { } rawType
            ? Check(r, "type", rawType, m => m with { Fields = [new ResourceField { Name = "x", Type = WorkbookTerms.ToCode(WorkbookTerms.FieldTypes, rawType) }] }, m => m.Fields[0].Type)
            : null;
        var length = Whole(r, "length") is { } rawLength
            ? Check(r, "length", rawLength.ToString(CultureInfo.InvariantCulture), m => m with { Fields = [new ResourceField { Name = "x", Type = type, Length = rawLength }] }, m => m.Fields[0].Length)
            : null;
        var scale = Whole(r, "scale") is { } rawScale
            ? Check(r, "scale", rawScale.ToString(CultureInfo.InvariantCulture), m => m with { Fields = [new ResourceField { Name = "x", Type = type, Length = length, Scale = rawScale }] }, m => m.Fields[0].Scale)
            : null;
        var field = new ResourceField
        {
            Name = name ?? "",
            Label = Text(r, "label", (m, v) => m with { Fields = [new ResourceField { Name = "x", Label = v }] }, m => m.Fields[0].Label),
            Type = type,
            Length = length,
            Scale = scale,
            Description = Text(r, "description", (m, v) => m with { Fields = [new ResourceField { Name = "x", Description = v }] }, m => m.Fields[0].Description),
            IsKey = Boolean(r, "isKey") ?? false,
            Nullable = Boolean(r, "nullable") ?? true,
            Grade = Term(r, "grade", DataGrades.List),
        };
        if (owner is not null)
        {
            if (owner.Fields.Count == MetadataInput.MaxFields)
            {
                r.Error(CatalogWorkbook.RowKey, "too_many_fields", $"一个资源最多有 {MetadataInput.MaxFields} 个信息项。",
                    $"A resource has at most {MetadataInput.MaxFields} fields.");
            }

            owner.Fields.Add(field);
        }
    }

    private static string? RowKey(RowContext r)
        => r.Get(CatalogWorkbook.RowKey) is { } key ? key : r.Required(CatalogWorkbook.RowKey);

    private static string? Text(RowContext r, string key, Func<ResourceMetadata, string, ResourceMetadata> set, Func<ResourceMetadata, string?> get)
        => r.Get(key) is { } raw ? Check(r, key, raw, m => set(m, raw), get) : null;

    private static IReadOnlyList<string> List(RowContext r, string key, Func<ResourceMetadata, IReadOnlyList<string>, ResourceMetadata> set,
        Func<ResourceMetadata, IReadOnlyList<string>> get)
    {
        var raw = r.Get(key);
        if (raw is null)
        {
            return [];
        }

        var items = WorkbookTerms.Split(raw);
        return Check(r, key, raw, m => set(m, items), get, items) ?? [];
    }

    /// <summary>A controlled value given by code or Chinese name; the vocabulary's own check refuses anything else.</summary>
    private static string? Term(RowContext r, string key, TermList list)
    {
        if (r.Get(key) is not { } raw)
        {
            return null;
        }

        try
        {
            return list.Normalize(WorkbookTerms.ToCode(list, raw), key);
        }
        catch (GongshuException e)
        {
            r.Error(key, e.Code, $"「{raw}」不是有效的{r.Header(key)}；可填：{WorkbookTerms.Describe(list)}。", e.Message);
            return null;
        }
    }

    private static int? Whole(RowContext r, string key)
    {
        if (r.Get(key) is not { } raw)
        {
            return null;
        }

        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        r.Error(key, "invalid_number", $"「{r.Header(key)}」必须是整数，而不是「{raw}」。", $"{r.Key(key)} must be a whole number, not '{raw}'.");
        return null;
    }

    private static bool? Boolean(RowContext r, string key)
    {
        if (r.Get(key) is not { } raw)
        {
            return null;
        }

        if (WorkbookTerms.ToBoolean(raw) is { } value)
        {
            return value;
        }

        r.Error(key, "invalid_boolean", $"「{r.Header(key)}」请填写“是”或“否”，而不是「{raw}」。", $"{r.Key(key)} must be 是 (yes) or 否 (no), not '{raw}'.");
        return null;
    }

    /// <summary>
    /// Runs <see cref="MetadataInput.Normalize"/> on a metadata carrying only this cell's value
    /// and returns the normalized value, or records its refusal against the cell.
    /// </summary>
    private static T? Check<T>(RowContext r, string key, string raw, Func<ResourceMetadata, ResourceMetadata> set, Func<ResourceMetadata, T> get,
        IReadOnlyList<string>? items = null)
    {
        try
        {
            return get(MetadataInput.Normalize(set(Probe)));
        }
        catch (GongshuException e)
        {
            r.Error(key, e.Code, Chinese(e, r.Header(key), raw, items), e.Message);
            return default;
        }
    }

    /// <summary>The Chinese message of a refusal of <see cref="MetadataInput"/>, which words its own in English.</summary>
    internal static string Chinese(GongshuException e, string header, string raw, IReadOnlyList<string>? items = null)
    {
        var item = ItemIndex().Match(e.Field ?? "") is { Success: true } m && items is not null
            && int.TryParse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture, out var i) && i < items.Count
            ? items[i]
            : null;
        var value = item ?? raw;
        return e.Code switch
        {
            "name_required" => $"「{header}」必须填写。",
            "invalid_field_name" => $"字段名{WorkbookTerms.Quote(value)}无效：只能用小写字母、数字和下划线，以字母开头，最长 63 个字符，不能以下划线开头（如 id_number）。",
            "duplicate_field_name" => $"字段名{WorkbookTerms.Quote(value)}重复。",
            "unknown_field_type" => $"{WorkbookTerms.Quote(value)}不是有效的数据类型；可填：{string.Join("、", WorkbookTerms.FieldTypes.Terms.Select(t => t.Code + " " + t.ChineseName))}。",
            "length_not_allowed" => "只有 C（字符型）和 N（数值型）字段有长度。",
            "scale_not_allowed" => "只有 N（数值型）字段有小数位。",
            "invalid_related_code" => $"{WorkbookTerms.Quote(value)}不是信息资源代码（分类码/顺序码，如 101001/00001）。",
            "invalid_input" when value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) => $"「{header}」含有控制字符。",
            "invalid_input" when AtMostCharacters().Match(e.Message) is { Success: true } m2 => item is not null
                ? $"「{header}」中的{WorkbookTerms.Quote(item)}有 {item.Length} 个字符，每项最多 {m2.Groups[1].Value} 个。"
                : $"「{header}」有 {raw.Length} 个字符，最多 {m2.Groups[1].Value} 个。",
            "invalid_input" when AtMostItems().Match(e.Message) is { Success: true } m3 => $"「{header}」最多填写 {m3.Groups[1].Value} 项。",
            "invalid_input" when LengthRange().Match(e.Message) is { Success: true } m4 => $"长度必须在 1 到 {m4.Groups[1].Value} 之间。",
            "invalid_input" when e.Message.StartsWith("The decimal places", StringComparison.Ordinal) => "小数位必须在 0 到长度之间。",
            _ => $"「{header}」的值{WorkbookTerms.Quote(raw)}无效。",
        };
    }

    [GeneratedRegex(@"\[(\d+)\]$")]
    private static partial Regex ItemIndex();

    [GeneratedRegex(@"at most (\d+) are allowed")]
    private static partial Regex AtMostCharacters();

    [GeneratedRegex(@"^Give at most (\d+)")]
    private static partial Regex AtMostItems();

    [GeneratedRegex(@"between 1 and (\d+)")]
    private static partial Regex LengthRange();

    /// <summary>One data row being read: its cells by column key, and its errors.</summary>
    private sealed class RowContext(WorkbookParser parser, SheetLayout layout, SheetRow row)
    {
        public int Row => row.Number;

        public string Header(string key) => layout.Column(key).Header;

        public string Key(string key) => $"{layout.Column(key).Header} ({key})";

        /// <summary>The trimmed text of the cell, null when blank or when the sheet lacks the column; an error value is reported.</summary>
        public string? Get(string key)
        {
            if (layout.IndexOf(key) is not { } index || row[index] is not { } cell)
            {
                return null;
            }

            if (cell.IsError)
            {
                Error(key, "cell_error", $"单元格是错误值 {cell.Text}。", $"The cell holds the error value {cell.Text}.");
                return null;
            }

            var text = cell.Text.Trim();
            return text.Length == 0 ? null : text;
        }

        public string? Required(string key)
        {
            Error(key, "required", $"「{Header(key)}」必须填写。", $"{Key(key)} is required.");
            return null;
        }

        public void Error(string key, string code, string zh, string en)
        {
            var index = layout.IndexOf(key) ?? -1;
            parser._errors.Add(layout.Order, row.Number, index,
                new CatalogImportError(layout.Sheet, row.Number, index < 0 ? null : CatalogWorkbook.ColumnLetter(index), Header(key), code, zh, en));
        }
    }
}

/// <summary>Where a sheet's columns stand, found by their headers (Chinese, or the English key).</summary>
internal sealed class SheetLayout
{
    private readonly Dictionary<string, int> _indexes;
    private readonly IReadOnlyList<WorkbookColumn> _columns;

    private SheetLayout(string sheet, int order, IReadOnlyList<WorkbookColumn> columns, Dictionary<string, int> indexes)
    {
        Sheet = sheet;
        Order = order;
        _columns = columns;
        _indexes = indexes;
    }

    public string Sheet { get; }

    public int Order { get; }

    /// <summary>Maps the header row; reports unknown duplicates and missing required columns (then returns null).</summary>
    public static SheetLayout? FromHeader(string sheet, int order, IReadOnlyList<WorkbookColumn> columns, SheetRow header, ImportErrors errors)
    {
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var usable = true;
        foreach (var cell in header.Cells)
        {
            var text = Normalize(cell.Text);
            if (columns.FirstOrDefault(c => c.Header == text || string.Equals(c.Key, text, StringComparison.OrdinalIgnoreCase)) is not { } column)
            {
                continue;
            }

            if (indexes.TryGetValue(column.Key, out var first))
            {
                errors.Add(order, header.Number, cell.Column, new CatalogImportError(sheet, header.Number, CatalogWorkbook.ColumnLetter(cell.Column),
                    column.Header, "duplicate_column", $"「{column.Header}」列出现了两次（另见 {CatalogWorkbook.ColumnLetter(first)} 列）。",
                    $"The column {column.Header} ({column.Key}) appears twice (also column {CatalogWorkbook.ColumnLetter(first)})."));
                usable = false;
                continue;
            }

            indexes[column.Key] = cell.Column;
        }

        foreach (var column in columns.Where(c => c.Required && !indexes.ContainsKey(c.Key)))
        {
            errors.Add(order, header.Number, int.MaxValue, new CatalogImportError(sheet, header.Number, null, column.Header, "column_missing",
                $"第 {header.Number} 行（列名行）缺少「{column.Header}」列。", $"The header row {header.Number} has no column {column.Header} ({column.Key})."));
            usable = false;
        }

        return usable ? new SheetLayout(sheet, order, columns, indexes) : null;
    }

    public int? IndexOf(string key) => _indexes.TryGetValue(key, out var index) ? index : null;

    public WorkbookColumn Column(string key) => _columns.First(c => c.Key == key);

    /// <summary>The template's second row: every mapped cell holds its column's English key.</summary>
    public bool IsKeyRow(SheetRow row)
    {
        var mapped = _indexes.Where(p => row[p.Value] is not null).ToList();
        return mapped.Count > 0 && mapped.All(p => string.Equals(row[p.Value]!.Value.Text.Trim(), p.Key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// No value in any column an import reads. Read-only and unknown columns do not count, and
    /// neither does 资源序号: a template numbered in advance has rows with nothing but their number.
    /// </summary>
    public bool IsBlank(SheetRow row)
        => _columns.Where(c => !c.ReadOnly && c.Key != CatalogWorkbook.RowKey).All(c => IndexOf(c.Key) is not { } index
            || row[index] is not { } cell || (!cell.IsError && string.IsNullOrWhiteSpace(cell.Text)));

    /// <summary>A header without spaces, a required marker (*) or a note in brackets: 「信息资源名称*」, 「长度（位）」.</summary>
    private static string Normalize(string header)
    {
        var text = string.Concat(header.Where(c => !char.IsWhiteSpace(c))).TrimEnd('*', '＊');
        var bracket = text.IndexOfAny(['（', '(']);
        return bracket > 0 ? text[..bracket].TrimEnd('*', '＊') : text;
    }
}
