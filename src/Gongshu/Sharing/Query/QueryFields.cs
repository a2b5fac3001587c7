using Gongshu.Storage;

namespace Gongshu.Sharing.Query;

/// <summary>
/// The fields a query may name: a resource's fields as revealed (no blind indexes, each of its own
/// type) and, of those, the ones the caller is granted. A name that is no field is a 400
/// <c>unknown_field</c>; a field outside the grant is a 403 <c>field_not_granted</c>.
/// </summary>
public sealed class QueryFields
{
    private readonly Dictionary<string, int> _ordinals;
    private readonly HashSet<string>? _granted;

    /// <param name="fields">The resource's fields in order.</param>
    /// <param name="granted">The fields the caller may see and filter on; null for all of them.</param>
    public QueryFields(IReadOnlyList<DatasetColumn> fields, IEnumerable<string>? granted = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = fields;
        _ordinals = fields.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        _granted = granted?.ToHashSet(StringComparer.Ordinal);
        Granted = _granted is null ? fields : fields.Where(c => _granted.Contains(c.Name)).ToList();
    }

    public IReadOnlyList<DatasetColumn> Fields { get; }

    /// <summary>The granted fields in the resource's order: what a query without a field list returns.</summary>
    public IReadOnlyList<DatasetColumn> Granted { get; }

    /// <summary>Everything, as for a grant's own row filter, which may name fields the consumer does not receive.</summary>
    public QueryFields Unrestricted() => _granted is null ? this : new QueryFields(Fields);

    /// <summary>The ordinal of <paramref name="name"/> among <see cref="Fields"/>; refuses unknown and ungranted names.</summary>
    public int Resolve(string name, string parameter, int? position = null)
    {
        var at = position is { } p ? $" (at position {p})" : "";
        if (!_ordinals.TryGetValue(name, out var ordinal))
        {
            throw GongshuException.Invalid(parameter, $"'{name}' is not a field of this resource{at}.", "unknown_field");
        }

        if (_granted is not null && !_granted.Contains(name))
        {
            throw new GongshuException(ErrorKind.Forbidden, "field_not_granted",
                $"Field '{name}' is not among the fields granted to you{at}.", parameter);
        }

        return ordinal;
    }
}
