using Gongshu.Collection.Conversion;
using Gongshu.Security.Encryption;
using Gongshu.Storage;

namespace Gongshu.Delivery;

/// <summary>
/// Finds the records of a dataset version by the values of its key fields, given as text the way
/// a person types them: each value is converted to its field's type first, and an encrypted key
/// field is matched through its blind index, so the lookup never decrypts a row it does not return.
/// </summary>
public sealed class RecordLookup
{
    private readonly DatasetStore _datasets;
    private readonly FieldEncryption _encryption;
    private readonly DatasetVersion _version;
    private readonly RowRevealer _revealer;

    public RecordLookup(DatasetStore datasets, FieldEncryption encryption, DatasetVersion version)
    {
        _datasets = datasets;
        _encryption = encryption;
        _version = version;
        _revealer = new RowRevealer(encryption, version);
    }

    /// <summary>The columns of a returned row (decrypted fields, no blind indexes).</summary>
    public IReadOnlyList<DatasetColumn> Fields => _revealer.Fields;

    /// <summary>A stored row of this version as field values (decrypted).</summary>
    public object?[] Reveal(object?[] stored) => _revealer.Reveal(stored);

    /// <summary>
    /// The rows whose key fields equal <paramref name="key"/> (at most <paramref name="limit"/>).
    /// A value that cannot be a value of its field is a 400 naming <c>key.{field}</c>.
    /// </summary>
    public async Task<IReadOnlyList<DatasetRow>> FindAsync(IReadOnlyDictionary<string, string> key, int limit = 2, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Count == 0)
        {
            throw GongshuException.Invalid("key", "Name the record by its key fields.", "key_missing");
        }

        var wanted = key.Select(pair =>
        {
            var ordinal = Ordinal(pair.Key);
            var column = Fields[ordinal];
            if (!FieldConverter.For(column).TryConvert(pair.Value, out var value, out var reason) || value is null)
            {
                throw GongshuException.Invalid($"key.{pair.Key}", $"'{pair.Key}' is {column.Type}: {reason ?? "a value is required"}.", "invalid_key_value");
            }

            return (Ordinal: ordinal, Column: column, Value: value);
        }).ToList();

        // The database narrows by the first key field (indexed or blind-indexed); the rest are compared here.
        var first = wanted[0];
        var stored = _version.Columns.First(c => c.Name == first.Column.Name);
        var read = stored.Protection == ColumnProtection.Encrypted
            ? new DatasetRead(EqualsColumn: DatasetColumn.BlindIndexName(stored.Name),
                EqualsValue: _encryption.BlindIndex(_version.ResourceKey, stored.Name, FieldValueText.ToText(first.Value)))
            : new DatasetRead(EqualsColumn: stored.Name, EqualsValue: first.Value);
        var found = new List<DatasetRow>();
        await foreach (var row in _datasets.ReadAsync(_version, read, ct))
        {
            var values = _revealer.Reveal(row.Values);
            if (wanted.All(w => values[w.Ordinal] is { } v && FieldValueText.ToText(v) == FieldValueText.ToText(w.Value)))
            {
                found.Add(new DatasetRow(row.RowId, values));
                if (found.Count >= limit)
                {
                    break;
                }
            }
        }

        return found;
    }

    private int Ordinal(string field)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (Fields[i].Name == field)
            {
                return i;
            }
        }

        throw GongshuException.Invalid($"key.{field}", $"'{field}' is not a field of this resource.", "unknown_field");
    }
}
