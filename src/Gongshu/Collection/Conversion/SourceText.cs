namespace Gongshu.Collection.Conversion;

/// <summary>The characters of source text that conversion treats specially.</summary>
internal static class SourceText
{
    /// <summary>The text without leading and trailing blanks (see <see cref="IsBlank"/>).</summary>
    public static ReadOnlySpan<char> Trim(ReadOnlySpan<char> text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsBlank(text[start]))
        {
            start++;
        }

        while (end > start && IsBlank(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>
    /// ASCII white space, the full-width space (U+3000) Chinese input methods type, and the no-break
    /// space (U+00A0) that values copied from web pages and Excel carry.
    /// </summary>
    public static bool IsBlank(char c)
        => c <= ' ' ? c == ' ' || c is >= '\t' and <= '\r' : c is '\u3000' or '\u00A0';

    /// <summary>Reads a full-width form (U+FF01–FF5E: １, ＋, ．, Ｙ) as its ASCII counterpart.</summary>
    public static char Narrow(char c) => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c;

    /// <summary>The value of a digit, full-width digits included; -1 when <paramref name="c"/> is no digit.</summary>
    public static int Digit(char c)
    {
        var d = c - '0';
        if ((uint)d <= 9)
        {
            return d;
        }

        d = c - '０';
        return (uint)d <= 9 ? d : -1;
    }

    /// <summary>
    /// Whether <paramref name="text"/> is <paramref name="word"/> (lower-case ASCII), ignoring ASCII
    /// case and full-width forms.
    /// </summary>
    public static bool IsWord(ReadOnlySpan<char> text, string word)
    {
        if (text.Length != word.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = Narrow(text[i]);
            if ((c is >= 'A' and <= 'Z' ? (char)(c + 32) : c) != word[i])
            {
                return false;
            }
        }

        return true;
    }
}
