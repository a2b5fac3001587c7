using Gongshu.Storage;
using static Gongshu.Collection.Conversion.Reasons;

namespace Gongshu.Collection.Conversion;

/// <summary>
/// N 数值型 and Y 货币型 as <see cref="decimal"/>. N is numeric(Length, Scale) when it has a length;
/// Y is always stored as numeric(18,2). A value with more digits before the point than the column
/// holds, or more decimals than its scale, is rejected rather than rounded: the database would
/// round silently, and government data must arrive as the provider wrote it. Zeros beyond the
/// scale change nothing and are accepted ("12.50" in a scale-1 column is 12.5).
/// </summary>
internal sealed class DecimalConverter : FieldConverter
{
    private const int DecimalDigits = 29;
    private const int DecimalMaxScale = 28;
    private static readonly UInt128 DecimalMaxMantissa = ((UInt128)1 << 96) - 1;

    private readonly bool _currency;
    private readonly int _maxIntegerDigits;
    private readonly int _maxScale;
    private readonly decimal _integerLimit;

    public DecimalConverter(DatasetColumn column)
        : base(column)
    {
        _currency = column.Type == FieldType.Currency;
        if (_currency)
        {
            (_maxIntegerDigits, _maxScale) = (16, 2);
        }
        else if (column.Length is > 0 and var precision)
        {
            _maxScale = Math.Clamp(column.Scale ?? 0, 0, Math.Min(precision, DecimalMaxScale));
            _maxIntegerDigits = Math.Min(precision - _maxScale, DecimalDigits);
        }
        else
        {
            _maxScale = Math.Clamp(column.Scale ?? DecimalMaxScale, 0, DecimalMaxScale);
            _maxIntegerDigits = DecimalDigits;
        }

        _integerLimit = _maxIntegerDigits < DecimalDigits ? Pow10(_maxIntegerDigits) : decimal.MaxValue;
    }

    private string Kind => _currency ? "an amount of money" : "a number";

    private protected override bool TryConvertText(string text, ReadOnlySpan<char> trimmed, out object? result, out string? reason)
    {
        Span<char> digits = stackalloc char[NumberText.MaxDigits];
        var error = NumberText.Scan(trimmed, _currency, exponent: false, digits, out var number);
        if (error != NumberTextError.None)
        {
            return Reject(Number(error, trimmed, Kind), out result, out reason);
        }

        if (number.IntegerDigits > _maxIntegerDigits)
        {
            return Reject(TooManyIntegerDigits(Quote(trimmed)), out result, out reason);
        }

        if (number.SignificantFractionDigits > _maxScale)
        {
            return Reject(TooManyDecimals(Quote(trimmed)), out result, out reason);
        }

        var scale = Math.Min(number.FractionDigits, _maxScale);
        var count = number.IntegerDigits + scale;
        var mantissa = count <= DecimalDigits ? Mantissa(digits[..count]) : UInt128.MaxValue;
        if (mantissa > DecimalMaxMantissa)
        {
            return Reject(Number(NumberTextError.TooManyDigits, trimmed, Kind), out result, out reason);
        }

        var value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), (int)(uint)(mantissa >> 64), number.Negative && mantissa != 0, (byte)scale);
        return Accept(value, out result, out reason);
    }

    private protected override bool TryConvertValue(object value, out object? result, out string? reason)
    {
        decimal exact;
        switch (value)
        {
            case decimal m:
                exact = m;
                break;
            case long l:
                exact = l;
                break;
            case int i:
                exact = i;
                break;
            case short or sbyte or byte or ushort or uint or ulong:
                exact = Convert.ToDecimal(value, null);
                break;
            case double or float:
                var d = value is float f ? f : (double)value;
                if (!double.IsFinite(d))
                {
                    return Reject($"{Describe(value)} is not {Kind}", out result, out reason);
                }

                if (Math.Abs(d) >= 7.9e28)
                {
                    return Reject(TooManyIntegerDigits(Describe(value)), out result, out reason);
                }

                exact = FromDouble(d, value is float);
                if (exact == 0 && d != 0)
                {
                    return Reject(TooManyDecimals(Describe(value)), out result, out reason);
                }

                break;
            default:
                return Reject($"{Describe(value)} is not {Kind}", out result, out reason);
        }

        if (Math.Abs(decimal.Truncate(exact)) >= _integerLimit)
        {
            return Reject(TooManyIntegerDigits(Describe(value)), out result, out reason);
        }

        if (decimal.Round(exact, _maxScale) != exact)
        {
            return Reject(TooManyDecimals(Describe(value)), out result, out reason);
        }

        return Accept(exact, out result, out reason);
    }

    /// <summary>
    /// A double carries about 15 significant digits, as an Excel cell does (a float 7): whole numbers
    /// up to 2^53 are exact, and other values read as the decimal Excel shows (0.1, not 0.1000000000000000055).
    /// </summary>
    private static decimal FromDouble(double d, bool single)
        => double.IsInteger(d) && Math.Abs(d) < 9007199254740992d ? (long)d
            : single ? (decimal)(float)d
            : (decimal)d;

    internal static UInt128 Mantissa(ReadOnlySpan<char> digits)
    {
        if (digits.Length <= 19)
        {
            var small = 0UL;
            foreach (var c in digits)
            {
                small = small * 10 + (uint)(c - '0');
            }

            return small;
        }

        UInt128 wide = 0;
        foreach (var c in digits)
        {
            wide = wide * 10 + (uint)(c - '0');
        }

        return wide;
    }

    private static decimal Pow10(int exponent)
    {
        var value = 1m;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }

    private string TooManyIntegerDigits(string quoted) => _maxIntegerDigits == 0
        ? $"{quoted} must be less than 1 in magnitude"
        : $"{quoted} has more than {_maxIntegerDigits} digits before the decimal point";

    private string TooManyDecimals(string quoted)
        => _maxScale == 0 ? $"{quoted} is not a whole number" : $"{quoted} has more than {_maxScale} decimal places";
}
