using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Gongshu.Collection.Sources.Database;

/// <summary>PostgreSQL's binary numeric, written out as text for the values <see cref="decimal"/> cannot hold.</summary>
internal static class PostgresNumeric
{
    private const ushort Negative = 0x4000;
    private const ushort NotANumber = 0xC000;
    private const ushort PositiveInfinity = 0xD000;
    private const ushort NegativeInfinity = 0xF000;

    /// <summary>
    /// The text of a numeric in PostgreSQL's binary form: digit count, weight of the first digit,
    /// sign and display scale (16 bits each), then the digits in base 10 000.
    /// </summary>
    public static string ToText(ReadOnlySpan<byte> value)
    {
        var count = BinaryPrimitives.ReadInt16BigEndian(value);
        var weight = BinaryPrimitives.ReadInt16BigEndian(value[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(value[4..]);
        var scale = BinaryPrimitives.ReadInt16BigEndian(value[6..]);
        switch (sign)
        {
            case NotANumber:
                return "NaN";
            case PositiveInfinity:
                return "Infinity";
            case NegativeInfinity:
                return "-Infinity";
        }

        var text = new StringBuilder(sign == Negative ? "-" : "");
        if (weight < 0)
        {
            text.Append('0');
        }

        for (var d = 0; d <= weight; d++)
        {
            text.Append(Digit(value, count, d).ToString(d == 0 ? "D" : "D4", CultureInfo.InvariantCulture));
        }

        if (scale > 0)
        {
            text.Append('.');
            var fractionStart = text.Length;
            for (var d = weight + 1; text.Length - fractionStart < scale; d++)
            {
                text.Append(Digit(value, count, d).ToString("D4", CultureInfo.InvariantCulture));
            }

            text.Length = fractionStart + scale;
        }

        return text.ToString();
    }

    private static int Digit(ReadOnlySpan<byte> value, int count, int index)
        => index >= 0 && index < count ? BinaryPrimitives.ReadInt16BigEndian(value[(8 + (2 * index))..]) : 0;
}
