using System.Text;

namespace Gongshu.Sharing.Query;

/// <summary>The comparison operators of the filter language.</summary>
public enum FilterOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,

    /// <summary><c>^=</c>: the text starts with the given text.</summary>
    Prefix,
}

public enum FilterLiteralKind
{
    Text,
    Number,
    Boolean,
    Null,
}

/// <summary>A literal as written; its meaning depends on the field it is compared with.</summary>
public sealed record FilterLiteral(FilterLiteralKind Kind, string Text, int Position)
{
    public override string ToString() => Kind switch
    {
        FilterLiteralKind.Text => "'" + Text.Replace("'", "''", StringComparison.Ordinal) + "'",
        FilterLiteralKind.Null => "null",
        _ => Text,
    };
}

/// <summary>
/// A parsed filter (see <see cref="FilterParser"/>). Positions are 1-based character offsets into
/// the filter text, so binding errors can point at what the user wrote. <see cref="ToString"/> is
/// the canonical text: fully parenthesized, keywords lower case, and parses back to the same tree.
/// </summary>
public abstract record FilterNode(int Position)
{
    public abstract override string ToString();

    /// <summary>How many comparisons the tree holds (an <c>in</c> list counts once).</summary>
    public abstract int Comparisons { get; }

    internal static string FieldText(string field)
        => FilterTokenizer.IsBareIdentifier(field) && !FilterTokenizer.IsKeyword(field) ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary><c>field op literal</c>; with a null literal only <c>=</c> and <c>!=</c> occur.</summary>
public sealed record FilterComparison(string Field, FilterOperator Operator, FilterLiteral Value, int Position) : FilterNode(Position)
{
    public override int Comparisons => 1;

    public override string ToString() => $"{FieldText(Field)} {Symbol(Operator)} {Value}";

    public static string Symbol(FilterOperator op) => op switch
    {
        FilterOperator.Equal => "=",
        FilterOperator.NotEqual => "!=",
        FilterOperator.Less => "<",
        FilterOperator.LessOrEqual => "<=",
        FilterOperator.Greater => ">",
        FilterOperator.GreaterOrEqual => ">=",
        FilterOperator.Prefix => "^=",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}

/// <summary><c>field in (literal, …)</c>.</summary>
public sealed record FilterIn(string Field, IReadOnlyList<FilterLiteral> Values, int Position) : FilterNode(Position)
{
    public override int Comparisons => 1;

    public override string ToString() => $"{FieldText(Field)} in ({string.Join(", ", Values)})";
}

/// <summary>All of the terms hold (two or more).</summary>
public sealed record FilterAnd(IReadOnlyList<FilterNode> Terms) : FilterNode(Terms[0].Position)
{
    public override int Comparisons => Terms.Sum(t => t.Comparisons);

    public override string ToString() => Join(Terms, " and ");

    internal static string Join(IReadOnlyList<FilterNode> terms, string separator)
    {
        var text = new StringBuilder("(");
        for (var i = 0; i < terms.Count; i++)
        {
            text.Append(i == 0 ? "" : separator).Append(terms[i]);
        }

        return text.Append(')').ToString();
    }
}

/// <summary>At least one of the terms holds (two or more).</summary>
public sealed record FilterOr(IReadOnlyList<FilterNode> Terms) : FilterNode(Terms[0].Position)
{
    public override int Comparisons => Terms.Sum(t => t.Comparisons);

    public override string ToString() => FilterAnd.Join(Terms, " or ");
}

/// <summary>The term does not hold (as in SQL: not of an unknown comparison stays unknown).</summary>
public sealed record FilterNot(FilterNode Term, int Position) : FilterNode(Position)
{
    public override int Comparisons => Term.Comparisons;

    public override string ToString() => $"not {Term}";
}
