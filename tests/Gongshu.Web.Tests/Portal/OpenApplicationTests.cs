using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Gongshu.Audit;
using Gongshu.Catalog;
using Gongshu.Collection.Sources;
using Gongshu.Directories;
using Microsoft.Playwright;
using Xunit;

namespace Gongshu.Web.Tests.Portal;

/// <summary>The public's own pages: registration, the Excel download, and restricted-open applications from filing to download.</summary>
[Collection(PortalCollection.Name)]
public sealed class OpenApplicationTests(PortalSite site)
{
    private static readonly SemaphoreSlim Loading = new(1, 1);
    private static bool _enterprisesLoaded;

    private static readonly string[] Companies = ["杭州西湖科技有限公司", "宁波港城贸易有限公司", "温州瓯江食品有限公司"];

    [Fact]
    public async Task Registration_shows_its_errors_next_to_the_fields_and_creates_an_account_that_can_sign_in()
    {
        var username = "reg-" + Guid.NewGuid().ToString("N")[..8];
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url("/register"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("注册账号");

        await page.GetByLabel("用户名 *").FillAsync("citizen");
        await page.GetByLabel("姓名或称呼 *").FillAsync("重名的人");
        await page.GetByLabel("密码 *", new() { Exact = true }).FillAsync(PortalSite.Password);
        await page.GetByLabel("再次输入密码 *").FillAsync(PortalSite.Password + "x");
        await page.GetByRole(AriaRole.Button, new() { Name = "注册" }).ClickAsync();
        await Assertions.Expect(page.Locator("#password-again-error")).ToHaveTextAsync("两次输入的密码不一致。");
        await Assertions.Expect(page.GetByLabel("再次输入密码 *")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByLabel("密码 *", new() { Exact = true }).FillAsync(PortalSite.Password);
        await page.GetByLabel("再次输入密码 *").FillAsync(PortalSite.Password);
        await page.GetByLabel("手机号或电子邮箱").FillAsync("not-a-contact");
        await page.GetByRole(AriaRole.Button, new() { Name = "注册" }).ClickAsync();
        await Assertions.Expect(page.Locator("#contact-error")).ToContainTextAsync("11 位手机号");

        await page.GetByLabel("密码 *", new() { Exact = true }).FillAsync(PortalSite.Password);
        await page.GetByLabel("再次输入密码 *").FillAsync(PortalSite.Password);
        await page.GetByLabel("手机号或电子邮箱").FillAsync("lin@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "注册" }).ClickAsync();
        await Assertions.Expect(page.Locator("#username-error")).ToHaveTextAsync("这个用户名已被使用，请换一个。");
        await Assertions.Expect(page.GetByLabel("密码 *", new() { Exact = true })).ToHaveValueAsync("");
        await PortalSite.ScreenshotAsync(page, "register");

        await page.GetByLabel("用户名 *").FillAsync(username);
        await page.GetByLabel("密码 *", new() { Exact = true }).FillAsync(PortalSite.Password);
        await page.GetByLabel("再次输入密码 *").FillAsync(PortalSite.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "注册" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("您好，重名的人");
        var user = await site.Platform.Users.FindByUsernameAsync(username);
        Assert.Equal([Role.Public], user!.Roles);

        var again = await site.NewPageAsync();
        await site.SignInAsync(again, username);
        await Assertions.Expect(again.Locator(".console-nav")).ToContainTextAsync("受限开放申请");
    }

    [Fact]
    public async Task An_open_dataset_downloads_as_an_xlsx_file_that_opens_with_the_masked_rows()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url($"/datasets/{site.Hospitals.Id}"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载 Excel" }).ClickAsync());
        var file = await File.ReadAllBytesAsync((await download.PathAsync())!);

        var rows = ReadSheet(file);

        Assert.Equal(["registration_no", "name", "category", "contact_mobile"], rows[0]);
        Assert.Equal(PortalSite.HospitalRows, rows.Count - 1);
        Assert.Contains(rows, r => r[1] == "杭州市第1人民医院");
        Assert.All(rows.Skip(1), r => Assert.DoesNotContain(r[3], site.Mobiles));

        // The same rows, masked the same way, as the CSV download.
        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        var csv = await http.GetStringAsync(new Uri($"/api/data/resources/{site.Hospitals.Id}/export?format=csv", UriKind.Relative));
        Assert.Equal(csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')), rows);
    }

    [Fact]
    public async Task A_citizen_applies_for_restricted_data_the_provider_approves_and_the_citizen_downloads_it()
    {
        await LoadEnterprisesAsync();
        var citizen = await site.SignedInPageAsync("citizen");
        await citizen.GotoAsync(site.Url($"/datasets/{site.Enterprises.Id}"));
        Assert.Equal(0, await citizen.GetByRole(AriaRole.Link, new() { Name = "下载 CSV" }).CountAsync());
        await citizen.GetByRole(AriaRole.Link, new() { Name = "申请使用" }).ClickAsync();

        await Assertions.Expect(citizen).ToHaveURLAsync(new Regex($"/datasets/{site.Enterprises.Id}/apply$"));
        await citizen.GetByLabel("用途 *").FillAsync("研究本省企业登记的行业分布");
        await citizen.GetByLabel("使用场景 *").FillAsync("高校课题组内部分析，不对外发布原始数据");
        await citizen.GetByLabel("我已阅读并同意《开放数据使用协议》").CheckAsync();
        await PortalSite.ScreenshotAsync(citizen, "open-application");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        await Assertions.Expect(citizen).ToHaveURLAsync(new Regex("/console/open-applications\\?filed=1$"));
        await Assertions.Expect(citizen.Locator("[role=status]")).ToHaveTextAsync("申请已提交，等待数据提供单位审核。");
        var row = citizen.Locator("table.open-applications tbody tr", new() { HasText = "企业登记基本信息" });
        await Assertions.Expect(row).ToContainTextAsync("待审核");
        var id = await row.Locator("th a").InnerTextAsync();

        // The department's other admin finds nothing; the provider decides.
        Assert.Equal(404, (await (await site.SignedInPageAsync("wjw")).GotoAsync(site.Url($"/console/open-applications/{id}")))!.Status);
        var provider = await site.SignedInPageAsync("scjg");
        await provider.GotoAsync(site.Url("/console/open-applications"));
        await provider.Locator("table.open-applications tbody tr th a", new() { HasText = id }).ClickAsync();
        var validTo = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await provider.GetByLabel("截止日期 *").FillAsync(validTo);
        await provider.GetByRole(AriaRole.Button, new() { Name = "同意", Exact = true }).ClickAsync();
        await Assertions.Expect(provider.Locator("#application-state")).ToHaveTextAsync("已同意");
        Assert.Equal(0, await provider.GetByRole(AriaRole.Button, new() { Name = "不同意" }).CountAsync());

        await citizen.GotoAsync(site.Url($"/datasets/{site.Enterprises.Id}"));
        var download = await citizen.RunAndWaitForDownloadAsync(() => citizen.GetByRole(AriaRole.Link, new() { Name = "下载 CSV" }).ClickAsync());
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!));

        Assert.StartsWith("\uFEFFcredit_code,name\r\n", csv, StringComparison.Ordinal);
        Assert.All(Companies, c => Assert.Contains(c, csv, StringComparison.Ordinal));
        var export = await new AuditSearch(site.Platform.Database).SearchAsync(new AuditQuery { Object = site.Enterprises.AuditObject, ActionPrefix = "data.export", Limit = 1 });
        Assert.Contains("\"channel\":\"open\"", export.Entries[0].Detail, StringComparison.Ordinal);
        Assert.Contains($"\"application\":{id}", export.Entries[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_approval_the_restricted_download_is_refused()
    {
        await LoadEnterprisesAsync();
        var page = await NewPublicUserPageAsync();
        await page.GotoAsync(site.Url($"/datasets/{site.Enterprises.Id}"));
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "下载 CSV" }).CountAsync());

        var response = await page.APIRequest.GetAsync(site.Url($"/api/data/resources/{site.Enterprises.Id}/export?format=csv"));

        Assert.Equal(403, response.Status);
        Assert.Contains("data_not_open", await response.TextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(Companies[0], await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_and_back_to_the_application_whose_unticked_agreement_is_named_next_to_the_box()
    {
        var (username, _) = await NewPublicUserAsync();
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url($"/datasets/{site.Enterprises.Id}/apply"));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2Fdatasets%2F\\d+%2Fapply$"));

        await page.GetByLabel("用户名").FillAsync(username);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(PortalSite.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/datasets/{site.Enterprises.Id}/apply$"));
        await Assertions.Expect(page.Locator("#agreement-text")).ToContainTextAsync("不向第三方提供原始数据");

        await page.GetByLabel("用途 *").FillAsync("<script>alert(1)</script>");
        await page.GetByLabel("使用场景 *").FillAsync("个人学习");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        await Assertions.Expect(page.Locator("#agreement-error")).ToHaveTextAsync("请勾选同意《开放数据使用协议》后再提交。");
        await Assertions.Expect(page.GetByLabel("我已阅读并同意《开放数据使用协议》")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("用途 *")).ToHaveValueAsync("<script>alert(1)</script>");
        var user = await site.Platform.Users.FindByUsernameAsync(username);
        Assert.Empty(await site.Platform.OpenApplications.ListMineAsync(CatalogCaller.ForUser(user!)));
    }

    [Fact]
    public async Task Registration_and_the_application_form_have_no_serious_accessibility_violations()
    {
        var page = await NewPublicUserPageAsync();
        foreach (var path in new[] { "/register", $"/datasets/{site.Enterprises.Id}/apply", "/console/open-applications" })
        {
            await page.GotoAsync(site.Url(path));

            var result = await page.RunAxe();

            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})").ToList();
            Assert.True(serious.Count == 0, path + "\n" + string.Join("\n", serious));
        }
    }

    private async Task<(string Username, User User)> NewPublicUserAsync()
    {
        var username = "pub-" + Guid.NewGuid().ToString("N")[..8];
        var user = await site.Platform.Users.CreateAsync(username, "公众用户", site.Organizations["sjj"], [Role.Public], PortalSite.Password, Actor.System);
        return (username, user);
    }

    private async Task<IPage> NewPublicUserPageAsync()
    {
        var (username, _) = await NewPublicUserAsync();
        var page = await site.NewPageAsync();
        await site.SignInAsync(page, username);
        return page;
    }

    /// <summary>The restricted resource is seeded without data: load a few rows once, as its provider would.</summary>
    private async Task LoadEnterprisesAsync()
    {
        await Loading.WaitAsync();
        try
        {
            if (_enterprisesLoaded)
            {
                return;
            }

            var provider = CatalogCaller.ForUser((await site.Platform.Users.FindByUsernameAsync("scjg"))!);
            var file = Encoding.UTF8.GetBytes("credit_code,name\n"
                + $"91350100M000100Y43,{Companies[0]}\n9144030071526726XG,{Companies[1]}\n91330106MA27XL5Q31,{Companies[2]}\n");
            await using var stream = new MemoryStream(file);
            await using var source = await SourceFiles.OpenAsync(stream, "enterprises.csv", new FileReadOptions(), maxBytes: null, CancellationToken.None);
            await site.Platform.Collection.LoadAsync(provider, site.Enterprises.Id, source.Input(file.Length));
            _enterprisesLoaded = true;
        }
        finally
        {
            Loading.Release();
        }
    }

    private static List<string[]> ReadSheet(byte[] file)
    {
        using var stream = new MemoryStream(file);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var part = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().Single().Id!);
        return part.Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "").ToArray())
            .ToList();
    }
}
