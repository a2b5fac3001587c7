using System.Globalization;
using Gongshu.Storage;
using static Gongshu.Collection.Conversion.Reasons;

namespace Gongshu.Collection.Conversion;

/// <summary>
/// C 字符型 and M 备注型: the text without surrounding blanks, at most <see cref="DatasetColumn.Length"/>
/// characters, counted as PostgreSQL's varchar counts them (a character outside the BMP, such as a
/// rare name character in Extension B, is one).
/// </summary>
internal sealed class TextConverter(DatasetColumn column) : FieldConverter(column)
{
    private const double LargestExactDouble = 9007199254740992d;
    private readonly int _maxLength = column.Length is > 0 and var length ? length : int.MaxValue;

    private protected override bool TryConvertText(string text, ReadOnlySpan<char> trimmed, out object? result, out string? reason)
    {
        if (!Fits(trimmed, out reason))
        {
            result = null;
            return false;
        }

        return Accept(trimmed.Length == text.Length ? text : trimmed.ToString(), out result, out reason);
    }

    private protected override bool TryConvertValue(object value, out object? result, out string? reason)
    {
        // An Excel number cell is a double: an 18-digit identity number in one has already lost its
        // last digits, so storing it would store a different number.
        if (value is double d && double.IsInteger(d) && Math.Abs(d) >= LargestExactDouble)
        {
            return Reject($"{Describe(value)} is a number too large to be exact; the source must hold it as text", out result, out reason);
        }

        var text = value switch
        {
            double whole when double.IsInteger(whole) => ((long)whole).ToString(CultureInfo.InvariantCulture),
            byte[] => null,
            _ => Format(value),
        };
        if (text is null)
        {
            return Reject($"{Describe(value)} is not text", out result, out reason);
        }

        var trimmed = SourceText.Trim(text);
        if (trimmed.IsEmpty)
        {
            return TryConvert(null, out result, out reason);
        }

        return TryConvertText(text, trimmed, out result, out reason);
    }

    private bool Fits(ReadOnlySpan<char> text, out string? reason)
    {
        // PostgreSQL text cannot hold U+0000: one such value would fail the whole load.
        if (text.Contains('\0'))
        {
            reason = $"{Quote(text)} contains the NUL character, which text cannot hold";
            return false;
        }

        if (text.Length > _maxLength)
        {
            var characters = CountCharacters(text);
            if (characters > _maxLength)
            {
                reason = $"{Quote(text)} is longer than {_maxLength} characters (it has {characters})";
                return false;
            }
        }

        reason = null;
        return true;
    }

    private static int CountCharacters(ReadOnlySpan<char> text)
    {
        var count = text.Length;
        for (var i = 1; i < text.Length; i++)
        {
            if (char.IsLowSurrogate(text[i]) && char.IsHighSurrogate(text[i - 1]))
            {
                count--;
            }
        }

        return count;
    }
}
