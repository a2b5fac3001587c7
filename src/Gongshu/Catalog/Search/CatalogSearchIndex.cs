using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Gongshu.Storage;
using Microsoft.Data.Sqlite;

namespace Gongshu.Catalog.Search;

/// <summary>
/// Full-text search over the published catalog, Chinese included: substring matching through a
/// trigram index (SQLite FTS5, PostgreSQL pg_trgm) and a bigram index for two-character words,
/// with filters, facet counts, sorting and paging.
/// Its tables are its own; the catalog keeps them current through <see cref="ICatalogIndex"/>.
/// <para>
/// The database finds which resources hold each word (<see cref="TermIndex"/>); everything else —
/// names, codes, filters, the total, facets and the order — is worked out in memory
/// (<see cref="SearchEvaluator"/>) over a copy of the index's small columns
/// (<see cref="SearchSnapshot"/>) kept for exactly the version of the index the search's
/// transaction sees, so a search agrees with the database it reads. The results of recent searches
/// of the version the database holds now are answered again without working them out
/// (<see cref="SearchResultCache"/>).
/// </para>
/// </summary>
public sealed class CatalogSearchIndex(Database database) : ICatalogIndex
{
    /// <summary>A facet lists its most frequent values, at most this many.</summary>
    public const int MaxFacetValues = 100;

    private const string Columns = """
        resource_id, code, name, summary, provider_id, provider_name, division_code,
        classification_code, share_type, open_type, grade, format, update_cycle, updated_at
        """;

    /// <summary>Every write moves the index to a new version, which its rows and removals are stamped with.</summary>
    private const string NextVersion = "UPDATE catalog_search_state SET version = version + 1 WHERE id = 1";

    private const string Upsert = """
        INSERT INTO catalog_search (resource_id, code, name, summary, provider_id, provider_name, division_code,
            classification_code, share_type, open_type, grade, format, update_cycle, updated_at,
            match_name, match_summary, match_keywords, match_fields, match_tags, stamp)
        VALUES (@ResourceId, @Code, @Name, @Summary, @ProviderId, @ProviderName, @DivisionCode,
            @ClassificationCode, @ShareType, @OpenType, @Grade, @Format, @UpdateCycle, @UpdatedAt,
            @MatchName, @MatchSummary, @MatchKeywords, @MatchFields, @MatchTags,
            (SELECT version FROM catalog_search_state WHERE id = 1))
        ON CONFLICT (resource_id) DO UPDATE SET
            code = excluded.code, name = excluded.name, summary = excluded.summary,
            provider_id = excluded.provider_id, provider_name = excluded.provider_name,
            division_code = excluded.division_code, classification_code = excluded.classification_code,
            share_type = excluded.share_type, open_type = excluded.open_type, grade = excluded.grade,
            format = excluded.format, update_cycle = excluded.update_cycle, updated_at = excluded.updated_at,
            match_name = excluded.match_name, match_summary = excluded.match_summary,
            match_keywords = excluded.match_keywords, match_fields = excluded.match_fields, match_tags = excluded.match_tags,
            stamp = excluded.stamp
        """;

    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly SearchResultCache _results = new();
    private SearchSnapshot? _snapshot;

    public Task IndexAsync(DbConnection connection, DbTransaction transaction, SearchDocument document, CancellationToken ct = default)
        => WriteAsync(connection, transaction, document, nextVersion: true, ct);

    public async Task RemoveAsync(DbConnection connection, DbTransaction transaction, long resourceId, CancellationToken ct = default)
    {
        var grams = database.Kind == DatabaseKind.Postgres ? "resource_id" : "rowid";
        await connection.ExecuteAsync(new CommandDefinition($"""
            {NextVersion};
            DELETE FROM catalog_search_tags WHERE resource_id = @resourceId;
            DELETE FROM catalog_search_grams WHERE {grams} = @resourceId;
            DELETE FROM catalog_search WHERE resource_id = @resourceId;
            INSERT INTO catalog_search_removed (resource_id, stamp) SELECT @resourceId, version FROM catalog_search_state WHERE id = 1;
            """, new { resourceId }, transaction, cancellationToken: ct));
    }

