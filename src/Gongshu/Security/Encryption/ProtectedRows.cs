using Gongshu.Storage;

namespace Gongshu.Security.Encryption;

/// <summary>
/// The stored shape of a resource's data when some fields are encrypted: each encrypted field
/// keeps its place (holding ciphertext) and gains a blind-index column at the end.
/// </summary>
public static class ProtectedColumns
{
    /// <summary>
    /// The stored columns. Key fields are indexed (lookups by key are the gateway's common case),
    /// through their blind index when they are encrypted; other encrypted fields can still be
    /// matched exactly, by scanning their 16-byte blind index, without the cost of an index on every load.
    /// </summary>
    public static IReadOnlyList<DatasetColumn> Stored(IReadOnlyList<DatasetColumn> fields, IReadOnlySet<string> encrypted, IReadOnlySet<string>? keys = null)
    {
        var stored = fields.Select(c => encrypted.Contains(c.Name) ? c with { Protection = ColumnProtection.Encrypted }
            : keys?.Contains(c.Name) == true ? c with { Indexed = true } : c).ToList();
        stored.AddRange(fields.Where(c => encrypted.Contains(c.Name))
            .Select(c => new DatasetColumn(DatasetColumn.BlindIndexName(c.Name), FieldType.General, Protection: ColumnProtection.BlindIndex,
                Indexed: keys?.Contains(c.Name) == true)));
        return stored;
    }

    /// <summary>The fields as users see them: no blind indexes, every value of its own type.</summary>
    public static IReadOnlyList<DatasetColumn> Fields(IReadOnlyList<DatasetColumn> stored)
        => stored.Where(c => c.Protection != ColumnProtection.BlindIndex).Select(c => c with { Protection = ColumnProtection.None, Indexed = false }).ToList();

    public static IReadOnlySet<string> Encrypted(IReadOnlyList<DatasetColumn> stored)
        => stored.Where(c => c.Protection == ColumnProtection.Encrypted).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// Turns a converted row into its stored form on the way in: encrypts the encrypted fields and
/// fills their blind indexes. One instance per loading thread.
/// </summary>
public sealed class RowProtector
{
    private readonly (int Field, int Index, FieldCipher Cipher, FieldBlindIndexer BlindIndexer)[] _encrypted;

    public RowProtector(FieldEncryption encryption, string resourceKey, IReadOnlyList<DatasetColumn> stored, int activeKeyId)
    {
        ArgumentNullException.ThrowIfNull(encryption);
        _encrypted = stored.Select((c, i) => (c, i)).Where(x => x.c.Protection == ColumnProtection.Encrypted)
            .Select(x => (x.i, IndexOf(stored, DatasetColumn.BlindIndexName(x.c.Name)), encryption.Cipher(resourceKey, x.c.Name, activeKeyId),
                encryption.BlindIndexer(resourceKey, x.c.Name)))
            .ToArray();
        FieldCount = stored.Count(c => c.Protection != ColumnProtection.BlindIndex);
        StoredWidth = stored.Count;
    }

    /// <summary>The width of a stored row: the fields and then the blind indexes.</summary>
    public int StoredWidth { get; }

    /// <summary>How many leading values of a stored row are the fields themselves.</summary>
    public int FieldCount { get; }

    public bool IsNeeded => _encrypted.Length > 0;

    /// <summary><paramref name="row"/> holds the converted fields first; afterwards it is the stored row.</summary>
    public void Protect(Span<object?> row)
    {
        foreach (var (field, index, cipher, blindIndexer) in _encrypted)
        {
            if (row[field] is { } value)
            {
                row[index] = blindIndexer.Compute(FieldValueText.ToText(value));
                row[field] = cipher.Encrypt(FieldValueText.ToBytes(value));
            }
            else
            {
                row[index] = null;
            }
        }
    }

    private static int IndexOf(IReadOnlyList<DatasetColumn> stored, string name)
    {
        for (var i = 0; i < stored.Count; i++)
        {
            if (stored[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"The stored columns have no blind index '{name}'.", nameof(stored));
    }
}

/// <summary>
/// Turns a stored row back into field values on the way out: decrypts, drops blind indexes.
/// One instance per reading thread.
/// </summary>
public sealed class RowRevealer
{
    private readonly IReadOnlyList<DatasetColumn> _stored;
    private readonly FieldCipher?[] _ciphers;

    public RowRevealer(FieldEncryption encryption, DatasetVersion version)
    {
        ArgumentNullException.ThrowIfNull(encryption);
        ArgumentNullException.ThrowIfNull(version);
        _stored = version.Columns;
        Fields = ProtectedColumns.Fields(_stored);
        _ciphers = _stored.Select(c => c.Protection == ColumnProtection.Encrypted ? encryption.Cipher(version.ResourceKey, c.Name, 0) : null).ToArray();
    }

    /// <summary>The columns of a revealed row.</summary>
    public IReadOnlyList<DatasetColumn> Fields { get; }

    public object?[] Reveal(object?[] stored)
    {
        var fields = new object?[Fields.Count];
        var next = 0;
        for (var i = 0; i < _stored.Count; i++)
        {
            var column = _stored[i];
            if (column.Protection == ColumnProtection.BlindIndex)
            {
                continue;
            }

            fields[next++] = stored[i] is byte[] sealedValue && _ciphers[i] is { } cipher
                ? FieldValueText.FromBytes(cipher.Decrypt(sealedValue), column.Type)
                : stored[i];
        }

        return fields;
    }
}
