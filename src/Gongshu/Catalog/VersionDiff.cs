namespace Gongshu.Catalog;

/// <summary>
/// What changed between two versions of a resource: metadata properties, then fields matched by
/// name (a renamed field shows as one removed and one added).
/// </summary>
public sealed record VersionDiff(int FromVersion, int ToVersion, IReadOnlyList<PropertyChange> Properties, IReadOnlyList<FieldChange> Fields)
{
    public bool IsEmpty => Properties.Count == 0 && Fields.Count == 0;
}

/// <summary>A property whose value differs; lists are shown joined with "、", absent values as null.</summary>
public sealed record PropertyChange(string Property, string? Before, string? After);

public enum FieldChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>A field added, removed or changed; <see cref="Changes"/> lists the changed attributes of a changed field.</summary>
public sealed record FieldChange(string Name, FieldChangeKind Kind, IReadOnlyList<PropertyChange> Changes);
