using System.Globalization;
using System.Text;
using Gongshu.Catalog;

namespace Gongshu.Collection;

/// <summary>How a source column came to feed a field.</summary>
public enum MatchKind
{
    /// <summary>The user said so.</summary>
    Explicit,

    /// <summary>The column is named like the field (<c>id_number</c>, <c>ID Number</c>).</summary>
    Name,

    /// <summary>The column carries the field's Chinese label (<c>公民身份号码</c>).</summary>
    Label,
}

/// <summary>One field fed by one source column.</summary>
public sealed record MappedColumn(int SourceOrdinal, string SourceColumn, string Field, MatchKind Match);

/// <summary>
/// Which source column feeds which field of the resource. <see cref="Suggest"/> pairs them by
/// name and Chinese label; the user may override any pair, or leave a column out, by giving
/// <c>source column → field</c> (an empty field ignores the column).
/// </summary>
public sealed class ColumnMapping
{
    private ColumnMapping(IReadOnlyList<MappedColumn> columns, IReadOnlyList<string> ignored, IReadOnlyList<string> unmappedFields)
    {
        Columns = columns;
        IgnoredSourceColumns = ignored;
        UnmappedFields = unmappedFields;
    }

    /// <summary>The mapped pairs, in field order.</summary>
    public IReadOnlyList<MappedColumn> Columns { get; }

    /// <summary>Source columns that feed no field.</summary>
    public IReadOnlyList<string> IgnoredSourceColumns { get; }

    /// <summary>Fields no source column feeds (their values are null).</summary>
    public IReadOnlyList<string> UnmappedFields { get; }

    /// <summary>
    /// Pairs <paramref name="sourceColumns"/> with <paramref name="fields"/>: first the pairs in
    /// <paramref name="overrides"/>, then by normalized name, then by Chinese label. A source
    /// column feeds at most one field and a field takes at most one column.
    /// </summary>
    public static ColumnMapping Suggest(IReadOnlyList<string> sourceColumns, IReadOnlyList<ResourceField> fields,
        IReadOnlyDictionary<string, string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(sourceColumns);
        ArgumentNullException.ThrowIfNull(fields);
        var byField = new Dictionary<string, MappedColumn>(StringComparer.Ordinal);
        var usedSources = new HashSet<int>();
        var fieldNames = fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

        if (overrides is not null)
        {
            foreach (var (source, field) in overrides)
            {
                var ordinal = IndexOf(sourceColumns, source);
                if (ordinal < 0)
                {
                    throw GongshuException.Invalid("mapping",
                        $"The mapping names source column '{source}', which the source does not have (it has: {Shorten(sourceColumns)}).", "unknown_source_column");
                }

                usedSources.Add(ordinal);
                if (string.IsNullOrWhiteSpace(field))
                {
                    continue;
                }

                if (!fieldNames.Contains(field))
                {
                    throw GongshuException.Invalid("mapping",
                        $"The mapping sends '{source}' to field '{field}', which the resource does not have.", "unknown_field");
                }

                if (!byField.TryAdd(field, new MappedColumn(ordinal, sourceColumns[ordinal], field, MatchKind.Explicit)))
                {
                    throw GongshuException.Invalid("mapping", $"The mapping sends two source columns to field '{field}'.", "duplicate_mapping");
                }
            }
        }

        var normalizedSources = sourceColumns.Select(Normalize).ToArray();
        foreach (var (kind, key) in new (MatchKind, Func<ResourceField, string?>)[] { (MatchKind.Name, f => f.Name), (MatchKind.Label, f => f.Label) })
        {
            foreach (var field in fields)
            {
                if (byField.ContainsKey(field.Name) || key(field) is not { Length: > 0 } wanted)
                {
                    continue;
                }

                var normalized = Normalize(wanted);
                for (var i = 0; i < normalizedSources.Length; i++)
                {
                    if (!usedSources.Contains(i) && normalizedSources[i] == normalized)
                    {
                        byField[field.Name] = new MappedColumn(i, sourceColumns[i], field.Name, kind);
                        usedSources.Add(i);
                        break;
                    }
                }
            }
        }

        var mapped = fields.Where(f => byField.ContainsKey(f.Name)).Select(f => byField[f.Name]).ToList();
        var ignored = sourceColumns.Where((_, i) => !mapped.Any(m => m.SourceOrdinal == i)).ToList();
        var unmapped = fields.Where(f => !byField.ContainsKey(f.Name)).Select(f => f.Name).ToList();
        return new ColumnMapping(mapped, ignored, unmapped);
    }

    /// <summary>
    /// Reads overrides as users type them, <c>SOURCE=FIELD</c> (<c>备注=</c> ignores the column),
    /// on the command line (<c>--map</c>) and in a query string (<c>map=</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParsePairs(IEnumerable<string> pairs, string field)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                throw GongshuException.Invalid(field, $"'{pair}' is not SOURCE=FIELD.", "bad_mapping");
            }

            mapping[pair[..at].Trim()] = pair[(at + 1)..].Trim();
        }

        return mapping;
    }

    /// <summary>
    /// Lower case, full-width folded (NFKC), without spaces, underscores, hyphens and dots:
    /// <c>ID_Number</c>, <c>id number</c> and <c>ＩＤ－Ｎｕｍｂｅｒ</c> all match <c>id_number</c>.
    /// </summary>
    public static string Normalize(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c) && c is not ('_' or '-' or '.'))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    internal static string Shorten(IReadOnlyList<string> names)
        => names.Count <= 12 ? string.Join(", ", names) : string.Join(", ", names.Take(12)) + $" … ({names.Count} in all)";
}
