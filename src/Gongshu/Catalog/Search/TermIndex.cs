using System.Buffers.Binary;
using System.Data.Common;
using Gongshu.Storage;

namespace Gongshu.Catalog.Search;

/// <summary>
/// Asks the database which resources hold a term in their keywords or tags, summary or fields,
/// as a bit mask per resource (names and codes are matched in memory, <see cref="SearchEvaluator"/>).
/// <list type="bullet">
/// <item>Terms of three or more characters: the trigram index (SQLite FTS5 <c>trigram</c>, one
/// column filter per part; PostgreSQL <c>pg_trgm</c>, then the parts of each row found).</item>
/// <item>Two-character terms of letters, digits or non-ASCII characters (<see cref="SearchText.IsBigram"/>):
/// the bigram index (<c>catalog_search_grams</c>), which holds every such pair of each part.</item>
/// <item>Anything else (one character, or punctuation in a two-character term): the text is scanned,
/// only in the resources the other terms matched when there are other terms.</item>
/// </list>
/// Every value reaches SQL as a parameter.
/// </summary>
internal static class TermIndex
{
    // What the database says of a term and a resource.
    public const byte Fields = 1;
    public const byte Summary = 2;
    public const byte KeywordOrTag = 4;

    // What the search finds in memory (SearchEvaluator).
    public const byte InName = 8;
    public const byte NameStart = 16;
    public const byte CodeStart = 32;
    public const byte Code = 64;

    /// <summary>The text the PostgreSQL trigram index covers (its expression, in the migration, must be the same).</summary>
    public const string PostgresIndexedText = @"(match_summary || E'\n' || match_keywords || E'\n' || match_fields || E'\n' || match_tags)";

    /// <summary>Above this many candidates a scan reads the whole table rather than looking each one up.</summary>
    private const int MaxScanCandidates = 20_000;

    public static bool IsIndexed(string term) => SearchText.Length(term) >= 3 || SearchText.IsBigram(term);

    /// <summary>Fills <c>masks[k]</c> for each index-backed term k of <paramref name="termIndexes"/>.</summary>
    public static async Task LookUpAsync(DbConnection connection, DbTransaction snapshot, DatabaseKind kind, SearchSnapshot rows,
        IReadOnlyList<string> terms, IReadOnlyList<int> termIndexes, byte[]?[] masks, CancellationToken ct)
    {
        if (termIndexes.Count == 0)
        {
            return;
        }

        foreach (var k in termIndexes)
        {
            masks[k] = new byte[rows.Count];
        }

        if (kind == DatabaseKind.Postgres)
        {
            await LookUpPostgresAsync(connection, snapshot, rows, terms, termIndexes, masks, ct);
            return;
        }

        // SQLite, in process: one statement for every term, one column filter per part.
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        var columns = new List<string>();
        var reads = new List<(int Term, byte Bit)>();
        foreach (var k in termIndexes)
        {
            var term = terms[k];
            var (table, parts) = SearchText.Length(term) >= 3
                ? ("catalog_search_text", new[] { ("match_keywords match_tags", KeywordOrTag), ("match_summary", Summary), ("match_fields", Fields) })
                : ("catalog_search_grams", new[] { ("keytags", KeywordOrTag), ("summary", Summary), ("fields", Fields) });
            foreach (var (part, bit) in parts)
            {
                var match = Add(command, $"m{k}_{bit}", $"{{{part}}} : {SearchText.Fts5Phrase(term)}");
                columns.Add($"(SELECT group_concat(rowid) FROM {table} WHERE {table} MATCH {match})");
                reads.Add((k, bit));
            }
        }

        command.CommandText = "SELECT " + string.Join(",\n", columns);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        for (var c = 0; c < reads.Count; c++)
        {
            Apply(reader.GetValue(c), rows, masks[reads[c].Term]!, reads[c].Bit);
        }
    }

    /// <summary>
    /// PostgreSQL: a prepared statement per term (the same few texts whatever the query, so each
    /// connection plans them once), with sequential scans off in the search's transaction: the
    /// planner may pick one for a frequent term, evaluating the index's expression row by row,
    /// while the indexes answer these lookups without it.
    /// </summary>
    private static async Task LookUpPostgresAsync(DbConnection connection, DbTransaction snapshot, SearchSnapshot rows,
        IReadOnlyList<string> terms, IReadOnlyList<int> termIndexes, byte[]?[] masks, CancellationToken ct)
    {
        await using (var set = connection.CreateCommand())
        {
            set.Transaction = snapshot;
            set.CommandText = "SET LOCAL enable_seqscan = off; SET LOCAL jit = off";
            await set.ExecuteNonQueryAsync(ct);
        }

        foreach (var k in termIndexes)
        {
            var term = terms[k];
            await using var command = connection.CreateCommand();
            command.Transaction = snapshot;
            byte[] bits;
            if (SearchText.Length(term) >= 3)
            {
                Add(command, "p", "%" + SearchText.EscapeLike(term) + "%");
                command.CommandText = $"""
                    SELECT array_send(array_agg(resource_id * 8 + mask)) FROM (
                        SELECT resource_id,
                            CASE WHEN match_keywords LIKE @p ESCAPE '\' OR match_tags LIKE @p ESCAPE '\' THEN 4 ELSE 0 END
                            + CASE WHEN match_summary LIKE @p ESCAPE '\' THEN 2 ELSE 0 END
                            + CASE WHEN match_fields LIKE @p ESCAPE '\' THEN 1 ELSE 0 END AS mask
                        FROM catalog_search WHERE {PostgresIndexedText} LIKE @p ESCAPE '\') m
                    WHERE mask > 0
                    """;
                bits = [0];
            }
            else
            {
                Add(command, "k", new[] { "k" + term });
                Add(command, "s", new[] { "s" + term });
                Add(command, "f", new[] { "f" + term });
                command.CommandText = """
                    SELECT (SELECT array_send(array_agg(resource_id)) FROM catalog_search_grams WHERE string_to_array(grams, ' ') @> @k),
                        (SELECT array_send(array_agg(resource_id)) FROM catalog_search_grams WHERE string_to_array(grams, ' ') @> @s),
                        (SELECT array_send(array_agg(resource_id)) FROM catalog_search_grams WHERE string_to_array(grams, ' ') @> @f)
                    """;
                bits = [KeywordOrTag, Summary, Fields];
            }

            await command.PrepareAsync(ct);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            for (var c = 0; c < bits.Length; c++)
            {
                Apply(reader.IsDBNull(c) ? null : reader.GetFieldValue<byte[]>(c), rows, masks[k]!, bits[c]);
            }
        }
    }

