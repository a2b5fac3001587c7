using System.Globalization;
using Dapper;
using Deque.AxeCore.Playwright;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Sharing;
using Gongshu.Storage;
using Microsoft.Playwright;
using Xunit;

namespace Gongshu.Web.Tests.Console;

/// <summary>The cockpit (驾驶舱): its figures match the records, its charts draw, the public is kept out.</summary>
[Collection(PortalCollection.Name)]
public sealed class CockpitTests(PortalSite site)
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CatalogCaller Overseer = new(0, 0, [Role.Auditor]);

    [Fact]
    public async Task The_cockpit_shows_the_figures_the_records_hold_and_draws_each_chart()
    {
        // Records this test controls: one application granted at once, one refused by the provider.
        var consumer = await CallerAsync("gat");
        var provider = await CallerAsync("wjw");
        var granted = await site.Platform.ShareApplications.ApplyAsync(consumer, Request(site.Enterprises.Id, "credit_code"));
        Assert.Equal(ApplicationStates.Granted, granted.State);
        var refused = await site.Platform.ShareApplications.ApplyAsync(consumer, Request(site.People.Id, "certificate_no") with { LegalBasis = "《数据安全法》" });
        await site.Platform.ShareApplications.DecideAsync(provider, refused.Id, new ShareDecisionInput(false, "与出生医学证明核验无关"));
        var setUpAt = DateTimeOffset.UtcNow;

        var page = await site.SignedInPageAsync("wjw");
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);

        // The figures are kept a few seconds: wait for a reading taken after the set-up.
        for (var attempt = 0; ; attempt++)
        {
            var response = await page.GotoAsync(site.Url("/cockpit"));
            Assert.Equal(200, response!.Status);
            var asOf = DateTimeOffset.Parse(await page.Locator("#cockpit-as-of").GetAttributeAsync("datetime") ?? "", CultureInfo.InvariantCulture);
            if (asOf >= setUpAt)
            {
                break;
            }

            Assert.True(attempt < 20, "The cockpit kept showing figures from before the test's records.");
            await Task.Delay(500);
        }

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("驾驶舱");

        // Expected figures, read from the database and the services at the same moment.
        await using (var connection = await site.Platform.Database.OpenConnectionAsync())
        {
            var published = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM catalog_resources WHERE status = 'published'");
            var open = await connection.ExecuteScalarAsync<long>("""
                SELECT count(*) FROM catalog_resources r JOIN catalog_resource_versions v ON v.id = r.published_version_id
                WHERE r.status = 'published' AND v.open_type IN ('open', 'restricted')
                """);
            var filedThisMonth = (await connection.QueryAsync<string>("SELECT CAST(filed_at AS TEXT) FROM share_applications"))
                .Count(at => Month(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture)) == Month(DateTimeOffset.UtcNow));
            Assert.True(published >= 4 && open >= 3);
            await Assertions.Expect(page.Locator("#kpi-published")).ToHaveTextAsync(published.ToString("N0", Zh));
            await Assertions.Expect(page.Locator("#kpi-open-datasets")).ToHaveTextAsync(open.ToString("N0", Zh));

            var monthRow = page.Locator("#table-trend tbody tr").Last;
            await Assertions.Expect(monthRow.Locator("th")).ToHaveTextAsync(Month(DateTimeOffset.UtcNow));
            await Assertions.Expect(monthRow.Locator("td").Nth(1)).ToHaveTextAsync(filedThisMonth.ToString("N0", Zh));
            Assert.True(filedThisMonth >= 2);
        }

        var sharing = await site.Platform.ShareApplications.KpiAsync(Overseer);
        Assert.True(sharing.Granted >= 1 && sharing.Refused >= 1);
        var answerable = sharing.Granted + sharing.Refused + sharing.PendingOverdue;
        Assert.Equal(Math.Round(100.0 * sharing.Granted / answerable, 1), sharing.SatisfactionRate);
        await Assertions.Expect(page.Locator("#kpi-satisfaction")).ToHaveTextAsync(sharing.SatisfactionRate!.Value.ToString("0.###", Zh) + "%");
        await Assertions.Expect(page.Locator("#kpi-satisfaction + .kpi-note")).ToContainTextAsync($"已授权 {sharing.Granted} 件 / 应答复 {answerable} 件");

        var standardization = await new StandardizationKpi(site.Platform.Database).ComputeAsync();
        await Assertions.Expect(page.Locator("#kpi-standardization")).ToHaveTextAsync((100 * standardization.Platform.Rate!.Value).ToString("0.###", Zh) + "%");
        await Assertions.Expect(page.Locator("#kpi-backflow")).ToHaveTextAsync("尚未记录");
        await Assertions.Expect(page.Locator("#table-departments")).ToContainTextAsync("浙江省卫生健康委员会");

        // Every chart drew into its container, and nothing went wrong in the browser.
        foreach (var id in new[] { "#chart-trend", "#chart-calls", "#chart-departments" })
        {
            await Assertions.Expect(page.Locator($"{id} canvas").First).ToBeVisibleAsync();
        }

        Assert.Empty(errors);
        await PortalSite.ScreenshotAsync(page, "cockpit");

        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    [Fact]
    public async Task The_cockpit_reads_at_phone_width_with_its_tables_scrolling_on_their_own()
    {
        var page = await site.SignedInPageAsync("auditor", width: 375, height: 800);
        await page.GotoAsync(site.Url("/cockpit"));
        await Assertions.Expect(page.Locator("#chart-trend canvas").First).ToBeVisibleAsync();
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(pageWidth <= 375, $"The page is {pageWidth}px wide at 375px.");
    }

    [Fact]
    public async Task A_member_of_the_public_gets_the_not_allowed_page_with_403()
    {
        var page = await site.SignedInPageAsync("citizen");
        var response = await page.GotoAsync(site.Url("/cockpit"));
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("无权访问");
        Assert.Equal(0, await page.Locator("#cockpit-data").CountAsync());
    }

    private async Task<CatalogCaller> CallerAsync(string username)
        => CatalogCaller.ForUser((await site.Platform.Users.FindByUsernameAsync(username))!);

    private static ShareRequest Request(long resourceId, params string[] fields)
        => new(resourceId, fields, "企业开办核验", "核验企业登记信息", null, Tomorrow, Tomorrow.AddMonths(6), 100);

    // Periods are dates in Beijing time; tomorrow is never in the past there.
    private static DateOnly Tomorrow => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(1);

    private static string Month(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
