using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gongshu.Security.Masking;

/// <summary>
/// The masks that work on a value's text: partial (keep the ends), e-mail, surname, IP prefix.
/// Characters are counted as Unicode scalar values, so a character outside the BMP (𠀀, a
/// surrogate pair) is kept or masked whole and gets one <c>*</c>. Each call allocates the result
/// only.
/// </summary>
public static class TextMasks
{
    public const char MaskCharacter = '*';

    private static readonly SearchValues<char> NameSeparators = SearchValues.Create(" ·•・‧．.\u3000");

    // 复姓 in common use (百家姓 and later), as two UTF-16 code units packed in an int.
    private static readonly FrozenSet<int> CompoundSurnames = FrozenSet.ToFrozenSet(
        """
        欧阳 司马 诸葛 上官 司徒 东方 皇甫 慕容 令狐 夏侯 尉迟 长孙 宇文 公孙 轩辕 端木 西门 南宫 独孤 百里
        呼延 澹台 太史 申屠 闻人 万俟 钟离 赫连 拓跋 鲜于 闾丘 司空 公冶 公羊 宗政 濮阳 淳于 单于 太叔 仲孙
        亓官 司寇 子车 颛孙 壤驷 公良 漆雕 乐正 宰父 谷梁 段干 东郭 南门 羊舌 微生 梁丘 左丘 东门 第五 巫马
        公西 夹谷 歐陽 司馬 諸葛 東方 慕容 令狐 夏侯 尉遲 長孫 宇文 公孫 軒轅 端木 西門 南宮 獨孤 鍾離
        """.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(s => Pack(s[0], s[1])));

    /// <summary>
    /// Keeps the first <paramref name="keepFirst"/> and last <paramref name="keepLast"/> characters
    /// and writes <c>*</c> for each of the others; a value with no more characters than the two
    /// counts together becomes all <c>*</c>, so it never goes out whole.
    /// </summary>
    public static string Partial(ReadOnlySpan<char> value, int keepFirst, int keepLast)
    {
        var (prefix, stars, suffix) = PartialShape(value, keepFirst, keepLast);
        return Compose(value[..prefix], stars, value[(value.Length - suffix)..]);
    }

    /// <summary>
    /// An e-mail address with the partial mask on the part before the last <c>@</c> and the domain
    /// kept: <c>zhao@example.com</c> → <c>z***@example.com</c> for 1+0. Without an <c>@</c>, as
    /// <see cref="Partial"/>.
    /// </summary>
    public static string Email(ReadOnlySpan<char> value, int keepFirst, int keepLast)
    {
        var at = value.LastIndexOf('@');
        if (at <= 0)
        {
            return Partial(value, keepFirst, keepLast);
        }

        var (prefix, stars, suffix) = PartialShape(value[..at], keepFirst, keepLast);
        return Compose(value[..prefix], stars, value[(at - suffix)..]);
    }

    /// <summary>
    /// 姓名 with the surname kept and one <c>*</c> per other character: 张三 → 张*, 欧阳娜娜 → 欧阳**.
    /// A compound surname counts only in a name of three characters or more (欧阳 alone reads as
    /// 欧 + 阳). A name written in parts (阿依古丽·买买提, John Smith) keeps its first character
    /// and its separators. Surrounding blanks are dropped; a one-character name becomes <c>*</c>.
    /// </summary>
    public static string Surname(ReadOnlySpan<char> name)
    {
        name = name.Trim();
        if (name.IsEmpty)
        {
            return string.Empty;
        }

        if (name.ContainsAny(NameSeparators))
        {
            return MaskAfterFirst(name);
        }

        var count = CountScalars(name);
        var surname = count >= 3 && name.Length >= 2 && CompoundSurnames.Contains(Pack(name[0], name[1])) ? 2 : 1;
        if (count <= surname)
        {
            return new string(MaskCharacter, count);
        }

        return Compose(name[..CharsOfFirst(name, surname)], count - surname, []);
    }

