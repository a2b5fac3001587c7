using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Gongshu.Security.Crypto;

/// <summary>
/// SM3 (GB/T 32905) over data that arrives in pieces as spans: collection fingerprints every
/// file it loads while reading it, and BouncyCastle 1.8's digest takes arrays only, which cost a
/// copy of every buffer read. No allocation per block; the round constants are rotated once.
/// About as fast as BouncyCastle's (130–200 MB/s a core on the development machine). Checked
/// against the standard's test vectors and against BouncyCastle (CryptoTests). Not thread-safe.
/// </summary>
public sealed class Sm3Hasher
{
    private const int BlockSize = 64;

    private static readonly uint[] Iv = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];

    // T_j rotated left by j mod 32, as every round uses it.
    private static readonly uint[] RotatedT = MakeRotatedT();

    private readonly uint[] _v = new uint[8];
    private readonly uint[] _w = new uint[68];
    private readonly byte[] _pending = new byte[BlockSize];
    private int _pendingLength;
    private long _length;

    public Sm3Hasher() => Reset();

    public void Reset()
    {
        Iv.CopyTo(_v, 0);
        _pendingLength = 0;
        _length = 0;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        _length += data.Length;
        if (_pendingLength > 0)
        {
            var take = Math.Min(BlockSize - _pendingLength, data.Length);
            data[..take].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += take;
            data = data[take..];
            if (_pendingLength < BlockSize)
            {
                return;
            }

            Compress(_pending);
            _pendingLength = 0;
        }

        while (data.Length >= BlockSize)
        {
            Compress(data[..BlockSize]);
            data = data[BlockSize..];
        }

        data.CopyTo(_pending);
        _pendingLength = data.Length;
    }

    /// <summary>The digest of everything appended so far; the hasher can go on appending afterwards.</summary>
    public byte[] GetCurrentHash()
    {
        var v = (uint[])_v.Clone();
        var pending = (byte[])_pending.Clone();
        var (pendingLength, length) = (_pendingLength, _length);
        var hash = Finish();
        v.CopyTo(_v, 0);
        pending.CopyTo(_pending, 0);
        (_pendingLength, _length) = (pendingLength, length);
        return hash;
    }

    private byte[] Finish()
    {
        // Padding: a 1 bit, zeros up to 56 bytes into a block, then the length in bits, big-endian.
        Span<byte> tail = stackalloc byte[BlockSize * 2];
        _pending.AsSpan(0, _pendingLength).CopyTo(tail);
        tail[_pendingLength] = 0x80;
        var total = _pendingLength + 1 + 8 <= BlockSize ? BlockSize : BlockSize * 2;
        tail[(_pendingLength + 1)..total].Clear();
        BinaryPrimitives.WriteInt64BigEndian(tail[(total - 8)..], _length * 8);
        Compress(tail[..BlockSize]);
        if (total > BlockSize)
        {
            Compress(tail[BlockSize..total]);
        }

        var hash = new byte[32];
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(hash.AsSpan(i * 4), _v[i]);
        }

        return hash;
    }

    private void Compress(ReadOnlySpan<byte> block)
    {
        var w = _w;
        for (var j = 0; j < 16; j++)
        {
            w[j] = BinaryPrimitives.ReadUInt32BigEndian(block[(j * 4)..]);
        }

        for (var j = 16; j < 68; j++)
        {
            w[j] = P1(w[j - 16] ^ w[j - 9] ^ BitOperations.RotateLeft(w[j - 3], 15)) ^ BitOperations.RotateLeft(w[j - 13], 7) ^ w[j - 6];
        }

        uint a = _v[0], b = _v[1], c = _v[2], d = _v[3], e = _v[4], f = _v[5], g = _v[6], h = _v[7];
        for (var j = 0; j < 16; j++)
        {
            var a12 = BitOperations.RotateLeft(a, 12);
            var ss1 = BitOperations.RotateLeft(a12 + e + RotatedT[j], 7);
            var tt1 = (a ^ b ^ c) + d + (ss1 ^ a12) + (w[j] ^ w[j + 4]);
            var tt2 = (e ^ f ^ g) + h + ss1 + w[j];
            d = c;
            c = BitOperations.RotateLeft(b, 9);
            b = a;
            a = tt1;
            h = g;
            g = BitOperations.RotateLeft(f, 19);
            f = e;
            e = P0(tt2);
        }

        for (var j = 16; j < 64; j++)
        {
            var a12 = BitOperations.RotateLeft(a, 12);
            var ss1 = BitOperations.RotateLeft(a12 + e + RotatedT[j], 7);
            var tt1 = ((a & b) | (a & c) | (b & c)) + d + (ss1 ^ a12) + (w[j] ^ w[j + 4]);
            var tt2 = ((e & f) | (~e & g)) + h + ss1 + w[j];
            d = c;
            c = BitOperations.RotateLeft(b, 9);
            b = a;
            a = tt1;
            h = g;
            g = BitOperations.RotateLeft(f, 19);
            f = e;
            e = P0(tt2);
        }

        _v[0] ^= a;
        _v[1] ^= b;
        _v[2] ^= c;
        _v[3] ^= d;
        _v[4] ^= e;
        _v[5] ^= f;
        _v[6] ^= g;
        _v[7] ^= h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint P0(uint x) => x ^ BitOperations.RotateLeft(x, 9) ^ BitOperations.RotateLeft(x, 17);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint P1(uint x) => x ^ BitOperations.RotateLeft(x, 15) ^ BitOperations.RotateLeft(x, 23);

    private static uint[] MakeRotatedT()
    {
        var t = new uint[64];
        for (var j = 0; j < 64; j++)
        {
            t[j] = BitOperations.RotateLeft(j < 16 ? 0x79cc4519u : 0x7a879d8au, j % 32);
        }

        return t;
    }
}
