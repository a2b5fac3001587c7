using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Gongshu.Storage;
using Microsoft.Data.Sqlite;

namespace Gongshu.Catalog.Search;

/// <summary>
/// Full-text search over the published catalog, Chinese included: trigram substring matching
/// (SQLite FTS5, PostgreSQL pg_trgm) with filters, facet counts, sorting and paging.
/// Its tables are its own; the catalog keeps them current through <see cref="ICatalogIndex"/>.
/// </summary>
public sealed class CatalogSearchIndex(Database database) : ICatalogIndex
{
    /// <summary>A facet lists its most frequent values, at most this many.</summary>
    public const int MaxFacetValues = 100;

    private const string Upsert = """
        INSERT INTO catalog_search (resource_id, code, name, summary, provider_id, provider_name, division_code,
            classification_code, share_type, open_type, grade, format, update_cycle, updated_at,
            match_name, match_summary, match_keywords, match_fields, match_tags)
        VALUES (@ResourceId, @Code, @Name, @Summary, @ProviderId, @ProviderName, @DivisionCode,
            @ClassificationCode, @ShareType, @OpenType, @Grade, @Format, @UpdateCycle, @UpdatedAt,
            @MatchName, @MatchSummary, @MatchKeywords, @MatchFields, @MatchTags)
        ON CONFLICT (resource_id) DO UPDATE SET
            code = excluded.code, name = excluded.name, summary = excluded.summary,
            provider_id = excluded.provider_id, provider_name = excluded.provider_name,
            division_code = excluded.division_code, classification_code = excluded.classification_code,
            share_type = excluded.share_type, open_type = excluded.open_type, grade = excluded.grade,
            format = excluded.format, update_cycle = excluded.update_cycle, updated_at = excluded.updated_at,
            match_name = excluded.match_name, match_summary = excluded.match_summary,
            match_keywords = excluded.match_keywords, match_fields = excluded.match_fields, match_tags = excluded.match_tags
        """;

    public async Task IndexAsync(DbConnection connection, DbTransaction transaction, SearchDocument document, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        DapperSetup.EnsureConfigured();
        var tags = document.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

        // One round trip: the row, then all its tags from one parameter (an array, or JSON on SQLite).
        var replaceTags = database.Kind == DatabaseKind.Postgres
            ? "INSERT INTO catalog_search_tags (resource_id, tag, position) SELECT @ResourceId, t.tag, t.n - 1 FROM unnest(@TagArray) WITH ORDINALITY AS t(tag, n)"
            : "INSERT INTO catalog_search_tags (resource_id, tag, position) SELECT @ResourceId, value, key FROM json_each(@TagJson)";
        await connection.ExecuteAsync(new CommandDefinition($"""
            {Upsert};
            DELETE FROM catalog_search_tags WHERE resource_id = @ResourceId;
            {replaceTags};
            """, new
        {
            document.ResourceId,
            document.Code,
            document.Name,
            document.Summary,
            document.ProviderId,
            document.ProviderName,
            document.DivisionCode,
            document.ClassificationCode,
            document.ShareType,
            document.OpenType,
            document.Grade,
            document.Format,
            document.UpdateCycle,
            document.UpdatedAt,
            MatchName = SearchText.Normalize(document.Name),
            MatchSummary = SearchText.Normalize(document.Summary),
            MatchKeywords = SearchText.NormalizeList(document.Keywords),
            MatchFields = SearchText.NormalizeList(document.FieldLabels),
            MatchTags = SearchText.NormalizeList(tags),
            TagArray = tags,
            TagJson = JsonSerializer.Serialize(tags),
        }, transaction, cancellationToken: ct));
    }

