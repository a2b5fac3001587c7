using System.Globalization;
using Gongshu.Identifiers;

namespace Gongshu.Security.Detection;

/// <summary>The rules for numbers and codes; every value here is already normalized (trimmed, half-width, capitals).</summary>
public static partial class ValueDetectors
{
    private static readonly string[] CountryPrefixes = ["(+86)", "+86", "0086", "86"];

    // Birth dates after this year are typing errors, not people.
    private static readonly int LatestBirthYear = DateTime.UtcNow.Year;

    /// <summary>
    /// 居民身份证号: 18 characters with the GB 11643 check character, a real birth date and a
    /// province-level code; or a 15-digit number issued before 1999 (6-digit division, YYMMDD in
    /// the 1900s, 3-digit sequence, no check character), which only its date and province can vouch for.
    /// </summary>
    private static bool IsIdentityNumber(ReadOnlySpan<char> value)
    {
        if (value.Length == 18)
        {
            return IsProvinceCode(value[0], value[1])
                && IdentityNumber.IsValid(value)
                && IdentityNumber.TryBirthDate(value, out var birthDate)
                && birthDate.Year <= LatestBirthYear;
        }

        if (value.Length != 15 || !IsAllDigits(value) || !IsProvinceCode(value[0], value[1]))
        {
            return false;
        }

        var year = 1900 + ((value[6] - '0') * 10) + (value[7] - '0');
        var month = ((value[8] - '0') * 10) + (value[9] - '0');
        var day = ((value[10] - '0') * 10) + (value[11] - '0');
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    /// <summary>GB/T 2260 province-level codes: 11 北京 … 65 新疆, 71 台湾, 81 香港, 82 澳门, 83 for 港澳台居民居住证.</summary>
    private static bool IsProvinceCode(char tens, char units)
    {
        if (!IsDigit(tens) || !IsDigit(units))
        {
            return false;
        }

        var code = ((tens - '0') * 10) + (units - '0');
        return code is (>= 11 and <= 15) or (>= 21 and <= 23) or (>= 31 and <= 37) or (>= 41 and <= 46)
            or (>= 50 and <= 54) or (>= 61 and <= 65) or 71 or 81 or 82 or 83;
    }

    /// <summary>
    /// 手机号 <c>1[3-9]\d{9}</c>, optionally after +86, 0086 or 86 (and a space or hyphen), written
    /// solid or grouped 3-4-4 with spaces or hyphens (138 1234 5678, 138-1234-5678).
    /// </summary>
    private static bool IsMobileNumber(ReadOnlySpan<char> value)
    {
        if (value.Length < 11 || value.Length > 20)
        {
            return false;
        }

        foreach (var prefix in CountryPrefixes)
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                value = value[prefix.Length..];
                if (value.Length > 0 && value[0] is ' ' or '-')
                {
                    value = value[1..];
                }

                break;
            }
        }

        if (value.Length == 13 && value[3] is ' ' or '-' && value[8] == value[3])
        {
            if (!IsAllDigits(value[..3]) || !IsAllDigits(value[4..8]) || !IsAllDigits(value[9..]))
            {
                return false;
            }
        }
        else if (value.Length != 11 || !IsAllDigits(value))
        {
            return false;
        }

