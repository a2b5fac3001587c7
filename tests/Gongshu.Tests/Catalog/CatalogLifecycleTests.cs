using System.Text.Json;
using Gongshu.Catalog;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.CatalogTests;

public class CatalogLifecycleTests
{
    [Theory, AllDatabases]
    public async Task A_resource_goes_from_draft_through_review_to_published_and_into_the_index(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var draft = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", CatalogHarness.Complete());
        Assert.Equal(("101001/00001", ResourceStatus.Draft, VersionState.Draft), (draft.Code, draft.Status, draft.WorkingState));
        Assert.Equal((1, 100, "L3"), (draft.Version.VersionNo, draft.Version.Score, draft.Version.Metadata.Grade));
        Assert.Equal(h.Police.Id, draft.ProviderId);

        h.Clock.Advance(TimeSpan.FromHours(1));
        var submitted = await h.Catalog.SubmitAsync(h.PoliceAdmin, draft.Id);
        Assert.Equal((VersionState.Submitted, h.Clock.GetUtcNow()), (submitted.WorkingState, submitted.Version.SubmittedAt));
        Assert.Empty(h.Index.Calls);

        // 2025-03-01 17:00 UTC is already 2 March in Beijing.
        h.Clock.Advance(TimeSpan.FromHours(8));
        var published = await h.Catalog.ApproveAsync(h.Reviewer, draft.Id, "同意发布");
        Assert.Equal((ResourceStatus.Published, (VersionState?)null), (published.Status, published.WorkingState));
        Assert.Equal((VersionState.Published, "同意发布"), (published.Version.State, published.Version.ReviewComment));
        Assert.Equal(new DateOnly(2025, 3, 2), published.Version.PublishDate);

        var call = Assert.Single(h.Index.Calls);
        Assert.Equal(("index", "published"), (call.Call, call.StatusSeen));
        var document = call.Document!;
        Assert.Equal(("101001/00001", "常住人口基本信息", "浙江省公安厅", "330000", "101001"),
            (document.Code, document.Name, document.ProviderName, document.DivisionCode, document.ClassificationCode));
        Assert.Equal(("conditional", "closed", "L3", "database", "daily"),
            (document.ShareType, document.OpenType, document.Grade, document.Format, document.UpdateCycle));
        Assert.Equal(["id_number", "公民身份号码", "name", "姓名", "birth_date", "出生日期"], document.FieldLabels);
        Assert.Equal(["人口", "户籍"], document.Keywords);
        Assert.Equal(["一网通办"], document.Tags);

        // Anyone signed in reads the published resource.
        var seen = await h.Catalog.GetAsync(h.Citizen, draft.Id);
        Assert.Equal((1, "常住人口基本信息"), (seen.Version.VersionNo, seen.Version.Metadata.Name));
        Assert.Equal(["101001/00001"], (await ToListAsync(h.Catalog.PublishedDocumentsAsync())).Select(d => d.Code));
    }

    [Theory, AllDatabases]
    public async Task A_returned_version_carries_the_reviewers_comments_and_is_submitted_again_after_editing(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var draft = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", CatalogHarness.Complete());
        await h.Catalog.SubmitAsync(h.PoliceAdmin, draft.Id);

        var returned = await h.Catalog.ReturnAsync(h.Reviewer, draft.Id, "  请补充共享条件的适用范围。 ");
        Assert.Equal((VersionState.Returned, "请补充共享条件的适用范围。"), (returned.WorkingState, returned.Version.ReviewComment));
        Assert.Equal(ResourceStatus.Draft, returned.Status);

        // The provider still sees the comment when it edits; the edit makes it a draft again.
        var working = await h.Catalog.GetAsync(h.PoliceAdmin, draft.Id, CatalogView.Working);
        Assert.Equal("请补充共享条件的适用范围。", working.Version.ReviewComment);
        var edited = await h.Catalog.UpdateDraftAsync(h.PoliceAdmin, draft.Id,
            CatalogHarness.Complete() with { ShareCondition = "仅用于政务服务事项办理中的身份核验" });
        Assert.Equal((VersionState.Draft, 1), (edited.WorkingState, edited.Version.VersionNo));

        await h.Catalog.SubmitAsync(h.PoliceAdmin, draft.Id);
        var published = await h.Catalog.ApproveAsync(h.Reviewer, draft.Id);
        Assert.Equal("仅用于政务服务事项办理中的身份核验", published.Version.Metadata.ShareCondition);
        Assert.Null(published.Version.ReviewComment);

        var history = await h.Catalog.HistoryAsync(h.PoliceAdmin, draft.Id);
        Assert.Equal(["create", "submit", "return", "update", "submit", "approve"], history.Transitions.Select(t => t.Action));
        var back = history.Transitions[2];
        Assert.Equal((VersionState.Submitted, VersionState.Returned, "301", h.DataBureau.Id, "请补充共享条件的适用范围。"),
            (back.FromState!.Value, back.ToState, back.Actor, back.OrganizationId!.Value, back.Comment));
        Assert.Equal((VersionState.Returned, VersionState.Draft, "101"), (history.Transitions[3].FromState!.Value, history.Transitions[3].ToState, history.Transitions[3].Actor));
        Assert.All(history.Transitions, t => Assert.Equal(1, t.VersionNo));
    }

