using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Gongshu.Governance.Rules;

/// <summary>The hand-written text checks behind the mobile and email rules, and the value hash behind unique.</summary>
internal static class TextFormats
{
    /// <summary>手机号 <c>^1[3-9]\d{9}$</c>, without a regex.</summary>
    public static bool IsMobile(ReadOnlySpan<char> value)
    {
        if (value.Length != 11 || value[0] != '1' || value[1] is < '3' or > '9')
        {
            return false;
        }

        for (var i = 2; i < 11; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// local@domain: the local part is 1–64 of RFC 5322's atom characters and dots (not first,
    /// last or doubled); the domain has two or more labels of letters, digits and inner hyphens,
    /// the last not all digits. Quoted local parts and IP-literal domains are refused: people do not type them.
    /// </summary>
    public static bool IsEmail(ReadOnlySpan<char> value)
    {
        if (value.Length is < 5 or > 254)
        {
            return false;
        }

        var at = value.IndexOf('@');
        if (at is < 1 or > 64)
        {
            return false;
        }

        var local = value[..at];
        if (local[0] == '.' || local[^1] == '.' || local.IndexOf("..", StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!char.IsAsciiLetterOrDigit(c) && "!#$%&'*+/=?^_`{|}~.-".IndexOf(c) < 0)
            {
                return false;
            }
        }

        var domain = value[(at + 1)..];
        var labels = 0;
        var allDigits = false;
        while (true)
        {
            var dot = domain.IndexOf('.');
            var label = dot < 0 ? domain : domain[..dot];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            allDigits = true;
            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }

                allDigits &= char.IsAsciiDigit(c);
            }

            labels++;
            if (dot < 0)
            {
                break;
            }

            domain = domain[(dot + 1)..];
        }

        return labels >= 2 && !allDigits;
    }

    /// <summary>
    /// A 64-bit hash of a value, equal for equal values (1.0m and 1.00m alike). unique keeps only
    /// these, 8 bytes a value, so two different values colliding would be reported as a
    /// duplicate: with n values that happens with probability about n²/2⁶⁵ (10⁻⁴ at 10⁸ rows).
    /// </summary>
    public static ulong Hash(object value) => value switch
    {
        string s => Hash(MemoryMarshal.AsBytes(s.AsSpan())),
        long l => Mix((ulong)l),
        decimal d => HashDecimal(d),
        DateOnly d => Mix((ulong)d.DayNumber),
        DateTime t => Mix((ulong)t.Ticks),
        double d => Mix(BitConverter.DoubleToUInt64Bits(d == 0 ? 0 : d)),
        float f => Mix(BitConverter.DoubleToUInt64Bits(f == 0 ? 0 : f)),
        bool b => b ? 1UL : 2UL,
        byte[] bytes => Hash(bytes),
        _ => Hash(MemoryMarshal.AsBytes((value.ToString() ?? "").AsSpan())),
    };

    private static ulong HashDecimal(decimal value)
    {
        // Dividing by 1 with 28 zeros drops trailing zeros, so every decimal with the same value hashes alike.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value / 1.0000000000000000000000000000m, bits);
        return Mix((ulong)(uint)bits[0] | ((ulong)(uint)bits[1] << 32)) ^ Mix(((ulong)(uint)bits[2] << 32) | (uint)bits[3]);
    }

    private static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        var hash = (ulong)bytes.Length * Multiplier;
        while (bytes.Length >= 8)
        {
            hash = BitOperations.RotateLeft(hash ^ (BinaryPrimitives.ReadUInt64LittleEndian(bytes) * 0x87C37B91114253D5), 31) * Multiplier;
            bytes = bytes[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            tail |= (ulong)bytes[i] << (8 * i);
        }

        return Mix(hash ^ (tail * 0x4CF5AD432745937F));
    }

    // MurmurHash3's 64-bit finalizer: every input bit reaches every output bit.
    private static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCD;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53;
        return h ^ (h >> 33);
    }
}
