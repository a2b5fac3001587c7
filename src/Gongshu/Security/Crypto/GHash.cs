using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Gongshu.Security.Crypto;

/// <summary>
/// GCM's GHASH under one hash key H: each 16-byte block is added into the running value, which is
/// then multiplied by H in GF(2^128). With the processor's carry-less multiply (PCLMULQDQ) when it
/// has one; otherwise Shoup's method with 4-bit tables, portable and several times slower, about
/// as fast as SM4 itself. Immutable after construction, so safe to share between threads.
/// </summary>
internal sealed class GHash
{
    private const int BlockSize = 16;

    // GCM numbers its bits from the most significant end; the carry-less multiply works on the
    // byte-reversed value (Gueron and Kounavis, "Intel Carry-Less Multiplication Instruction and
    // its Usage for Computing the GCM Mode", algorithm 5).
    private static readonly Vector128<byte> ByteReversal = Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

    private readonly Vector128<ulong> _reversedH;

    // Shoup's table: H times each 4-bit value, high halves in [0, 16) and low halves in [16, 32).
    private readonly ulong[]? _table;

    /// <param name="h">The hash key, E(0¹²⁸).</param>
    /// <param name="portable">Use the table method even where the carry-less multiply exists (tests compare the two).</param>
    public GHash(ReadOnlySpan<byte> h, bool portable = false)
    {
        if (IsAccelerated && !portable)
        {
            _reversedH = Ssse3.Shuffle(Vector128.Create(h[..BlockSize]), ByteReversal).AsUInt64();
        }
        else
        {
            _table = MakeTable(h[..BlockSize]);
        }
    }

    public static bool IsAccelerated => Pclmulqdq.IsSupported && Ssse3.IsSupported;

    public bool IsPortable => _table is not null;

    /// <summary>
    /// GHASH(A ‖ 0* ‖ C ‖ 0* ‖ [len(A)]₆₄ ‖ [len(C)]₆₄) as GCM's tag needs it, into
    /// <paramref name="hash"/> (16 bytes).
    /// </summary>
    public void Compute(ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext, Span<byte> hash)
    {
        if (_table is null)
        {
            ComputeCarryless(associatedData, ciphertext, hash);
        }
        else
        {
            ComputePortable(associatedData, ciphertext, hash, _table);
        }
    }

    private void ComputeCarryless(ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext, Span<byte> hash)
    {
        var x = Absorb(Vector128<byte>.Zero, associatedData, _reversedH);
        x = Absorb(x, ciphertext, _reversedH);

        // The lengths block reversed: the bit length of C in the low half, that of A in the high half.
        var lengths = Vector128.Create((ulong)ciphertext.Length * 8, (ulong)associatedData.Length * 8);
        x = Multiply(x ^ lengths.AsByte(), _reversedH);
        Ssse3.Shuffle(x, ByteReversal).CopyTo(hash);
    }

    private static Vector128<byte> Absorb(Vector128<byte> x, ReadOnlySpan<byte> data, Vector128<ulong> h)
    {
        while (data.Length >= BlockSize)
        {
            x = Multiply(x ^ Ssse3.Shuffle(Vector128.Create(data), ByteReversal), h);
            data = data[BlockSize..];
        }

        return data.IsEmpty ? x : Multiply(x ^ Ssse3.Shuffle(Padded(data), ByteReversal), h);
    }

    private static void ComputePortable(ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext, Span<byte> hash, ulong[] table)
    {
        var (high, low) = AbsorbPortable(0, 0, associatedData, table);
        (high, low) = AbsorbPortable(high, low, ciphertext, table);
        (high, low) = MultiplyPortable(high ^ ((ulong)associatedData.Length * 8), low ^ ((ulong)ciphertext.Length * 8), table);
        BinaryPrimitives.WriteUInt64BigEndian(hash, high);
        BinaryPrimitives.WriteUInt64BigEndian(hash[8..], low);
    }

    private static (ulong High, ulong Low) AbsorbPortable(ulong high, ulong low, ReadOnlySpan<byte> data, ulong[] table)
    {
        while (data.Length >= BlockSize)
        {
            (high, low) = MultiplyPortable(high ^ BinaryPrimitives.ReadUInt64BigEndian(data), low ^ BinaryPrimitives.ReadUInt64BigEndian(data[8..]), table);
            data = data[BlockSize..];
        }

        if (!data.IsEmpty)
        {
            var (lastHigh, lastLow) = PaddedWords(data);
            (high, low) = MultiplyPortable(high ^ lastHigh, low ^ lastLow, table);
        }

        return (high, low);
    }

