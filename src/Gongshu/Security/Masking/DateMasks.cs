using System.Globalization;
using Gongshu.Identifiers;

namespace Gongshu.Security.Masking;

/// <summary>Dates generalized to a year or month, and ages to bands (GB/T 37964 generalization).</summary>
public static class DateMasks
{
    /// <summary>2023-01-05 → <c>2023</c> (year) or <c>2023-01</c> (month).</summary>
    public static string Generalize(DateOnly date, DatePrecision precision) => Generalize(date.Year, date.Month, precision);

    /// <summary>
    /// A date written as text (2023-01-05, 2023/1/5, 2023.01.05, 20230105, 2023年1月5日, with or without
    /// a time after it, or just 2023-01) generalized as <see cref="Generalize(DateOnly, DatePrecision)"/>;
    /// null when it is not a date, so an unreadable value never goes out whole.
    /// </summary>
    public static string? Generalize(ReadOnlySpan<char> text, DatePrecision precision)
        => TryRead(text, out var year, out var month, out _) && (month > 0 || precision == DatePrecision.Year)
            ? Generalize(year, month, precision)
            : null;

    /// <summary>
    /// Reads the date at the start of <paramref name="text"/>: a four-digit year, then optionally a
    /// month and a day (0 when absent), separated by <c>-</c>, <c>/</c>, <c>.</c> or written
    /// 年月日, or run together as yyyyMMdd. Whatever follows the date (a time) is not looked at.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<char> text, out int year, out int month, out int day)
    {
        (year, month, day) = (0, 0, 0);
        text = text.TrimStart();
        if (text.Length < 4 || !TryDigits(text[..4], out year) || year < 1)
        {
            return false;
        }

        var rest = text[4..];
        if (rest.Length >= 4 && char.IsAsciiDigit(rest[0]))
        {
            // yyyyMMdd: exactly eight digits, nothing numeric straight after.
            return (rest.Length == 4 || !char.IsAsciiDigit(rest[4]))
                && TryDigits(rest[..2], out month) && TryDigits(rest[2..4], out day) && IsDate(year, month, day);
        }

        if (rest.IsEmpty || !IsSeparator(rest[0]))
        {
            return rest.IsEmpty || !char.IsAsciiDigit(rest[0]);
        }

        rest = rest[1..];
        if (!TryNumber(ref rest, out month) || month is < 1 or > 12)
        {
            return false;
        }

        if (!rest.IsEmpty && rest[0] == '月')
        {
            rest = rest[1..];
        }
        else if (!rest.IsEmpty && IsSeparator(rest[0]))
        {
            rest = rest[1..];
        }
        else
        {
            return rest.IsEmpty || !char.IsAsciiDigit(rest[0]);
        }

        if (rest.IsEmpty || !char.IsAsciiDigit(rest[0]))
        {
            return true;
        }

        return TryNumber(ref rest, out day) && IsDate(year, month, day);
    }

    /// <summary>Completed years from <paramref name="birth"/> to <paramref name="asOf"/>; negative when born later.</summary>
    public static int Age(DateOnly birth, DateOnly asOf)
    {
        var age = asOf.Year - birth.Year;
        return asOf.Month < birth.Month || (asOf.Month == birth.Month && asOf.Day < birth.Day) ? age - 1 : age;
    }

    /// <summary>
    /// The band of <paramref name="width"/> years an age falls in: 34 → <c>30-39</c> for 10,
    /// <c>34</c> for 1; from <paramref name="top"/> up (when above zero) <c>90+</c>.
    /// </summary>
    public static string AgeBand(int age, int width, int top)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (top > 0 && age >= top)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{top}+");
        }

        var low = age / width * width;
        return width == 1
            ? low.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{low}-{low + width - 1}");
    }

    /// <summary>The birth date in a 身份证号: 18 characters (GB 11643), or the older 15 with a two-digit year in the 1900s.</summary>
    public static bool TryBirthDateOfIdentityNumber(ReadOnlySpan<char> value, out DateOnly birth)
    {
        birth = default;
        value = value.Trim();
        if (value.Length == 18)
        {
            return IdentityNumber.TryBirthDate(value, out birth);
        }

        if (value.Length == 15 && TryDigits(value[6..8], out var year) && TryDigits(value[8..10], out var month)
            && TryDigits(value[10..12], out var day) && IsDate(1900 + year, month, day))
        {
            birth = new DateOnly(1900 + year, month, day);
            return true;
        }

        return false;
    }

    private static string Generalize(int year, int month, DatePrecision precision)
        => precision == DatePrecision.Year
            ? year.ToString("D4", CultureInfo.InvariantCulture)
            : string.Create(7, (year, month), static (span, date) =>
            {
                date.year.TryFormat(span, out _, "D4", CultureInfo.InvariantCulture);
                span[4] = '-';
                span[5] = (char)('0' + (date.month / 10));
                span[6] = (char)('0' + (date.month % 10));
            });

    private static bool IsSeparator(char c) => c is '-' or '/' or '.' or '年';

    private static bool IsDate(int year, int month, int day)
        => year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + c - '0';
        }

        return true;
    }

    // One or two digits from the start of text.
    private static bool TryNumber(ref ReadOnlySpan<char> text, out int value)
    {
        var length = text.Length >= 2 && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) ? 2
            : text.Length >= 1 && char.IsAsciiDigit(text[0]) ? 1 : 0;
        if (length == 0 || (text.Length > length && char.IsAsciiDigit(text[length])))
        {
            value = 0;
            return false;
        }

        TryDigits(text[..length], out value);
        text = text[length..];
        return true;
    }
}
