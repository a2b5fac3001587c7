using static Gongshu.Collection.Conversion.SourceText;

namespace Gongshu.Collection.Conversion;

internal enum NumberTextError
{
    None,
    NotANumber,
    MisplacedSeparator,
    Scientific,
    TooManyDigits,
}

/// <summary>
/// A number as written in a source, scanned once: its sign, its significant digits (integer part
/// without leading zeros, then the fraction as written) and a decimal exponent.
/// </summary>
internal struct NumberText
{
    /// <summary>Room for the digits; longer numbers are beyond what any field type keeps.</summary>
    public const int MaxDigits = 64;

    public bool Negative;

    /// <summary>Digits before the decimal point, leading zeros not counted.</summary>
    public int IntegerDigits;

    /// <summary>Digits after the decimal point as written, trailing zeros included.</summary>
    public int FractionDigits;

    /// <summary>Digits after the decimal point up to the last non-zero one.</summary>
    public int SignificantFractionDigits;

    public int Exponent;

    public bool HasExponent;

    /// <summary>
    /// Scans <paramref name="text"/> (already trimmed): an optional sign, an optional ¥ or ￥ when
    /// <paramref name="currency"/>, digits with thousands separators in groups of three, an optional
    /// fraction and, when <paramref name="exponent"/>, an exponent. Full-width forms count as ASCII.
    /// Grouping is checked because "1,5" is one and a half in much of Europe: reading it as 15 would
    /// change the value.
    /// </summary>
    public static NumberTextError Scan(ReadOnlySpan<char> text, bool currency, bool exponent, Span<char> digits, out NumberText number)
    {
        number = default;
        var i = 0;
        var signed = false;
        var symbol = false;
        while (i < text.Length)
        {
            var c = Narrow(text[i]);
            if (!signed && c is '+' or '-' or '\u2212')
            {
                signed = true;
                number.Negative = c != '+';
                i++;
            }
            else if (currency && !symbol && c is '¥' or '\uFFE5')
            {
                symbol = true;
                i++;
                while (i < text.Length && text[i] is ' ' or '\u3000' or '\u00A0')
                {
                    i++;
                }
            }
            else
            {
                break;
            }
        }

        var written = 0;
        var anyDigit = false;
        var group = 0;
        var grouped = false;
        for (; i < text.Length; i++)
        {
            var c = Narrow(text[i]);
            if (c is >= '0' and <= '9')
            {
                anyDigit = true;
                group++;
                if (c != '0' || written > 0)
                {
                    if (written == digits.Length)
                    {
                        return NumberTextError.TooManyDigits;
                    }

                    digits[written++] = c;
                }
            }
            else if (c == ',')
            {
                if (group == 0 || group > 3 || (grouped && group != 3))
                {
                    return NumberTextError.MisplacedSeparator;
                }

                grouped = true;
                group = 0;
            }
            else
            {
                break;
            }
        }

        if (grouped && group != 3)
        {
            return NumberTextError.MisplacedSeparator;
        }

        number.IntegerDigits = written;
        if (i < text.Length && Narrow(text[i]) == '.')
        {
            for (i++; i < text.Length; i++)
            {
                var c = Narrow(text[i]);
                if (c is < '0' or > '9')
                {
                    if (c == ',')
                    {
                        return NumberTextError.MisplacedSeparator;
                    }

                    break;
                }

                if (written == digits.Length)
                {
                    return NumberTextError.TooManyDigits;
                }

                anyDigit = true;
                digits[written++] = c;
                number.FractionDigits++;
                if (c != '0')
                {
                    number.SignificantFractionDigits = number.FractionDigits;
                }
            }
        }

        if (!anyDigit)
        {
            return NumberTextError.NotANumber;
        }

        if (i < text.Length && Narrow(text[i]) is 'e' or 'E')
        {
            var error = ScanExponent(text[(i + 1)..], ref number);
            return error == NumberTextError.None && !exponent ? NumberTextError.Scientific : error;
        }

        return i == text.Length ? NumberTextError.None : NumberTextError.NotANumber;
    }

    private static NumberTextError ScanExponent(ReadOnlySpan<char> text, ref NumberText number)
    {
        var i = 0;
        var negative = false;
        if (i < text.Length && Narrow(text[i]) is '+' or '-' or '\u2212')
        {
            negative = Narrow(text[i]) != '+';
            i++;
        }

        if (i == text.Length)
        {
            return NumberTextError.NotANumber;
        }

        var value = 0;
        for (; i < text.Length; i++)
        {
            var c = Narrow(text[i]);
            if (c is < '0' or > '9')
            {
                return NumberTextError.NotANumber;
            }

            // Beyond a few thousand every exponent means the same overflow or underflow.
            value = Math.Min(value * 10 + (c - '0'), 100_000);
        }

        number.HasExponent = true;
        number.Exponent = negative ? -value : value;
        return NumberTextError.None;
    }
}