        return value[0] == '1' && value[1] is >= '3' and <= '9';
    }

    /// <summary>
    /// 银行卡号: 16–19 digits, solid or in groups of four split by spaces or hyphens, starting 3–6
    /// (JCB/American Express 3, Visa 4, Mastercard 5, UnionPay 62), passing the Luhn check.
    /// Random digits pass Luhn one time in ten; a field needs a much higher share (see <see cref="FieldScanner"/>).
    /// </summary>
    private static bool IsBankCard(ReadOnlySpan<char> value)
    {
        if (value.Length is < 16 or > 23 || value[0] is < '3' or > '6')
        {
            return false;
        }

        Span<char> digits = stackalloc char[19];
        var count = 0;
        var group = 0;
        var grouped = false;
        foreach (var c in value)
        {
            if (IsDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = c;
                group++;
            }
            else if (c is ' ' or '-' && group == 4)
            {
                group = 0;
                grouped = true;
            }
            else
            {
                return false;
            }
        }

        if (count < 16 || group == 0 || (grouped && group > 4))
        {
            return false;
        }

        var sum = 0;
        for (var i = count - 1; i >= 0; i--)
        {
            var digit = digits[i] - '0';
            if ((count - i) % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }

    /// <summary>统一社会信用代码 with both its GB 32100 check and the GB 11714 check of the organization code inside.</summary>
    private static bool IsCreditCode(ReadOnlySpan<char> value) => value.Length == 18 && CreditCode.IsValid(value);

    /// <summary>
    /// 护照号 of the People's Republic: E + 8 digits or E + a letter (not I or O) + 7 digits for the
    /// ordinary electronic passports since 2012, G + 8 digits for the older ordinary ones, and
    /// DE/SE/PE + 7 digits for diplomatic, service and public-affairs passports. Foreign passports
    /// follow no shared pattern and are not recognized. An ID number (18 characters) or a plate
    /// (Han first) never fits.
    /// </summary>
    private static bool IsPassportNumber(ReadOnlySpan<char> value)
    {
        if (value.Length != 9)
        {
            return false;
        }

        return value[0] switch
        {
            'E' => IsAllDigits(value[2..]) && (IsDigit(value[1]) || IsPlateLetter(value[1])),
            'G' => IsAllDigits(value[1..]),
            'D' or 'S' or 'P' => value[1] == 'E' && IsAllDigits(value[2..]),
            _ => false,
        };
    }

    /// <summary>
    /// IPv4 as a dotted quad (so a bare number such as 12345 is not an address), with a port as
    /// logs write it (10.0.0.1:8080), or IPv6.
    /// </summary>
    private static bool IsIpAddress(ReadOnlySpan<char> value)
    {
        if (IsIPv4(value))
        {
            return true;
        }

        var colon = value.IndexOf(':');
        if (colon < 0)
        {
            return false;
        }

        return colon is >= 7 and <= 15 && value[^1] != ':' && value[(colon + 1)..].Length <= 5 && IsAllDigits(value[(colon + 1)..])
            ? IsIPv4(value[..colon]) && int.Parse(value[(colon + 1)..], CultureInfo.InvariantCulture) is >= 1 and <= 65535
            : IsIPv6(value);
    }

    private static bool IsIPv4(ReadOnlySpan<char> value)
    {
        if (value.Length is < 7 or > 15)
        {
            return false;
        }

        var dots = 0;
        var octet = 0;
        var digits = 0;
        foreach (var c in value)
        {
            if (IsDigit(c))
            {
                if (++digits > 3)
                {
                    return false;
                }

                octet = (octet * 10) + (c - '0');
            }
            else if (c == '.' && digits > 0 && octet <= 255 && ++dots <= 3)
            {
                digits = 0;
                octet = 0;
            }
            else
            {
                return false;
            }
        }

        return dots == 3 && digits > 0 && octet <= 255;
    }

    /// <summary>Eight groups of 1–4 hex digits, one <c>::</c> standing for the missing ones, an IPv4 tail counting as two.</summary>
    private static bool IsIPv6(ReadOnlySpan<char> value)
    {
        if (value.Length is < 2 or > 45)
        {
            return false;
        }

        var groups = 0;
        var compressed = false;
        var i = 0;
        if (value.StartsWith("::", StringComparison.Ordinal))
        {
            compressed = true;
            i = 2;
        }
        else if (value[0] == ':')
        {
            return false;
        }

        while (i < value.Length)
        {
            var start = i;
            while (i < value.Length && char.IsAsciiHexDigit(value[i]))
            {
                i++;
            }

            if (i < value.Length && value[i] == '.')
            {
                return IsIPv4(value[start..]) && (compressed ? groups + 2 <= 7 : groups + 2 == 8);
            }

            if (i - start is 0 or > 4)
            {
                return false;
            }

            groups++;
            if (i == value.Length)
            {
                break;
            }

            if (value[i++] != ':' || i == value.Length)
            {
                return false;
            }

            if (value[i] == ':')
            {
                if (compressed)
                {
                    return false;
                }

                compressed = true;
                i++;
            }
        }

        return compressed ? groups <= 7 : groups == 8;
    }

    /// <summary>
    /// 电子邮箱: local@domain.tld read in one pass, no backtracking. The local part is 1–64 of
    /// A–Z 0–9 . _ % + - (no leading, trailing or doubled dot); the domain has at least two labels
    /// of letters, digits and inner hyphens, and ends in a top-level domain of two or more letters.
    /// </summary>
    private static bool IsEmail(ReadOnlySpan<char> value)
    {
        var at = value.IndexOf('@');
        if (at is < 1 or > 64 || value.Length - at - 1 < 4)
        {
            return false;
        }

        var local = value[..at];
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '%' or '+' or '-'))
            {
                return false;
            }
        }

        var domain = value[(at + 1)..];
        var labels = 1;
        var labelLength = 0;
        var lettersOnly = true;
        for (var i = 0; i < domain.Length; i++)
        {
            var c = domain[i];
            if (c == '.')
            {
                if (labelLength == 0 || domain[i - 1] == '-')
                {
                    return false;
                }

                labels++;
                labelLength = 0;
                lettersOnly = true;
                continue;
            }

            if (c == '-')
            {
                if (labelLength == 0)
                {
                    return false;
                }

                lettersOnly = false;
            }
            else if (IsDigit(c))
            {
                lettersOnly = false;
            }
            else if (!char.IsAsciiLetter(c))
            {
                return false;
            }

            if (++labelLength > 63)
            {
                return false;
            }
        }

        return labels >= 2 && labelLength >= 2 && lettersOnly;
    }
}