    // The last, partial block padded with zeros. In methods of their own: the JIT does not fully
    // optimise a loop in a method that also uses stackalloc.
    private static Vector128<byte> Padded(ReadOnlySpan<byte> partial)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        partial.CopyTo(block);
        return Vector128.Create((ReadOnlySpan<byte>)block);
    }

    private static (ulong High, ulong Low) PaddedWords(ReadOnlySpan<byte> partial)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        partial.CopyTo(block);
        return (BinaryPrimitives.ReadUInt64BigEndian(block), BinaryPrimitives.ReadUInt64BigEndian(block[8..]));
    }

    // x·h for byte-reversed x and h: a 256-bit carry-less product (Karatsuba would save one
    // multiply and cost more shuffling), shifted left by one bit because the operands are
    // reflected, then reduced modulo x¹²⁸ + x⁷ + x² + x + 1.
    private static Vector128<byte> Multiply(Vector128<byte> x, Vector128<ulong> h)
    {
        var a = x.AsUInt64();
        var middle = Pclmulqdq.CarrylessMultiply(a, h, 0x10) ^ Pclmulqdq.CarrylessMultiply(a, h, 0x01);
        var low = (Pclmulqdq.CarrylessMultiply(a, h, 0x00) ^ Sse2.ShiftLeftLogical128BitLane(middle, 8)).AsUInt32();
        var high = (Pclmulqdq.CarrylessMultiply(a, h, 0x11) ^ Sse2.ShiftRightLogical128BitLane(middle, 8)).AsUInt32();

        var lowCarries = Sse2.ShiftRightLogical(low, 31);
        var highCarries = Sse2.ShiftRightLogical(high, 31);
        low = Sse2.ShiftLeftLogical(low, 1) | Sse2.ShiftLeftLogical128BitLane(lowCarries, 4);
        high = Sse2.ShiftLeftLogical(high, 1) | Sse2.ShiftLeftLogical128BitLane(highCarries, 4) | Sse2.ShiftRightLogical128BitLane(lowCarries, 12);

        var folded = Sse2.ShiftLeftLogical(low, 31) ^ Sse2.ShiftLeftLogical(low, 30) ^ Sse2.ShiftLeftLogical(low, 25);
        low ^= Sse2.ShiftLeftLogical128BitLane(folded, 12);
        var reduced = Sse2.ShiftRightLogical(low, 1) ^ Sse2.ShiftRightLogical(low, 2) ^ Sse2.ShiftRightLogical(low, 7)
            ^ Sse2.ShiftRightLogical128BitLane(folded, 4);
        return (high ^ low ^ reduced).AsByte();
    }

    // Horner's rule over the 32 nibbles of x, last to first: shift the product right by four bits
    // (folding the bits that fall off back in with Last4), then add H times the nibble.
    private static (ulong High, ulong Low) MultiplyPortable(ulong xHigh, ulong xLow, ulong[] table)
    {
        ulong high = 0, low = 0;
        for (var i = 0; i < 16; i++)
        {
            var b = (int)((i < 8 ? xLow >> (8 * i) : xHigh >> (8 * (i - 8))) & 0xff);
            (high, low) = Step(high, low, b & 0xf, table);
            (high, low) = Step(high, low, b >> 4, table);
        }

        return (high, low);
    }

    private static (ulong High, ulong Low) Step(ulong high, ulong low, int nibble, ulong[] table)
    {
        var dropped = (int)(low & 0xf);
        low = (high << 60) | (low >> 4);
        high = (high >> 4) ^ ((ulong)Last4[dropped] << 48);
        return (high ^ table[nibble], low ^ table[16 + nibble]);
    }

    private static ulong[] MakeTable(ReadOnlySpan<byte> h)
    {
        var table = new ulong[32];
        var high = BinaryPrimitives.ReadUInt64BigEndian(h);
        var low = BinaryPrimitives.ReadUInt64BigEndian(h[8..]);

        // Nibble 8 (bit pattern 1000) is 1 in GCM's reflected order; 4, 2 and 1 are H·x, H·x², H·x³.
        table[8] = high;
        table[16 + 8] = low;
        for (var i = 4; i > 0; i >>= 1)
        {
            var reduction = (low & 1) * 0xe100000000000000;
            low = (high << 63) | (low >> 1);
            high = (high >> 1) ^ reduction;
            table[i] = high;
            table[16 + i] = low;
        }

        for (var i = 2; i <= 8; i *= 2)
        {
            for (var j = 1; j < i; j++)
            {
                table[i + j] = table[i] ^ table[j];
                table[16 + i + j] = table[16 + i] ^ table[16 + j];
            }
        }

        return table;
    }

    // x¹²⁸ reduced for each 4-bit value shifted out of the low end, as the top 16 bits of the high half.
    private static ReadOnlySpan<ushort> Last4 =>
    [
        0x0000, 0x1c20, 0x3840, 0x2460, 0x7080, 0x6ca0, 0x48c0, 0x54e0,
        0xe100, 0xfd20, 0xd940, 0xc560, 0x9180, 0x8da0, 0xa9c0, 0xb5e0,
    ];
}
