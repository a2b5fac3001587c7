using System.Data.Common;
using System.Text;
using Dapper;
using Gongshu.Directories;
using Gongshu.Storage;

namespace Gongshu.Catalog;

/// <summary>Reads: one resource, listings, history and differences between versions.</summary>
public sealed partial class CatalogService
{
    /// <summary>
    /// One resource. <see cref="CatalogView.Published"/> — what the catalog serves, to anyone —
    /// stays the approved version while a change is reviewed; <see cref="CatalogView.Working"/>
    /// is for the provider's admins and platform admins only.
    /// </summary>
    public Task<CatalogResource> GetAsync(CatalogCaller caller, long resourceId, CatalogView view = CatalogView.Published, CancellationToken ct = default)
        => AuditDenialAsync(caller, resourceId, async () =>
        {
            await using var connection = await OpenAsync(ct);
            var resource = await CatalogStore.FindResourceAsync(connection, null, resourceId, ct);
            if (view == CatalogView.Published)
            {
                if (resource is { ResourceStatus: ResourceStatus.Published })
                {
                    return await ViewAsync(connection, null, resource, resource.PublishedVersionId!.Value, ct);
                }

                throw resource is not null && CatalogAccess.SeesWorking(caller, resource)
                    ? GongshuException.NotFound($"A published version of resource {resourceId}", "resource_not_published")
                    : CatalogAccess.NotFound(resourceId);
            }

            resource = CatalogAccess.RequireReader(caller, resource, resourceId);
            return await ViewAsync(connection, null, resource, await LatestVersionIdAsync(connection, resource, ct), ct);
        }, ct);

    /// <summary>
    /// The published versions of these resources, as <see cref="GetAsync"/> serves them to anyone
    /// with <see cref="CatalogView.Published"/>, read together in the order given: one query for
    /// the resources, and two for those of their versions not read before (see
    /// <see cref="PublishedVersionCache"/>). Ids of resources that are not published, or do not
    /// exist, are left out: the caller holds them from an earlier read, such as a search's hits.
    /// </summary>
    public async Task<IReadOnlyList<CatalogResource>> GetPublishedAsync(IReadOnlyList<long> resourceIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(resourceIds);
        await using var connection = await OpenAsync(ct);
        var resources = (await CatalogStore.FindPublishedResourcesAsync(connection, _database.Kind, resourceIds.Distinct().ToList(), ct)).ToDictionary(r => r.Id);
        var versions = new Dictionary<long, ResourceVersion>();
        var unread = new List<long>();
        foreach (var versionId in resources.Values.Select(r => r.PublishedVersionId!.Value))
        {
            if (_publishedVersions.TryGet(versionId, out var version))
            {
                versions[versionId] = version;
            }
            else
            {
                unread.Add(versionId);
            }
        }

        foreach (var (versionId, version) in await CatalogStore.LoadVersionsAsync(connection, _database.Kind, unread, ct))
        {
            versions[versionId] = version;

            // Superseded or retired since the resource was read: served this once, not kept.
            if (version.State == VersionState.Published)
            {
                _publishedVersions.Add(version);
            }
        }

        return resourceIds.Distinct().Where(resources.ContainsKey)
            .Select(id => View(resources[id], versions[resources[id].PublishedVersionId!.Value])).ToList();
    }

    /// <summary>The id of the resource with this code (信息资源代码), published or not; null when no resource has it.</summary>
    public async Task<long?> FindIdByCodeAsync(string code, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT id FROM catalog_resources WHERE code = @code", new { code }, cancellationToken: ct));
    }

    /// <summary>
    /// A page of the catalog as the caller may see it: published resources for everyone, plus
    /// the provider's own drafts and changes for its provider admins, plus everything for
    /// platform admins (<see cref="CatalogListQuery.WorkingState"/> = Submitted is the review queue).
    /// </summary>
    public async Task<CatalogPage> ListAsync(CatalogCaller caller, CatalogListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > CatalogListQuery.MaxLimit)
        {
            throw GongshuException.Invalid("limit", $"The limit must be between 1 and {CatalogListQuery.MaxLimit}.");
        }

        if (query.ClassificationCode is { } prefix && (prefix.Length == 0 || !prefix.All(char.IsAsciiDigit)))
        {
            throw GongshuException.Invalid("classificationCode", $"'{prefix}' is not a classification code.", "unknown_classification");
        }

        // What a row shows depends on whether the caller sees its working state.
        var (sees, version) = caller.Has(Role.PlatformAdmin)
            ? ("1 = 1", "COALESCE(r.working_version_id, r.published_version_id)")
            : caller.Has(Role.ProviderAdmin)
                ? ("r.provider_id = @org", "CASE WHEN r.provider_id = @org THEN COALESCE(r.working_version_id, r.published_version_id) ELSE r.published_version_id END")
                : ("1 = 0", "r.published_version_id");
        var sql = new StringBuilder($"""
            SELECT r.id, r.code, r.classification_code AS ClassificationCode, r.provider_id AS ProviderId, r.status,
                   CASE WHEN {sees} THEN w.state END AS WorkingState, v.version_no AS VersionNo, v.name, v.grade, v.score,
                   r.updated_at AS UpdatedAt, CASE WHEN {sees} THEN w.review_comment END AS ReviewComment
            FROM catalog_resources r
            LEFT JOIN catalog_resource_versions w ON w.id = r.working_version_id
            JOIN catalog_resource_versions v ON v.id = {version}
            WHERE (r.status = 'published' OR {sees})
            """);
        sql.Append(query.ProviderId is null ? "" : " AND r.provider_id = @ProviderId");
        sql.Append(query.Status is null ? "" : " AND r.status = @status");
        sql.Append(query.WorkingState is null ? "" : $" AND w.state = @workingState AND {sees}");
        sql.Append(query.ClassificationCode is null ? "" : " AND (r.classification_code = @ClassificationCode OR r.classification_code LIKE @classificationPrefix)");
        sql.Append(query.AfterId is null ? "" : " AND r.id > @AfterId");
        sql.Append(" ORDER BY r.id LIMIT @take");

