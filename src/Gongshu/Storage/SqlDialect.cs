using System.Text.RegularExpressions;

namespace Gongshu.Storage;

/// <summary>
/// What differs between the two engines' SQL. Identifiers reach SQL only through
/// <see cref="Quote"/>, which accepts nothing but plain lower-case names.
/// </summary>
public sealed partial class SqlDialect
{
    public static readonly SqlDialect Sqlite = new(DatabaseKind.Sqlite);
    public static readonly SqlDialect Postgres = new(DatabaseKind.Postgres);

    private SqlDialect(DatabaseKind kind) => Kind = kind;

    public DatabaseKind Kind { get; }

    /// <summary>Quotes a table or column name; refuses anything that is not <c>[a-z_][a-z0-9_]{0,62}</c>.</summary>
    public string Quote(string identifier)
    {
        if (!IdentifierPattern().IsMatch(identifier))
        {
            throw new GongshuException(ErrorKind.BadRequest, "invalid_identifier",
                $"'{identifier}' is not a valid column or table name: use lower-case letters, digits and '_', starting with a letter.");
        }

        return $"\"{identifier}\"";
    }

    /// <summary>
    /// The platform's own code words (states, kinds) as SQL literals for an <c>IN (…)</c> list, e.g.
    /// <c>'open', 'rectifying'</c>: the same on both engines, and refusing anything but plain
    /// lower-case words, so no user value can come this way.
    /// </summary>
    public static string Literals(IEnumerable<string> codes)
        => string.Join(", ", codes.Order(StringComparer.Ordinal).Select(code => IdentifierPattern().IsMatch(code)
            ? $"'{code}'"
            : throw new ArgumentException($"'{code}' is not a code word.", nameof(codes))));

    public static bool IsValidIdentifier(string identifier) => IdentifierPattern().IsMatch(identifier);

    /// <summary>The column type that stores a catalog field type.</summary>
    public string ColumnType(FieldType type, int? length = null, int? scale = null) => Kind switch
    {
        DatabaseKind.Postgres => type switch
        {
            FieldType.Character => length is > 0 ? $"varchar({length})" : "text",
            FieldType.Numeric => length is > 0 ? $"numeric({length},{scale ?? 0})" : "numeric",
            FieldType.Currency => "numeric(18,2)",
            FieldType.Date => "date",
            FieldType.DateTime => "timestamp",
            FieldType.Logical => "boolean",
            FieldType.Memo => "text",
            FieldType.General => "bytea",
            FieldType.Double => "double precision",
            FieldType.Integer => "bigint",
            FieldType.Float => "real",
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        },

        // SQLite has type affinities, not types; dates are ISO-8601 text so they sort correctly.
        _ => type switch
        {
            FieldType.Character or FieldType.Memo or FieldType.Date or FieldType.DateTime => "TEXT",
            FieldType.Numeric or FieldType.Currency => "NUMERIC",
            FieldType.Logical or FieldType.Integer => "INTEGER",
            FieldType.General => "BLOB",
            FieldType.Double or FieldType.Float => "REAL",
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        },
    };

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();
}
