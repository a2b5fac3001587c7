using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Gongshu.Directories;
using Gongshu.Storage;

namespace Gongshu.Catalog;

/// <summary>The catalog's SQL: every statement runs unchanged on SQLite and PostgreSQL, inside the caller's transaction.</summary>
internal static class CatalogStore
{
    public const int MaxSequence = 99_999;

    /// <summary>The resource row, locked until the transaction ends so two changes of it queue up.</summary>
    public static Task<ResourceRow?> LockResourceAsync(DbConnection connection, DbTransaction tx, DatabaseKind kind, long id, CancellationToken ct)
    {
        // SQLite has no row locks: its transactions take the database write lock when they begin.
        var lockClause = kind == DatabaseKind.Postgres ? " FOR UPDATE" : "";
        return connection.QuerySingleOrDefaultAsync<ResourceRow>(new CommandDefinition(
            $"{ResourceRow.SelectColumns} WHERE id = @id{lockClause}", new { id }, tx, cancellationToken: ct));
    }

    public static Task<ResourceRow?> FindResourceAsync(DbConnection connection, DbTransaction? tx, long id, CancellationToken ct)
        => connection.QuerySingleOrDefaultAsync<ResourceRow>(new CommandDefinition(
            $"{ResourceRow.SelectColumns} WHERE id = @id", new { id }, tx, cancellationToken: ct));

