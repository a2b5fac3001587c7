using System.Globalization;

namespace Gongshu.Security.Masking;

/// <summary>
/// Numbers made coarser (GB/T 37964 generalization by rounding). Decimal arithmetic throughout, so
/// 12,345.67 to two significant digits is exactly 12,000 and 0.1 + 0.2 artefacts never appear; a
/// double outside the decimal range is rounded as a double. Halves round away from zero, as on
/// paper; <see cref="RoundMode.Decimals"/> cuts instead of rounding.
/// </summary>
public static class NumberMasks
{
    private static readonly decimal[] PowersOfTen = [.. Enumerable.Range(0, 29).Select(e => Pow10(e))];
    private static readonly decimal[] NegativePowersOfTen = [.. PowersOfTen.Select(p => 1m / p)];

    public static decimal Round(decimal value, MaskTechnique.Round how) => how.Mode switch
    {
        RoundMode.Significant => Significant(value, how.Digits),
        RoundMode.Multiple => Math.Round(value / how.Multiple, MidpointRounding.AwayFromZero) * how.Multiple,
        _ => Math.Round(value, how.Digits, MidpointRounding.ToZero),
    };

    /// <summary>A whole number rounded; a decimal only when the rounded value no longer fits a long or has decimals.</summary>
    public static object Round(long value, MaskTechnique.Round how)
    {
        var rounded = Round((decimal)value, how);
        return rounded == decimal.Truncate(rounded) && rounded >= long.MinValue && rounded <= long.MaxValue ? (object)(long)rounded : rounded;
    }

    public static double Round(double value, MaskTechnique.Round how)
    {
        if (!double.IsFinite(value))
        {
            return value;
        }

        if (Math.Abs(value) < 7.9e27)
        {
            return (double)Round((decimal)value, how);
        }

        // Beyond the decimal range only significant digits and multiples change anything.
        var step = how.Mode switch
        {
            RoundMode.Significant => Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(value))) - how.Digits + 1),
            RoundMode.Multiple => (double)how.Multiple,
            _ => 1,
        };
        return Math.Round(value / step, MidpointRounding.AwayFromZero) * step;
    }

    /// <summary>A number written as text (invariant: <c>-1,234.5</c>, <c>1e6</c>) rounded and written back; null when it is not a number.</summary>
    public static string? Round(ReadOnlySpan<char> text, MaskTechnique.Round how)
        => decimal.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value)
            ? Round(value, how).ToString(CultureInfo.InvariantCulture)
            : null;

    private static decimal Significant(decimal value, int digits)
    {
        if (value == 0)
        {
            return 0;
        }

        var exponent = Exponent(Math.Abs(value));
        var decimals = digits - 1 - exponent;
        if (decimals >= 0)
        {
            return Math.Round(value, Math.Min(decimals, 28), MidpointRounding.AwayFromZero);
        }

        var step = PowersOfTen[-decimals];
        return Math.Round(value / step, MidpointRounding.AwayFromZero) * step;
    }

    // ⌊log10 x⌋ for x > 0: from the double's logarithm, then made exact against powers of ten.
    private static int Exponent(decimal x)
    {
        var exponent = Math.Clamp((int)Math.Floor(Math.Log10((double)x)), -28, 28);
        while (exponent > -28 && x < Power(exponent))
        {
            exponent--;
        }

        while (exponent < 28 && x >= Power(exponent + 1))
        {
            exponent++;
        }

        return exponent;
    }

    private static decimal Power(int exponent) => exponent >= 0 ? PowersOfTen[exponent] : NegativePowersOfTen[-exponent];

    private static decimal Pow10(int exponent)
    {
        var power = 1m;
        for (var i = 0; i < exponent; i++)
        {
            power *= 10;
        }

        return power;
    }
}