    /// <summary>
    /// Fills <c>masks[k]</c> for each term k of <paramref name="termIndexes"/> by reading the text,
    /// of the <paramref name="candidates"/> only when there are few enough of them.
    /// </summary>
    public static async Task ScanAsync(DbConnection connection, DbTransaction snapshot, DatabaseKind kind, SearchSnapshot rows,
        IReadOnlyList<string> terms, IReadOnlyList<int> termIndexes, bool[]? candidates, byte[]?[] masks, CancellationToken ct)
    {
        var ids = candidates is null ? null : rows.Ids.Where((_, i) => candidates[i]).ToArray();
        if (ids is { Length: > MaxScanCandidates })
        {
            ids = null;
        }

        foreach (var k in termIndexes)
        {
            masks[k] = new byte[rows.Count];
            if (ids is { Length: 0 })
            {
                continue;
            }

            await using var command = connection.CreateCommand();
            command.Transaction = snapshot;
            var t = Add(command, "t", terms[k]);
            string where;
            if (ids is null)
            {
                // A scan of everything (lookups before it may have turned sequential scans off).
                where = "";
                if (kind == DatabaseKind.Postgres)
                {
                    await using var set = connection.CreateCommand();
                    set.Transaction = snapshot;
                    set.CommandText = "SET LOCAL enable_seqscan = on";
                    await set.ExecuteNonQueryAsync(ct);
                }
            }
            else if (kind == DatabaseKind.Postgres)
            {
                where = $"WHERE resource_id = ANY({Add(command, "ids", ids)})";
            }
            else
            {
                where = $"WHERE resource_id IN (SELECT value FROM json_each({Add(command, "ids", "[" + string.Join(',', ids) + "]")}))";
            }

            var has = kind == DatabaseKind.Postgres ? (Func<string, string>)(c => $"strpos({c}, {t}) > 0") : c => $"instr({c}, {t}) > 0";
            command.CommandText = $"""
                SELECT {(kind == DatabaseKind.Postgres ? "array_send(array_agg" : "(group_concat")}(resource_id * 8 + mask)) FROM (
                    SELECT resource_id,
                        CASE WHEN {has("match_keywords")} OR {has("match_tags")} THEN 4 ELSE 0 END
                        + CASE WHEN {has("match_summary")} THEN 2 ELSE 0 END
                        + CASE WHEN {has("match_fields")} THEN 1 ELSE 0 END AS mask
                    FROM catalog_search {where}) m
                WHERE mask > 0
                """;
            if (kind == DatabaseKind.Postgres)
            {
                await command.PrepareAsync(ct);
            }

            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            Apply(reader.IsDBNull(0) ? null : kind == DatabaseKind.Postgres ? reader.GetFieldValue<byte[]>(0) : reader.GetString(0), rows, masks[k]!, 0);
        }
    }

    /// <summary>
    /// Sets <paramref name="bit"/> for each id listed: text from SQLite's group_concat, or a bigint[]
    /// in PostgreSQL's binary form (array_send: decoding it here is much faster than as an array
    /// value). With bit 0, each value is id × 8 + mask.
    /// </summary>
    private static void Apply(object? value, SearchSnapshot rows, byte[] mask, byte bit)
    {
        switch (value)
        {
            case null or DBNull:
                return;
            case byte[] array:
                // ndim, has-nulls flag, element type; then per dimension its length and lower bound; then (length, value) per element.
                var dimensions = BinaryPrimitives.ReadInt32BigEndian(array);
                for (var at = 12 + (8 * dimensions); at < array.Length; at += 12)
                {
                    Set(BinaryPrimitives.ReadInt64BigEndian(array.AsSpan(at + 4)));
                }

                return;
            case string text:
                long current = 0;
                var negative = false;
                foreach (var c in text)
                {
                    if (c == ',')
                    {
                        Set(negative ? -current : current);
                        current = 0;
                        negative = false;
                    }
                    else if (c == '-')
                    {
                        negative = true;
                    }
                    else
                    {
                        current = (current * 10) + (c - '0');
                    }
                }

                Set(negative ? -current : current);
                return;
            case long single:
                Set(single);
                return;
            default:
                throw new InvalidOperationException($"Unexpected {value.GetType().Name} from the search index.");
        }

        void Set(long v)
        {
            var (id, bits) = bit == 0 ? (v >> 3, (byte)(v & 7)) : (v, bit);
            if (!rows.RowOf.TryGetValue(id, out var row))
            {
                throw new InvalidOperationException($"The search index lists resource {id}, which its table does not hold.");
            }

            mask[row] |= bits;
        }
    }

    private static string Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return "@" + name;
    }
}