    [Theory, AllDatabases]
    public async Task A_change_is_reviewed_while_the_published_version_keeps_serving(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var v1 = await h.PublishAsync(CatalogHarness.Complete());

        // Editing a published resource starts a change: version 2, a draft.
        h.Clock.Advance(TimeSpan.FromDays(30));
        var change = await h.Catalog.UpdateDraftAsync(h.PoliceAdmin, v1.Id, CatalogHarness.Complete("常住人口基本信息（含户籍地址）") with
        {
            UpdateCycle = "realtime",
        });
        Assert.Equal((2, VersionState.Draft, ResourceStatus.Published), (change.Version.VersionNo, change.WorkingState, change.Status));

        var served = await h.Catalog.GetAsync(h.MarketAdmin, v1.Id);
        Assert.Equal((1, "常住人口基本信息", "daily"), (served.Version.VersionNo, served.Version.Metadata.Name, served.Version.Metadata.UpdateCycle));
        Assert.Equal(VersionState.Published, served.Version.State);

        await h.Catalog.SubmitAsync(h.PoliceAdmin, v1.Id);
        Assert.Equal(1, (await h.Catalog.GetAsync(h.Citizen, v1.Id)).Version.VersionNo);
        Assert.Single(h.Index.Calls);

        var v2 = await h.Catalog.ApproveAsync(h.Reviewer, v1.Id);
        Assert.Equal((2, VersionState.Published, "realtime"), (v2.Version.VersionNo, v2.Version.State, v2.Version.Metadata.UpdateCycle));
        var served2 = await h.Catalog.GetAsync(h.Citizen, v1.Id);
        Assert.Equal("常住人口基本信息（含户籍地址）", served2.Version.Metadata.Name);
        Assert.Equal("101001/00001", served2.Code);
        Assert.Equal(["index", "index"], h.Index.Calls.Select(c => c.Call));
        Assert.Equal("常住人口基本信息（含户籍地址）", h.Index.Indexed[^1].Name);

        var history = await h.Catalog.HistoryAsync(h.Reviewer, v1.Id);
        Assert.Equal([(1, VersionState.Superseded), (2, VersionState.Published)], history.Versions.Select(v => (v.VersionNo, v.State)));
        Assert.Equal(["create", "submit", "approve", "change", "submit", "approve"], history.Transitions.Select(t => t.Action));

        // An explicit change copies the published version.
        var copy = await h.Catalog.StartChangeAsync(h.PoliceAdmin, v1.Id);
        Assert.Equal((3, "常住人口基本信息（含户籍地址）", 100), (copy.Version.VersionNo, copy.Version.Metadata.Name, copy.Version.Score));
        Assert.Equal(3, copy.Version.Metadata.Fields.Count);
    }

