using System.Globalization;
using System.Text;
using Dapper;
using Gongshu.Security.Crypto;
using Gongshu.Storage;

namespace Gongshu.Security.Encryption;

/// <summary>
/// Encryption at rest of L4 fields: which key is active, the ciphers and blind indexes for a
/// field, and the start-up check that the keys outside the database are the ones its data
/// was sealed with. Key rotation is <see cref="FieldKeyRotation"/>.
/// </summary>
public sealed class FieldEncryption
{
    private readonly Database _database;
    private readonly HmacSm3 _blindIndex;

    private FieldEncryption(Database database, FieldKeyring keyring, byte[] blindIndexKey)
    {
        _database = database;
        Keyring = keyring;
        _blindIndex = new HmacSm3(blindIndexKey);
    }

    public FieldKeyring Keyring { get; }

    internal Database Database => _database;

    /// <summary>
    /// Checks <paramref name="keyring"/> against the keys the database knows and refuses to go on
    /// when a key that still protects data is missing or different: serving ciphertext as data,
    /// or failing on every read, would be worse than not starting. A platform that has never
    /// encrypted anything gets its first key here.
    /// </summary>
    public static async Task<FieldEncryption> OpenAsync(Database database, FieldKeyring keyring, KeyStore keys, TimeProvider? clock = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(keyring);
        ArgumentNullException.ThrowIfNull(keys);
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var known = (await connection.QueryAsync<(long KeyId, string CheckValue, string State)>(new CommandDefinition(
            "SELECT key_id, check_value, state FROM field_keys ORDER BY key_id", cancellationToken: ct))).ToList();
        if (known.Count == 0)
        {
            var first = keyring.NewestKeyId is > 0 and var newest ? newest : keyring.AddKey();
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO field_keys (key_id, check_value, state, created_at) VALUES (@first, @check, 'active', @now)",
                new { first, check = keyring.CheckValue(first), now }, cancellationToken: ct));
        }

        foreach (var (keyId, checkValue, state) in known.Where(k => k.State != "retired"))
        {
            var id = (int)keyId;
            if (!keyring.Contains(id))
            {
                throw new GongshuException(ErrorKind.Unavailable, "field_key_missing",
                    $"Field key {id} ({state}) protects data in this database but is not in {keyring.Source}. "
                    + "Restore the key file (or GONGSHU_FIELD_KEYS) from the backup kept with the other platform keys; the platform will not start without it.");
            }

            if (keyring.CheckValue(id) != checkValue)
            {
                throw new GongshuException(ErrorKind.Unavailable, "field_key_wrong",
                    $"Field key {id} in {keyring.Source} is not the key this database's data was encrypted with. "
                    + "Point GONGSHU_KEYS_DIR (or GONGSHU_FIELD_KEYS) at this platform's keys; the platform will not start with the wrong one.");
            }
        }

        return new FieldEncryption(database, keyring, keys.DeriveKey("gongshu/field/blind-index"));
    }

    /// <summary>The key new values are sealed with, read from the database each time so a rotation run elsewhere takes effect.</summary>
    public async Task<int> ActiveKeyIdAsync(CancellationToken ct = default)
    {
        await using var connection = await _database.OpenConnectionAsync(ct);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT key_id FROM field_keys WHERE state = 'active'", cancellationToken: ct));
        return id is { } active ? (int)active
            : throw new GongshuException(ErrorKind.Unavailable, "field_key_missing", "No field key is active; restart the platform to register one.");
    }

    /// <summary>A cipher for one field (one per thread).</summary>
    public FieldCipher Cipher(string resourceKey, string field, int activeKeyId) => new(Keyring, activeKeyId, resourceKey, field);

    /// <summary>
    /// The blind index of a value: the first 16 bytes of HMAC-SM3 over the resource, the field and
    /// the value's normalized text. Equal values give equal indexes within one field only, so
    /// exact-match lookups work without decrypting and without linking values across fields.
    /// </summary>
    public byte[] BlindIndex(string resourceKey, string field, string value) => BlindIndexer(resourceKey, field).Compute(value);

    /// <summary>Blind indexes of one field, its prefix encoded once (for a load's every row).</summary>
    public FieldBlindIndexer BlindIndexer(string resourceKey, string field) => new(_blindIndex, Encoding.UTF8.GetBytes($"{resourceKey}\0{field}\0"));

    /// <summary>The keys and their states, for <c>gongshu keys status</c>.</summary>
    public async Task<IReadOnlyList<FieldKeyStatus>> StatusAsync(CancellationToken ct = default)
    {
        await using var connection = await _database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(long KeyId, string State, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt)>(new CommandDefinition(
            "SELECT key_id, state, created_at, retired_at FROM field_keys ORDER BY key_id", cancellationToken: ct));
        return rows.Select(r => new FieldKeyStatus((int)r.KeyId, r.State, r.CreatedAt, r.RetiredAt, Keyring.Contains((int)r.KeyId))).ToList();
    }

}

/// <summary>Computes the blind indexes of one field's values (see <see cref="FieldEncryption.BlindIndex"/>). Thread-safe.</summary>
public sealed class FieldBlindIndexer
{
    public const int Size = 16;
    private readonly HmacSm3 _mac;
    private readonly byte[] _prefix;

    internal FieldBlindIndexer(HmacSm3 mac, byte[] prefix)
    {
        _mac = mac;
        _prefix = prefix;
    }

    public byte[] Compute(string value)
    {
        // Trimmed, ASCII letters upper-cased: an ID number ending in x finds one stored with X.
        var text = value.AsSpan().Trim();
        var length = _prefix.Length + Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = length > 512 ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var message = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
            _prefix.CopyTo(message);
            var written = _prefix.Length + Encoding.UTF8.GetBytes(text, message[_prefix.Length..]);
            foreach (ref var b in message[_prefix.Length..written])
            {
                if (b is >= (byte)'a' and <= (byte)'z')
                {
                    b -= 'a' - 'A';
                }
            }

            Span<byte> mac = stackalloc byte[HmacSm3.MacSize];
            _mac.Compute(message[..written], mac);
            return mac[..Size].ToArray();
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}

/// <summary>One field key as the database knows it; <paramref name="Present"/> says whether the keyring holds it.</summary>
public sealed record FieldKeyStatus(int KeyId, string State, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, bool Present)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"key {KeyId}: {State}, created {CreatedAt:yyyy-MM-dd HH:mm}{(RetiredAt is { } r ? $", retired {r:yyyy-MM-dd HH:mm}" : "")}{(Present ? "" : ", NOT in the keyring")}");
}