    /// <summary>
    /// An IPv4 address with its first <paramref name="octets"/> octets kept (192.168.1.* for 3,
    /// 192.168.*.* for 2), an IPv6 address with its first three groups (2001:db8:85a3:*); null
    /// when the text is not an IP address.
    /// </summary>
    public static string? IpPrefix(ReadOnlySpan<char> value, int octets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(octets, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(octets, 3);
        value = value.Trim();
        if (Ipv4PrefixLength(value, octets) is var kept and > 0)
        {
            return Compose(value[..kept], 0, ".*.*.*".AsSpan(0, (4 - octets) * 2));
        }

        if (value.Contains(':') && IPAddress.TryParse(value, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                return IpPrefix(address.MapToIPv4().ToString(), octets);
            }

            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            return string.Create(CultureInfo.InvariantCulture, $"{bytes[0] << 8 | bytes[1]:x}:{bytes[2] << 8 | bytes[3]:x}:{bytes[4] << 8 | bytes[5]:x}:*");
        }

        return null;
    }

    /// <summary>True when <paramref name="value"/> has a UTF-16 surrogate (a character outside the BMP, or a broken one).</summary>
    internal static bool HasSurrogates(ReadOnlySpan<char> value) => value.ContainsAnyInRange('\uD800', '\uDFFF');

    /// <summary>Characters as Unicode scalar values; a lone surrogate counts as one.</summary>
    internal static int CountScalars(ReadOnlySpan<char> value)
    {
        if (!HasSurrogates(value))
        {
            return value.Length;
        }

        var count = 0;
        while (!value.IsEmpty)
        {
            Rune.DecodeFromUtf16(value, out _, out var used);
            value = value[used..];
            count++;
        }

        return count;
    }

    // UTF-16 length of the first n scalars.
    private static int CharsOfFirst(ReadOnlySpan<char> value, int n)
    {
        var at = 0;
        for (var i = 0; i < n && at < value.Length; i++)
        {
            Rune.DecodeFromUtf16(value[at..], out _, out var used);
            at += used;
        }

        return at;
    }

    // UTF-16 length of the last n scalars.
    private static int CharsOfLast(ReadOnlySpan<char> value, int n)
    {
        var end = value.Length;
        for (var i = 0; i < n && end > 0; i++)
        {
            Rune.DecodeLastFromUtf16(value[..end], out _, out var used);
            end -= used;
        }

        return value.Length - end;
    }

    // UTF-16 lengths of the kept start and end, and the number of stars between them.
    private static (int Prefix, int Stars, int Suffix) PartialShape(ReadOnlySpan<char> value, int keepFirst, int keepLast)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepFirst);
        ArgumentOutOfRangeException.ThrowIfNegative(keepLast);
        var kept = (long)keepFirst + keepLast;
        if (!HasSurrogates(value))
        {
            return value.Length <= kept ? (0, value.Length, 0) : (keepFirst, value.Length - (int)kept, keepLast);
        }

        var count = CountScalars(value);
        return count <= kept
            ? (0, count, 0)
            : (CharsOfFirst(value, keepFirst), count - (int)kept, CharsOfLast(value, keepLast));
    }

    private static string MaskAfterFirst(ReadOnlySpan<char> name)
    {
        var buffer = name.Length <= 128 ? stackalloc char[name.Length] : new char[name.Length];
        var first = CharsOfFirst(name, 1);
        name[..first].CopyTo(buffer);
        var length = first;
        for (var at = first; at < name.Length;)
        {
            Rune.DecodeFromUtf16(name[at..], out _, out var used);
            buffer[length++] = NameSeparators.Contains(name[at]) ? name[at] : MaskCharacter;
            at += used;
        }

        return new string(buffer[..length]);
    }

    // The length of the first `octets` octets of a dotted-quad IPv4 address, or 0 when it is not one.
    private static int Ipv4PrefixLength(ReadOnlySpan<char> value, int octets)
    {
        var kept = 0;
        var at = 0;
        for (var part = 0; part < 4; part++)
        {
            if (part > 0)
            {
                if (at >= value.Length || value[at] != '.')
                {
                    return 0;
                }

                at++;
            }

            var start = at;
            var number = 0;
            while (at < value.Length && at - start < 3 && char.IsAsciiDigit(value[at]))
            {
                number = (number * 10) + value[at++] - '0';
            }

            if (at == start || number > 255)
            {
                return 0;
            }

            if (part == octets - 1)
            {
                kept = at;
            }
        }

        return at == value.Length ? kept : 0;
    }

    private static int Pack(char first, char second) => first << 16 | second;

    private static string Compose(ReadOnlySpan<char> prefix, int stars, ReadOnlySpan<char> suffix)
        => string.Create(prefix.Length + stars + suffix.Length, new Parts(prefix, stars, suffix), static (span, parts) =>
        {
            parts.Prefix.CopyTo(span);
            span.Slice(parts.Prefix.Length, parts.Stars).Fill(MaskCharacter);
            parts.Suffix.CopyTo(span[(parts.Prefix.Length + parts.Stars)..]);
        });

    private readonly ref struct Parts(ReadOnlySpan<char> prefix, int stars, ReadOnlySpan<char> suffix)
    {
        public ReadOnlySpan<char> Prefix { get; } = prefix;

        public int Stars { get; } = stars;

        public ReadOnlySpan<char> Suffix { get; } = suffix;
    }
}
