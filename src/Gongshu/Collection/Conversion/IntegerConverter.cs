using Gongshu.Storage;
using static Gongshu.Collection.Conversion.Reasons;

namespace Gongshu.Collection.Conversion;

/// <summary>
/// I 整型 as <see cref="long"/> (bigint). "12.0" is twelve, as spreadsheets write whole numbers;
/// "12.5" is rejected, never rounded.
/// </summary>
internal sealed class IntegerConverter(DatasetColumn column) : FieldConverter(column)
{
    private const string Kind = "an integer";
    private const string Range = "out of range for an integer (-9223372036854775808 to 9223372036854775807)";

    private protected override bool TryConvertText(string text, ReadOnlySpan<char> trimmed, out object? result, out string? reason)
    {
        Span<char> digits = stackalloc char[NumberText.MaxDigits];
        var error = NumberText.Scan(trimmed, currency: false, exponent: false, digits, out var number);
        if (error != NumberTextError.None)
        {
            return Reject(Number(error, trimmed, Kind), out result, out reason);
        }

        if (number.SignificantFractionDigits > 0)
        {
            return Reject($"{Quote(trimmed)} is not a whole number", out result, out reason);
        }

        var magnitude = number.IntegerDigits <= 19 ? DecimalConverter.Mantissa(digits[..number.IntegerDigits]) : UInt128.MaxValue;
        if (magnitude > (number.Negative ? (UInt128)long.MaxValue + 1 : long.MaxValue))
        {
            return Reject($"{Quote(trimmed)} is {Range}", out result, out reason);
        }

        var value = number.Negative ? (long)(0 - (ulong)magnitude) : (long)magnitude;
        return Accept(value, out result, out reason);
    }

    private protected override bool TryConvertValue(object value, out object? result, out string? reason)
    {
        switch (value)
        {
            case long:
                return Accept(value, out result, out reason);
            case int i:
                return Accept((long)i, out result, out reason);
            case short or sbyte or byte or ushort or uint:
                return Accept(Convert.ToInt64(value, null), out result, out reason);
            case bool b:
                return Accept(b ? 1L : 0L, out result, out reason);
            case ulong u:
                return u <= long.MaxValue ? Accept((long)u, out result, out reason) : Reject($"{Describe(value)} is {Range}", out result, out reason);
            case decimal m when decimal.Truncate(m) != m:
            case double d when double.IsFinite(d) && !double.IsInteger(d):
            case float f when float.IsFinite(f) && !float.IsInteger(f):
                return Reject($"{Describe(value)} is not a whole number", out result, out reason);
            case decimal m:
                return m is >= long.MinValue and <= long.MaxValue ? Accept((long)m, out result, out reason) : Reject($"{Describe(value)} is {Range}", out result, out reason);
            case double or float:
                // 2^63 is the first double past long.MaxValue; -2^63 is long.MinValue itself.
                var whole = Convert.ToDouble(value, null);
                return whole is >= -9223372036854775808d and < 9223372036854775808d
                    ? Accept((long)whole, out result, out reason)
                    : Reject($"{Describe(value)} is {(double.IsNaN(whole) ? "not " + Kind : Range)}", out result, out reason);
            default:
                return Reject($"{Describe(value)} is not {Kind}", out result, out reason);
        }
    }
}
