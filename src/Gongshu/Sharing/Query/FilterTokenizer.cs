using System.Text;

namespace Gongshu.Sharing.Query;

internal enum TokenKind
{
    Identifier,
    QuotedIdentifier,
    Text,
    Number,
    Operator,
    OpenParen,
    CloseParen,
    Comma,
    End,
}

/// <summary>One token; <see cref="Position"/> is 1-based.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position, FilterOperator Operator = default)
{
    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>How an error message names the token.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the filter",
        TokenKind.Text => "a quoted text",
        TokenKind.QuotedIdentifier => $"\"{Text}\"",
        _ => $"'{Text}'",
    };
}

/// <summary>Splits filter text into tokens; every error names its 1-based position.</summary>
internal sealed class FilterTokenizer(string text, string parameter)
{
    private static readonly HashSet<string> Keywords = new(["and", "or", "not", "in", "null", "true", "false"], StringComparer.OrdinalIgnoreCase);
    private int _next;

    public static bool IsKeyword(string word) => Keywords.Contains(word);

    /// <summary>Letters, digits and '_', not starting with a digit (ASCII only: anything else must be double-quoted).</summary>
    public static bool IsBareIdentifier(string word)
    {
        if (word.Length == 0 || char.IsAsciiDigit(word[0]))
        {
            return false;
        }

        foreach (var c in word)
        {
            if (!IsIdentifierChar(c))
            {
                return false;
            }
        }

        return true;
    }

    public Token Next()
    {
        while (_next < text.Length && char.IsWhiteSpace(text[_next]))
        {
            _next++;
        }

        if (_next >= text.Length)
        {
            return new Token(TokenKind.End, "", text.Length + 1);
        }

        var start = _next;
        var c = text[start];
        var position = start + 1;
        switch (c)
        {
            case '(':
                _next++;
                return new Token(TokenKind.OpenParen, "(", position);
            case ')':
                _next++;
                return new Token(TokenKind.CloseParen, ")", position);
            case ',':
                _next++;
                return new Token(TokenKind.Comma, ",", position);
            case '\'':
                return new Token(TokenKind.Text, Quoted('\'', "quoted text"), position);
            case '"':
                var name = Quoted('"', "quoted field name");
                return name.Length == 0
                    ? throw Error("empty field name", position)
                    : new Token(TokenKind.QuotedIdentifier, name, position);
            case '=':
                return Operator(FilterOperator.Equal, 1);
            case '<':
                return At(1) == '=' ? Operator(FilterOperator.LessOrEqual, 2) : Operator(FilterOperator.Less, 1);
            case '>':
                return At(1) == '=' ? Operator(FilterOperator.GreaterOrEqual, 2) : Operator(FilterOperator.Greater, 1);
            case '!' when At(1) == '=':
                return Operator(FilterOperator.NotEqual, 2);
            case '^' when At(1) == '=':
                return Operator(FilterOperator.Prefix, 2);
        }

        if (char.IsAsciiDigit(c) || (c is '-' or '+' && char.IsAsciiDigit(At(1))))
        {
            return Number();
        }

        if (IsIdentifierChar(c))
        {
            while (_next < text.Length && IsIdentifierChar(text[_next]))
            {
                _next++;
            }

            return new Token(TokenKind.Identifier, text[start.._next], position);
        }

        throw Error(char.IsControl(c) ? $"unexpected control character U+{(int)c:X4}" : $"unexpected character '{c}'", position);
    }

    public FilterSyntaxException Error(string what, int position) => new(parameter, what, position);

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private char At(int offset) => _next + offset < text.Length ? text[_next + offset] : '\0';

    private Token Operator(FilterOperator op, int length)
    {
        var token = new Token(TokenKind.Operator, text.Substring(_next, length), _next + 1, op);
        _next += length;
        return token;
    }

    private Token Number()
    {
        var start = _next;
        if (text[_next] is '-' or '+')
        {
            _next++;
        }

        SkipDigits();
        if (At(0) == '.' && char.IsAsciiDigit(At(1)))
        {
            _next++;
            SkipDigits();
        }

        if (_next < text.Length && (IsIdentifierChar(text[_next]) || text[_next] == '.'))
        {
            throw Error("malformed number", start + 1);
        }

        return new Token(TokenKind.Number, text[start.._next], start + 1);
    }

    private void SkipDigits()
    {
        while (_next < text.Length && char.IsAsciiDigit(text[_next]))
        {
            _next++;
        }
    }

    // A doubled quote stands for itself; NUL is refused because PostgreSQL text cannot hold it.
    private string Quoted(char quote, string what)
    {
        var start = _next;
        var value = new StringBuilder();
        _next++;
        while (true)
        {
            if (_next >= text.Length)
            {
                throw Error($"unterminated {what}", start + 1);
            }

            var c = text[_next];
            if (c == '\0')
            {
                throw Error("NUL character", _next + 1);
            }

            // Half a surrogate pair is no character and cannot be sent to the database as UTF-8.
            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && char.IsLowSurrogate(At(1))))
            {
                throw Error("invalid UTF-16 (half a surrogate pair)", _next + 1);
            }

            if (char.IsHighSurrogate(c))
            {
                value.Append(c);
                _next++;
                c = text[_next];
            }

            if (c == quote)
            {
                if (At(1) != quote)
                {
                    _next++;
                    return value.ToString();
                }

                _next++;
            }

            value.Append(c);
            _next++;
        }
    }
}