    public async Task RemoveAsync(DbConnection connection, DbTransaction transaction, long resourceId, CancellationToken ct = default)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM catalog_search_tags WHERE resource_id = @resourceId;
            DELETE FROM catalog_search WHERE resource_id = @resourceId;
            """, new { resourceId }, transaction, cancellationToken: ct));
    }

    /// <summary>Replaces the whole index with <paramref name="documents"/> in one transaction; readers see the old index until it commits.</summary>
    public async Task<long> ReindexAllAsync(IAsyncEnumerable<SearchDocument> documents, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM catalog_search_tags; DELETE FROM catalog_search;", transaction: tx, cancellationToken: ct));
        long count = 0;
        await foreach (var document in documents.WithCancellation(ct))
        {
            await IndexAsync(connection, tx, document, ct);
            count++;
        }

        if (database.Kind == DatabaseKind.Sqlite)
        {
            // Merges the index segments written one document at a time.
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO catalog_search_text (catalog_search_text) VALUES ('optimize')", transaction: tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        return count;
    }

    public async Task<CatalogSearchResult> SearchAsync(CatalogQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        DapperSetup.EnsureConfigured();
        var statement = new SearchStatement(query, database.Kind);

        await using var connection = await database.OpenConnectionAsync(ct);
        await using var snapshot = await BeginSnapshotAsync(connection, ct);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(statement.CountSql, statement.Parameters, snapshot, cancellationToken: ct));
        var hits = total > query.Offset ? await ReadHitsAsync(connection, snapshot, statement, ct) : [];

        var facets = query.Facets.Count == 0
            ? new Dictionary<string, IReadOnlyList<FacetCount>>()
            : await CountFacetsAsync(connection, snapshot, statement, query.Facets.Distinct().ToList(), ct);
        await snapshot.CommitAsync(ct);
        return new CatalogSearchResult(total, hits, facets);
    }

    /// <summary>Each facet's values, most frequent first, then in code-point order; at most <see cref="MaxFacetValues"/>.</summary>
    private static async Task<Dictionary<string, IReadOnlyList<FacetCount>>> CountFacetsAsync(
        DbConnection connection, DbTransaction snapshot, SearchStatement statement, List<string> facets, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(string Facet, string Value, string? Label, long Count)>(
            new CommandDefinition(statement.FacetsSql(facets), statement.Parameters, snapshot, cancellationToken: ct));
        var byFacet = rows.ToLookup(r => r.Facet);
        return facets.ToDictionary(
            facet => facet,
            IReadOnlyList<FacetCount> (facet) => byFacet[facet]
                .OrderByDescending(r => r.Count)
                .ThenBy(r => r.Value, StringComparer.Ordinal)
                .Take(MaxFacetValues)
                .Select(r => new FacetCount(r.Value, r.Label, r.Count))
                .ToList(),
            StringComparer.Ordinal);
    }

    /// <summary>One read snapshot, so the total, the page and the facet counts agree.</summary>
    private static async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct) => connection switch
    {
        // Deferred: a plain BEGIN takes no write lock, so searching never holds up a writer.
        SqliteConnection sqlite => sqlite.BeginTransaction(deferred: true),
        _ => await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct),
    };

    private async Task<List<CatalogHit>> ReadHitsAsync(DbConnection connection, DbTransaction snapshot, SearchStatement statement, CancellationToken ct)
    {
        var hits = new List<CatalogHit>();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(statement.HitsSql, statement.Parameters, snapshot, cancellationToken: ct)))
        {
            while (await reader.ReadAsync(ct))
            {
                hits.Add(new CatalogHit
                {
                    ResourceId = reader.GetInt64(0),
                    Code = reader.GetString(1),
                    Name = reader.GetString(2),
                    Summary = reader.GetString(3),
                    ProviderId = reader.GetInt64(4),
                    ProviderName = reader.GetString(5),
                    DivisionCode = reader.GetString(6),
                    ClassificationCode = reader.GetString(7),
                    ShareType = reader.GetString(8),
                    OpenType = reader.GetString(9),
                    Grade = reader.GetString(10),
                    Format = reader.GetString(11),
                    UpdateCycle = reader.GetString(12),
                    UpdatedAt = ReadInstant(reader.GetValue(13)),
                    Score = Convert.ToDouble(reader.GetValue(14), CultureInfo.InvariantCulture),
                    Tags = [],
                });
            }
        }

        if (hits.Count == 0)
        {
            return hits;
        }

        var ids = hits.Select(h => h.ResourceId).ToArray();
        var tags = (await connection.QueryAsync<(long ResourceId, string Tag)>(new CommandDefinition(
                $"SELECT resource_id, tag FROM catalog_search_tags WHERE {SearchStatement.AnyOf(database.Kind, "resource_id", "@ids")} ORDER BY position",
                new { ids }, snapshot, cancellationToken: ct)))
            .ToLookup(t => t.ResourceId, t => t.Tag);
        return hits.Select(h => h with { Tags = tags[h.ResourceId].ToList() }).ToList();
    }

    private static DateTimeOffset ReadInstant(object value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new FormatException($"Cannot read {value.GetType().Name} as an instant."),
    };
}
