namespace Gongshu.Catalog;

/// <summary>
/// The metadata rules of the catalog (目录规范性要求) and the standardization score. Pure: the
/// caller says which related codes exist. Score = 100 − the weights of the distinct rules that
/// fail (a rule failing on three fields costs its weight once), never below 0.
/// </summary>
public static class MetadataRules
{
    public const int MinSummaryLength = 20;

    private const int BlockingWeight = 20;

    public static readonly MetadataRule ShareTypeMissing = Blocking("share_type_missing", "须填写共享类型", "The share type (共享类型) is set");
    public static readonly MetadataRule ShareConditionMissing = Blocking("share_condition_missing", "有条件共享或不予共享须填写共享条件", "A conditional or refused share states its condition");
    public static readonly MetadataRule LegalBasisMissing = Blocking("legal_basis_missing", "有条件共享或不予共享须填写法律法规或政策依据", "A conditional or refused share names its legal or policy basis");
    public static readonly MetadataRule ShareMethodMissing = Blocking("share_method_missing", "可共享的资源须填写共享方式", "A shared resource names its share method (table, api or file)");
    public static readonly MetadataRule ShareTypeExceedsGrade = Blocking("share_type_exceeds_grade", "L3、L4 级资源不得无条件共享", "A resource graded L3 or L4 is not shared unconditionally");
    public static readonly MetadataRule OpenTypeMissing = Blocking("open_type_missing", "须填写开放属性", "The open type (开放属性) is set");
    public static readonly MetadataRule OpenConditionMissing = Blocking("open_condition_missing", "受限开放须填写开放条件", "A restricted opening states its condition");
    public static readonly MetadataRule OpenTypeExceedsGrade = Blocking("open_type_exceeds_grade", "仅 L1 级资源可无条件开放，L4 级资源禁止开放", "Only L1 resources are opened unconditionally, and L4 resources are never opened");
    public static readonly MetadataRule SummaryMissing = Blocking("summary_missing", "须填写信息资源摘要", "The resource has a summary (摘要)");
    public static readonly MetadataRule FormatMissing = Blocking("format_missing", "须填写信息资源格式", "The resource format (信息资源格式) is set");
    public static readonly MetadataRule UpdateCycleMissing = Blocking("update_cycle_missing", "须填写更新周期", "The update cycle (更新周期) is set");
    public static readonly MetadataRule FieldsMissing = Blocking("fields_missing", "至少须有一个信息项", "The resource has at least one field (信息项)");
    public static readonly MetadataRule FieldTypeMissing = Blocking("field_type_missing", "每个信息项须填写数据类型", "Every field has a data type");
    public static readonly MetadataRule FieldLengthMissing = Blocking("field_length_missing", "字符型和数值型信息项须填写长度", "Every C (字符型) and N (数值型) field has a length");
    public static readonly MetadataRule FieldGradeMissing = Blocking("field_grade_missing", "每个信息项须填写数据分级", "Every field has a grade (L1–L4)");
    public static readonly MetadataRule KeyFieldMissing = Blocking("key_field_missing", "数据库资源或库表共享须标明主键信息项", "A database resource, or one shared as a table, marks its key field");
    public static readonly MetadataRule RelatedCodeUnknown = Blocking("related_code_unknown", "关联资源代码须为已发布的资源", "Every related code names a published resource");

    public static readonly MetadataRule SummaryTooShort = Advisory("summary_too_short", 10, $"摘要不少于 {MinSummaryLength} 个字", $"The summary has at least {MinSummaryLength} characters");
    public static readonly MetadataRule KeywordsMissing = Advisory("keywords_missing", 10, "至少填写一个关键字", "The resource has at least one keyword");
    public static readonly MetadataRule FormatSubtypeMissing = Advisory("format_subtype_missing", 5, "填写格式子类型", "The format subtype (e.g. xlsx, OFD) is set");
    public static readonly MetadataRule FieldLabelMissing = Advisory("field_label_missing", 5, "每个信息项填写中文名称", "Every field has a Chinese label");
    public static readonly MetadataRule FieldDescriptionMissing = Advisory("field_description_missing", 5, "每个信息项填写说明", "Every field has a description");

    /// <summary>Every rule, blocking first, in the order they are checked.</summary>
    public static IReadOnlyList<MetadataRule> All { get; } =
    [
        ShareTypeMissing, ShareConditionMissing, LegalBasisMissing, ShareMethodMissing, ShareTypeExceedsGrade,
        OpenTypeMissing, OpenConditionMissing, OpenTypeExceedsGrade, SummaryMissing, FormatMissing, UpdateCycleMissing,
        FieldsMissing, FieldTypeMissing, FieldLengthMissing, FieldGradeMissing, KeyFieldMissing, RelatedCodeUnknown,
        SummaryTooShort, KeywordsMissing, FormatSubtypeMissing, FieldLabelMissing, FieldDescriptionMissing,
    ];

