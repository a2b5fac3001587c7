using System.Text;
using System.Text.RegularExpressions;
using Gongshu.Storage;

namespace Gongshu.Collection.Sources.Database;

/// <summary>
/// The SQL a database source runs, built only from a checked table name or a checked single
/// SELECT statement; a watermark value is always a parameter.
/// </summary>
internal static partial class SourceQuery
{
    /// <summary>The parameter that carries the watermark, as each engine names it.</summary>
    public static string WatermarkParameter(DatabaseKind kind) => kind == DatabaseKind.Postgres ? "$1" : "@watermark";

    public static string Build(DatabaseSourceOptions options)
    {
        var hasTable = !string.IsNullOrWhiteSpace(options.Table);
        var hasQuery = !string.IsNullOrWhiteSpace(options.Query);
        if (hasTable == hasQuery)
        {
            throw GongshuException.Invalid(options.Query is null ? "table" : "query", "Give either a table or a query to pull from.");
        }

        var source = hasTable ? $"SELECT * FROM {QuoteTable(options.Table!)}" : CheckSelect(options.Query!, options.Kind);
        if (string.IsNullOrWhiteSpace(options.WatermarkColumn))
        {
            return source;
        }

        var column = $"src.{QuoteName(options.WatermarkColumn, "watermarkColumn")}";
        var after = options.WatermarkAfter is null ? "" : $"WHERE {column} > {WatermarkParameter(options.Kind)} ";

        // The source goes on lines of its own, so a trailing -- comment cannot swallow what follows.
        return $"SELECT * FROM (\n{source}\n) AS src {after}ORDER BY {column}";
    }

    /// <summary>A table name, optionally schema-qualified, quoted; letters (any script), digits, '_' and '$' only.</summary>
    public static string QuoteTable(string table)
    {
        var parts = table.Trim().Split('.');
        if (parts.Length > 2)
        {
            throw GongshuException.Invalid("table", $"'{table}' is not a table name: write table or schema.table.");
        }

        return string.Join('.', parts.Select(p => QuoteName(p, "table")));
    }

    private static string QuoteName(string name, string field)
    {
        if (!NamePattern().IsMatch(name) || Encoding.UTF8.GetByteCount(name) > 63)
        {
            throw GongshuException.Invalid(field,
                $"'{name}' is not a plain name: use letters, digits, '_' and '$', starting with a letter or '_', at most 63 bytes.");
        }

        return $"\"{name}\"";
    }

    /// <summary>
    /// The statement without a trailing ';', when it is exactly one statement starting with SELECT
    /// or WITH; string literals, quoted names, comments and (PostgreSQL) dollar-quoted text are
    /// stepped over, so a ';' inside them is no second statement.
    /// </summary>
    public static string CheckSelect(string sql, DatabaseKind kind)
    {
        var start = SkipSpaceAndComments(sql, 0, kind);
        var word = start;
        while (word < sql.Length && char.IsAsciiLetter(sql[word]))
        {
            word++;
        }

        var keyword = sql[start..word];
        if (!keyword.Equals("SELECT", StringComparison.OrdinalIgnoreCase) && !keyword.Equals("WITH", StringComparison.OrdinalIgnoreCase))
        {
            throw GongshuException.Invalid("query",
                $"The query must be one SELECT statement (WITH … SELECT too), but it starts with '{(keyword.Length > 0 ? keyword : sql[start..Math.Min(start + 10, sql.Length)])}'.",
                "query_not_select");
        }

        var end = StatementEnd(sql, word, kind);
        if (end < sql.Length && SkipSpaceAndComments(sql, end + 1, kind) < sql.Length)
        {
            throw GongshuException.Invalid("query", "The query must be a single statement: remove what follows the ';'.", "query_not_select");
        }

        return sql[start..end].TrimEnd();
    }