    /// <summary>The names of a resource's live versions (published and working); none once it is retired.</summary>
    public static async Task<IReadOnlyList<string>> LiveNamesAsync(DbConnection connection, DbTransaction tx, long resourceId, CancellationToken ct)
        => (await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT v.name FROM catalog_resources r
            JOIN catalog_resource_versions v ON v.id = r.published_version_id OR v.id = r.working_version_id
            WHERE r.id = @resourceId AND r.status <> 'retired'
            """, new { resourceId }, tx, cancellationToken: ct))).ToList();

    /// <summary>
    /// The next 信息资源代码 of a classification. The counter only grows, so a code is never
    /// given out twice, not even after its resource is retired.
    /// </summary>
    public static async Task<string> NextCodeAsync(DbConnection connection, DbTransaction tx, string classificationCode, CancellationToken ct)
    {
        var current = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT last_seq FROM catalog_code_counters WHERE classification_code = @classificationCode",
            new { classificationCode }, tx, cancellationToken: ct));
        if (current >= MaxSequence)
        {
            throw new GongshuException(ErrorKind.Conflict, "code_space_exhausted",
                $"Classification {classificationCode} has used all {MaxSequence} sequence numbers; file the resource under a finer classification.", "classificationCode");
        }

        var seq = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO catalog_code_counters (classification_code, last_seq) VALUES (@classificationCode, 1)
            ON CONFLICT (classification_code) DO UPDATE SET last_seq = catalog_code_counters.last_seq + 1
            RETURNING last_seq
            """, new { classificationCode }, tx, cancellationToken: ct));
        return $"{classificationCode}/{seq.ToString("D5", CultureInfo.InvariantCulture)}";
    }

    public static Task<long> InsertResourceAsync(DbConnection connection, DbTransaction tx, string code, string classificationCode, long providerId, DateTimeOffset now, CancellationToken ct)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO catalog_resources (code, classification_code, provider_id, status, created_at, updated_at)
            VALUES (@code, @classificationCode, @providerId, 'draft', @now, @now)
            RETURNING id
            """, new { code, classificationCode, providerId, now }, tx, cancellationToken: ct));

    public static Task UpdateResourceAsync(DbConnection connection, DbTransaction tx, long id, ResourceStatus status,
        long? publishedVersionId, long? workingVersionId, DateTimeOffset now, CancellationToken ct)
        => connection.ExecuteAsync(new CommandDefinition("""
            UPDATE catalog_resources
            SET status = @status, published_version_id = @publishedVersionId, working_version_id = @workingVersionId,
                updated_at = @now, retired_at = CASE WHEN @status = 'retired' THEN @now ELSE retired_at END
            WHERE id = @id
            """, new { id, status = status.Text(), publishedVersionId, workingVersionId, now }, tx, cancellationToken: ct));

    public static async Task<long> InsertVersionAsync(DbConnection connection, DbTransaction tx, long resourceId, VersionState state,
        ResourceMetadata metadata, MetadataReport report, string createdBy, DateTimeOffset now, CancellationToken ct)
    {
        var versionNo = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(version_no), 0) + 1 FROM catalog_resource_versions WHERE resource_id = @resourceId",
            new { resourceId }, tx, cancellationToken: ct));
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO catalog_resource_versions (
                resource_id, version_no, state, name, summary, keywords, format, format_subtype, share_type, share_condition,
                share_method, legal_basis, open_type, open_condition, update_cycle, related_codes, tags, grade, score, failures,
                created_by, created_at, updated_at)
            VALUES (
                @resourceId, @versionNo, @state, @Name, @Summary, @Keywords, @Format, @FormatSubtype, @ShareType, @ShareCondition,
                @ShareMethod, @LegalBasis, @OpenType, @OpenCondition, @UpdateCycle, @RelatedCodes, @Tags, @Grade, @Score, @Failures,
                @createdBy, @now, @now)
            RETURNING id
            """, Content(metadata, report, new { resourceId, versionNo = (int)versionNo, state = state.Text(), createdBy, now }),
            tx, cancellationToken: ct));
        await WriteFieldsAsync(connection, tx, id, metadata.Fields, ct);
        return id;
    }

    /// <summary>Replaces a working version's content (and its fields) and sets its state.</summary>
    public static async Task UpdateVersionAsync(DbConnection connection, DbTransaction tx, long versionId, VersionState state,
        ResourceMetadata metadata, MetadataReport report, DateTimeOffset now, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE catalog_resource_versions
            SET state = @state, name = @Name, summary = @Summary, keywords = @Keywords, format = @Format,
                format_subtype = @FormatSubtype, share_type = @ShareType, share_condition = @ShareCondition,
                share_method = @ShareMethod, legal_basis = @LegalBasis, open_type = @OpenType,
                open_condition = @OpenCondition, update_cycle = @UpdateCycle, related_codes = @RelatedCodes, tags = @Tags,
                grade = @Grade, score = @Score, failures = @Failures, updated_at = @now
            WHERE id = @versionId
            """, Content(metadata, report, new { versionId, state = state.Text(), now }), tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM catalog_fields WHERE version_id = @versionId", new { versionId }, tx, cancellationToken: ct));
        await WriteFieldsAsync(connection, tx, versionId, metadata.Fields, ct);
    }

    /// <summary>Moves a version to <paramref name="state"/>, stamping the submission or publication and keeping the reviewer's comment.</summary>
    public static Task SetVersionStateAsync(DbConnection connection, DbTransaction tx, long versionId, VersionState state, DateTimeOffset now,
        CancellationToken ct, MetadataReport? report = null, string? reviewComment = null)
        => connection.ExecuteAsync(new CommandDefinition("""
            UPDATE catalog_resource_versions
            SET state = @state, updated_at = @now,
                submitted_at = CASE WHEN @state = 'submitted' THEN @now ELSE submitted_at END,
                published_at = CASE WHEN @state = 'published' THEN @now ELSE published_at END,
                review_comment = CASE WHEN @state IN ('published', 'returned') THEN @reviewComment ELSE review_comment END,
                score = COALESCE(@score, score), failures = COALESCE(@failures, failures)
            WHERE id = @versionId
            """, new
            {
                versionId, state = state.Text(), now, reviewComment,
                score = report?.Score, failures = report is null ? null : CatalogJson.Write(report.Failures),
            }, tx, cancellationToken: ct));

    public static async Task<ResourceVersion> LoadVersionAsync(DbConnection connection, DbTransaction? tx, long versionId, CancellationToken ct)
    {
        var row = await connection.QuerySingleAsync<VersionRow>(new CommandDefinition(
            $"{VersionRow.SelectColumns} WHERE id = @versionId", new { versionId }, tx, cancellationToken: ct));
        return row.ToVersion(await LoadFieldsAsync(connection, tx, versionId, ct));
    }

    public static async Task<ResourceVersion?> FindVersionByNumberAsync(DbConnection connection, long resourceId, int versionNo, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(
            $"{VersionRow.SelectColumns} WHERE resource_id = @resourceId AND version_no = @versionNo",
            new { resourceId, versionNo }, cancellationToken: ct));
        return row?.ToVersion(await LoadFieldsAsync(connection, null, row.Id, ct));
    }

    public static async Task<IReadOnlyList<VersionRow>> ListVersionsAsync(DbConnection connection, long resourceId, CancellationToken ct)
        => (await connection.QueryAsync<VersionRow>(new CommandDefinition(
            $"{VersionRow.SelectColumns} WHERE resource_id = @resourceId ORDER BY version_no", new { resourceId }, cancellationToken: ct))).ToList();

    public static Task AddTransitionAsync(DbConnection connection, DbTransaction tx, long resourceId, long versionId, string action,
        VersionState? from, VersionState to, CatalogCaller caller, DateTimeOffset now, string? comment, CancellationToken ct)
        => connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO catalog_transitions (resource_id, version_id, action, from_state, to_state, actor, organization_id, at, comment)
            VALUES (@resourceId, @versionId, @action, @fromState, @toState, @actor, @organizationId, @now, @comment)
            """, new
            {
                resourceId, versionId, action, fromState = from?.Text(), toState = to.Text(),
                actor = caller.Actor.Id, organizationId = caller.OrganizationId, now, comment,
            }, tx, cancellationToken: ct));

    public static async Task<IReadOnlyList<Transition>> ListTransitionsAsync(DbConnection connection, long resourceId, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<TransitionRow>(new CommandDefinition("""
            SELECT t.id, t.version_id AS VersionId, v.version_no AS VersionNo, t.action, t.from_state AS FromState,
                   t.to_state AS ToState, t.actor, t.organization_id AS OrganizationId, t.at, t.comment
            FROM catalog_transitions t JOIN catalog_resource_versions v ON v.id = t.version_id
            WHERE t.resource_id = @resourceId
            ORDER BY t.id
            """, new { resourceId }, cancellationToken: ct));
        return rows.Select(r => new Transition(r.Id, r.VersionId, (int)r.VersionNo, r.Action,
            r.FromState is null ? null : CatalogStates.ParseState(r.FromState), CatalogStates.ParseState(r.ToState),
            r.Actor, r.OrganizationId, r.At, r.Comment)).ToList();
    }

    /// <summary>
    /// Makes the provider's name claims of a resource match the names of its live versions
    /// (none once retired): a name another live resource of the provider uses is a 409.
    /// </summary>
    public static async Task ClaimNamesAsync(DbConnection connection, DbTransaction tx, long resourceId, long providerId, IReadOnlyCollection<string> names, CancellationToken ct)
    {
        var held = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM catalog_name_claims WHERE resource_id = @resourceId", new { resourceId }, tx, cancellationToken: ct))).ToList();
        foreach (var name in held.Where(n => !names.Contains(n)))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM catalog_name_claims WHERE provider_id = @providerId AND name = @name", new { providerId, name }, tx, cancellationToken: ct));
        }

        foreach (var name in names.Distinct().Where(n => !held.Contains(n)))
        {
            var taken = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT count(*) FROM catalog_name_claims WHERE provider_id = @providerId AND name = @name",
                new { providerId, name }, tx, cancellationToken: ct));
            try
            {
                if (taken == 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO catalog_name_claims (provider_id, name, resource_id) VALUES (@providerId, @name, @resourceId)",
                        new { providerId, name, resourceId }, tx, cancellationToken: ct));
                }
            }
            catch (DbException e) when (DirectoryStorage.IsUniqueViolation(e))
            {
                taken = 1;
            }

            if (taken > 0)
            {
                throw new GongshuException(ErrorKind.Conflict, "resource_name_taken",
                    $"Your organization already has a resource named '{name}'.", "name");
            }
        }
    }

    /// <summary>The given codes that name published (not retired) resources.</summary>
    public static async Task<IReadOnlySet<string>> PublishedCodesAsync(DbConnection connection, DbTransaction? tx, DatabaseKind kind,
        IReadOnlyList<string> codes, CancellationToken ct)
    {
        if (codes.Count == 0)
        {
            return new HashSet<string>();
        }

        var found = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT code FROM catalog_resources WHERE status = 'published' AND {AnyOf(kind, "code", "codes")}",
            new { codes = codes.ToArray() }, tx, cancellationToken: ct));
        return found.ToHashSet(StringComparer.Ordinal);
    }

    public static Task<ProviderRow> LoadProviderAsync(DbConnection connection, DbTransaction? tx, long providerId, CancellationToken ct)
        => connection.QuerySingleAsync<ProviderRow>(new CommandDefinition(
            "SELECT id, name, division_code AS DivisionCode FROM organizations WHERE id = @providerId",
            new { providerId }, tx, cancellationToken: ct));

    /// <summary>The providers with these ids, by id.</summary>
    public static async Task<Dictionary<long, ProviderRow>> LoadProvidersAsync(DbConnection connection, DatabaseKind kind, IReadOnlyCollection<long> ids, CancellationToken ct)
        => ids.Count == 0 ? [] : (await connection.QueryAsync<ProviderRow>(new CommandDefinition(
            $"SELECT id, name, division_code AS DivisionCode FROM organizations WHERE {AnyOf(kind, "id", "ids")}",
            new { ids = ids.ToArray() }, cancellationToken: ct))).ToDictionary(p => p.Id);

    /// <summary>The published resources among these ids, in id order.</summary>
    public static async Task<IReadOnlyList<ResourceRow>> FindPublishedResourcesAsync(DbConnection connection, DatabaseKind kind, IReadOnlyCollection<long> ids, CancellationToken ct)
        => ids.Count == 0 ? [] : (await connection.QueryAsync<ResourceRow>(new CommandDefinition(
            $"{ResourceRow.SelectColumns} WHERE status = 'published' AND {AnyOf(kind, "id", "ids")} ORDER BY id",
            new { ids = ids.ToArray() }, cancellationToken: ct))).ToList();

    /// <summary>
    /// Up to <paramref name="limit"/> published resources with ids above <paramref name="afterId"/>, in id order.
    /// </summary>
    public static async Task<IReadOnlyList<ResourceRow>> ListPublishedResourcesAsync(DbConnection connection, long afterId, int limit, CancellationToken ct)
        => (await connection.QueryAsync<ResourceRow>(new CommandDefinition(
            $"{ResourceRow.SelectColumns} WHERE status = 'published' AND id > @afterId ORDER BY id LIMIT @limit",
            new { afterId, limit }, cancellationToken: ct))).ToList();

    /// <summary>Versions with their fields, by id: two queries however many there are.</summary>
    public static async Task<Dictionary<long, ResourceVersion>> LoadVersionsAsync(DbConnection connection, DatabaseKind kind, IReadOnlyCollection<long> ids,
        CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var parameters = new { ids = ids.ToArray() };
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition(
            $"{VersionRow.SelectColumns} WHERE {AnyOf(kind, "id", "ids")}", parameters, cancellationToken: ct));
        var fields = (await connection.QueryAsync<FieldRow>(new CommandDefinition($"""
            SELECT version_id AS VersionId, position, name, label, type, length, scale, description, is_key AS IsKey, nullable, grade
            FROM catalog_fields WHERE {AnyOf(kind, "version_id", "ids")} ORDER BY version_id, position
            """, parameters, cancellationToken: ct))).ToLookup(f => f.VersionId);
        return rows.ToDictionary(r => r.Id, r => r.ToVersion(fields[r.Id].Select(f => f.ToField()).ToList()));
    }

    /// <summary>
    /// <paramref name="column"/> is one of the list parameter's values: Dapper hands a list to
    /// Npgsql as one array parameter, and expands it for SQLite.
    /// </summary>
    private static string AnyOf(DatabaseKind kind, string column, string parameter)
        => kind == DatabaseKind.Postgres ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    private static async Task<IReadOnlyList<ResourceField>> LoadFieldsAsync(DbConnection connection, DbTransaction? tx, long versionId, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<FieldRow>(new CommandDefinition("""
            SELECT version_id AS VersionId, position, name, label, type, length, scale, description, is_key AS IsKey, nullable, grade
            FROM catalog_fields WHERE version_id = @versionId ORDER BY position
            """, new { versionId }, tx, cancellationToken: ct));
        return rows.Select(r => r.ToField()).ToList();
    }

    /// <summary>Fields per INSERT: 11 parameters each stays far below SQLite's 32 766 and PostgreSQL's 65 535.</summary>
    private const int FieldsPerInsert = 250;

    /// <summary>Writes the fields with one multi-row INSERT per <see cref="FieldsPerInsert"/>, not one round trip per field.</summary>
    private static async Task WriteFieldsAsync(DbConnection connection, DbTransaction tx, long versionId, IReadOnlyList<ResourceField> fields, CancellationToken ct)
    {
        for (var start = 0; start < fields.Count; start += FieldsPerInsert)
        {
            var sql = new System.Text.StringBuilder(
                "INSERT INTO catalog_fields (version_id, position, name, label, type, length, scale, description, is_key, nullable, grade) VALUES ");
            var parameters = new DynamicParameters();
            parameters.Add("versionId", versionId, DbType.Int64);
            for (var position = start; position < Math.Min(fields.Count, start + FieldsPerInsert); position++)
            {
                var f = fields[position];
                var i = position.ToString(CultureInfo.InvariantCulture);
                sql.Append(position == start ? "" : ", ")
                    .Append(CultureInfo.InvariantCulture, $"(@versionId, @p{i}, @n{i}, @l{i}, @t{i}, @len{i}, @s{i}, @d{i}, @k{i}, @nu{i}, @g{i})");
                parameters.Add($"p{i}", position, DbType.Int32);
                parameters.Add($"n{i}", f.Name, DbType.String);
                parameters.Add($"l{i}", f.Label, DbType.String);
                parameters.Add($"t{i}", f.Type, DbType.String);
                parameters.Add($"len{i}", f.Length, DbType.Int32);
                parameters.Add($"s{i}", f.Scale, DbType.Int32);
                parameters.Add($"d{i}", f.Description, DbType.String);
                parameters.Add($"k{i}", f.IsKey, DbType.Boolean);
                parameters.Add($"nu{i}", f.Nullable, DbType.Boolean);
                parameters.Add($"g{i}", f.Grade, DbType.String);
            }

            await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), parameters, tx, cancellationToken: ct));
        }
    }

    /// <summary>The content columns of a version as parameters, plus <paramref name="extra"/>.</summary>
    private static DynamicParameters Content(ResourceMetadata m, MetadataReport report, object extra)
    {
        var parameters = new DynamicParameters(extra);
        parameters.AddDynamicParams(new
        {
            m.Name, m.Summary, Keywords = CatalogJson.Write(m.Keywords), m.Format, m.FormatSubtype, m.ShareType,
            m.ShareCondition, m.ShareMethod, m.LegalBasis, m.OpenType, m.OpenCondition, m.UpdateCycle,
            RelatedCodes = CatalogJson.Write(m.RelatedCodes), Tags = CatalogJson.Write(m.Tags), m.Grade,
            report.Score, Failures = CatalogJson.Write(report.Failures),
        });
        return parameters;
    }

    private sealed class TransitionRow
    {
        public long Id { get; set; }
        public long VersionId { get; set; }
        public long VersionNo { get; set; }
        public string Action { get; set; } = "";
        public string? FromState { get; set; }
        public string ToState { get; set; } = "";
        public string Actor { get; set; } = "";
        public long? OrganizationId { get; set; }
        public DateTimeOffset At { get; set; }
        public string? Comment { get; set; }
    }
}

/// <summary>What the search document needs of the provider.</summary>
internal sealed class ProviderRow
{
    public long Id { get; set; }

    public string Name { get; set; } = "";
    public string DivisionCode { get; set; } = "";
}