    /// <summary>Checks normalized metadata; <paramref name="publishedCodes"/> holds the related codes that name published resources.</summary>
    public static MetadataReport Check(ResourceMetadata metadata, IReadOnlySet<string>? publishedCodes = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var failures = new List<RuleFailure>();
        void Fail(MetadataRule rule, string target, string? zhDetail = null, string? enDetail = null)
            => failures.Add(new RuleFailure(rule.Code, rule.Severity, target,
                zhDetail is null ? rule.Chinese : $"{rule.Chinese}：{zhDetail}", enDetail is null ? rule.English : $"{rule.English}: {enDetail}"));

        CheckSharing(metadata, Fail);
        CheckOpening(metadata, Fail);
        CheckDescription(metadata, Fail);
        CheckFields(metadata, Fail);
        foreach (var code in metadata.RelatedCodes.Where(c => publishedCodes?.Contains(c) != true))
        {
            Fail(RelatedCodeUnknown, "relatedCodes", code, $"{code} is not a published resource");
        }

        var lost = failures.Select(f => f.Rule).Distinct().Sum(code => All.First(r => r.Code == code).Weight);
        return new MetadataReport(Math.Max(0, 100 - lost), failures);
    }

    private delegate void Failure(MetadataRule rule, string target, string? zhDetail = null, string? enDetail = null);

    private static void CheckSharing(ResourceMetadata m, Failure fail)
    {
        if (m.ShareType is null)
        {
            fail(ShareTypeMissing, "shareType");
            return;
        }

        if (m.ShareType is ShareTypes.Conditional or ShareTypes.None)
        {
            if (m.ShareCondition is null)
            {
                fail(ShareConditionMissing, "shareCondition");
            }

            if (m.LegalBasis is null)
            {
                fail(LegalBasisMissing, "legalBasis");
            }
        }

        if (m.ShareType != ShareTypes.None && m.ShareMethod is null)
        {
            fail(ShareMethodMissing, "shareMethod");
        }

        if (m.ShareType == ShareTypes.Unconditional && m.Grade is { } grade && DataGrades.Level(grade) >= 3)
        {
            fail(ShareTypeExceedsGrade, "shareType", $"本资源为 {grade} 级", $"this resource is {grade}");
        }
    }

    private static void CheckOpening(ResourceMetadata m, Failure fail)
    {
        if (m.OpenType is null)
        {
            fail(OpenTypeMissing, "openType");
            return;
        }

        if (m.OpenType == OpenTypes.Restricted && m.OpenCondition is null)
        {
            fail(OpenConditionMissing, "openCondition");
        }

        var level = m.Grade is { } grade ? DataGrades.Level(grade) : 0;
        if ((m.OpenType == OpenTypes.Open && level > 1) || (m.OpenType == OpenTypes.Restricted && level == 4))
        {
            fail(OpenTypeExceedsGrade, "openType", $"本资源为 {m.Grade} 级", $"this resource is {m.Grade}");
        }
    }

    private static void CheckDescription(ResourceMetadata m, Failure fail)
    {
        if (m.Summary is null)
        {
            fail(SummaryMissing, "summary");
        }
        else if (m.Summary.Length < MinSummaryLength)
        {
            fail(SummaryTooShort, "summary", $"现为 {m.Summary.Length} 个字", $"it has {m.Summary.Length}");
        }

        if (m.Keywords.Count == 0)
        {
            fail(KeywordsMissing, "keywords");
        }

        if (m.Format is null)
        {
            fail(FormatMissing, "format");
        }
        else if (m.FormatSubtype is null)
        {
            fail(FormatSubtypeMissing, "formatSubtype");
        }

        if (m.UpdateCycle is null)
        {
            fail(UpdateCycleMissing, "updateCycle");
        }
    }

    private static void CheckFields(ResourceMetadata m, Failure fail)
    {
        if (m.Fields.Count == 0)
        {
            fail(FieldsMissing, "fields");
            return;
        }

        for (var i = 0; i < m.Fields.Count; i++)
        {
            var field = m.Fields[i];
            var path = $"fields[{i}]";
            if (field.Type is null)
            {
                fail(FieldTypeMissing, $"{path}.type", field.Name, field.Name);
            }
            else if (field.Type is "C" or "N" && field.Length is null)
            {
                fail(FieldLengthMissing, $"{path}.length", field.Name, field.Name);
            }

            if (field.Grade is null)
            {
                fail(FieldGradeMissing, $"{path}.grade", field.Name, field.Name);
            }

            if (field.Label is null)
            {
                fail(FieldLabelMissing, $"{path}.label", field.Name, field.Name);
            }

            if (field.Description is null)
            {
                fail(FieldDescriptionMissing, $"{path}.description", field.Name, field.Name);
            }
        }

        if ((m.Format == ResourceFormats.Database || m.ShareMethod == ShareMethods.Table) && !m.Fields.Any(f => f.IsKey))
        {
            fail(KeyFieldMissing, "fields");
        }
    }

    private static MetadataRule Blocking(string code, string chinese, string english)
        => new(code, RuleSeverity.Blocking, BlockingWeight, chinese, english);

    private static MetadataRule Advisory(string code, int weight, string chinese, string english)
        => new(code, RuleSeverity.Advisory, weight, chinese, english);
}
