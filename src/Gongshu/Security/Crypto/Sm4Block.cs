using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Gongshu.Security.Crypto;

/// <summary>
/// SM4 (GB/T 32907) block encryption under one key: the 32 round keys are computed once, and each
/// round is four lookups in T-tables that combine the S-box with the linear transform L. Spans in
/// and out, no allocation after construction, immutable and so safe to share between threads.
/// Only the encryption direction: GCM and the standard's test vectors need no other. Checked against
/// the standard's vectors and BouncyCastle's SM4Engine (Sm4GcmTests).
/// </summary>
/// <remarks>
/// Table lookups depend on the data, as BouncyCastle's byte S-box does; a constant-time (bitsliced
/// or AES-NI/GFNI) S-box would be the next step if cache-timing attackers on the same host matter.
/// </remarks>
internal sealed class Sm4Block
{
    public const int BlockSize = 16;
    private const int Rounds = 32;

    // T0[a] = L(S(a) << 24); T1–T3 are T0 for the lower bytes, i.e. T0 rotated (L commutes with rotation).
    private static readonly uint[] T0 = MakeTable(24);
    private static readonly uint[] T1 = MakeTable(16);
    private static readonly uint[] T2 = MakeTable(8);
    private static readonly uint[] T3 = MakeTable(0);

    // Four round keys an element: a foreach over them needs no bounds checks, and four rounds a
    // pass leave every word of the state where it is.
    private readonly (uint, uint, uint, uint)[] _roundKeys = new (uint, uint, uint, uint)[Rounds / 4];

    public Sm4Block(ReadOnlySpan<byte> key)
    {
        if (key.Length != Sm4.KeySize)
        {
            throw new ArgumentException($"An SM4 key is {Sm4.KeySize} bytes.", nameof(key));
        }

        var k0 = BinaryPrimitives.ReadUInt32BigEndian(key) ^ 0xa3b1bac6;
        var k1 = BinaryPrimitives.ReadUInt32BigEndian(key[4..]) ^ 0x56aa3350;
        var k2 = BinaryPrimitives.ReadUInt32BigEndian(key[8..]) ^ 0x677d9197;
        var k3 = BinaryPrimitives.ReadUInt32BigEndian(key[12..]) ^ 0xb27022dc;
        for (var i = 0; i < Rounds / 4; i++)
        {
            k0 ^= KeyTransform(k1 ^ k2 ^ k3 ^ ConstantKey((4 * i) + 0));
            k1 ^= KeyTransform(k2 ^ k3 ^ k0 ^ ConstantKey((4 * i) + 1));
            k2 ^= KeyTransform(k3 ^ k0 ^ k1 ^ ConstantKey((4 * i) + 2));
            k3 ^= KeyTransform(k0 ^ k1 ^ k2 ^ ConstantKey((4 * i) + 3));
            _roundKeys[i] = (k0, k1, k2, k3);
        }
    }

