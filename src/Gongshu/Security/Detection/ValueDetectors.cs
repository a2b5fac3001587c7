using System.Collections.Frozen;

namespace Gongshu.Security.Detection;

/// <summary>
/// Recognizes one sensitive value (敏感数据识别) without allocating: surrounding whitespace is
/// trimmed, full-width ASCII (１３８…, ＠) read as half-width and letters as capitals, then the
/// value is held against each type's rule. A value on its own is often ambiguous (two Han
/// characters may be a name or a word, 16–19 digits pass Luhn one time in ten);
/// <see cref="FieldScanner"/> decides for a whole field.
/// </summary>
public static partial class ValueDetectors
{
    /// <summary>Longer values are free text: no type's rule accepts them.</summary>
    private const int MaxLength = 128;

    /// <summary>What registers write for "nothing here": a field of them is as empty as a blank one.</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Placeholders = FrozenSet.ToFrozenSet(
        ["-", "--", "---", "/", "\\", "—", "——", "无", "暂无", "空", "不详", "未知", "NULL", "NONE", "N/A", "NA", "#N/A"],
        StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Check-digit types first, then the stricter patterns, then the looser ones.</summary>
    internal static readonly SensitiveType[] Priority =
    [
        SensitiveType.IdentityNumber, SensitiveType.CreditCode, SensitiveType.BankCard, SensitiveType.MobileNumber,
        SensitiveType.PassportNumber, SensitiveType.PlateNumber, SensitiveType.IpAddress, SensitiveType.Email,
        SensitiveType.PersonName, SensitiveType.Address,
    ];

    /// <summary>True when <paramref name="value"/> is a well-formed value of <paramref name="type"/> (never for <see cref="SensitiveType.None"/>).</summary>
    public static bool Matches(SensitiveType type, ReadOnlySpan<char> value)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        var normalized = Normalize(value, buffer);
        return !normalized.IsEmpty && Test(type, normalized);
    }

    /// <summary>
    /// The most specific type <paramref name="value"/> is a value of, or <see cref="SensitiveType.None"/>.
    /// A value that passes a check digit wins over one that only fits a pattern.
    /// </summary>
    public static SensitiveType Classify(ReadOnlySpan<char> value)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        var normalized = Normalize(value, buffer);
        if (!normalized.IsEmpty)
        {
            foreach (var type in Priority)
            {
                if (Test(type, normalized))
                {
                    return type;
                }
            }
        }

        return SensitiveType.None;
    }

    /// <summary>
    /// Every type <paramref name="value"/> matches, one bit per <see cref="SensitiveType"/> value;
    /// <paramref name="blank"/> when there is nothing but whitespace or a placeholder (无, -, NULL).
    /// </summary>
    internal static uint MatchAll(ReadOnlySpan<char> value, out bool blank)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        var normalized = Normalize(value, buffer);
        blank = normalized.IsEmpty ? Trim(value).IsEmpty : Placeholders.Contains(normalized);
        var matched = 0u;
        if (!blank && !normalized.IsEmpty)
        {
            foreach (var type in Priority)
            {
                if (Test(type, normalized))
                {
                    matched |= 1u << (int)type;
                }
            }
        }

        return matched;
    }

    private static bool Test(SensitiveType type, ReadOnlySpan<char> value) => type switch
    {
        SensitiveType.IdentityNumber => IsIdentityNumber(value),
        SensitiveType.MobileNumber => IsMobileNumber(value),
        SensitiveType.BankCard => IsBankCard(value),
        SensitiveType.CreditCode => IsCreditCode(value),
        SensitiveType.Email => IsEmail(value),
        SensitiveType.PersonName => IsPersonName(value),
        SensitiveType.Address => IsAddress(value),
        SensitiveType.PlateNumber => IsPlateNumber(value),
        SensitiveType.IpAddress => IsIpAddress(value),
        SensitiveType.PassportNumber => IsPassportNumber(value),
        _ => false,
    };

    /// <summary>
    /// Trims, then copies into <paramref name="buffer"/> with full-width ASCII (U+FF01–FF5E) made
    /// half-width and a–z made A–Z. Empty when blank or longer than the buffer.
    /// </summary>
    private static ReadOnlySpan<char> Normalize(ReadOnlySpan<char> value, Span<char> buffer)
    {
        value = Trim(value);
        if (value.Length > buffer.Length)
        {
            return default;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                c = (char)(c - 0xFEE0);
            }
            else if (c == '\u3000')
            {
                c = ' ';
            }

            buffer[i] = c is >= 'a' and <= 'z' ? (char)(c - 32) : c;
        }

        return buffer[..value.Length];
    }

    // Zero-width spaces and byte order marks ride along with values pasted from web pages and Excel.
    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> value)
    {
        var start = 0;
        while (start < value.Length && IsPadding(value[start]))
        {
            start++;
        }

        var end = value.Length;
        while (end > start && IsPadding(value[end - 1]))
        {
            end--;
        }

        return value[start..end];
    }

    private static bool IsPadding(char c) => char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsAllDigits(ReadOnlySpan<char> value) => !value.ContainsAnyExceptInRange('0', '9');
}
