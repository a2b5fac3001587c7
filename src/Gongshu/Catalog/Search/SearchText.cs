using System.Text;

namespace Gongshu.Catalog.Search;

/// <summary>
/// The one normalization applied to indexed text and to query terms alike, so that matching is a
/// plain substring test on both engines: NFKC (full-width ＡＢＣ１２３ and （） become ASCII) and
/// lower case.
/// </summary>
internal static class SearchText
{
    /// <summary>Joins list items (keywords, labels, tags): no term holds a line break, so none can match across two items.</summary>
    public const char ItemSeparator = '\n';

    /// <summary>Besides whitespace, the marks people put between search words: ， 、 ； 。 (， and ； are , and ; after NFKC).</summary>
    private const string TermSeparators = ",;、。";

    public static string Normalize(string text) => WellFormed(text).Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    public static string NormalizeList(IEnumerable<string> items)
        => string.Join(ItemSeparator, items.Select(i => Normalize(i).Trim()).Where(i => i.Length > 0));

    /// <summary>The distinct normalized terms of a query; every one of them must match.</summary>
    public static IReadOnlyList<string> Terms(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        return SplitAtSeparators(Normalize(query)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Characters as SQLite's trigram tokenizer and <c>length()</c> count them: code points, not UTF-16 units.</summary>
    public static int Length(string term) => term.EnumerateRunes().Count();

    /// <summary>A LIKE pattern that matches <paramref name="text"/> literally, with <c>\</c> as the escape character.</summary>
    public static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    /// <summary>An FTS5 string: inside double quotes nothing is syntax (NEAR, *, -, :, AND), and a quote is doubled.</summary>
    public static string Fts5Phrase(string term) => $"\"{term.Replace("\"", "\"\"")}\"";

    /// <summary>
    /// Whether a character is part of the two-character index (<see cref="Bigrams"/>): a digit, a
    /// lower-case ASCII letter or anything beyond ASCII. These are exactly the characters SQLite's
    /// <c>ascii</c> tokenizer keeps inside a token, so a bigram of them is one token, taken as is.
    /// </summary>
    public static bool IsGramChar(Rune rune) => rune.Value >= 0x80 || rune.Value is (>= '0' and <= '9') or (>= 'a' and <= 'z');

    /// <summary>A term the two-character index can look up: exactly two characters, both <see cref="IsGramChar"/>.</summary>
    public static bool IsBigram(string term)
    {
        var count = 0;
        foreach (var rune in term.EnumerateRunes())
        {
            if (!IsGramChar(rune) || ++count > 2)
            {
                return false;
            }
        }

        return count == 2;
    }

    /// <summary>
    /// The distinct pairs of adjacent <see cref="IsGramChar"/> characters of normalized texts (list
    /// items never pair across their line break), each prefixed with <paramref name="prefix"/>,
    /// separated by spaces: a document contains a two-character term of gram characters as a
    /// substring exactly when the term is one of these pairs.
    /// </summary>
    public static string Bigrams(string prefix, params ReadOnlySpan<string> texts)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var previous = -1;
            var index = 0;
            foreach (var rune in text.EnumerateRunes())
            {
                var length = rune.Utf16SequenceLength;
                if (!IsGramChar(rune))
                {
                    previous = -1;
                }
                else
                {
                    if (previous >= 0)
                    {
                        grams.Add(string.Concat(prefix, text.AsSpan(previous, index + length - previous)));
                    }

                    previous = index;
                }

                index += length;
            }
        }

        return string.Join(' ', grams.Order(StringComparer.Ordinal));
    }

    /// <summary>No control characters and no lone surrogates.</summary>
    public static bool IsPlainText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]))
            {
                return false;
            }

            if (char.IsSurrogate(value[i]))
            {
                if (!char.IsHighSurrogate(value[i]) || i + 1 == value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    private static IEnumerable<string> SplitAtSeparators(string text)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || char.IsWhiteSpace(text[i]) || char.IsControl(text[i]) || TermSeparators.Contains(text[i]))
            {
                if (i > start)
                {
                    yield return text[start..i];
                }

                start = i + 1;
            }
        }
    }

    /// <summary>Replaces lone surrogates (which <see cref="string.Normalize()"/> refuses) with U+FFFD.</summary>
    private static string WellFormed(string text)
    {
        if (!text.Any(char.IsSurrogate))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }
}
