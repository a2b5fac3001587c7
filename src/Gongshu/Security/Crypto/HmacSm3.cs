namespace Gongshu.Security.Crypto;

/// <summary>
/// HMAC-SM3 (RFC 2104 over GB/T 32905) under one key, for hot paths such as pseudonymizing every
/// value of a delivery. The chaining states after the key⊕ipad and key⊕opad blocks are computed
/// once, so a short message costs two compressions instead of four, and nothing is allocated per
/// call. The instance is immutable after construction: any number of threads may call
/// <see cref="Compute"/> at once. Tested against BouncyCastle's HMac over SM3.
/// </summary>
public sealed class HmacSm3
{
    public const int MacSize = 32;

    private const int BlockSize = 64;

    private readonly uint[] _inner = new uint[8];
    private readonly uint[] _outer = new uint[8];

    public HmacSm3(ReadOnlySpan<byte> key)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        if (key.Length > BlockSize)
        {
            Sm3Hasher.Iv.CopyTo(_inner);
            Sm3Hasher.Finish(_inner, key, 0, block);
        }
        else
        {
            key.CopyTo(block);
        }

        Span<byte> padded = stackalloc byte[BlockSize];
        Start(block, 0x36, padded, _inner);
        Start(block, 0x5c, padded, _outer);
        block.Clear();
        padded.Clear();
    }

    /// <summary>Writes HMAC-SM3(key, <paramref name="data"/>) to the first 32 bytes of <paramref name="mac"/>.</summary>
    public void Compute(ReadOnlySpan<byte> data, Span<byte> mac)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mac.Length, MacSize, nameof(mac));
        Span<uint> v = stackalloc uint[8];
        Span<byte> inner = stackalloc byte[MacSize];
        _inner.CopyTo(v);
        Sm3Hasher.Finish(v, data, BlockSize, inner);
        _outer.CopyTo(v);
        Sm3Hasher.Finish(v, inner, BlockSize, mac);
    }

    public byte[] Compute(ReadOnlySpan<byte> data)
    {
        var mac = new byte[MacSize];
        Compute(data, mac);
        return mac;
    }

    private static void Start(ReadOnlySpan<byte> key, byte pad, Span<byte> padded, Span<uint> state)
    {
        for (var i = 0; i < BlockSize; i++)
        {
            padded[i] = (byte)(key[i] ^ pad);
        }

        Sm3Hasher.Iv.CopyTo(state);
        Sm3Hasher.Compress(state, padded);
    }
}
