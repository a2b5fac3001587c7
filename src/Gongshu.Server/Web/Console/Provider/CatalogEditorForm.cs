using System.Globalization;
using System.Text.RegularExpressions;
using Gongshu.Catalog;
using Gongshu.Server.Web.Shared;

namespace Gongshu.Server.Web.Console.Provider;

/// <summary>
/// The catalog editor's form as posted: every value as typed (so a wrong one is shown back as it
/// was), the fields table as rows, and which button was pressed. Turning it into metadata keeps
/// track of which form row each field came from, so the catalog's errors about <c>fields[i]</c>
/// land on the row the provider sees.
/// </summary>
public sealed partial class CatalogEditorForm
{
    public const string AddField = "add-field";
    public const string Save = "save";
    public const string Submit = "submit";

    public string? ClassificationCode { get; set; }
    public string? Name { get; set; }
    public string? Summary { get; set; }
    public string? Keywords { get; set; }
    public string? Format { get; set; }
    public string? FormatSubtype { get; set; }
    public string? UpdateCycle { get; set; }
    public string? ShareType { get; set; }
    public string? ShareCondition { get; set; }
    public string? ShareMethod { get; set; }
    public string? LegalBasis { get; set; }
    public string? OpenType { get; set; }
    public string? OpenCondition { get; set; }
    public List<FieldRow> Fields { get; set; } = [];

    /// <summary>The submit button pressed: <see cref="AddField"/>, <see cref="Save"/> or <see cref="Submit"/>.</summary>
    public string? Action { get; set; }

    /// <summary>The form's own fields, as errors name them: the metadata's properties and each row's cells.</summary>
    public static readonly IReadOnlyList<string> Properties =
    [
        "classificationCode", "name", "summary", "keywords", "format", "formatSubtype", "updateCycle",
        "shareType", "shareCondition", "shareMethod", "legalBasis", "openType", "openCondition", "fields",
    ];

    public static readonly IReadOnlyList<string> Cells = ["name", "label", "type", "length", "scale", "grade", "description"];

    public sealed class FieldRow
    {
        public string? Name { get; set; }
        public string? Label { get; set; }
        public string? Type { get; set; }
        public string? Length { get; set; }

        /// <summary>Not edited on this form, only carried: a numeric field keeps its decimal places.</summary>
        public string? Scale { get; set; }

        public bool IsKey { get; set; }

        /// <summary>"true" or "false" from a select: an unticked checkbox would post nothing and could not say "not nullable" apart from "nothing sent".</summary>
        public string? Nullable { get; set; } = "true";

        public string? Grade { get; set; }
        public string? Description { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Label) && string.IsNullOrWhiteSpace(Type)
            && string.IsNullOrWhiteSpace(Length) && string.IsNullOrWhiteSpace(Grade) && string.IsNullOrWhiteSpace(Description) && !IsKey;
    }

    public static CatalogEditorForm From(CatalogResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var m = resource.Version.Metadata;
        return new CatalogEditorForm
        {
            ClassificationCode = resource.ClassificationCode,
            Name = m.Name,
            Summary = m.Summary,
            Keywords = string.Join("、", m.Keywords),
            Format = m.Format,
            FormatSubtype = m.FormatSubtype,
            UpdateCycle = m.UpdateCycle,
            ShareType = m.ShareType,
            ShareCondition = m.ShareCondition,
            ShareMethod = m.ShareMethod,
            LegalBasis = m.LegalBasis,
            OpenType = m.OpenType,
            OpenCondition = m.OpenCondition,
            Fields = m.Fields.Select(f => new FieldRow
            {
                Name = f.Name,
                Label = f.Label,
                Type = f.Type,
                Length = f.Length?.ToString(CultureInfo.InvariantCulture),
                Scale = f.Scale?.ToString(CultureInfo.InvariantCulture),
                IsKey = f.IsKey,
                Nullable = f.Nullable ? "true" : "false",
                Grade = f.Grade,
                Description = f.Description,
            }).ToList(),
        };
    }

    /// <summary>
    /// The metadata this form describes, on top of <paramref name="previous"/> (so what the form
    /// does not edit, such as tags and related codes, is kept). Empty rows are left out;
    /// <paramref name="rowOf"/> gives each kept field's form row. Numbers that are not numbers
    /// are errors of their cell, found here because the catalog never sees them.
    /// </summary>
    public ResourceMetadata ToMetadata(ResourceMetadata? previous, FormErrors errors, string notANumber, out IReadOnlyList<int> rowOf)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var rows = new List<int>();
        var fields = new List<ResourceField>();
        for (var row = 0; row < Fields.Count; row++)
        {
            var field = Fields[row];
            if (field.IsEmpty)
            {
                continue;
            }

            rows.Add(row);
            fields.Add(new ResourceField
            {
                Name = field.Name?.Trim() ?? "",
                Label = field.Label,
                Type = field.Type,
                Length = Number(field.Length, $"fields[{row}].length"),
                Scale = Number(field.Scale, $"fields[{row}].scale"),
                IsKey = field.IsKey,
                Nullable = field.Nullable != "false",
                Grade = field.Grade,
                Description = field.Description,
            });
        }

        rowOf = rows;
        var metadata = (previous ?? new ResourceMetadata { Name = "" }) with
        {
            Name = Name ?? "",
            Summary = Summary,
            Keywords = SplitList(Keywords),
            Format = Format,
            FormatSubtype = FormatSubtype,
            UpdateCycle = UpdateCycle,
            ShareType = ShareType,
            ShareCondition = ShareCondition,
            ShareMethod = ShareMethod,
            LegalBasis = LegalBasis,
            OpenType = OpenType,
            OpenCondition = OpenCondition,
            Fields = fields,
        };
        return metadata;

        int? Number(string? text, string cell)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            errors.Add(cell, notANumber);
            return null;
        }
    }

    /// <summary>
    /// The form's name for a field the catalog names: <c>fields[i].x</c> becomes the form row the
    /// i-th kept field came from; a property the form shows stays as it is; anything else is null.
    /// </summary>
    public static string? FormField(string? target, IReadOnlyList<int> rowOf)
    {
        ArgumentNullException.ThrowIfNull(rowOf);
        if (target is null)
        {
            return null;
        }

        if (FieldCell().Match(target) is { Success: true } match)
        {
            var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var cell = match.Groups[2].Value;
            return index < rowOf.Count && Cells.Contains(cell) ? $"fields[{rowOf[index]}].{cell}" : "fields";
        }

        if (target.StartsWith("fields[", StringComparison.Ordinal))
        {
            return "fields";
        }

        // keywords[2] and the like belong to the list's one input.
        var bracket = target.IndexOf('[', StringComparison.Ordinal);
        var property = bracket > 0 ? target[..bracket] : target;
        return Properties.Contains(property) ? property : null;
    }

    /// <summary>Keywords are typed in one box, separated by 、 , ， ; or spaces.</summary>
    public static List<string> SplitList(string? text)
        => string.IsNullOrWhiteSpace(text) ? [] : ListSeparators().Split(text).Where(s => s.Length > 0).ToList();

    [GeneratedRegex(@"^fields\[(\d+)\]\.(\w+)$")]
    private static partial Regex FieldCell();

    [GeneratedRegex(@"[、,，;；\s]+")]
    private static partial Regex ListSeparators();
}
