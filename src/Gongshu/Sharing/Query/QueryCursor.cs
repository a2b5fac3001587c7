using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongshu.Security.Crypto;
using Gongshu.Security.Encryption;
using Gongshu.Storage;

namespace Gongshu.Sharing.Query;

/// <summary>
/// Where a page ended: the version, the sort and filter it was read with, and the last row's sort
/// values and row id. It travels as base64url of its JSON followed by a 16-byte HMAC-SM3, so a
/// client can hand it back but cannot make one up or alter one. The values are readable, not
/// secret: they are fields the caller was just sent.
/// </summary>
internal sealed record QueryCursor(
    [property: JsonPropertyName("v")] long VersionId,
    [property: JsonPropertyName("s")] string Sort,
    [property: JsonPropertyName("f")] string Filter,
    [property: JsonPropertyName("k")] IReadOnlyList<string?> Values,
    [property: JsonPropertyName("r")] long RowId)
{
    private const int MacSize = 16;
    private const int MaxLength = 8192;

    public string Encode(byte[] key)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(this);
        var mac = new HmacSm3(key).Compute(payload);
        return Base64Url.EncodeToString([.. payload, .. mac.AsSpan(0, MacSize)]);
    }

    public static QueryCursor Decode(string text, byte[] key)
    {
        byte[] bytes;
        try
        {
            bytes = text.Length <= MaxLength ? Base64Url.DecodeFromChars(text) : [];
        }
        catch (FormatException)
        {
            bytes = [];
        }

        // Re-encoding must give the same text: unused trailing bits may not vary a cursor.
        if (bytes.Length <= MacSize || Base64Url.EncodeToString(bytes) != text
            || !CryptographicOperations.FixedTimeEquals(new HmacSm3(key).Compute(bytes.AsSpan(0, bytes.Length - MacSize)).AsSpan(0, MacSize), bytes.AsSpan(bytes.Length - MacSize)))
        {
            throw Invalid("The cursor is not one this service issued, or it was altered; start again without a cursor.");
        }

        try
        {
            return JsonSerializer.Deserialize<QueryCursor>(bytes.AsSpan(0, bytes.Length - MacSize))
                ?? throw Invalid("The cursor is empty.");
        }
        catch (JsonException)
        {
            throw Invalid("The cursor cannot be read; start again without a cursor.");
        }
    }

    /// <summary>The sort values as typed parameters for <paramref name="keys"/>.</summary>
    public object?[] TypedValues(IReadOnlyList<SortKey> keys)
    {
        if (Values.Count != keys.Count)
        {
            throw Invalid("The cursor does not match the sort.");
        }

        try
        {
            return keys.Select((k, i) => Values[i] is { } text ? FieldValueText.FromBytes(Encoding.UTF8.GetBytes(text), k.Field.Type) : null).ToArray();
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw Invalid("The cursor's values do not match the sort.");
        }
    }

    public static string? Text(object? value) => value is null ? null : FieldValueText.ToText(value);

    public static GongshuException Invalid(string message) => GongshuException.Invalid("cursor", message, "cursor_invalid");

    public static string Fingerprint(string filter) => Sm3.HashHex(Encoding.UTF8.GetBytes(filter))[..16];
}