    /// <summary>Replaces the whole index with <paramref name="documents"/> in one transaction; readers see the old index until it commits.</summary>
    public async Task<long> ReindexAllAsync(IAsyncEnumerable<SearchDocument> documents, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var clearGrams = database.Kind == DatabaseKind.Postgres
            ? "DELETE FROM catalog_search_grams"
            : "INSERT INTO catalog_search_grams (catalog_search_grams) VALUES ('delete-all')";

        // A new generation: searches load the new index afresh rather than applying changes.
        await connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE catalog_search_state SET generation = generation + 1, version = version + 1 WHERE id = 1;
            DELETE FROM catalog_search_tags;
            {clearGrams};
            DELETE FROM catalog_search;
            DELETE FROM catalog_search_removed;
            """, transaction: tx, cancellationToken: ct));
        long count = 0;
        await foreach (var document in documents.WithCancellation(ct))
        {
            await WriteAsync(connection, tx, document, nextVersion: false, ct);
            count++;
        }

        if (database.Kind == DatabaseKind.Sqlite)
        {
            // Merges the index segments written one document at a time.
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO catalog_search_text (catalog_search_text) VALUES ('optimize');
                INSERT INTO catalog_search_grams (catalog_search_grams) VALUES ('optimize');
                """, transaction: tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        return count;
    }

    public async Task<CatalogSearchResult> SearchAsync(CatalogQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        DapperSetup.EnsureConfigured();
        var key = SearchResultCache.Key(query);

        await using var connection = await database.OpenConnectionAsync(ct);
        var (generation, version) = await ReadVersionAsync(connection, null, ct);
        if (_results.TryGet(generation, version, key, out var kept))
        {
            return kept;
        }

        await using var snapshot = await BeginSnapshotAsync(connection, ct);
        (generation, version) = await ReadVersionAsync(connection, snapshot, ct);
        var rows = await SnapshotAsync(connection, snapshot, generation, version, ct);
        var terms = SearchText.Terms(query.Text);

        var masks = new byte[]?[terms.Count];
        var indexed = Enumerable.Range(0, terms.Count).Where(k => TermIndex.IsIndexed(terms[k])).ToList();
        var scanned = Enumerable.Range(0, terms.Count).Except(indexed).ToList();
        await TermIndex.LookUpAsync(connection, snapshot, database.Kind, rows, terms, indexed, masks, ct);
        var evaluator = new SearchEvaluator(rows, query, terms);
        indexed.ForEach(k => evaluator.MatchNamesAndCodes(masks, k));
        if (scanned.Count > 0)
        {
            // Words the indexes cannot look up are read from the text, of what the other words matched.
            var candidates = indexed.Count > 0 || query.ClassificationPrefix is not null ? evaluator.Matching(masks, indexed) : null;
            await TermIndex.ScanAsync(connection, snapshot, database.Kind, rows, terms, scanned, candidates, masks, ct);
            scanned.ForEach(k => evaluator.MatchNamesAndCodes(masks, k));
        }

        var evaluation = evaluator.Evaluate(
            evaluator.Matching(masks, Enumerable.Range(0, terms.Count).ToList()), masks, query.Facets.Distinct().ToList(), MaxFacetValues);
        var hits = await ReadHitsAsync(connection, snapshot, rows, evaluation.Page, ct);
        await snapshot.CommitAsync(ct);
        var result = new CatalogSearchResult(evaluation.Total, hits, evaluation.Facets);
        _results.Add(generation, version, key, result);
        return result;
    }

