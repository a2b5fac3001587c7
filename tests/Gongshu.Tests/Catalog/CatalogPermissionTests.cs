using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;
using static Gongshu.Tests.CatalogTests.CatalogLifecycleTests;

namespace Gongshu.Tests.CatalogTests;

public class CatalogPermissionTests
{
    [Theory, AllDatabases]
    public async Task Another_organization_gets_404_for_all_but_the_published_view_and_each_attempt_is_audited(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var published = await h.PublishAsync(CatalogHarness.Complete());
        var draft = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", CatalogHarness.Complete("人口草稿"));
        var stranger = h.MarketAdmin;

        var attempts = new Func<Task>[]
        {
            () => h.Catalog.UpdateDraftAsync(stranger, published.Id, CatalogHarness.Complete()),
            () => h.Catalog.SubmitAsync(stranger, draft.Id),
            () => h.Catalog.StartChangeAsync(stranger, published.Id),
            () => h.Catalog.RetireAsync(stranger, published.Id),
            () => h.Catalog.ApproveAsync(stranger, draft.Id),
            () => h.Catalog.ReturnAsync(stranger, draft.Id, "不同意"),
            () => h.Catalog.GetAsync(stranger, draft.Id),
            () => h.Catalog.GetAsync(stranger, published.Id, CatalogView.Working),
            () => h.Catalog.HistoryAsync(stranger, published.Id),
            () => h.Catalog.DiffAsync(stranger, published.Id, 1, 1),
        };
        foreach (var attempt in attempts)
        {
            var e = await AssertRefused("resource_not_found", ErrorKind.NotFound, attempt);
            Assert.DoesNotContain("公安", e.Message, StringComparison.Ordinal);
        }

        // The same answer as for a resource that does not exist at all.
        await AssertRefused("resource_not_found", ErrorKind.NotFound, () => h.Catalog.SubmitAsync(stranger, 9999));
        Assert.Equal("常住人口基本信息", (await h.Catalog.GetAsync(stranger, published.Id)).Version.Metadata.Name);

        var denials = (await h.AuditAsync()).Where(l => l.Outcome == "denied").ToList();
        Assert.Equal(
            ["catalog.update", "catalog.submit", "catalog.change", "catalog.retire", "catalog.approve", "catalog.return",
             "catalog.read", "catalog.read", "catalog.read", "catalog.read", "catalog.submit"],
            denials.Select(d => d.Action));
        Assert.All(denials, d => Assert.Equal("201", d.Actor));
        Assert.All(denials, d => Assert.Contains("resource_not_found", d.Detail, StringComparison.Ordinal));
        Assert.Equal($"catalog_resource:{draft.Id}", denials[1].Object);
        Assert.Equal(VersionState.Draft, (await h.Catalog.GetAsync(h.PoliceAdmin, draft.Id, CatalogView.Working)).Version.State);
    }

    [Theory, AllDatabases]
    public async Task Only_the_providers_own_provider_admins_edit_and_only_platform_admins_review(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var draft = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", CatalogHarness.Complete());

        // A consumer of the same department neither creates nor edits.
        await AssertRefused("catalog_forbidden", ErrorKind.Forbidden, () => h.Catalog.CreateDraftAsync(h.PoliceConsumer, "101001", CatalogHarness.Complete("别的")));
        await AssertRefused("catalog_forbidden", ErrorKind.Forbidden, () => h.Catalog.UpdateDraftAsync(h.PoliceConsumer, draft.Id, CatalogHarness.Complete()));
        await AssertRefused("catalog_forbidden", ErrorKind.Forbidden, () => h.Catalog.SubmitAsync(h.PoliceConsumer, draft.Id));
        await AssertRefused("resource_not_found", ErrorKind.NotFound, () => h.Catalog.GetAsync(h.PoliceConsumer, draft.Id, CatalogView.Working));

        // The provider does not approve its own submission; the platform admin does not edit.
        await h.Catalog.SubmitAsync(h.PoliceAdmin, draft.Id);
        await AssertRefused("catalog_forbidden", ErrorKind.Forbidden, () => h.Catalog.ApproveAsync(h.PoliceAdmin, draft.Id));
        await AssertRefused("catalog_forbidden", ErrorKind.Forbidden, () => h.Catalog.ReturnAsync(h.PoliceAdmin, draft.Id, "自己退回"));
        await AssertRefused("catalog_forbidden", ErrorKind.Forbidden, () => h.Catalog.RetireAsync(h.Reviewer, draft.Id));
        await AssertRefused("catalog_forbidden", ErrorKind.Forbidden, () => h.Catalog.CreateDraftAsync(h.Reviewer, "101001", CatalogHarness.Complete("平台")));

        // A provider admin who is also a platform admin of another organization still edits only their own.
        var both = new CatalogCaller(202, h.Market.Id, [Role.ProviderAdmin, Role.PlatformAdmin]);
        await AssertRefused("catalog_forbidden", ErrorKind.Forbidden, () => h.Catalog.StartChangeAsync(both, draft.Id));

        Assert.Equal(VersionState.Submitted, (await h.Catalog.GetAsync(h.Reviewer, draft.Id, CatalogView.Working)).WorkingState);
        var refusals = (await h.AuditAsync()).Where(l => l.Outcome != "success").ToList();
        Assert.Equal(9, refusals.Count);
        Assert.All(refusals, l => Assert.Equal("denied", l.Outcome));
    }

