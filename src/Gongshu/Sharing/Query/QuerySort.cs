using Gongshu.Storage;

namespace Gongshu.Sharing.Query;

/// <summary>One sort key: a field, ascending unless <see cref="Descending"/>.</summary>
public sealed record SortKey(DatasetColumn Field, bool Descending)
{
    public override string ToString() => (Descending ? "-" : "") + Field.Name;
}

/// <summary>
/// The <c>sort</c> parameter: up to <see cref="MaxKeys"/> comma-separated field names, each
/// descending with a leading '-'. Every query ends with the row id as a tie-break, so the order is
/// total and keyset paging neither repeats nor skips a row.
/// </summary>
public static class QuerySort
{
    public const int MaxKeys = 5;

    public static IReadOnlyList<SortKey> Parse(string? text, QueryFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var parts = text.Split(',');
        if (parts.Length > MaxKeys)
        {
            throw GongshuException.Invalid("sort", $"Sort by at most {MaxKeys} fields.", "too_many_sort_keys");
        }

        var keys = new List<SortKey>();
        foreach (var part in parts)
        {
            var name = part.Trim();
            var descending = name.StartsWith('-');
            name = descending || name.StartsWith('+') ? name[1..].TrimStart() : name;
            if (name.Length == 0)
            {
                throw GongshuException.Invalid("sort", "A sort key is empty: name a field, with '-' before it for descending order.", "invalid_sort");
            }

            var field = fields.Fields[fields.Resolve(name, "sort")];
            if (keys.Any(k => k.Field.Name == field.Name))
            {
                throw GongshuException.Invalid("sort", $"'{name}' appears twice in the sort.", "invalid_sort");
            }

            if (field.Type == FieldType.General)
            {
                throw GongshuException.Invalid("sort", $"'{name}' is binary data and cannot be sorted.", "invalid_sort");
            }

            keys.Add(new SortKey(field, descending));
        }

        return keys;
    }

    /// <summary>The canonical text of a sort (what a cursor records).</summary>
    public static string Text(IReadOnlyList<SortKey> keys) => string.Join(",", keys);
}