    public void Encrypt(ReadOnlySpan<byte> input, Span<byte> output)
        => EncryptOne(
            BinaryPrimitives.ReadUInt32BigEndian(input),
            BinaryPrimitives.ReadUInt32BigEndian(input[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(input[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(input[12..BlockSize]),
            output);

    /// <summary>
    /// Fills <paramref name="keystream"/> (whole blocks) with the encryptions of
    /// <c>nonce ‖ counter</c>, <c>nonce ‖ counter + 1</c>, … — the counter is 32-bit big-endian and
    /// wraps, as GCM's inc32 does.
    /// </summary>
    public void EncryptCounters(ReadOnlySpan<byte> nonce12, uint counter, Span<byte> keystream)
    {
        var n0 = BinaryPrimitives.ReadUInt32BigEndian(nonce12);
        var n1 = BinaryPrimitives.ReadUInt32BigEndian(nonce12[4..]);
        var n2 = BinaryPrimitives.ReadUInt32BigEndian(nonce12[8..12]);

        // Two or three blocks also go the four-block way: its spare lanes cost less than the
        // time a lone block spends waiting on its lookups.
        while (keystream.Length >= 2 * BlockSize)
        {
            var blocks = Math.Min(keystream.Length / BlockSize, 4);
            EncryptFour(n0, n1, n2, counter, keystream[..(blocks * BlockSize)]);
            keystream = keystream[(blocks * BlockSize)..];
            counter += (uint)blocks;
        }

        if (keystream.Length >= BlockSize)
        {
            EncryptOne(n0, n1, n2, counter, keystream);
        }
    }

    private void EncryptOne(uint x0, uint x1, uint x2, uint x3, Span<byte> output)
    {
        foreach (var (k0, k1, k2, k3) in _roundKeys)
        {
            x0 ^= T(x1 ^ x2 ^ x3 ^ k0);
            x1 ^= T(x2 ^ x3 ^ x0 ^ k1);
            x2 ^= T(x3 ^ x0 ^ x1 ^ k2);
            x3 ^= T(x0 ^ x1 ^ x2 ^ k3);
        }

        Store(output, x3, x2, x1, x0);
    }

    // Four counter blocks through the rounds together, which keeps the processor busy while each
    // waits on its table lookups; writes the first two to four of them.
    private void EncryptFour(uint n0, uint n1, uint n2, uint counter, Span<byte> output)
    {
        uint a0 = n0, a1 = n1, a2 = n2, a3 = counter;
        uint b0 = n0, b1 = n1, b2 = n2, b3 = counter + 1;
        uint c0 = n0, c1 = n1, c2 = n2, c3 = counter + 2;
        uint d0 = n0, d1 = n1, d2 = n2, d3 = counter + 3;
        foreach (var (k0, k1, k2, k3) in _roundKeys)
        {
            a0 ^= T(a1 ^ a2 ^ a3 ^ k0);
            b0 ^= T(b1 ^ b2 ^ b3 ^ k0);
            c0 ^= T(c1 ^ c2 ^ c3 ^ k0);
            d0 ^= T(d1 ^ d2 ^ d3 ^ k0);
            a1 ^= T(a2 ^ a3 ^ a0 ^ k1);
            b1 ^= T(b2 ^ b3 ^ b0 ^ k1);
            c1 ^= T(c2 ^ c3 ^ c0 ^ k1);
            d1 ^= T(d2 ^ d3 ^ d0 ^ k1);
            a2 ^= T(a3 ^ a0 ^ a1 ^ k2);
            b2 ^= T(b3 ^ b0 ^ b1 ^ k2);
            c2 ^= T(c3 ^ c0 ^ c1 ^ k2);
            d2 ^= T(d3 ^ d0 ^ d1 ^ k2);
            a3 ^= T(a0 ^ a1 ^ a2 ^ k3);
            b3 ^= T(b0 ^ b1 ^ b2 ^ k3);
            c3 ^= T(c0 ^ c1 ^ c2 ^ k3);
            d3 ^= T(d0 ^ d1 ^ d2 ^ k3);
        }

        Store(output, a3, a2, a1, a0);
        Store(output[BlockSize..], b3, b2, b1, b0);
        if (output.Length > 2 * BlockSize)
        {
            Store(output[(2 * BlockSize)..], c3, c2, c1, c0);
        }

        if (output.Length > 3 * BlockSize)
        {
            Store(output[(3 * BlockSize)..], d3, d2, d1, d0);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint T(uint a) => T0[(byte)(a >> 24)] ^ T1[(byte)(a >> 16)] ^ T2[(byte)(a >> 8)] ^ T3[(byte)a];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Span<byte> output, uint w0, uint w1, uint w2, uint w3)
    {
        var block = output[..BlockSize];
        BinaryPrimitives.WriteUInt32BigEndian(block, w0);
        BinaryPrimitives.WriteUInt32BigEndian(block[4..], w1);
        BinaryPrimitives.WriteUInt32BigEndian(block[8..], w2);
        BinaryPrimitives.WriteUInt32BigEndian(block[12..], w3);
    }

    // The key schedule's T': the S-box, then L'(B) = B ⊕ (B <<< 13) ⊕ (B <<< 23).
    private static uint KeyTransform(uint a)
    {
        var b = Substitute(a);
        return b ^ BitOperations.RotateLeft(b, 13) ^ BitOperations.RotateLeft(b, 23);
    }

    // CK_i: byte j is (4i + j) × 7 mod 256.
    private static uint ConstantKey(int i)
    {
        var ck = 0u;
        for (var j = 0; j < 4; j++)
        {
            ck = (ck << 8) | (byte)(((4 * i) + j) * 7);
        }

        return ck;
    }

    private static uint Substitute(uint a)
        => ((uint)Sbox[(byte)(a >> 24)] << 24) | ((uint)Sbox[(byte)(a >> 16)] << 16) | ((uint)Sbox[(byte)(a >> 8)] << 8) | Sbox[(byte)a];

    // L(B) = B ⊕ (B <<< 2) ⊕ (B <<< 10) ⊕ (B <<< 18) ⊕ (B <<< 24), applied to S(a) in one byte position.
    private static uint[] MakeTable(int shift)
    {
        var table = new uint[256];
        for (var a = 0; a < table.Length; a++)
        {
            var b = (uint)Sbox[a] << shift;
            table[a] = b ^ BitOperations.RotateLeft(b, 2) ^ BitOperations.RotateLeft(b, 10) ^ BitOperations.RotateLeft(b, 18) ^ BitOperations.RotateLeft(b, 24);
        }

        return table;
    }

    private static ReadOnlySpan<byte> Sbox =>
    [
        0xd6, 0x90, 0xe9, 0xfe, 0xcc, 0xe1, 0x3d, 0xb7, 0x16, 0xb6, 0x14, 0xc2, 0x28, 0xfb, 0x2c, 0x05,
        0x2b, 0x67, 0x9a, 0x76, 0x2a, 0xbe, 0x04, 0xc3, 0xaa, 0x44, 0x13, 0x26, 0x49, 0x86, 0x06, 0x99,
        0x9c, 0x42, 0x50, 0xf4, 0x91, 0xef, 0x98, 0x7a, 0x33, 0x54, 0x0b, 0x43, 0xed, 0xcf, 0xac, 0x62,
        0xe4, 0xb3, 0x1c, 0xa9, 0xc9, 0x08, 0xe8, 0x95, 0x80, 0xdf, 0x94, 0xfa, 0x75, 0x8f, 0x3f, 0xa6,
        0x47, 0x07, 0xa7, 0xfc, 0xf3, 0x73, 0x17, 0xba, 0x83, 0x59, 0x3c, 0x19, 0xe6, 0x85, 0x4f, 0xa8,
        0x68, 0x6b, 0x81, 0xb2, 0x71, 0x64, 0xda, 0x8b, 0xf8, 0xeb, 0x0f, 0x4b, 0x70, 0x56, 0x9d, 0x35,
        0x1e, 0x24, 0x0e, 0x5e, 0x63, 0x58, 0xd1, 0xa2, 0x25, 0x22, 0x7c, 0x3b, 0x01, 0x21, 0x78, 0x87,
        0xd4, 0x00, 0x46, 0x57, 0x9f, 0xd3, 0x27, 0x52, 0x4c, 0x36, 0x02, 0xe7, 0xa0, 0xc4, 0xc8, 0x9e,
        0xea, 0xbf, 0x8a, 0xd2, 0x40, 0xc7, 0x38, 0xb5, 0xa3, 0xf7, 0xf2, 0xce, 0xf9, 0x61, 0x15, 0xa1,
        0xe0, 0xae, 0x5d, 0xa4, 0x9b, 0x34, 0x1a, 0x55, 0xad, 0x93, 0x32, 0x30, 0xf5, 0x8c, 0xb1, 0xe3,
        0x1d, 0xf6, 0xe2, 0x2e, 0x82, 0x66, 0xca, 0x60, 0xc0, 0x29, 0x23, 0xab, 0x0d, 0x53, 0x4e, 0x6f,
        0xd5, 0xdb, 0x37, 0x45, 0xde, 0xfd, 0x8e, 0x2f, 0x03, 0xff, 0x6a, 0x72, 0x6d, 0x6c, 0x5b, 0x51,
        0x8d, 0x1b, 0xaf, 0x92, 0xbb, 0xdd, 0xbc, 0x7f, 0x11, 0xd9, 0x5c, 0x41, 0x1f, 0x10, 0x5a, 0xd8,
        0x0a, 0xc1, 0x31, 0x88, 0xa5, 0xcd, 0x7b, 0xbd, 0x2d, 0x74, 0xd0, 0x12, 0xb8, 0xe5, 0xb4, 0xb0,
        0x89, 0x69, 0x97, 0x4a, 0x0c, 0x96, 0x77, 0x7e, 0x65, 0xb9, 0xf1, 0x09, 0xc5, 0x6e, 0xc6, 0x84,
        0x18, 0xf0, 0x7d, 0xec, 0x3a, 0xdc, 0x4d, 0x20, 0x79, 0xee, 0x5f, 0x3e, 0xd7, 0xcb, 0x39, 0x48
    ];
}
