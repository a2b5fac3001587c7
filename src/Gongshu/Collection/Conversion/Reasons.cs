using System.Globalization;

namespace Gongshu.Collection.Conversion;

/// <summary>How reasons show the value they reject.</summary>
internal static class Reasons
{
    private const int QuotedLength = 50;

    /// <summary>The value in single quotes, cut to 50 characters and kept on one line.</summary>
    public static string Quote(ReadOnlySpan<char> text)
    {
        var cut = text.Length > QuotedLength;
        if (cut)
        {
            var keep = QuotedLength - 1;
            text = text[..(char.IsHighSurrogate(text[keep - 1]) ? keep - 1 : keep)];
        }

        Span<char> buffer = stackalloc char[QuotedLength + 2];
        buffer[0] = '\'';
        for (var i = 0; i < text.Length; i++)
        {
            buffer[i + 1] = char.IsControl(text[i]) ? ' ' : text[i];
        }

        var length = text.Length + 1;
        if (cut)
        {
            buffer[length++] = '…';
        }

        buffer[length++] = '\'';
        return new string(buffer[..length]);
    }

    /// <summary>A typed value as a reason shows it: quoted invariant text, or a size for binary data.</summary>
    public static string Describe(object value) => value switch
    {
        byte[] bytes => $"binary data ({bytes.Length} bytes)",
        _ => Quote(Format(value)),
    };

    /// <summary>A typed value as invariant text: how a text field stores it and how a reason quotes it.</summary>
    public static string Format(object value) => value switch
    {
        string text => text,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Why text is not a number; <paramref name="kind"/> is what the field wants ("a number").</summary>
    public static string Number(NumberTextError error, ReadOnlySpan<char> text, string kind) => error switch
    {
        NumberTextError.MisplacedSeparator => $"{Quote(text)} has misplaced thousands separators (expected e.g. 1,234,567.89)",
        NumberTextError.Scientific => $"{Quote(text)} is in scientific notation, which hides digits; write the number out in full",
        NumberTextError.TooManyDigits => $"{Quote(text)} has more digits than a number can hold",
        _ => $"{Quote(text)} is not {kind}",
    };
}