    [Theory, AllDatabases]
    public async Task Published_resources_read_together_are_what_each_read_alone_serves(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var changed = await h.PublishAsync(CatalogHarness.Complete());
        var market = await h.PublishAsync(h.MarketAdmin, CatalogHarness.Complete("企业登记基本信息"), "102001");
        var draft = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", CatalogHarness.Complete("户籍迁移登记信息"));
        var retired = await h.PublishAsync(CatalogHarness.Complete("出生登记信息"));
        await h.Catalog.RetireAsync(h.PoliceAdmin, retired.Id);
        await h.Catalog.UpdateDraftAsync(h.PoliceAdmin, changed.Id, CatalogHarness.Complete("常住人口基本信息（修订）"));
        var audited = (await h.AuditAsync()).Count;

        var read = await h.Catalog.GetPublishedAsync([market.Id, draft.Id, changed.Id, retired.Id, 9999, market.Id]);

        Assert.Equal([market.Id, changed.Id], read.Select(r => r.Id));
        foreach (var resource in read)
        {
            var alone = await h.Catalog.GetAsync(h.Citizen, resource.Id);
            Assert.Equal(JsonSerializer.Serialize(alone), JsonSerializer.Serialize(resource));
        }

        Assert.Equal(("常住人口基本信息", 1, VersionState.Draft), (read[1].Version.Metadata.Name, read[1].Version.VersionNo, read[1].WorkingState));
        Assert.Equal(3, read[1].Version.Metadata.Fields.Count);
        Assert.Equal(audited, (await h.AuditAsync()).Count);
        Assert.Empty(await h.Catalog.GetPublishedAsync([]));
    }

    [Theory, AllDatabases]
    public async Task Retiring_takes_the_resource_out_of_the_catalog_and_the_index_and_discards_a_pending_change(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var resource = await h.PublishAsync(CatalogHarness.Complete());
        await h.Catalog.StartChangeAsync(h.PoliceAdmin, resource.Id);

        h.Clock.Advance(TimeSpan.FromDays(1));
        var retired = await h.Catalog.RetireAsync(h.PoliceAdmin, resource.Id, "业务系统停用");
        Assert.Equal((ResourceStatus.Retired, h.Clock.GetUtcNow(), (VersionState?)null), (retired.Status, retired.RetiredAt, retired.WorkingState));
        var removal = h.Index.Calls[^1];
        Assert.Equal(("remove", resource.Id, "retired"), (removal.Call, removal.ResourceId, removal.StatusSeen));

        var gone = await Assert.ThrowsAsync<GongshuException>(() => h.Catalog.GetAsync(h.Citizen, resource.Id));
        Assert.Equal(("resource_not_found", ErrorKind.NotFound), (gone.Code, gone.Kind));
        var owner = await h.Catalog.GetAsync(h.PoliceAdmin, resource.Id, CatalogView.Working);
        Assert.Equal((1, VersionState.Retired), (owner.Version.VersionNo, owner.Version.State));

        var history = await h.Catalog.HistoryAsync(h.PoliceAdmin, resource.Id);
        Assert.Equal([VersionState.Retired, VersionState.Discarded], history.Versions.Select(v => v.State));
        Assert.Equal(("retire", "业务系统停用"), (history.Transitions[^1].Action, history.Transitions[^1].Comment));
        Assert.Empty(await ToListAsync(h.Catalog.PublishedDocumentsAsync()));

        // A draft never published can be retired too; the index never knew it.
        var draft = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", CatalogHarness.Complete("暂住人口信息"));
        var dropped = await h.Catalog.RetireAsync(h.PoliceAdmin, draft.Id);
        Assert.Equal((ResourceStatus.Retired, VersionState.Discarded), (dropped.Status, dropped.Version.State));
        Assert.Equal(2, h.Index.Calls.Count);
    }

