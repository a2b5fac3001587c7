namespace Gongshu.Security.Crypto;

/// <summary>SM3 (GB/T 32905), the national hash: 256-bit digests, and HMAC-SM3.</summary>
public static class Sm3
{
    public const int DigestSize = 32;

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var hasher = new Sm3Hasher();
        hasher.Append(data);
        return hasher.GetCurrentHash();
    }

    public static string HashHex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(Hash(data));

    /// <summary>SM3 of a whole stream, read in chunks (for files of any size).</summary>
    public static async Task<byte[]> HashAsync(Stream stream, CancellationToken ct = default)
    {
        var hasher = new Sm3Hasher();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            hasher.Append(buffer.AsSpan(0, read));
        }

        return hasher.GetCurrentHash();
    }

    /// <summary>HMAC-SM3 of one message; for many messages under one key keep a <see cref="HmacSm3"/>.</summary>
    public static byte[] Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data) => new HmacSm3(key).Compute(data);
}
