using System.Globalization;
using Gongshu.Storage;
using static Gongshu.Collection.Conversion.Reasons;

namespace Gongshu.Collection.Conversion;

/// <summary>
/// B 双精度型 as <see cref="double"/> and F 浮点型 as <see cref="float"/>: approximate by nature, so
/// the nearest value is taken, scientific notation included. NaN and infinities are no measurement
/// and are rejected, as is a value too large for the type.
/// </summary>
internal sealed class FloatingPointConverter(DatasetColumn column) : FieldConverter(column)
{
    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    private readonly bool _single = column.Type == FieldType.Float;

    private string Range => _single ? "out of range for a single-precision number" : "out of range for a double-precision number";

    private protected override bool TryConvertText(string text, ReadOnlySpan<char> trimmed, out object? result, out string? reason)
    {
        Span<char> digits = stackalloc char[NumberText.MaxDigits];
        var error = NumberText.Scan(trimmed, currency: false, exponent: true, digits, out var number);
        if (error != NumberTextError.None)
        {
            return Reject(Number(error, trimmed, "a number"), out result, out reason);
        }

        var parsed = _single ? FastSingle(digits, number) : FastDouble(digits, number);
        if (double.IsNaN(parsed))
        {
            // The scan has checked the shape; the runtime's parser does the rest correctly rounded.
            var ascii = Ascii(digits, number, stackalloc char[NumberText.MaxDigits + 16]);
            parsed = _single
                ? float.Parse(ascii, NumberStyles.Float, NumberFormatInfo.InvariantInfo)
                : double.Parse(ascii, NumberStyles.Float, NumberFormatInfo.InvariantInfo);
        }

        if (!double.IsFinite(parsed))
        {
            return Reject($"{Quote(trimmed)} is {Range}", out result, out reason);
        }

        return Accept(_single ? (float)parsed : (object)parsed, out result, out reason);
    }

    private protected override bool TryConvertValue(object value, out object? result, out string? reason)
    {
        double? number = value switch
        {
            double d => d,

            // Through decimal, a float's 7 digits read as written: 0.1f is 0.1, not 0.100000001490116.
            float f => Math.Abs(f) < 7.9e28f ? (double)(decimal)f : f,
            decimal m => (double)m,
            long or int or short or sbyte or byte or ushort or uint or ulong => Convert.ToDouble(value, null),
            _ => null,
        };
        if (number is not { } approximate || double.IsNaN(approximate))
        {
            return Reject($"{Describe(value)} is not a number", out result, out reason);
        }

        if (!double.IsFinite(approximate) || (_single && Math.Abs(approximate) > float.MaxValue))
        {
            return Reject($"{Describe(value)} is {Range}", out result, out reason);
        }

        if (_single)
        {
            return Accept(value is float ? value : (float)approximate, out result, out reason);
        }

        return Accept(value is double ? value : approximate, out result, out reason);
    }

    /// <summary>
    /// The usual short values, exactly: a mantissa below 2^53 and a power of ten below 10^23 are both
    /// exact doubles, so one multiplication or division rounds correctly (Clinger's fast path).
    /// NaN when the value needs the full parser.
    /// </summary>
    private static double FastDouble(ReadOnlySpan<char> digits, in NumberText number)
    {
        var count = number.IntegerDigits + number.FractionDigits;
        var exponent = number.Exponent - number.FractionDigits;
        if (count > 19 || exponent is < -22 or > 22)
        {
            return double.NaN;
        }

        var mantissa = (ulong)DecimalConverter.Mantissa(digits[..count]);
        if (mantissa > 1UL << 53)
        {
            return double.NaN;
        }

        var value = exponent >= 0 ? mantissa * PowersOfTen[exponent] : mantissa / PowersOfTen[-exponent];
        return number.Negative ? -value : value;
    }

    /// <summary>The same for single precision: mantissas below 2^24, powers of ten below 10^11.</summary>
    private static double FastSingle(ReadOnlySpan<char> digits, in NumberText number)
    {
        var count = number.IntegerDigits + number.FractionDigits;
        var exponent = number.Exponent - number.FractionDigits;
        if (count > 19 || exponent is < -10 or > 10)
        {
            return double.NaN;
        }

        var mantissa = (ulong)DecimalConverter.Mantissa(digits[..count]);
        if (mantissa > 1UL << 24)
        {
            return double.NaN;
        }

        var power = (float)PowersOfTen[Math.Abs(exponent)];
        var value = exponent >= 0 ? (float)mantissa * power : (float)mantissa / power;
        return number.Negative ? -value : value;
    }

    private static ReadOnlySpan<char> Ascii(ReadOnlySpan<char> digits, in NumberText number, Span<char> ascii)
    {
        var length = 0;
        if (number.Negative)
        {
            ascii[length++] = '-';
        }

        ascii[length++] = '0';
        digits[..number.IntegerDigits].CopyTo(ascii[length..]);
        length += number.IntegerDigits;
        if (number.FractionDigits > 0)
        {
            ascii[length++] = '.';
            digits.Slice(number.IntegerDigits, number.FractionDigits).CopyTo(ascii[length..]);
            length += number.FractionDigits;
        }

        ascii[length++] = 'e';
        number.Exponent.TryFormat(ascii[length..], out var written, default, CultureInfo.InvariantCulture);
        return ascii[..(length + written)];
    }
}