    /// <summary>Where the statement ends: at its first ';' outside quotes and comments, or at the end.</summary>
    private static int StatementEnd(string sql, int i, DatabaseKind kind)
    {
        while (i < sql.Length)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            switch (c)
            {
                case ';':
                    return i;
                case '\'':
                    // E'…' strings of PostgreSQL escape with a backslash.
                    var escapes = kind == DatabaseKind.Postgres && i > 0 && sql[i - 1] is 'E' or 'e' && (i < 2 || !IsNameCharacter(sql[i - 2]));
                    i = QuotedEnd(sql, i, '\'', escapes);
                    break;
                case '"':
                    i = QuotedEnd(sql, i, '"', false);
                    break;
                case '`' when kind == DatabaseKind.Sqlite:
                    i = QuotedEnd(sql, i, '`', false);
                    break;
                case '[' when kind == DatabaseKind.Sqlite:
                    i = Closing(sql, i + 1, "]");
                    break;
                case '-' when next == '-':
                case '/' when next == '*':
                    i = SkipSpaceAndComments(sql, i, kind);
                    break;
                case '$' when kind == DatabaseKind.Postgres && (i == 0 || !IsNameCharacter(sql[i - 1])) && DollarTag(sql, i) is { } tag:
                    i = Closing(sql, i + tag.Length, tag);
                    break;
                default:
                    i++;
                    break;
            }
        }

        return sql.Length;
    }

    /// <summary>The index after a quoted run opened at <paramref name="open"/>; a doubled quote is part of it.</summary>
    private static int QuotedEnd(string sql, int open, char quote, bool backslashEscapes)
    {
        for (var i = open + 1; i < sql.Length; i++)
        {
            if (backslashEscapes && sql[i] == '\\')
            {
                i++;
            }
            else if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    i++;
                }
                else
                {
                    return i + 1;
                }
            }
        }

        throw Unterminated();
    }

    private static int Closing(string sql, int from, string close)
    {
        var at = sql.IndexOf(close, from, StringComparison.Ordinal);
        return at < 0 ? throw Unterminated() : at + close.Length;
    }

    /// <summary>The index of the first character that is neither white space nor in a comment.</summary>
    private static int SkipSpaceAndComments(string sql, int i, DatabaseKind kind)
    {
        while (i < sql.Length)
        {
            if (char.IsWhiteSpace(sql[i]))
            {
                i++;
            }
            else if (sql.AsSpan(i).StartsWith("--"))
            {
                var newline = sql.IndexOf('\n', i);
                i = newline < 0 ? sql.Length : newline + 1;
            }
            else if (sql.AsSpan(i).StartsWith("/*"))
            {
                i = BlockCommentEnd(sql, i, kind);
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>The index after a block comment; PostgreSQL's nest, SQLite's do not.</summary>
    private static int BlockCommentEnd(string sql, int open, DatabaseKind kind)
    {
        var depth = 0;
        for (var i = open; i + 1 < sql.Length; i++)
        {
            if (sql[i] == '/' && sql[i + 1] == '*' && (depth == 0 || kind == DatabaseKind.Postgres))
            {
                depth++;
                i++;
            }
            else if (sql[i] == '*' && sql[i + 1] == '/')
            {
                i++;
                if (--depth == 0)
                {
                    return i + 1;
                }
            }
        }

        throw Unterminated();
    }

    /// <summary>The dollar-quote tag (<c>$$</c>, <c>$body$</c>) opening at <paramref name="i"/>; null for a parameter such as <c>$1</c>.</summary>
    private static string? DollarTag(string sql, int i)
    {
        var end = i + 1;
        while (end < sql.Length && sql[end] != '$')
        {
            if (!IsNameCharacter(sql[end]) || (end == i + 1 && char.IsAsciiDigit(sql[end])))
            {
                return null;
            }

            end++;
        }

        return end < sql.Length ? sql[i..(end + 1)] : null;
    }

    private static bool IsNameCharacter(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';

    private static GongshuException Unterminated()
        => GongshuException.Invalid("query", "The query has a quote or comment that is never closed.", "query_not_select");

    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{N}_$]*$")]
    private static partial Regex NamePattern();
}