    [Theory, AllDatabases]
    public async Task Transitions_out_of_order_are_refused_and_change_nothing(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var draft = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", CatalogHarness.Complete());

        await AssertRefused("invalid_transition", ErrorKind.Conflict, () => h.Catalog.ApproveAsync(h.Reviewer, draft.Id));
        await AssertRefused("invalid_transition", ErrorKind.Conflict, () => h.Catalog.ReturnAsync(h.Reviewer, draft.Id, "不行"));
        await AssertRefused("invalid_transition", ErrorKind.Conflict, () => h.Catalog.StartChangeAsync(h.PoliceAdmin, draft.Id));

        await h.Catalog.SubmitAsync(h.PoliceAdmin, draft.Id);
        await AssertRefused("invalid_transition", ErrorKind.Conflict, () => h.Catalog.SubmitAsync(h.PoliceAdmin, draft.Id));
        await AssertRefused("invalid_transition", ErrorKind.Conflict, () => h.Catalog.UpdateDraftAsync(h.PoliceAdmin, draft.Id, CatalogHarness.Complete("改名")));
        var noComment = await AssertRefused("comment_required", ErrorKind.BadRequest, () => h.Catalog.ReturnAsync(h.Reviewer, draft.Id, "  "));
        Assert.Equal("comment", noComment.Field);

        await h.Catalog.ApproveAsync(h.Reviewer, draft.Id);
        await AssertRefused("invalid_transition", ErrorKind.Conflict, () => h.Catalog.ApproveAsync(h.Reviewer, draft.Id));
        await AssertRefused("invalid_transition", ErrorKind.Conflict, () => h.Catalog.SubmitAsync(h.PoliceAdmin, draft.Id));
        await h.Catalog.StartChangeAsync(h.PoliceAdmin, draft.Id);
        await AssertRefused("change_in_progress", ErrorKind.Conflict, () => h.Catalog.StartChangeAsync(h.PoliceAdmin, draft.Id));

        await h.Catalog.RetireAsync(h.PoliceAdmin, draft.Id);
        await AssertRefused("invalid_transition", ErrorKind.Conflict, () => h.Catalog.RetireAsync(h.PoliceAdmin, draft.Id));
        await AssertRefused("invalid_transition", ErrorKind.Conflict, () => h.Catalog.UpdateDraftAsync(h.PoliceAdmin, draft.Id, CatalogHarness.Complete()));
        await AssertRefused("invalid_transition", ErrorKind.Conflict, () => h.Catalog.StartChangeAsync(h.PoliceAdmin, draft.Id));

        var history = await h.Catalog.HistoryAsync(h.PoliceAdmin, draft.Id);
        Assert.Equal(["create", "submit", "approve", "change", "retire"], history.Transitions.Select(t => t.Action));
    }

    [Theory, AllDatabases]
    public async Task Every_transition_is_audited_with_its_change_and_every_refusal_after_it(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var resource = await h.PublishAsync(CatalogHarness.Complete());
        await h.Catalog.UpdateDraftAsync(h.PoliceAdmin, resource.Id, CatalogHarness.Complete() with { Tags = ["一网通办", "身份核验"] });
        await h.Catalog.UpdateDraftAsync(h.PoliceAdmin, resource.Id, CatalogHarness.Complete() with { Tags = ["身份核验"] });
        await h.Catalog.SubmitAsync(h.PoliceAdmin, resource.Id);
        await h.Catalog.ReturnAsync(h.Reviewer, resource.Id, "标签请与主题目录一致");
        await Assert.ThrowsAsync<GongshuException>(() => h.Catalog.ApproveAsync(h.Reviewer, resource.Id));
        await h.Catalog.RetireAsync(h.PoliceAdmin, resource.Id, "停用");

        var lines = await h.AuditAsync();
        Assert.Equal(
            ["catalog.create success", "catalog.submit success", "catalog.approve success", "catalog.change success", "catalog.update success",
             "catalog.submit success", "catalog.return success", "catalog.approve failed", "catalog.retire success"],
            lines.Select(l => l.ToString()));
        Assert.All(lines, l => Assert.Equal($"catalog_resource:{resource.Id}", l.Object));
        Assert.Equal(["101", "101", "301"], lines.Take(3).Select(l => l.Actor));
        Assert.Contains("\"from\":\"submitted\",\"to\":\"returned\"", lines[6].Detail, StringComparison.Ordinal);
        Assert.Contains("invalid_transition", lines[7].Detail, StringComparison.Ordinal);

        // Entries written inside the catalog's transactions keep the chain whole.
        await h.AuditLog.CheckpointAsync();
        var verification = await Gongshu.Audit.AuditVerifier.VerifyAsync(h.Database, h.Keys.AuditSigningKey);
        Assert.True(verification.Ok, verification.Message);
    }

    internal static async Task<GongshuException> AssertRefused(string code, ErrorKind kind, Func<Task> action)
    {
        var e = await Assert.ThrowsAsync<GongshuException>(action);
        Assert.Equal((code, kind), (e.Code, e.Kind));
        return e;
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
