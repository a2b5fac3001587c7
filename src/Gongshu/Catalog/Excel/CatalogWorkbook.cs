namespace Gongshu.Catalog.Excel;

/// <summary>
/// One column of the Excel template: where it stands, its Chinese header (row 1), its English
/// key (row 2), what it asks for, and the values a drop-down offers.
/// </summary>
/// <param name="Letter">The column letter in the template (A, B, …); an import finds columns by header, wherever they stand.</param>
/// <param name="Header">The Chinese header of row 1.</param>
/// <param name="Key">The English key of row 2 (the property of <see cref="ResourceMetadata"/> or <see cref="ResourceField"/> it fills).</param>
/// <param name="Guide">What to write, for the 填写说明 sheet.</param>
/// <param name="Required">An import refuses a sheet without this column and a row without a value in it.</param>
/// <param name="ReadOnly">Written by an export, ignored by an import.</param>
/// <param name="Numeric">Whole numbers (长度, 小数位); every other column is text.</param>
/// <param name="Choices">The values the template's drop-down offers; an import also takes the English codes.</param>
public sealed record WorkbookColumn(
    string Letter,
    string Header,
    string Key,
    string Guide,
    bool Required = false,
    bool ReadOnly = false,
    bool Numeric = false,
    IReadOnlyList<string>? Choices = null);

/// <summary>
/// The Excel template of the catalog (目录填报模板): a sheet 「资源」 with one resource a row and a
/// sheet 「信息项」 with one field a row, tied to its resource by 资源序号. Row 1 holds the Chinese
/// headers, row 2 the English keys, data starts on row 3. <see cref="CatalogImport"/> reads it,
/// <see cref="CatalogExport"/> fills it.
/// </summary>
public static class CatalogWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string ResourcesSheet = "资源";

    public const string FieldsSheet = "信息项";

    public const string GuideSheet = "填写说明";

    public const string ClassificationsSheet = "分类代码";

    /// <summary>The Chinese headers and the English keys; data starts on the row after.</summary>
    public const int HeaderRows = 2;

    /// <summary>Keywords, tags and related codes are separated by any of these; an export joins them with "；".</summary>
    public static readonly IReadOnlyList<char> ListSeparators = ['；', ';', '、', ',', '，', '\n'];

    internal const string RowKey = "rowKey";

    /// <summary>The columns of 「资源」.</summary>
    public static IReadOnlyList<WorkbookColumn> ResourceColumns { get; } = Lettered(
    [
        new("", "资源序号", RowKey, "本表内资源的编号（如 1、2、3），「信息项」表用它指明信息项属于哪个资源；不能重复。", Required: true),
        new("", "信息资源分类代码", "classificationCode", "信息资源分类的项、目或细目代码，如 101001（见「分类代码」表）；不能只填类（1、2、3）。", Required: true),
        new("", "信息资源名称", "name", $"本单位内不能重名，最多 {MetadataInput.MaxNameLength} 个字符。", Required: true),
        new("", "摘要", "summary", $"资源内容的说明，建议不少于 20 个字，最多 {MetadataInput.MaxSummaryLength} 个字符。"),
        new("", "关键字", "keywords", $"多个用“；”“、”或“,”分隔，最多 {MetadataInput.MaxListItems} 个。"),
        new("", "信息资源格式", "format", "下拉选择，或填英文代码。", Choices: Names(ResourceFormats.List)),
        new("", "格式子类", "formatSubtype", "如 xlsx、OFD、达梦 DM8。"),
        new("", "共享类型", "shareType", "下拉选择，或填英文代码。", Choices: Names(ShareTypes.List)),
        new("", "共享条件", "shareCondition", "有条件共享、不予共享时必须说明。"),
        new("", "共享方式", "shareMethod", "下拉选择，或填英文代码。", Choices: Names(ShareMethods.List)),
        new("", "法律依据", "legalBasis", "有条件共享、不予共享时必须填写法律法规或政策依据。"),
        new("", "开放类型", "openType", "下拉选择，或填英文代码。", Choices: Names(OpenTypes.List)),
        new("", "开放条件", "openCondition", "受限开放时必须说明。"),
        new("", "更新周期", "updateCycle", "下拉选择，或填英文代码。", Choices: Names(UpdateCycles.List)),
        new("", "关联资源代码", "relatedCodes", "已发布资源的信息资源代码，如 101001/00001；多个用“；”分隔。"),
        new("", "标签", "tags", "多个用“；”“、”或“,”分隔。"),
        new("", "信息资源代码", "code", "导出时填写（平台生成）；导入时忽略，导入总是新建草稿。", ReadOnly: true),
        new("", "状态", "state", "导出时填写；导入时忽略。", ReadOnly: true),
    ]);

    /// <summary>The columns of 「信息项」.</summary>
    public static IReadOnlyList<WorkbookColumn> FieldColumns { get; } = Lettered(
    [
        new("", "资源序号", RowKey, "所属资源在「资源」表中的资源序号。", Required: true),
        new("", "字段名", "name", "数据表列名：小写字母、数字和下划线，以字母开头，最长 63 个字符，如 id_number；同一资源内不能重复。", Required: true),
        new("", "中文名称", "label", "如 公民身份号码。"),
        new("", "数据类型", "type", "下拉选择，或填类型字母 C/N/Y/D/T/L/M/G/B/I/F。", Choices: Names(WorkbookTerms.FieldTypes)),
        new("", "长度", "length", $"只有 C 字符型（1–{MetadataInput.MaxCharacterLength}）和 N 数值型（1–{MetadataInput.MaxNumericDigits}）填写。", Numeric: true),
        new("", "小数位", "scale", "只有 N 数值型填写，不大于长度。", Numeric: true),
        new("", "描述", "description", $"最多 {MetadataInput.MaxTextLength} 个字符。"),
        new("", "是否主键", "isKey", "是 或 否（空为否）。", Choices: WorkbookTerms.YesNo),
        new("", "是否可为空", "nullable", "是 或 否（空为是）；主键不可为空。", Choices: WorkbookTerms.YesNo),
        new("", "分级", "grade", "数据分级 L1 不敏感、L2 低敏感、L3 较敏感、L4 敏感。", Choices: DataGrades.List.Terms.Select(t => t.Code).ToList()),
    ]);

    /// <summary>
    /// Writes the empty template. With <paramref name="classifications"/> (e.g.
    /// <see cref="Classifications.ListAsync"/>) it adds the 「分类代码」 sheet and a drop-down of
    /// its 项, 目 and 细目 on 信息资源分类代码.
    /// </summary>
    public static async Task WriteTemplateAsync(Stream output, IReadOnlyList<Classification>? classifications = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var buffer = WorkbookWriter.CreateBuffer();
        using (var writer = new WorkbookWriter(buffer, classifications ?? []))
        {
            writer.Complete();
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    /// <summary>The column letter of a zero-based column index: 0 → A, 26 → AA.</summary>
    public static string ColumnLetter(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    private static List<string> Names(TermList list) => list.Terms.Select(t => t.ChineseName).ToList();

    private static List<WorkbookColumn> Lettered(WorkbookColumn[] columns)
        => columns.Select((c, i) => c with { Letter = ColumnLetter(i) }).ToList();
}