    /// <summary>The version of the index the connection sees (in <paramref name="snapshot"/>, when given).</summary>
    private static Task<(long Generation, long Version)> ReadVersionAsync(DbConnection connection, DbTransaction? snapshot, CancellationToken ct)
        => connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            "SELECT generation, version FROM catalog_search_state WHERE id = 1", transaction: snapshot, cancellationToken: ct));

    private async Task WriteAsync(DbConnection connection, DbTransaction transaction, SearchDocument document, bool nextVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        DapperSetup.EnsureConfigured();
        var tags = document.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var (matchSummary, matchKeywords, matchFields, matchTags) = (
            SearchText.Normalize(document.Summary), SearchText.NormalizeList(document.Keywords),
            SearchText.NormalizeList(document.FieldLabels), SearchText.NormalizeList(tags));
        var (summaryGrams, keyTagGrams, fieldGrams) = database.Kind == DatabaseKind.Postgres
            ? (SearchText.Bigrams("s", matchSummary), SearchText.Bigrams("k", matchKeywords, matchTags), SearchText.Bigrams("f", matchFields))
            : (SearchText.Bigrams("", matchSummary), SearchText.Bigrams("", matchKeywords, matchTags), SearchText.Bigrams("", matchFields));

        // One round trip: the row, all its tags from one parameter (an array, or JSON on SQLite), its bigrams.
        var (replaceTags, replaceGrams) = database.Kind == DatabaseKind.Postgres
            ? ("INSERT INTO catalog_search_tags (resource_id, tag, position) SELECT @ResourceId, t.tag, t.n - 1 FROM unnest(@TagArray) WITH ORDINALITY AS t(tag, n)",
                """
                DELETE FROM catalog_search_grams WHERE resource_id = @ResourceId;
                INSERT INTO catalog_search_grams (resource_id, grams) VALUES (@ResourceId, @Grams)
                """)
            : ("INSERT INTO catalog_search_tags (resource_id, tag, position) SELECT @ResourceId, value, key FROM json_each(@TagJson)",
                """
                DELETE FROM catalog_search_grams WHERE rowid = @ResourceId;
                INSERT INTO catalog_search_grams (rowid, summary, keytags, fields) VALUES (@ResourceId, @SummaryGrams, @KeyTagGrams, @FieldGrams)
                """);
        await connection.ExecuteAsync(new CommandDefinition($"""
            {(nextVersion ? NextVersion + ";" : "")}
            {Upsert};
            DELETE FROM catalog_search_tags WHERE resource_id = @ResourceId;
            {replaceTags};
            {replaceGrams};
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
            MatchSummary = matchSummary,
            MatchKeywords = matchKeywords,
            MatchFields = matchFields,
            MatchTags = matchTags,
            TagArray = tags,
            TagJson = JsonSerializer.Serialize(tags),
            SummaryGrams = summaryGrams,
            KeyTagGrams = keyTagGrams,
            FieldGrams = fieldGrams,
            Grams = string.Join(' ', new[] { summaryGrams, keyTagGrams, fieldGrams }.Where(g => g.Length > 0)),
        }, transaction, cancellationToken: ct));
    }

    /// <summary>The in-memory columns of exactly this version of the index, kept for the searches that follow.</summary>
    private async Task<SearchSnapshot> SnapshotAsync(DbConnection connection, DbTransaction snapshot, long generation, long version, CancellationToken ct)
    {
        var current = Volatile.Read(ref _snapshot);
        if (current is not null && current.Generation == generation && current.Version == version)
        {
            return current;
        }

        await _loading.WaitAsync(ct);
        try
        {
            current = _snapshot;
            if (current is not null && current.Generation == generation && current.Version == version)
            {
                return current;
            }

            var loaded = await SearchSnapshot.LoadAsync(connection, snapshot, database.Kind, generation, version, current, ct);

            // A search that began before the latest change keeps the newer snapshot for the others.
            if (current is null || (loaded.Generation, loaded.Version).CompareTo((current.Generation, current.Version)) > 0)
            {
                Volatile.Write(ref _snapshot, loaded);
            }

            return loaded;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>One read snapshot, so the total, the page and the facet counts agree.</summary>
    private static async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct) => connection switch
    {
        // Deferred: a plain BEGIN takes no write lock, so searching never holds up a writer.
        SqliteConnection sqlite => sqlite.BeginTransaction(deferred: true),
        _ => await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct),
    };

    private async Task<List<CatalogHit>> ReadHitsAsync(DbConnection connection, DbTransaction snapshot, SearchSnapshot rows,
        List<(int Row, int Score)> page, CancellationToken ct)
    {
        if (page.Count == 0)
        {
            return [];
        }

        var ids = page.Select(p => rows.Ids[p.Row]).ToArray();
        var where = database.Kind == DatabaseKind.Postgres ? "resource_id = ANY(@ids)" : "resource_id IN @ids";
        var found = new Dictionary<long, CatalogHit>();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM catalog_search WHERE {where}", new { ids }, snapshot, cancellationToken: ct)))
        {
            while (await reader.ReadAsync(ct))
            {
                var hit = new CatalogHit
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
                    Score = 0,
                    Tags = [],
                };
                found[hit.ResourceId] = hit;
            }
        }

        var tags = (await connection.QueryAsync<(long ResourceId, string Tag)>(new CommandDefinition(
                $"SELECT resource_id, tag FROM catalog_search_tags WHERE {where} ORDER BY position", new { ids }, snapshot, cancellationToken: ct)))
            .ToLookup(t => t.ResourceId, t => t.Tag);
        return page.Select(p =>
        {
            var id = rows.Ids[p.Row];
            var hit = found.TryGetValue(id, out var h) ? h : throw new InvalidOperationException($"Resource {id} is in the search snapshot but not in its table.");
            return hit with { Score = p.Score, Tags = tags[id].ToList() };
        }).ToList();
    }

    private static DateTimeOffset ReadInstant(object value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new FormatException($"Cannot read {value.GetType().Name} as an instant."),
    };
}
