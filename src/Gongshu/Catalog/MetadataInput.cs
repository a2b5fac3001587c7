using System.Text.RegularExpressions;
using Gongshu.Storage;

namespace Gongshu.Catalog;

/// <summary>
/// Checks what a provider sends before anything is stored: values that can never be right
/// (an unknown type, a bad field name, a length on a date) are refused with a 400 naming the
/// input, even on a draft. What is merely missing is left to <see cref="MetadataRules"/>.
/// </summary>
public static partial class MetadataInput
{
    public const int MaxNameLength = 100;
    public const int MaxSummaryLength = 2_000;
    public const int MaxListItems = 20;
    public const int MaxListItemLength = 30;
    public const int MaxTextLength = 1_000;
    public const int MaxFields = 1_000;
    public const int MaxRelatedCodes = 100;
    public const int MaxCharacterLength = 10_000;
    public const int MaxNumericDigits = 38;

    /// <summary>The metadata trimmed, with codes in their canonical case, or a <see cref="GongshuException"/>.</summary>
    public static ResourceMetadata Normalize(ResourceMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var name = Text(metadata.Name, "name", MaxNameLength)
            ?? throw GongshuException.Invalid("name", "The resource needs a name (信息资源名称).", "name_required");
        return new ResourceMetadata
        {
            Name = name,
            Summary = Text(metadata.Summary, "summary", MaxSummaryLength),
            Keywords = List(metadata.Keywords, "keywords"),
            Format = ResourceFormats.List.Normalize(metadata.Format),
            FormatSubtype = Text(metadata.FormatSubtype, "formatSubtype", 50),
            Fields = Fields(metadata.Fields),
            ShareType = ShareTypes.List.Normalize(metadata.ShareType),
            ShareCondition = Text(metadata.ShareCondition, "shareCondition", MaxTextLength),
            ShareMethod = ShareMethods.List.Normalize(metadata.ShareMethod),
            LegalBasis = Text(metadata.LegalBasis, "legalBasis", MaxTextLength),
            OpenType = OpenTypes.List.Normalize(metadata.OpenType),
            OpenCondition = Text(metadata.OpenCondition, "openCondition", MaxTextLength),
            UpdateCycle = UpdateCycles.List.Normalize(metadata.UpdateCycle),
            RelatedCodes = RelatedCodes(metadata.RelatedCodes),
            Tags = List(metadata.Tags, "tags"),
        };
    }

    /// <summary>True for a well-formed 信息资源代码 such as <c>101001/00001</c>.</summary>
    public static bool IsResourceCode(string code) => ResourceCodePattern().IsMatch(code);

    private static List<ResourceField> Fields(IReadOnlyList<ResourceField>? fields)
    {
        fields ??= [];
        if (fields.Count > MaxFields)
        {
            throw GongshuException.Invalid("fields", $"A resource has at most {MaxFields} fields.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<ResourceField>(fields.Count);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i] ?? throw GongshuException.Invalid($"fields[{i}]", "A field cannot be null.");
            var path = $"fields[{i}]";
            var name = field.Name?.Trim() ?? "";
            if (!SqlDialect.IsValidIdentifier(name) || name.StartsWith('_'))
            {
                throw GongshuException.Invalid($"{path}.name",
                    $"'{name}' is not a valid field name: use lower-case letters, digits and '_', starting with a letter, at most 63 characters (e.g. id_number).",
                    "invalid_field_name");
            }

            if (!names.Add(name))
            {
                throw GongshuException.Invalid($"{path}.name", $"The field name '{name}' is used twice.", "duplicate_field_name");
            }

            var type = FieldTypeCode(field.Type, $"{path}.type");
            CheckSize(field, type, path);
            result.Add(new ResourceField
            {
                Name = name,
                Label = Text(field.Label, $"{path}.label", MaxNameLength),
                Type = type,
                Length = field.Length,
                Scale = field.Scale,
                Description = Text(field.Description, $"{path}.description", MaxTextLength),
                IsKey = field.IsKey,
                Nullable = field.Nullable && !field.IsKey,
                Grade = DataGrades.List.Normalize(field.Grade, $"{path}.grade"),
            });
        }

        return result;
    }

    private static string? FieldTypeCode(string? text, string path)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var code = text.Trim();
        if (code.Length != 1)
        {
            throw GongshuException.Invalid(path, $"'{code}' is not a field type; use one letter of C/N/Y/D/T/L/M/G/B/I/F.", "unknown_field_type");
        }

        try
        {
            return FieldTypes.FromCode(code[0]).Code().ToString();
        }
        catch (GongshuException e)
        {
            throw GongshuException.Invalid(path, e.Message, e.Code);
        }
    }

    /// <summary>Only C (characters) and N (digits) have a length; only N has decimal places.</summary>
    private static void CheckSize(ResourceField field, string? type, string path)
    {
        if (field.Length is { } length)
        {
            if (type is not null and not ("C" or "N"))
            {
                throw GongshuException.Invalid($"{path}.length",
                    $"A field of type {type} has no length; only C (字符型) and N (数值型) do.", "length_not_allowed");
            }

            var max = type == "N" ? MaxNumericDigits : MaxCharacterLength;
            if (length < 1 || length > max)
            {
                throw GongshuException.Invalid($"{path}.length", $"The length must be between 1 and {max}.");
            }
        }

        if (field.Scale is { } scale)
        {
            if (type is not null and not "N")
            {
                throw GongshuException.Invalid($"{path}.scale", $"A field of type {type} has no decimal places; only N (数值型) does.", "scale_not_allowed");
            }

            if (scale < 0 || scale > (field.Length ?? MaxNumericDigits))
            {
                throw GongshuException.Invalid($"{path}.scale", "The decimal places must be between 0 and the length.");
            }
        }
    }

    private static List<string> RelatedCodes(IReadOnlyList<string>? codes)
    {
        var result = new List<string>();
        foreach (var (text, i) in (codes ?? []).Select((c, i) => (c, i)))
        {
            var code = text?.Trim() ?? "";
            if (!IsResourceCode(code))
            {
                throw GongshuException.Invalid($"relatedCodes[{i}]",
                    $"'{code}' is not a resource code (分类码/顺序码, e.g. 101001/00001).", "invalid_related_code");
            }

            if (!result.Contains(code))
            {
                result.Add(code);
            }
        }

        return result.Count <= MaxRelatedCodes
            ? result
            : throw GongshuException.Invalid("relatedCodes", $"Give at most {MaxRelatedCodes} related codes.");
    }

    private static List<string> List(IReadOnlyList<string>? items, string field)
    {
        var result = new List<string>();
        foreach (var (text, i) in (items ?? []).Select((t, i) => (t, i)))
        {
            if (Text(text, $"{field}[{i}]", MaxListItemLength) is { } item && !result.Contains(item))
            {
                result.Add(item);
            }
        }

        if (result.Count > MaxListItems)
        {
            throw GongshuException.Invalid(field, $"Give at most {MaxListItems} {field}.");
        }

        return result;
    }

    /// <summary>Trimmed text, null when blank; refuses overlong text and control characters.</summary>
    private static string? Text(string? text, string field, int maxLength)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            throw GongshuException.Invalid(field, $"{field} is {value.Length} characters long; at most {maxLength} are allowed.");
        }

        if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            throw GongshuException.Invalid(field, $"{field} contains a control character.");
        }

        return value;
    }

    [GeneratedRegex("^[1-9][0-9]{0,8}/[0-9]{5}$")]
    private static partial Regex ResourceCodePattern();
}
