using Gongshu.Collection.Conversion;
using Gongshu.Storage;

namespace Gongshu.Sharing.Query;

/// <summary>A filter checked against a resource's fields, its literals converted to each field's type.</summary>
internal abstract record BoundFilter(int Position);

/// <summary>A comparison; a null <see cref="Value"/> with = or != tests for null.</summary>
internal sealed record BoundComparison(DatasetColumn Field, FilterOperator Operator, object? Value, int Position) : BoundFilter(Position);

internal sealed record BoundIn(DatasetColumn Field, IReadOnlyList<object> Values, int Position) : BoundFilter(Position);

internal sealed record BoundAll(IReadOnlyList<BoundFilter> Terms) : BoundFilter(Terms[0].Position);

internal sealed record BoundAny(IReadOnlyList<BoundFilter> Terms) : BoundFilter(Terms[0].Position);

internal sealed record BoundNot(BoundFilter Term, int Position) : BoundFilter(Position);

/// <summary>
/// Checks a parsed filter against the fields: every field known and granted, every operator
/// meaningful for its field's type, every literal a value of its field's type (converted as a load
/// converts, so <c>birth_date = '1990-1-5'</c> matches what a load stored from the same text).
/// </summary>
internal static class FilterBinder
{
    public static BoundFilter Bind(FilterNode node, QueryFields fields, string parameter = "filter") => node switch
    {
        FilterComparison c => Comparison(c, fields, parameter),
        FilterIn i => In(i, fields, parameter),
        FilterAnd a => new BoundAll(a.Terms.Select(t => Bind(t, fields, parameter)).ToList()),
        FilterOr o => new BoundAny(o.Terms.Select(t => Bind(t, fields, parameter)).ToList()),
        FilterNot n => new BoundNot(Bind(n.Term, fields, parameter), n.Position),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private static BoundComparison Comparison(FilterComparison comparison, QueryFields fields, string parameter)
    {
        var field = fields.Fields[fields.Resolve(comparison.Field, parameter, comparison.Position)];
        var op = comparison.Operator;
        if (op == FilterOperator.Prefix && field.Type is not (FieldType.Character or FieldType.Memo))
        {
            throw NotFor(field, op, parameter, comparison.Position, "^= matches the start of text");
        }

        if (op is FilterOperator.Less or FilterOperator.LessOrEqual or FilterOperator.Greater or FilterOperator.GreaterOrEqual
            && field.Type is FieldType.Logical or FieldType.General)
        {
            throw NotFor(field, op, parameter, comparison.Position, "its values have no order");
        }

        // A prefix is matched as written: trimming it would change what it matches.
        var value = comparison.Value.Kind == FilterLiteralKind.Null ? null
            : op == FilterOperator.Prefix ? comparison.Value.Text
            : Convert(field, comparison.Value, parameter);
        return new BoundComparison(field, op, value, comparison.Position);
    }

    private static BoundIn In(FilterIn list, QueryFields fields, string parameter)
    {
        var field = fields.Fields[fields.Resolve(list.Field, parameter, list.Position)];
        var converter = Converter(field);
        return new BoundIn(field, list.Values.Select(v => Convert(field, v, parameter, converter)).ToList(), list.Position);
    }

    private static object Convert(DatasetColumn field, FilterLiteral literal, string parameter, FieldConverter? converter = null)
    {
        if (!(converter ?? Converter(field)).TryConvert(literal.Text, out var value, out var reason) || value is null)
        {
            throw GongshuException.Invalid(parameter,
                $"{literal} is not a value of '{field.Name}' ({field.Type}): {reason ?? "it is empty; compare with null instead"} (at position {literal.Position}).",
                "invalid_filter_value");
        }

        return value;
    }

    // A filter compares with values the field could never store (a longer text, more decimals than
    // its scale), so only the type's own rules apply, not the column's size.
    private static FieldConverter Converter(DatasetColumn field) => FieldConverter.For(field with
    {
        Type = field.Type == FieldType.Currency ? FieldType.Numeric : field.Type,
        Length = null,
        Scale = null,
        Nullable = true,
    });

    private static GongshuException NotFor(DatasetColumn field, FilterOperator op, string parameter, int position, string why)
        => GongshuException.Invalid(parameter,
            $"'{FilterComparison.Symbol(op)}' cannot compare '{field.Name}' ({field.Type}): {why} (at position {position}).",
            "invalid_filter_operator");
}