        await using var connection = await OpenAsync(ct);
        var rows = (await connection.QueryAsync<SummaryRow>(new CommandDefinition(sql.ToString(), new
        {
            org = caller.OrganizationId,
            query.ProviderId,
            status = query.Status?.Text(),
            workingState = query.WorkingState?.Text(),
            query.ClassificationCode,
            classificationPrefix = query.ClassificationCode + "%",
            query.AfterId,
            take = query.Limit + 1,
        }, cancellationToken: ct))).ToList();
        var items = rows.Take(query.Limit).Select(r => r.ToSummary()).ToList();
        return new CatalogPage(items, rows.Count > query.Limit ? items[^1].Id : null);
    }

    /// <summary>Every version of a resource and every transition with who, when and their comments.</summary>
    public Task<ResourceHistory> HistoryAsync(CatalogCaller caller, long resourceId, CancellationToken ct = default)
        => AuditDenialAsync(caller, resourceId, async () =>
        {
            await using var connection = await OpenAsync(ct);
            var resource = CatalogAccess.RequireReader(caller, await CatalogStore.FindResourceAsync(connection, null, resourceId, ct), resourceId);
            var versions = (await CatalogStore.ListVersionsAsync(connection, resource.Id, ct))
                .Select(v => new VersionSummary(v.Id, (int)v.VersionNo, CatalogStates.ParseState(v.State), v.Name, (int)v.Score,
                    v.CreatedBy, v.CreatedAt, v.SubmittedAt, v.PublishedAt))
                .ToList();
            return new ResourceHistory(resource.Id, resource.Code, versions, await CatalogStore.ListTransitionsAsync(connection, resource.Id, ct));
        }, ct);

    /// <summary>What changed from version <paramref name="fromVersion"/> to <paramref name="toVersion"/>, property by property and field by field.</summary>
    public Task<VersionDiff> DiffAsync(CatalogCaller caller, long resourceId, int fromVersion, int toVersion, CancellationToken ct = default)
        => AuditDenialAsync(caller, resourceId, async () =>
        {
            await using var connection = await OpenAsync(ct);
            var resource = CatalogAccess.RequireReader(caller, await CatalogStore.FindResourceAsync(connection, null, resourceId, ct), resourceId);
            var before = await CatalogStore.FindVersionByNumberAsync(connection, resource.Id, fromVersion, ct) ?? throw VersionNotFound(fromVersion);
            var after = await CatalogStore.FindVersionByNumberAsync(connection, resource.Id, toVersion, ct) ?? throw VersionNotFound(toVersion);
            return MetadataDiff.Compare(fromVersion, before.Metadata, toVersion, after.Metadata);
        }, ct);

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        return await _database.OpenConnectionAsync(ct);
    }

    /// <summary>The working version, else the published one, else (a draft retired unpublished) the newest.</summary>
    private static async Task<long> LatestVersionIdAsync(DbConnection connection, ResourceRow resource, CancellationToken ct)
        => resource.WorkingVersionId ?? resource.PublishedVersionId ?? await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT id FROM catalog_resource_versions WHERE resource_id = @Id ORDER BY version_no DESC LIMIT 1", new { resource.Id }, cancellationToken: ct));

    private static GongshuException VersionNotFound(int versionNo)
        => GongshuException.NotFound($"Version {versionNo} of the resource", "version_not_found");

    /// <summary>Reads audit only their denials: a look at something the caller may not see.</summary>
    private async Task<T> AuditDenialAsync<T>(CatalogCaller caller, long resourceId, Func<Task<T>> read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        try
        {
            return await read();
        }
        catch (GongshuException e) when (e.Code == CatalogAccess.NotFoundCode)
        {
            await AuditRefusalAsync(caller, "catalog.read", resourceId, e, ct);
            throw;
        }
    }

    private sealed class SummaryRow
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string ClassificationCode { get; set; } = "";
        public long ProviderId { get; set; }
        public string Status { get; set; } = "";
        public string? WorkingState { get; set; }
        public long VersionNo { get; set; }
        public string Name { get; set; } = "";
        public string? Grade { get; set; }
        public long Score { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public string? ReviewComment { get; set; }

        public ResourceSummary ToSummary() => new(Id, Code, ClassificationCode, ProviderId, CatalogStates.ParseStatus(Status),
            WorkingState is null ? null : CatalogStates.ParseState(WorkingState), (int)VersionNo, Name, Grade, (int)Score, UpdatedAt, ReviewComment);
    }
}
