using System.Data.Common;
using System.Globalization;
using System.Text;
using Gongshu.Security.Encryption;
using Gongshu.Storage;

namespace Gongshu.Sharing.Query;

/// <summary>The values of one statement, in order; SQL names them @p0, @p1, ….</summary>
internal sealed class SqlParameters
{
    private readonly List<object> _values = [];

    public IReadOnlyList<object> Values => _values;

    public string Add(object value)
    {
        _values.Add(value);
        return "@p" + (_values.Count - 1).ToString(CultureInfo.InvariantCulture);
    }

    public void AddTo(DbCommand command)
    {
        for (var i = 0; i < _values.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "p" + i.ToString(CultureInfo.InvariantCulture);
            parameter.Value = _values[i];
            command.Parameters.Add(parameter);
        }
    }
}

/// <summary>
/// Turns a bound filter into a WHERE fragment for one dataset version. Values reach SQL only as
/// parameters; column names come only from the version's columns, quoted by the dialect. Text is
/// ordered by code point on both engines (PostgreSQL's "C" collation, SQLite's BINARY), so a range
/// or a prefix matches the same rows, case-sensitively, wherever it runs. With an
/// <paramref name="alias"/>, columns are qualified by it (a statement over two versions' tables).
/// </summary>
internal sealed class FilterSql(DatasetVersion version, SqlDialect dialect, FieldEncryption? encryption, SqlParameters parameters, string? alias = null)
{
    private const int MaxRune = 0x10FFFF;

    public string Compile(BoundFilter filter) => filter switch
    {
        BoundComparison c => Comparison(c),
        BoundIn i => In(i),
        BoundAll a => "(" + string.Join(" AND ", a.Terms.Select(Compile)) + ")",
        BoundAny a => "(" + string.Join(" OR ", a.Terms.Select(Compile)) + ")",
        BoundNot n => "NOT " + Compile(n.Term),
        _ => throw new ArgumentOutOfRangeException(nameof(filter)),
    };

    /// <summary>The stored column of a field, refusing a field this version does not hold.</summary>
    public DatasetColumn Stored(DatasetColumn field)
        => version.Columns.FirstOrDefault(c => c.Name == field.Name && c.Protection != ColumnProtection.BlindIndex)
            ?? throw GongshuException.Invalid("filter", $"'{field.Name}' is not a field of this version of the data.", "unknown_field");

    public string Column(DatasetColumn stored) => Name(stored.Name);

    private string Name(string column) => alias is null ? dialect.Quote(column) : alias + "." + dialect.Quote(column);

    /// <summary>The column as an expression that orders text by code point.</summary>
    public string Ordered(DatasetColumn stored)
        => dialect.Kind == DatabaseKind.Postgres && stored.Type is FieldType.Character or FieldType.Memo
            ? $"{Name(stored.Name)} COLLATE \"C\""
            : Name(stored.Name);

    /// <summary>A value as the column stores it: SQLite keeps dates as ISO-8601 text (see the dataset writer).</summary>
    public object Parameter(object value) => dialect.Kind == DatabaseKind.Sqlite
        ? value switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            float f => (double)f,
            bool b => b ? 1L : 0L,
            _ => value,
        }
        : value;

    private string Comparison(BoundComparison comparison)
    {
        var stored = Stored(comparison.Field);
        var encrypted = stored.Protection == ColumnProtection.Encrypted;
        if (comparison.Value is null)
        {
            return $"{Name(stored.Name)} {(comparison.Operator == FilterOperator.Equal ? "IS NULL" : "IS NOT NULL")}";
        }

        if (encrypted)
        {
            if (comparison.Operator is not (FilterOperator.Equal or FilterOperator.NotEqual))
            {
                throw OnEncrypted(comparison.Field, comparison.Position);
            }

            return $"{Name(DatasetColumn.BlindIndexName(stored.Name))} {(comparison.Operator == FilterOperator.Equal ? "=" : "<>")} "
                + parameters.Add(BlindIndex(stored, comparison.Value));
        }

        if (comparison.Operator == FilterOperator.Prefix)
        {
            return Prefix(stored, (string)comparison.Value);
        }

        var column = comparison.Operator is FilterOperator.Equal or FilterOperator.NotEqual ? Name(stored.Name) : Ordered(stored);
        var op = comparison.Operator switch
        {
            FilterOperator.Equal => "=",
            FilterOperator.NotEqual => "<>",
            FilterOperator.Less => "<",
            FilterOperator.LessOrEqual => "<=",
            FilterOperator.Greater => ">",
            _ => ">=",
        };
        return $"{column} {op} {parameters.Add(Parameter(comparison.Value))}";
    }

    private string In(BoundIn list)
    {
        var stored = Stored(list.Field);
        var (column, values) = stored.Protection == ColumnProtection.Encrypted
            ? (DatasetColumn.BlindIndexName(stored.Name), list.Values.Select(v => (object)BlindIndex(stored, v)))
            : (stored.Name, list.Values.Select(Parameter));
        return $"{Name(column)} IN ({string.Join(", ", values.Select(parameters.Add))})";
    }

    // A range rather than LIKE: no wildcard to escape, no case folding (SQLite's LIKE ignores ASCII
    // case), and an index on the column can serve it.
    private string Prefix(DatasetColumn stored, string prefix)
    {
        var column = Ordered(stored);
        if (prefix.Length == 0)
        {
            return $"{Name(stored.Name)} IS NOT NULL";
        }

        var from = $"{column} >= {parameters.Add(prefix)}";
        return Successor(prefix) is { } next ? $"({from} AND {column} < {parameters.Add(next)})" : from;
    }

    /// <summary>The least text greater than every text starting with <paramref name="prefix"/>; null when there is none.</summary>
    internal static string? Successor(string prefix)
    {
        var runes = prefix.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            if (last == MaxRune)
            {
                continue;
            }

            // Code points in the surrogate range are not characters; the next character follows them.
            var next = last + 1 == 0xD800 ? 0xE000 : last + 1;
            var text = new StringBuilder();
            foreach (var rune in runes)
            {
                text.Append(rune.ToString());
            }

            return text.Append(char.ConvertFromUtf32(next)).ToString();
        }

        return null;
    }

    private byte[] BlindIndex(DatasetColumn stored, object value)
        => (encryption ?? throw new InvalidOperationException("Filtering an encrypted field needs the field encryption."))
            .BlindIndex(version.ResourceKey, stored.Name, FieldValueText.ToText(value));

    internal static GongshuException OnEncrypted(DatasetColumn field, int position)
        => GongshuException.Invalid("filter",
            $"'{field.Name}' is stored encrypted: it can only be compared with =, != or in (at position {position}).",
            "filter_on_encrypted_field");
}
