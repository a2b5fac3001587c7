using System.Globalization;

namespace Gongshu.Catalog;

/// <summary>Compares two versions' metadata property by property and field by field. Pure.</summary>
public static class MetadataDiff
{
    public static VersionDiff Compare(int fromVersion, ResourceMetadata before, int toVersion, ResourceMetadata after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var properties = Changes(Properties(before), Properties(after));
        var fields = new List<FieldChange>();
        var beforeNames = before.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var afterNames = after.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var field in before.Fields.Where(f => !afterNames.Contains(f.Name)))
        {
            fields.Add(new FieldChange(field.Name, FieldChangeKind.Removed, []));
        }

        // Positions count only the fields both versions have, so adding or removing one field
        // does not report every field after it as moved.
        var kept = before.Fields.Where(f => afterNames.Contains(f.Name))
            .Select((f, i) => (Field: f, Position: i))
            .ToDictionary(p => p.Field.Name, StringComparer.Ordinal);
        var position = 0;
        foreach (var field in after.Fields)
        {
            if (!beforeNames.Contains(field.Name))
            {
                fields.Add(new FieldChange(field.Name, FieldChangeKind.Added, []));
                continue;
            }

            var old = kept[field.Name];
            var changes = Changes(FieldProperties(old.Field, old.Position), FieldProperties(field, position++));
            if (changes.Count > 0)
            {
                fields.Add(new FieldChange(field.Name, FieldChangeKind.Changed, changes));
            }
        }

        return new VersionDiff(fromVersion, toVersion, properties, fields);
    }

    private static List<PropertyChange> Changes(IReadOnlyList<(string Name, string? Value)> before, IReadOnlyList<(string Name, string? Value)> after)
        => before.Zip(after)
            .Where(p => p.First.Value != p.Second.Value)
            .Select(p => new PropertyChange(p.First.Name, p.First.Value, p.Second.Value))
            .ToList();

    private static List<(string, string?)> Properties(ResourceMetadata m) =>
    [
        ("name", m.Name),
        ("summary", m.Summary),
        ("keywords", Join(m.Keywords)),
        ("format", m.Format),
        ("formatSubtype", m.FormatSubtype),
        ("shareType", m.ShareType),
        ("shareCondition", m.ShareCondition),
        ("shareMethod", m.ShareMethod),
        ("legalBasis", m.LegalBasis),
        ("openType", m.OpenType),
        ("openCondition", m.OpenCondition),
        ("updateCycle", m.UpdateCycle),
        ("relatedCodes", Join(m.RelatedCodes)),
        ("tags", Join(m.Tags)),
        ("grade", m.Grade),
    ];

    private static List<(string, string?)> FieldProperties(ResourceField f, int position) =>
    [
        ("position", Number(position + 1)),
        ("label", f.Label),
        ("type", f.Type),
        ("length", f.Length is { } length ? Number(length) : null),
        ("scale", f.Scale is { } scale ? Number(scale) : null),
        ("description", f.Description),
        ("isKey", f.IsKey ? "true" : "false"),
        ("nullable", f.Nullable ? "true" : "false"),
        ("grade", f.Grade),
    ];

    private static string? Join(IReadOnlyList<string> items) => items.Count == 0 ? null : string.Join("、", items);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
