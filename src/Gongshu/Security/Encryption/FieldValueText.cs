using System.Globalization;
using System.Text;
using Gongshu.Storage;

namespace Gongshu.Security.Encryption;

/// <summary>
/// The bytes a field value is encrypted as, and back: invariant text for every type but binary,
/// so a value decrypts to exactly what the load converted.
/// </summary>
public static class FieldValueText
{
    public static byte[] ToBytes(object value) => value switch
    {
        byte[] bytes => bytes,
        _ => Encoding.UTF8.GetBytes(ToText(value)),
    };

    /// <summary>The invariant text of a value (also what blind indexes and masking see).</summary>
    public static string ToText(object value) => value switch
    {
        string s => s,
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        byte[] bytes => Convert.ToBase64String(bytes),
        _ => throw new ArgumentException($"A value of type {value.GetType().Name} is not a field value.", nameof(value)),
    };

    public static object FromBytes(byte[] bytes, FieldType type)
    {
        if (type == FieldType.General)
        {
            return bytes;
        }

        var text = Encoding.UTF8.GetString(bytes);
        return type switch
        {
            FieldType.Character or FieldType.Memo => text,
            FieldType.Numeric or FieldType.Currency => decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture),
            FieldType.Date => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            FieldType.DateTime => DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            FieldType.Logical => text == "true",
            FieldType.Double => double.Parse(text, CultureInfo.InvariantCulture),
            FieldType.Integer => long.Parse(text, CultureInfo.InvariantCulture),
            FieldType.Float => float.Parse(text, CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }
}
