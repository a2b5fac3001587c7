namespace Gongshu.Sharing.Query;

/// <summary>
/// Parses the gateway's filter language (docs/GATEWAY-QUERY.md) by recursive descent:
/// <c>or</c> of <c>and</c> of optionally negated comparisons or parenthesized filters. Keywords are
/// case-insensitive; field names are case-sensitive. The limits keep one request's work bounded; the
/// length limit also keeps the values (two characters each at least) far below both engines'
/// parameter limits.
/// </summary>
public sealed class FilterParser
{
    public const int MaxLength = 4000;
    public const int MaxDepth = 32;
    public const int MaxComparisons = 200;
    public const int MaxListValues = 1000;

    private readonly FilterTokenizer _tokens;
    private Token _current;
    private int _depth;
    private int _comparisons;

    private FilterParser(string text, string parameter)
    {
        _tokens = new FilterTokenizer(text, parameter);
        _current = _tokens.Next();
    }

    /// <summary>
    /// The filter in <paramref name="text"/>, or null when it is empty or blank. Errors are
    /// <see cref="FilterSyntaxException"/>s naming <paramref name="parameter"/> (e.g. a grant's row
    /// filter is checked with its own parameter name).
    /// </summary>
    public static FilterNode? Parse(string? text, string parameter = "filter")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.Length > MaxLength)
        {
            throw new FilterSyntaxException(parameter, $"filter longer than {MaxLength} characters", MaxLength + 1);
        }

        var parser = new FilterParser(text, parameter);
        var filter = parser.Or();
        return parser._current.Kind == TokenKind.End
            ? filter
            : throw parser.Error($"expected 'and', 'or' or the end of the filter but found {parser._current.Describe()}");
    }

    private FilterNode Or() => Chain("or", And, terms => new FilterOr(terms));

    private FilterNode And() => Chain("and", Unary, terms => new FilterAnd(terms));

    // One or more terms joined by a keyword; a single term stands for itself.
    private FilterNode Chain(string keyword, Func<FilterNode> term, Func<List<FilterNode>, FilterNode> join)
    {
        var first = term();
        if (!_current.IsKeyword(keyword))
        {
            return first;
        }

        var terms = new List<FilterNode> { first };
        while (_current.IsKeyword(keyword))
        {
            Advance();
            terms.Add(term());
        }

        return join(terms);
    }

    private FilterNode Unary()
    {
        if (_current.IsKeyword("not"))
        {
            var position = _current.Position;
            Enter();
            Advance();
            var term = Unary();
            _depth--;
            return new FilterNot(term, position);
        }

        if (_current.Kind == TokenKind.OpenParen)
        {
            Enter();
            Advance();
            var inner = Or();
            Expect(TokenKind.CloseParen, "')'");
            _depth--;
            return inner;
        }

        return Predicate();
    }

    private FilterNode Predicate()
    {
        var field = _current;
        if (field.Kind == TokenKind.QuotedIdentifier || (field.Kind == TokenKind.Identifier && !FilterTokenizer.IsKeyword(field.Text)))
        {
            Advance();
        }
        else
        {
            throw Error($"expected a field name but found {field.Describe()}");
        }

        if (++_comparisons > MaxComparisons)
        {
            throw _tokens.Error($"more than {MaxComparisons} comparisons", field.Position);
        }

        if (_current.IsKeyword("in"))
        {
            Advance();
            Expect(TokenKind.OpenParen, "'(' after 'in'");
            var values = new List<FilterLiteral>();
            do
            {
                if (values.Count == MaxListValues)
                {
                    throw Error($"more than {MaxListValues} values in one list");
                }

                var value = Literal();
                values.Add(value.Kind == FilterLiteralKind.Null
                    ? throw _tokens.Error("null in a list (use 'field = null')", value.Position)
                    : value);
            }
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.CloseParen, "',' or ')'");
            return new FilterIn(field.Text, values, field.Position);
        }

        if (_current.Kind != TokenKind.Operator)
        {
            throw Error($"expected an operator (=, !=, <, <=, >, >=, ^=, in) after {field.Describe()} but found {_current.Describe()}");
        }

        var op = _current.Operator;
        Advance();
        var literal = Literal();
        if (literal.Kind == FilterLiteralKind.Null && op is not (FilterOperator.Equal or FilterOperator.NotEqual))
        {
            throw _tokens.Error("null compared with an operator other than = or !=", literal.Position);
        }

        if (op == FilterOperator.Prefix && literal.Kind != FilterLiteralKind.Text)
        {
            throw _tokens.Error("expected a quoted text after ^=", literal.Position);
        }

        return new FilterComparison(field.Text, op, literal, field.Position);
    }

    private FilterLiteral Literal()
    {
        var token = _current;
        var literal = token.Kind switch
        {
            TokenKind.Text => new FilterLiteral(FilterLiteralKind.Text, token.Text, token.Position),
            TokenKind.Number => new FilterLiteral(FilterLiteralKind.Number, token.Text, token.Position),
            TokenKind.Identifier when token.IsKeyword("null") => new FilterLiteral(FilterLiteralKind.Null, "null", token.Position),
            TokenKind.Identifier when token.IsKeyword("true") => new FilterLiteral(FilterLiteralKind.Boolean, "true", token.Position),
            TokenKind.Identifier when token.IsKeyword("false") => new FilterLiteral(FilterLiteralKind.Boolean, "false", token.Position),
            _ => throw Error($"expected a value (a quoted text, a number, true, false or null) but found {token.Describe()}"),
        };
        Advance();
        return literal;
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Error($"nesting deeper than {MaxDepth} levels");
        }
    }

    private void Advance() => _current = _tokens.Next();

    private bool Accept(TokenKind kind)
    {
        if (_current.Kind != kind)
        {
            return false;
        }

        Advance();
        return true;
    }

    private void Expect(TokenKind kind, string what)
    {
        if (!Accept(kind))
        {
            throw Error($"expected {what} but found {_current.Describe()}");
        }
    }

    private FilterSyntaxException Error(string what) => _tokens.Error(what, _current.Position);
}
