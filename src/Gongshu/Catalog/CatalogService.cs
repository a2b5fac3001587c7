using System.Data.Common;
using Gongshu.Audit;
using Gongshu.Catalog.Search;
using Gongshu.Directories;
using Gongshu.Storage;

namespace Gongshu.Catalog;

/// <summary>
/// The public data resource catalog (公共数据资源目录): providers catalog their resources, the
/// platform reviews and publishes them, changes go through review while the published version
/// keeps serving, and retired codes are never given out again. Every change commits together
/// with its audit entry and, on publication or retirement, with the search index.
/// </summary>
public sealed partial class CatalogService
{
    private readonly Database _database;
    private readonly AuditLog _audit;
    private readonly ICatalogIndex _index;
    private readonly TimeProvider _clock;
    private readonly PublishedVersionCache _publishedVersions = new();

    public CatalogService(Database database, AuditLog audit, ICatalogIndex index, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(index);
        _database = database;
        _audit = audit;
        _index = index;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>
    /// Catalogs a new resource (编目) for the caller's organization under a 项, 目 or 细目 and gives
    /// it its code (分类码/顺序码). The draft may be incomplete; the rules judge it at submission.
    /// </summary>
    public Task<CatalogResource> CreateDraftAsync(CatalogCaller caller, string classificationCode, ResourceMetadata metadata, CancellationToken ct = default)
        => AuditFailureAsync(caller, "catalog.create", null, async () =>
        {
            CatalogAccess.RequireProviderAdmin(caller);
            var content = MetadataInput.Normalize(metadata);
            await using var work = await CatalogWork.BeginAsync(_database, ct);
            var created = await CreateInAsync(work, caller, classificationCode, content, ct);
            await work.Transaction.CommitAsync(ct);
            return created;
        }, ct);

    internal Database Database => _database;

    /// <summary>
    /// Creates drafts for the caller's organization in one transaction (the Excel import), each
    /// exactly as <see cref="CreateDraftAsync"/> would with its transition and <c>catalog.create</c>
    /// entry, then <paramref name="batchAction"/> with <paramref name="batchDetail"/>, and commits.
    /// The audit entries are appended together at the end, so the audit chain is locked only for
    /// the last moment of a long import. A refusal of draft <c>i</c> is passed through
    /// <paramref name="refused"/> and rolls back every draft; refusals are not audited here, the
    /// caller audits its own action.
    /// </summary>
    internal async Task<IReadOnlyList<CatalogResource>> CreateDraftsAsync(CatalogCaller caller,
        IReadOnlyList<(string ClassificationCode, ResourceMetadata Metadata)> drafts, string batchAction, object batchDetail,
        Func<int, GongshuException, Exception> refused, CancellationToken ct)
    {
        CatalogAccess.RequireProviderAdmin(caller);
        await using var work = await CatalogWork.BeginAsync(_database, ct);
        var created = new List<CatalogResource>(drafts.Count);
        var entries = new List<AuditEntry>(drafts.Count + 1);
        for (var i = 0; i < drafts.Count; i++)
        {
            try
            {
                created.Add(await CreateInAsync(work, caller, drafts[i].ClassificationCode, MetadataInput.Normalize(drafts[i].Metadata), ct, entries));
            }
            catch (GongshuException e)
            {
                throw refused(i, e);
            }
        }

        entries.Add(caller.Actor.Entry(batchAction, null, detail: batchDetail));
        foreach (var entry in entries)
        {
            await _audit.AppendInTransactionAsync(work.Connection, work.Transaction, entry, ct);
        }

        await work.Transaction.CommitAsync(ct);
        return created;
    }

    /// <summary>Creates one draft of normalized <paramref name="content"/> inside <paramref name="work"/>, without committing.</summary>
    private async Task<CatalogResource> CreateInAsync(CatalogWork work, CatalogCaller caller, string classificationCode, ResourceMetadata content,
        CancellationToken ct, List<AuditEntry>? deferredAudit = null)
    {
        var classification = await RequireClassificationAsync(work, classificationCode, ct);
        if (!await work.OrganizationExistsAsync(caller.OrganizationId, ct))
        {
            throw GongshuException.NotFound($"Organization {caller.OrganizationId}", "organization_not_found");
        }

        var now = _clock.GetUtcNow();
        var code = await CatalogStore.NextCodeAsync(work.Connection, work.Transaction, classification.Code, ct);
        RequireNotSelfRelated(content, code);
        var id = await CatalogStore.InsertResourceAsync(work.Connection, work.Transaction, code, classification.Code, caller.OrganizationId, now, ct);
        var versionId = await CatalogStore.InsertVersionAsync(work.Connection, work.Transaction, id, VersionState.Draft,
            content, await ScoreAsync(work, content, ct), caller.Actor.Id, now, ct);
        await CatalogStore.UpdateResourceAsync(work.Connection, work.Transaction, id, ResourceStatus.Draft, null, versionId, now, ct);
        return await RecordAsync(work, caller, id, versionId, "create", null, VersionState.Draft, null, ct, deferredAudit);
    }

    /// <summary>
    /// Saves the working version. A published resource without a change under way gets a new
    /// draft version (变更) that is reviewed while the published one keeps serving. A returned
    /// version becomes a draft again; a submitted one cannot be edited until it is reviewed.
    /// </summary>
    public Task<CatalogResource> UpdateDraftAsync(CatalogCaller caller, long resourceId, ResourceMetadata metadata, CancellationToken ct = default)
        => AuditFailureAsync(caller, "catalog.update", resourceId, async () =>
        {
            var content = MetadataInput.Normalize(metadata);
            await using var work = await CatalogWork.BeginAsync(_database, ct);
            var resource = CatalogAccess.RequireEditor(caller, await work.LockAsync(resourceId, ct), resourceId);
            RequireNotRetired(resource);
            RequireNotSelfRelated(content, resource.Code);
            var now = _clock.GetUtcNow();
            var report = await ScoreAsync(work, content, ct);
            if (resource.WorkingVersionId is not { } versionId)
            {
                versionId = await CatalogStore.InsertVersionAsync(work.Connection, work.Transaction, resource.Id, VersionState.Draft, content, report, caller.Actor.Id, now, ct);
                await CatalogStore.UpdateResourceAsync(work.Connection, work.Transaction, resource.Id, resource.ResourceStatus, resource.PublishedVersionId, versionId, now, ct);
                return await FinishAsync(work, caller, resource.Id, versionId, "change", null, VersionState.Draft, null, ct);
            }

            var state = resource.WorkingVersionState!.Value;
            if (state == VersionState.Submitted)
            {
                throw InvalidTransition("The resource is under review; it can be edited again once it is approved or returned.");
            }

            await CatalogStore.UpdateVersionAsync(work.Connection, work.Transaction, versionId, VersionState.Draft, content, report, now, ct);
            await CatalogStore.UpdateResourceAsync(work.Connection, work.Transaction, resource.Id, resource.ResourceStatus, resource.PublishedVersionId, versionId, now, ct);
            return await FinishAsync(work, caller, resource.Id, versionId, "update", state, VersionState.Draft, null, ct);
        }, ct);

    /// <summary>Starts a change (变更) of a published resource: a new draft version copied from the published one.</summary>
    public Task<CatalogResource> StartChangeAsync(CatalogCaller caller, long resourceId, CancellationToken ct = default)
        => AuditFailureAsync(caller, "catalog.change", resourceId, async () =>
        {
            await using var work = await CatalogWork.BeginAsync(_database, ct);
            var resource = CatalogAccess.RequireEditor(caller, await work.LockAsync(resourceId, ct), resourceId);
            RequireNotRetired(resource);
            if (resource.WorkingVersionId is not null)
            {
                throw resource.ResourceStatus == ResourceStatus.Published
                    ? new GongshuException(ErrorKind.Conflict, "change_in_progress", "A change of this resource is already under way; edit or submit it.")
                    : InvalidTransition("The resource has not been published yet; edit its draft instead.");
            }

            var now = _clock.GetUtcNow();
            var published = await CatalogStore.LoadVersionAsync(work.Connection, work.Transaction, resource.PublishedVersionId!.Value, ct);
            var content = published.Metadata;
            var versionId = await CatalogStore.InsertVersionAsync(work.Connection, work.Transaction, resource.Id, VersionState.Draft,
                content, await ScoreAsync(work, content, ct), caller.Actor.Id, now, ct);
            await CatalogStore.UpdateResourceAsync(work.Connection, work.Transaction, resource.Id, resource.ResourceStatus, resource.PublishedVersionId, versionId, now, ct);
            return await FinishAsync(work, caller, resource.Id, versionId, "change", null, VersionState.Draft, null, ct);
        }, ct);

    /// <summary>
    /// Records a transition, keeps the provider's name claims in step, appends the audit entry
    /// in the same transaction and commits; returns the working view as committed.
    /// </summary>
    private async Task<CatalogResource> FinishAsync(CatalogWork work, CatalogCaller caller, long resourceId, long versionId,
        string action, VersionState? from, VersionState to, string? comment, CancellationToken ct)
    {
        var view = await RecordAsync(work, caller, resourceId, versionId, action, from, to, comment, ct);
        await work.Transaction.CommitAsync(ct);
        return view;
    }

    /// <summary><see cref="FinishAsync"/> without the commit; the audit entry goes to <paramref name="deferredAudit"/> when given.</summary>
    private async Task<CatalogResource> RecordAsync(CatalogWork work, CatalogCaller caller, long resourceId, long versionId,
        string action, VersionState? from, VersionState to, string? comment, CancellationToken ct, List<AuditEntry>? deferredAudit = null)
    {
        var now = _clock.GetUtcNow();
        var resource = (await CatalogStore.FindResourceAsync(work.Connection, work.Transaction, resourceId, ct))!;
        await CatalogStore.ClaimNamesAsync(work.Connection, work.Transaction, resourceId, resource.ProviderId,
            await CatalogStore.LiveNamesAsync(work.Connection, work.Transaction, resourceId, ct), ct);
        await CatalogStore.AddTransitionAsync(work.Connection, work.Transaction, resourceId, versionId, action, from, to, caller, now, comment, ct);
        var view = await ViewAsync(work.Connection, work.Transaction, resource, versionId, ct);
        var entry = caller.Actor.Entry($"catalog.{action}", ObjectName(resourceId),
            detail: new { code = resource.Code, version = view.Version.VersionNo, from = from?.Text(), to = to.Text() });
        if (deferredAudit is not null)
        {
            deferredAudit.Add(entry);
        }
        else
        {
            await _audit.AppendInTransactionAsync(work.Connection, work.Transaction, entry, ct);
        }

        return view;
    }

    private static async Task<CatalogResource> ViewAsync(DbConnection connection, DbTransaction? tx, ResourceRow resource, long versionId, CancellationToken ct)
        => View(resource, await CatalogStore.LoadVersionAsync(connection, tx, versionId, ct));

    private static CatalogResource View(ResourceRow resource, ResourceVersion version)
        => new(resource.Id, resource.Code, resource.ClassificationCode, resource.ProviderId, resource.ResourceStatus, resource.WorkingVersionState,
            resource.CreatedAt, resource.UpdatedAt, resource.RetiredAt, version);

    private static async Task<MetadataReport> ScoreAsync(CatalogWork work, ResourceMetadata content, CancellationToken ct)
        => MetadataRules.Check(content, await CatalogStore.PublishedCodesAsync(work.Connection, work.Transaction, work.Kind, content.RelatedCodes, ct));

    private static async Task<Classification> RequireClassificationAsync(CatalogWork work, string? code, CancellationToken ct)
    {
        var classification = await Classifications.FindAsync(work.Connection, work.Transaction, code?.Trim() ?? "", ct)
            ?? throw GongshuException.Invalid("classificationCode",
                $"'{code}' is not a classification code of the catalog (e.g. 101001 人口基本信息).", "unknown_classification");
        return classification.Level >= 2
            ? classification
            : throw GongshuException.Invalid("classificationCode",
                $"{classification.Code} {classification.Name} is a 类; file the resource under one of its 项, 目 or 细目.", "classification_too_broad");
    }

    private static void RequireNotRetired(ResourceRow resource)
    {
        if (resource.ResourceStatus == ResourceStatus.Retired)
        {
            throw InvalidTransition("The resource is retired (已下架); catalog it anew instead.");
        }
    }

    private static void RequireNotSelfRelated(ResourceMetadata content, string code)
    {
        if (content.RelatedCodes.Contains(code))
        {
            throw GongshuException.Invalid("relatedCodes", "A resource cannot name itself as a related resource.", "related_code_self");
        }
    }

    private static GongshuException InvalidTransition(string message) => new(ErrorKind.Conflict, "invalid_transition", message);

    private static string ObjectName(long resourceId) => $"catalog_resource:{resourceId}";

    /// <summary>
    /// Runs a change; a refusal is audited after its transaction has rolled back (Denied when the
    /// caller may not act on the resource, Failed otherwise) and passed on.
    /// </summary>
    internal async Task<T> AuditFailureAsync<T>(CatalogCaller caller, string action, long? resourceId, Func<Task<T>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        try
        {
            return await change();
        }
        catch (GongshuException e)
        {
            await AuditRefusalAsync(caller, action, resourceId, e, ct);
            throw;
        }
    }

    private Task AuditRefusalAsync(CatalogCaller caller, string action, long? resourceId, GongshuException e, CancellationToken ct)
    {
        var denied = e.Code is CatalogAccess.NotFoundCode or CatalogAccess.ForbiddenCode;
        var rules = (e as MetadataRulesException)?.Failures.Select(f => f.Rule).Distinct().ToList();
        return _audit.AppendAsync(caller.Actor.Entry(action, resourceId is { } id ? ObjectName(id) : null,
            denied ? AuditOutcome.Denied : AuditOutcome.Failed, new { reason = e.Code, field = e.Field, rules }), ct);
    }
}
