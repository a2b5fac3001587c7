using Gongshu.Catalog;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.CatalogTests;

public class StandardizationKpiTests
{
    [Theory, AllDatabases]
    public async Task The_rate_counts_published_resources_scoring_at_least_the_threshold_per_provider_and_platform_wide(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var kpi = new StandardizationKpi(h.Database);
        var empty = await kpi.ComputeAsync();
        Assert.Equal((0L, (double?)null), (empty.Platform.Published, empty.Platform.Rate));
        Assert.Empty(empty.Organizations);

        // Police: 100, 90 (short summary), 80 (short summary, no keywords) → 2 of 3.
        var full = await h.PublishAsync(CatalogHarness.Complete("人口一"));
        await h.PublishAsync(CatalogHarness.Complete("人口二") with { Summary = "人口基本信息" });
        var weak = await h.PublishAsync(CatalogHarness.Complete("人口三") with { Summary = "人口基本信息", Keywords = [] });

        // Market: 95 (one field without a label), 75 → 1 of 2.
        await h.PublishAsync(h.MarketAdmin, CatalogHarness.Complete("企业一") with
        {
            Fields = [.. CatalogHarness.Complete().Fields.Select((f, i) => i == 0 ? f with { Label = null } : f)],
        }, "102001");
        await h.PublishAsync(h.MarketAdmin, CatalogHarness.Complete("企业二") with { Summary = "企业", Keywords = [], FormatSubtype = null }, "102001");

        // Neither drafts, nor retired resources, nor changes still under review count.
        await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", CatalogHarness.Complete("人口草稿"));
        var retired = await h.PublishAsync(CatalogHarness.Complete("人口四"));
        await h.Catalog.RetireAsync(h.PoliceAdmin, retired.Id);
        await h.Catalog.UpdateDraftAsync(h.PoliceAdmin, weak.Id, CatalogHarness.Complete("人口三"));
        await h.Catalog.SubmitAsync(h.PoliceAdmin, weak.Id);

        var report = await kpi.ComputeAsync();
        Assert.Equal(90, report.Threshold);
        Assert.Equal((5L, 3L, 0.6), (report.Platform.Published, report.Platform.Standardized, report.Platform.Rate!.Value));
        Assert.Equal(
            [(h.Police.Id, "浙江省公安厅", 3L, 2L), (h.Market.Id, "浙江省市场监督管理局", 2L, 1L)],
            report.Organizations.Select(o => (o.OrganizationId, o.OrganizationName, o.Figure.Published, o.Figure.Standardized)));
        Assert.Equal(2.0 / 3, report.Organizations[0].Figure.Rate!.Value, 10);

        // Approving the improved change lifts the police department to 3 of 3.
        await h.Catalog.ApproveAsync(h.Reviewer, weak.Id);
        var after = await kpi.ComputeAsync();
        Assert.Equal((3L, 3L), (after.Organizations[0].Figure.Published, after.Organizations[0].Figure.Standardized));
        Assert.Equal(full.Id, (await h.Catalog.GetAsync(h.Citizen, full.Id)).Id);

        // The threshold is the deployment's to choose.
        var lenient = await new StandardizationKpi(h.Database, threshold: 75).ComputeAsync();
        Assert.Equal((5L, 5L, 1.0), (lenient.Platform.Published, lenient.Platform.Standardized, lenient.Platform.Rate!.Value));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StandardizationKpi(h.Database, threshold: 101));
    }
}
