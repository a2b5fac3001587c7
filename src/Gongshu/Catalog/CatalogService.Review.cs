namespace Gongshu.Catalog;

/// <summary>Submission, review (审核), and retirement (下架).</summary>
public sealed partial class CatalogService
{
    public const int MaxCommentLength = 1_000;

    /// <summary>
    /// Submits the draft or returned version for review. Refused with a 400
    /// <c>metadata_rules_failed</c> listing every blocking rule that fails.
    /// </summary>
    public Task<CatalogResource> SubmitAsync(CatalogCaller caller, long resourceId, CancellationToken ct = default)
        => AuditFailureAsync(caller, "catalog.submit", resourceId, async () =>
        {
            await using var work = await CatalogWork.BeginAsync(_database, ct);
            var resource = CatalogAccess.RequireEditor(caller, await work.LockAsync(resourceId, ct), resourceId);
            RequireNotRetired(resource);
            var state = resource.WorkingVersionState;
            if (state is not (VersionState.Draft or VersionState.Returned))
            {
                throw InvalidTransition(state is null
                    ? "Nothing to submit: start a change of the resource first."
                    : "The resource is already submitted and waits for review.");
            }

            var versionId = resource.WorkingVersionId!.Value;
            var version = await CatalogStore.LoadVersionAsync(work.Connection, work.Transaction, versionId, ct);
            var report = await ScoreAsync(work, version.Metadata, ct);
            if (!report.CanSubmit)
            {
                throw new MetadataRulesException(report.Blocking);
            }

            var now = _clock.GetUtcNow();
            await CatalogStore.SetVersionStateAsync(work.Connection, work.Transaction, versionId, VersionState.Submitted, now, ct, report);
            await CatalogStore.UpdateResourceAsync(work.Connection, work.Transaction, resource.Id, resource.ResourceStatus, resource.PublishedVersionId, versionId, now, ct);
            return await FinishAsync(work, caller, resource.Id, versionId, "submit", state, VersionState.Submitted, null, ct);
        }, ct);

    /// <summary>
    /// Approves the submitted version: it becomes the published one (the previous one is
    /// superseded) and its search document is written in the same transaction.
    /// </summary>
    public Task<CatalogResource> ApproveAsync(CatalogCaller caller, long resourceId, string? comment = null, CancellationToken ct = default)
        => AuditFailureAsync(caller, "catalog.approve", resourceId, async () =>
        {
            comment = Comment(comment, required: false);
            await using var work = await CatalogWork.BeginAsync(_database, ct);
            var resource = CatalogAccess.RequireReviewer(caller, await work.LockAsync(resourceId, ct), resourceId);
            var versionId = RequireSubmitted(resource, "approved");
            var now = _clock.GetUtcNow();
            if (resource.PublishedVersionId is { } previous)
            {
                await CatalogStore.SetVersionStateAsync(work.Connection, work.Transaction, previous, VersionState.Superseded, now, ct);
            }

            await CatalogStore.SetVersionStateAsync(work.Connection, work.Transaction, versionId, VersionState.Published, now, ct, reviewComment: comment);
            await CatalogStore.UpdateResourceAsync(work.Connection, work.Transaction, resource.Id, ResourceStatus.Published, versionId, null, now, ct);
            var version = await CatalogStore.LoadVersionAsync(work.Connection, work.Transaction, versionId, ct);
            var provider = await CatalogStore.LoadProviderAsync(work.Connection, work.Transaction, resource.ProviderId, ct);
            await _index.IndexAsync(work.Connection, work.Transaction, CatalogIndexing.Document(resource, version, provider), ct);
            return await FinishAsync(work, caller, resource.Id, versionId, "approve", VersionState.Submitted, VersionState.Published, comment, ct);
        }, ct);

    /// <summary>Returns the submitted version to its provider (退回修改) with the reviewer's comments, which are required.</summary>
    public Task<CatalogResource> ReturnAsync(CatalogCaller caller, long resourceId, string comment, CancellationToken ct = default)
        => AuditFailureAsync(caller, "catalog.return", resourceId, async () =>
        {
            var reason = Comment(comment, required: true);
            await using var work = await CatalogWork.BeginAsync(_database, ct);
            var resource = CatalogAccess.RequireReviewer(caller, await work.LockAsync(resourceId, ct), resourceId);
            var versionId = RequireSubmitted(resource, "returned");
            var now = _clock.GetUtcNow();
            await CatalogStore.SetVersionStateAsync(work.Connection, work.Transaction, versionId, VersionState.Returned, now, ct, reviewComment: reason);
            await CatalogStore.UpdateResourceAsync(work.Connection, work.Transaction, resource.Id, resource.ResourceStatus, resource.PublishedVersionId, versionId, now, ct);
            return await FinishAsync(work, caller, resource.Id, versionId, "return", VersionState.Submitted, VersionState.Returned, reason, ct);
        }, ct);

    /// <summary>
    /// Retires the resource (下架): it leaves the catalog and the search index, a change under way
    /// is discarded, and its name is free again. Its code is never given out again.
    /// </summary>
    public Task<CatalogResource> RetireAsync(CatalogCaller caller, long resourceId, string? reason = null, CancellationToken ct = default)
        => AuditFailureAsync(caller, "catalog.retire", resourceId, async () =>
        {
            reason = Comment(reason, required: false);
            await using var work = await CatalogWork.BeginAsync(_database, ct);
            var resource = CatalogAccess.RequireEditor(caller, await work.LockAsync(resourceId, ct), resourceId);
            RequireNotRetired(resource);
            var now = _clock.GetUtcNow();
            if (resource.WorkingVersionId is { } working)
            {
                await CatalogStore.SetVersionStateAsync(work.Connection, work.Transaction, working, VersionState.Discarded, now, ct);
            }

            await CatalogStore.UpdateResourceAsync(work.Connection, work.Transaction, resource.Id, ResourceStatus.Retired, resource.PublishedVersionId, null, now, ct);
            if (resource.PublishedVersionId is { } published)
            {
                await CatalogStore.SetVersionStateAsync(work.Connection, work.Transaction, published, VersionState.Retired, now, ct);
                await _index.RemoveAsync(work.Connection, work.Transaction, resource.Id, ct);
            }

            var (versionId, from, to) = resource.PublishedVersionId is { } p
                ? (p, VersionState.Published, VersionState.Retired)
                : (resource.WorkingVersionId!.Value, resource.WorkingVersionState!.Value, VersionState.Discarded);
            return await FinishAsync(work, caller, resource.Id, versionId, "retire", from, to, reason, ct);
        }, ct);

    private static long RequireSubmitted(ResourceRow resource, string verb)
        => resource.WorkingVersionState == VersionState.Submitted
            ? resource.WorkingVersionId!.Value
            : throw InvalidTransition($"Only a submitted version can be {verb}; this resource has "
                + (resource.WorkingVersionState is { } state ? $"a {state.Text()} version." : "no version under review."));

    private static string? Comment(string? comment, bool required)
    {
        var text = comment?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return required ? throw GongshuException.Invalid("comment", "Say what the provider should fix (审核意见).", "comment_required") : null;
        }

        return text.Length <= MaxCommentLength
            ? text
            : throw GongshuException.Invalid("comment", $"The comment is {text.Length} characters long; at most {MaxCommentLength} are allowed.");
    }
}
