using Gongshu.Storage;

namespace Gongshu.Collection.Conversion;

/// <summary>
/// Converts source values (text, a typed value or null; see <see cref="Sources.SourceReader"/>) to
/// the CLR type of one dataset column (<see cref="FieldTypes.ClrType"/>), or says in a short
/// sentence why the value cannot be stored. A reject is an ordinary outcome, not an exception: a
/// messy file may reject thousands of values. Converters hold no mutable state and can be shared
/// between threads.
/// <para>
/// Values are never silently changed: a number with more decimals than the field keeps, a date
/// with a time of day, a double too large to be exact are rejected rather than rounded or cut.
/// Text is trimmed of ASCII white space, the no-break space and the full-width space (U+3000);
/// full-width digits and signs (１２３) read as their ASCII forms. Times are civil times in
/// Beijing (UTC+8, no daylight saving): a value with an offset or a UTC instant is converted to it.
/// </para>
/// </summary>
public abstract class FieldConverter
{
    private protected static readonly object True = true;
    private protected static readonly object False = false;

    private protected FieldConverter(DatasetColumn column) => Column = column;

    public DatasetColumn Column { get; }

    public static FieldConverter For(DatasetColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Type switch
        {
            FieldType.Character or FieldType.Memo => new TextConverter(column),
            FieldType.Numeric or FieldType.Currency => new DecimalConverter(column),
            FieldType.Integer => new IntegerConverter(column),
            FieldType.Double or FieldType.Float => new FloatingPointConverter(column),
            FieldType.Logical => new LogicalConverter(column),
            FieldType.Date => new DateConverter(column),
            FieldType.DateTime => new DateTimeConverter(column),
            FieldType.General => new BinaryConverter(column),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown field type."),
        };
    }

    /// <summary>
    /// Converts <paramref name="value"/> to the column's CLR type. On success <paramref name="result"/>
    /// is the converted value (null for an empty value in a nullable column); on failure
    /// <paramref name="reason"/> names the problem and quotes the value.
    /// </summary>
    public bool TryConvert(object? value, out object? result, out string? reason)
    {
        if (value is string text)
        {
            var trimmed = SourceText.Trim(text);
            if (!trimmed.IsEmpty)
            {
                return TryConvertText(text, trimmed, out result, out reason);
            }
        }
        else if (value is not null)
        {
            return TryConvertValue(value, out result, out reason);
        }

        result = null;
        reason = Column.Nullable ? null : "a value is required";
        return reason is null;
    }

    /// <summary>Converts non-blank text; <paramref name="trimmed"/> is <paramref name="text"/> without surrounding blanks.</summary>
    private protected abstract bool TryConvertText(string text, ReadOnlySpan<char> trimmed, out object? result, out string? reason);

    /// <summary>Converts a typed value from a source that knows its types (a database, an Excel number cell).</summary>
    private protected abstract bool TryConvertValue(object value, out object? result, out string? reason);

    /// <summary>A source value as a reason quotes it: text without its surrounding blanks, typed values as invariant text.</summary>
    private protected static string Show(object value)
        => value is string text ? Reasons.Quote(SourceText.Trim(text)) : Reasons.Describe(value);

    private protected static bool Accept(object value, out object? result, out string? reason)
    {
        result = value;
        reason = null;
        return true;
    }

    private protected static bool Reject(string why, out object? result, out string? reason)
    {
        result = null;
        reason = why;
        return false;
    }
}
