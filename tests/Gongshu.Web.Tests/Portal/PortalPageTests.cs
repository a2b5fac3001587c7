using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;

namespace Gongshu.Web.Tests.Portal;

/// <summary>The open portal as a member of the public uses it, in a real browser.</summary>
[Collection(PortalCollection.Name)]
public sealed class PortalPageTests(PortalSite site)
{
    [Fact]
    public async Task A_visitor_searches_from_the_home_page_opens_a_dataset_sees_a_masked_preview_and_downloads_the_csv()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url("/"));
        await Assertions.Expect(page.Locator(".brand-name")).ToHaveTextAsync("公数");
        await Assertions.Expect(page.Locator(".figure").First).ToContainTextAsync("开放数据集");
        await PortalSite.ScreenshotAsync(page, "home");

        await page.GetByLabel("搜索开放数据").FillAsync("医疗机构");
        await page.GetByRole(AriaRole.Button, new() { Name = "搜索" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/datasets\\?q="));
        await Assertions.Expect(page.Locator("#results-heading")).ToContainTextAsync("共 1 个数据集");
        await Assertions.Expect(page.Locator(".facet")).Not.ToHaveCountAsync(0);
        await PortalSite.ScreenshotAsync(page, "datasets");

        await page.GetByRole(AriaRole.Link, new() { Name = "医疗机构信息", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("医疗机构信息");
        var preview = page.Locator("section[aria-labelledby=preview-heading] table");
        await Assertions.Expect(preview.Locator("tbody tr")).ToHaveCountAsync(10);
        await Assertions.Expect(preview).ToContainTextAsync("杭州市第1人民医院");
        var previewText = await preview.InnerTextAsync();
        Assert.DoesNotContain(site.Mobiles[0], previewText, StringComparison.Ordinal);
        await PortalSite.ScreenshotAsync(page, "dataset");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载 CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("registration_no,name,category,contact_mobile", lines[0]);
        Assert.Equal(PortalSite.HospitalRows, lines.Length - 1);
        Assert.Contains(lines, l => l.StartsWith("PDY330100000,杭州市第1人民医院,综合医院,", StringComparison.Ordinal));
        Assert.All(site.Mobiles, m => Assert.DoesNotContain(m, csv, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_language_switch_shows_the_portal_in_english_and_remembers_it()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url("/datasets"));
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Open data catalog");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Open data portal" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Search open data")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".figures")).ToContainTextAsync("Open datasets");
    }

    [Fact]
    public async Task A_resource_named_like_a_script_shows_as_text_on_every_page_and_never_runs()
    {
        var page = await site.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };

        await page.GotoAsync(site.Url("/"));
        await Assertions.Expect(page.GetByText(PortalSite.ScriptName, new() { Exact = true }).First).ToBeVisibleAsync();
        await page.GotoAsync(site.Url("/datasets?q=" + Uri.EscapeDataString("script")));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = PortalSite.ScriptName })).ToBeVisibleAsync();
        await page.GotoAsync(site.Url($"/datasets/{site.Script.Id}"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(PortalSite.ScriptName);
        await Assertions.Expect(page.Locator("section[aria-labelledby=preview-heading] td").GetByText("<script>alert(3)</script>")).ToBeVisibleAsync();
        Assert.Equal($"{PortalSite.ScriptName} · 公数", await page.TitleAsync());
        Assert.Equal(0, await page.Locator("main script, main img").CountAsync());

        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task The_search_box_is_reached_with_tab_and_is_labelled()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url("/"));

        string? focused = null;
        for (var presses = 0; presses < 12 && focused != "q"; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused = await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.id");
        }

        Assert.Equal("q", focused);
        Assert.Equal("q", await page.GetByLabel("搜索开放数据").GetAttributeAsync("id"));
        await page.Keyboard.TypeAsync("企业");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "企业登记基本信息" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_search_the_server_refuses_shows_its_error_next_to_the_box()
    {
        var page = await site.NewPageAsync();
        var response = await page.GotoAsync(site.Url("/datasets?q=" + new string('长', 201)));

        Assert.Equal(400, response!.Status);
        var box = page.GetByLabel("搜索开放数据");
        Assert.Equal("true", await box.GetAttributeAsync("aria-invalid"));
        await Assertions.Expect(page.Locator("#q-error")).ToContainTextAsync("最多 200 个字符");
        Assert.Equal("q-error", await box.GetAttributeAsync("aria-describedby"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/datasets")]
    [InlineData("/datasets/{hospitals}")]
    public async Task A_narrow_screen_scrolls_only_vertically(string path)
    {
        var page = await site.NewPageAsync(width: 375, height: 812);
        await page.GotoAsync(site.Url(path.Replace("{hospitals}", site.Hospitals.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{path} is {widths[0]} px wide on a {widths[1]} px screen");
    }

    [Fact]
    public async Task A_closed_resource_and_a_missing_one_answer_404_and_a_restricted_one_shows_metadata_without_download()
    {
        var page = await site.NewPageAsync();
        var closed = await page.GotoAsync(site.Url($"/datasets/{site.People.Id}"));
        Assert.Equal(404, closed!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("找不到该页面");
        Assert.DoesNotContain("出生医学证明", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(404, (await page.GotoAsync(site.Url("/datasets/987654")))!.Status);

        var restricted = await page.GotoAsync(site.Url($"/datasets/{site.Enterprises.Id}"));
        Assert.Equal(200, restricted!.Status);
        await Assertions.Expect(page.Locator(".details")).ToContainTextAsync("实名注册用户申请后获取");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "下载 CSV" }).CountAsync());

        await page.GotoAsync(site.Url("/datasets"));
        Assert.DoesNotContain("出生医学证明", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(".facet a", new() { HasText = "禁止开放" }).CountAsync());
    }

    [Fact]
    public async Task The_home_page_has_no_serious_accessibility_violations()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url("/"));

        var result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