    [Theory, AllDatabases]
    public async Task Listings_show_each_caller_what_they_may_see(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var published = await h.PublishAsync(CatalogHarness.Complete("常住人口"));
        await h.Catalog.UpdateDraftAsync(h.PoliceAdmin, published.Id, CatalogHarness.Complete("常住人口（变更中）"));
        var submitted = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101002", CatalogHarness.Complete("户籍登记"));
        await h.Catalog.SubmitAsync(h.PoliceAdmin, submitted.Id);
        var marketDraft = await h.Catalog.CreateDraftAsync(h.MarketAdmin, "102002", CatalogHarness.Complete("企业登记"));
        var marketPublished = await h.PublishAsync(h.MarketAdmin, CatalogHarness.Complete("企业年报"), "102003");

        var citizen = await h.Catalog.ListAsync(h.Citizen, new CatalogListQuery());
        Assert.Equal([("常住人口", (VersionState?)null), ("企业年报", null)], citizen.Items.Select(i => (i.Name, i.WorkingState)));

        var police = await h.Catalog.ListAsync(h.PoliceAdmin, new CatalogListQuery());
        Assert.Equal(
            [("常住人口（变更中）", (VersionState?)VersionState.Draft, 2), ("户籍登记", VersionState.Submitted, 1), ("企业年报", null, 1)],
            police.Items.Select(i => (i.Name, i.WorkingState, i.VersionNo)));

        var queue = await h.Catalog.ListAsync(h.Reviewer, new CatalogListQuery { WorkingState = VersionState.Submitted });
        Assert.Equal([submitted.Id], queue.Items.Select(i => i.Id));
        Assert.Empty((await h.Catalog.ListAsync(h.Citizen, new CatalogListQuery { WorkingState = VersionState.Submitted })).Items);
        Assert.Equal(4, (await h.Catalog.ListAsync(h.Reviewer, new CatalogListQuery())).Items.Count);

        var drafts = await h.Catalog.ListAsync(h.Reviewer, new CatalogListQuery { Status = ResourceStatus.Draft, ProviderId = h.Market.Id });
        Assert.Equal([marketDraft.Id], drafts.Items.Select(i => i.Id));
        var legalPersons = await h.Catalog.ListAsync(h.Citizen, new CatalogListQuery { ClassificationCode = "102" });
        Assert.Equal([marketPublished.Id], legalPersons.Items.Select(i => i.Id));

        // Pages follow the resource id.
        var first = await h.Catalog.ListAsync(h.Reviewer, new CatalogListQuery { Limit = 3 });
        Assert.Equal(3, first.Items.Count);
        var second = await h.Catalog.ListAsync(h.Reviewer, new CatalogListQuery { Limit = 3, AfterId = first.NextAfterId });
        Assert.Equal([marketPublished.Id], second.Items.Select(i => i.Id));
        Assert.Null(second.NextAfterId);
        await AssertRefused("invalid_input", ErrorKind.BadRequest, () => h.Catalog.ListAsync(h.Reviewer, new CatalogListQuery { Limit = 0 }));
    }

    [Theory, AllDatabases]
    public async Task A_listing_says_why_a_version_was_returned_to_those_who_see_it_only(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var published = await h.PublishAsync(CatalogHarness.Complete("常住人口"));
        await h.Catalog.UpdateDraftAsync(h.PoliceAdmin, published.Id, CatalogHarness.Complete("常住人口（变更）"));
        await h.Catalog.SubmitAsync(h.PoliceAdmin, published.Id);
        await h.Catalog.ReturnAsync(h.Reviewer, published.Id, "摘要写明统计口径");

        var police = Assert.Single((await h.Catalog.ListAsync(h.PoliceAdmin, new CatalogListQuery())).Items);
        Assert.Equal((VersionState.Returned, "摘要写明统计口径"), (police.WorkingState!.Value, police.ReviewComment));
        Assert.Equal("摘要写明统计口径", Assert.Single((await h.Catalog.ListAsync(h.Reviewer, new CatalogListQuery())).Items).ReviewComment);
        var market = Assert.Single((await h.Catalog.ListAsync(h.MarketAdmin, new CatalogListQuery())).Items);
        Assert.Equal(("常住人口", (string?)null), (market.Name, market.ReviewComment));
    }
}
