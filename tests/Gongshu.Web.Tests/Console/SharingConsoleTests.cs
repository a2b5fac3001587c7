using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Deque.AxeCore.Playwright;
using Gongshu.Catalog;
using Gongshu.Collection.Sources;
using Gongshu.Directories;
using Gongshu.Sharing;
using Gongshu.Storage;
using Microsoft.Playwright;
using Xunit;

namespace Gongshu.Web.Tests.Console;

/// <summary>
/// Data sharing in the console, in a real browser: a consumer applies, the provider decides, the
/// consumer collects the grant's credential once and calls the gateway with it; the platform's
/// stage and the deadline board.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SharingConsoleTests(PortalSite site)
{
    private const string Hostile = "<script>alert(1)</script>";

    [Fact]
    public async Task A_consumer_applies_the_provider_approves_and_the_consumer_collects_the_credential_once_and_calls_the_gateway()
    {
        var resource = await PublishConditionalAsync();
        var gat = await site.SignedInPageAsync("gat");
        gat.Dialog += (_, dialog) => throw new InvalidOperationException("A dialog opened: " + dialog.Message);

        // Find the resource in the catalog as a government user sees it.
        await gat.GotoAsync(site.Url("/console/applications/new"));
        await gat.GetByLabel("查找要申请的资源").FillAsync(resource.Version.Metadata.Name);
        await gat.GetByRole(AriaRole.Button, new() { Name = "搜索" }).ClickAsync();
        var hit = gat.GetByRole(AriaRole.Row).Filter(new() { HasText = resource.Code });
        await Assertions.Expect(hit).ToContainTextAsync("浙江省卫生健康委员会");
        await Assertions.Expect(hit).ToContainTextAsync("有条件共享");
        await hit.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(gat).ToHaveURLAsync(new Regex($"resource={resource.Id}$"));
        await Assertions.Expect(gat.Locator("#route-note")).ToContainTextAsync("由提供单位审核");

        // Nothing chosen: the errors stand next to their fields and nothing is filed.
        await gat.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(gat.Locator("#fields-error")).ToBeVisibleAsync();
        Assert.Empty(await ApplicationsForAsync(resource.Id));

        await gat.GetByRole(AriaRole.Checkbox, new() { Name = "机构名称" }).CheckAsync();
        await gat.GetByRole(AriaRole.Checkbox, new() { Name = "机构类别" }).CheckAsync();
        await gat.GetByRole(AriaRole.Checkbox, new() { Name = "登记号" }).CheckAsync();
        await gat.GetByLabel("用途").FillAsync("医疗机构资质核验 " + Hostile);
        await gat.GetByLabel("应用场景").FillAsync("办理医疗纠纷案件时核对机构信息");
        await gat.GetByLabel("预计日调用量").FillAsync("abc");
        await gat.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(gat.Locator("#calls-error")).ToHaveTextAsync("请填写整数。");
        await Assertions.Expect(gat.GetByLabel("用途")).ToHaveValueAsync("医疗机构资质核验 " + Hostile);
        await Assertions.Expect(gat.GetByRole(AriaRole.Checkbox, new() { Name = "机构名称" })).ToBeCheckedAsync();
        Assert.Empty(await ApplicationsForAsync(resource.Id));

        // The legal basis is required for conditional data: the service's refusal lands next to the field.
        await gat.GetByLabel("预计日调用量").FillAsync("200");
        await gat.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(gat.Locator("#legal-basis-error")).ToHaveTextAsync("有条件共享和不予共享的数据必须写明法律依据。");
        Assert.Empty(await ApplicationsForAsync(resource.Id));

        await gat.GetByLabel("法律依据").FillAsync("《医疗机构管理条例》");
        await AssertAccessibleAsync(gat);
        await PortalSite.ScreenshotAsync(gat, "sharing-apply");
        await gat.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        await Assertions.Expect(gat).ToHaveURLAsync(new Regex(@"/console/applications/\d+\?filed=1$"));
        var application = Assert.Single(await ApplicationsForAsync(resource.Id));
        Assert.Equal(ApplicationStates.ProviderReview, application.State);
        Assert.Equal(["registration_no", "name", "category"], application.Fields);
        await Assertions.Expect(gat.Locator("main")).ToContainTextAsync("待提供单位审核");
        await Assertions.Expect(gat.Locator("main")).ToContainTextAsync(Hostile);

        await gat.GotoAsync(site.Url("/console/applications"));
        var row = gat.GetByRole(AriaRole.Row).Filter(new() { HasText = $"#{application.Id}" });
        await Assertions.Expect(row).ToContainTextAsync("提供单位审核 · 浙江省卫生健康委员会");
        await PortalSite.ScreenshotAsync(gat, "sharing-applications");

        // Another department does not learn the application exists.
        var scjg = await site.SignedInPageAsync("scjg");
        Assert.Equal(404, (await scjg.GotoAsync(site.Url($"/console/approvals/{application.Id}")))!.Status);
        Assert.Equal(404, (await scjg.GotoAsync(site.Url($"/console/applications/{application.Id}")))!.Status);
        await scjg.GotoAsync(site.Url("/console/approvals"));
        await Assertions.Expect(scjg.Locator("main")).Not.ToContainTextAsync(resource.Code);

        // The provider: a refusal needs its reason, a bad row filter is shown with its position.
        var wjw = await site.SignedInPageAsync("wjw");
        await wjw.GotoAsync(site.Url("/console/approvals"));
        await wjw.GetByRole(AriaRole.Link, new() { Name = $"#{application.Id}", Exact = true }).ClickAsync();
        await Assertions.Expect(wjw.Locator("main")).ToContainTextAsync("《医疗机构管理条例》");
        await Assertions.Expect(wjw.Locator("main")).ToContainTextAsync(Hostile);
        await wjw.GetByLabel("不同意").CheckAsync();
        await wjw.GetByRole(AriaRole.Button, new() { Name = "提交审批意见" }).ClickAsync();
        await Assertions.Expect(wjw.Locator("#reason-error")).ToHaveTextAsync("不同意时必须说明理由。");
        Assert.Equal(ApplicationStates.ProviderReview, (await ApplicationsForAsync(resource.Id)).Single().State);

        await wjw.GetByLabel("同意", new() { Exact = true }).CheckAsync();
        await wjw.GetByLabel("行过滤条件").FillAsync("category = ");
        await wjw.GetByLabel("每日调用上限").FillAsync("100");
        await wjw.GetByRole(AriaRole.Button, new() { Name = "提交审批意见" }).ClickAsync();
        await Assertions.Expect(wjw.Locator("#row-filter-error")).ToContainTextAsync("position");
        await Assertions.Expect(wjw.GetByLabel("行过滤条件")).ToHaveAttributeAsync("aria-invalid", "true");
        await AssertAccessibleAsync(wjw);
        await PortalSite.ScreenshotAsync(wjw, "sharing-approval");
        Assert.Equal(ApplicationStates.ProviderReview, (await ApplicationsForAsync(resource.Id)).Single().State);

        await wjw.GetByLabel("行过滤条件").FillAsync("category = '综合医院'");
        await wjw.GetByRole(AriaRole.Button, new() { Name = "提交审批意见" }).ClickAsync();
        await Assertions.Expect(wjw.Locator("[role=status]")).ToContainTextAsync($"#{application.Id}");
        var granted = (await ApplicationsForAsync(resource.Id)).Single();
        Assert.Equal(ApplicationStates.Granted, granted.State);

        // The decision is signed and shows who made it.
        await gat.GotoAsync(site.Url($"/console/applications/{application.Id}"));
        var decision = gat.Locator("table.decisions tbody tr").First;
        await Assertions.Expect(decision).ToContainTextAsync("卫健委数据管理员");
        await Assertions.Expect(decision).ToContainTextAsync("已验证");

        // The grant, its credential collected once.
        await gat.GotoAsync(site.Url("/console/grants"));
        var grantId = (await site.Platform.ShareApplications.GetAsync(await CallerAsync("gat"), application.Id)).GrantId!.Value;
        var grantRow = gat.GetByRole(AriaRole.Row).Filter(new() { HasText = $"#{grantId}" });
        await Assertions.Expect(grantRow).ToContainTextAsync("category = '综合医院'");
        await Assertions.Expect(grantRow).ToContainTextAsync("100");
        var collected = await gat.RunAndWaitForResponseAsync(
            () => grantRow.GetByRole(AriaRole.Button, new() { Name = $"领取授权 #{grantId} 的凭证" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith($"/console/grants/{grantId}", StringComparison.Ordinal));
        Assert.Equal(200, collected.Status);
        Assert.Contains("no-store", (await collected.AllHeadersAsync())["cache-control"], StringComparison.Ordinal);
        await Assertions.Expect(gat.Locator(".secret")).ToBeVisibleAsync();
        await Assertions.Expect(gat.Locator(".issued [role=alert]")).ToContainTextAsync("不再显示");
        var appKey = (await gat.Locator("#app-key").InnerTextAsync()).Trim();
        var secret = (await gat.Locator("#app-secret").InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(secret));
        await Assertions.Expect(gat.Locator("#gateway-base")).ToHaveTextAsync(site.Url($"/gateway/v1/grants/{grantId}/"));
        await Assertions.Expect(gat.Locator("#request-example")).ToContainTextAsync(appKey);
        await AssertAccessibleAsync(gat);
        await PortalSite.ScreenshotAsync(gat, "sharing-grant-credential");

        await gat.GotoAsync(site.Url($"/console/grants/{grantId}"));
        await Assertions.Expect(gat.Locator("#credential-state")).ToContainTextAsync(appKey);
        await Assertions.Expect(gat.Locator(".secret")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await gat.ContentAsync(), StringComparison.Ordinal);
        await gat.GotoAsync(site.Url("/console/grants"));
        await Assertions.Expect(grantRow).ToContainTextAsync("已领取");
        Assert.DoesNotContain(secret, await gat.ContentAsync(), StringComparison.Ordinal);

        // A real signed call with the credential the page showed: the grant's fields, through its row filter.
        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        using var answer = await http.SendAsync(Signed(appKey, secret, $"/gateway/v1/grants/{grantId}/records", "limit=50"));
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("西湖区第1社区卫生服务中心", body, StringComparison.Ordinal);
        Assert.DoesNotContain("专科医院", body, StringComparison.Ordinal);
        Assert.DoesNotContain("contact_mobile", body, StringComparison.Ordinal);

        // The call shows in the department's statistics once its record is written (in the background).
        var calls = gat.Locator("table").Filter(new() { HasText = "分页查询 records" });
        for (var attempt = 0; attempt < 20 && await calls.CountAsync() == 0; attempt++)
        {
            await Task.Delay(250);
            await gat.GotoAsync(site.Url("/console/calls"));
        }

        await Assertions.Expect(calls).ToHaveCountAsync(1);
        await Assertions.Expect(gat.Locator("main")).ToContainTextAsync(resource.Version.Metadata.Name);
        await AssertAccessibleAsync(gat);
        await PortalSite.ScreenshotAsync(gat, "sharing-calls");

        // A second "collect" post (a double click, a stale tab) is refused with the service's reason and shows no secret.
        // (The rotation form, with its token, posted as the list's collect button posts.)
        await gat.GotoAsync(site.Url($"/console/grants/{grantId}?rotate=1"));
        await gat.Locator("form.confirm").EvaluateAsync(
            "f => { f.elements['_handler'].value = 'collect'; f.elements['RotateForm.Confirm'].name = 'Collect.Confirm'; f.submit(); }");
        await Assertions.Expect(gat.Locator("#credential-error")).ToContainTextAsync("已经领取过");
        await Assertions.Expect(gat.Locator(".secret")).ToHaveCountAsync(0);

        // Rotating asks first, then shows a new secret once; the old one stops working.
        await gat.GotoAsync(site.Url($"/console/grants/{grantId}"));
        await gat.GetByRole(AriaRole.Link, new() { Name = "轮换凭证" }).ClickAsync();
        await Assertions.Expect(gat.Locator(".secret")).ToHaveCountAsync(0);
        await gat.GetByRole(AriaRole.Button, new() { Name = "确认轮换" }).ClickAsync();
        await Assertions.Expect(gat.Locator(".secret")).ToBeVisibleAsync();
        var rotated = (await gat.Locator("#app-secret").InnerTextAsync()).Trim();
        Assert.NotEqual(secret, rotated);
        using var refused = await http.SendAsync(Signed(appKey, secret, $"/gateway/v1/grants/{grantId}/records", "limit=1"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // Renewal goes through review again: a new application from the grant's page, naming the grant and starting from its fields.
        await gat.GotoAsync(site.Url($"/console/grants/{grantId}"));
        await gat.GetByRole(AriaRole.Link, new() { Name = "申请续期" }).ClickAsync();
        await Assertions.Expect(gat.Locator("#renewal-note")).ToContainTextAsync("续期申请");
        await Assertions.Expect(gat.GetByLabel("法律依据")).ToHaveValueAsync("《医疗机构管理条例》");
        await gat.GetByLabel("用途").FillAsync("续期：继续核验医疗机构");
        await gat.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(gat).ToHaveURLAsync(new Regex(@"/console/applications/\d+"));
        var renewal = await site.Platform.ShareApplications.GetAsync(await CallerAsync("gat"), long.Parse(gat.Url.Split('/').Last().Split('?')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((grantId, ApplicationStates.ProviderReview), (renewal.RenewsGrantId, renewal.State));
        Assert.Equal((await site.Platform.ShareGrants.GetAsync(await CallerAsync("gat"), grantId)).Fields, renewal.Fields);

        // Another department cannot start from this grant.
        var other = await scjg.GotoAsync(site.Url($"/console/applications/new?resource={renewal.ResourceId}&renews={grantId}"));
        Assert.Equal(403, other!.Status); // scjg is no consumer: the page itself is closed to it
    }

    [Fact]
    public async Task An_application_for_L3_fields_reaches_the_platform_stage_and_the_deadline_board()
    {
        var gat = await CallerAsync("gat");
        var filed = await site.Platform.ShareApplications.ApplyAsync(gat, new ShareRequest(site.People.Id, ["certificate_no", "mother_name"],
            "出生医学证明核验", "户籍登记时核验出生医学证明", "《中华人民共和国母婴保健法》", null, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(90)), 50));
        Assert.Equal(ApplicationStates.ProviderReview, filed.State);
        Assert.True(filed.NeedsPlatform);
        await site.Platform.ShareApplications.DecideAsync(await CallerAsync("wjw"), filed.Id, new ShareDecisionInput(true));

        // Another application waits for the provider past its deadline (set back in the records: the clock cannot be moved here).
        var late = await site.Platform.ShareApplications.ApplyAsync(gat, new ShareRequest((await PublishConditionalAsync()).Id, ["name"],
            "核验", "核验机构名称", "《医疗机构管理条例》", null, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), 10));
        DapperSetup.EnsureConfigured();
        await using (var connection = await site.Platform.Database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("UPDATE share_applications SET stage_due_at = @due WHERE id = @Id",
                new { due = DateTimeOffset.UtcNow.AddDays(-7), late.Id });
        }

        var admin = await site.SignedInPageAsync("admin");
        await admin.GotoAsync(site.Url("/console/review/applications"));
        var queued = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = $"#{filed.Id}" });
        await Assertions.Expect(queued).ToContainTextAsync("待平台审核");
        await Assertions.Expect(queued).ToContainTextAsync("浙江省公安厅");

        await admin.GotoAsync(site.Url("/console/deadlines"));
        var board = admin.Locator("#deadline-board").GetByRole(AriaRole.Row).Filter(new() { HasText = $"#{filed.Id}" });
        await Assertions.Expect(board).ToContainTextAsync("平台管理员");
        await Assertions.Expect(board).ToContainTextAsync(new Regex("剩余 (9|10) 个工作日"));
        var lateRow = admin.Locator("#deadline-board").GetByRole(AriaRole.Row).Filter(new() { HasText = $"#{late.Id}" });
        await Assertions.Expect(lateRow).ToContainTextAsync(new Regex("已超期 \\d+ 个工作日"));
        await Assertions.Expect(lateRow).ToHaveClassAsync("overdue");
        var order = (await admin.Locator("#deadline-board tbody tr th").AllInnerTextsAsync()).ToList();
        Assert.True(order.IndexOf($"#{late.Id}") < order.IndexOf($"#{filed.Id}"), string.Join(" ", order));
        var providerCount = admin.Locator("#department-counts").GetByRole(AriaRole.Row).Filter(new() { HasText = "浙江省卫生健康委员会" });
        await Assertions.Expect(providerCount.Locator("td").Nth(1)).Not.ToHaveTextAsync("0");
        var platformCount = admin.Locator("#department-counts").GetByRole(AriaRole.Row).Filter(new() { HasText = "平台管理员" });
        await Assertions.Expect(platformCount).ToHaveCountAsync(1);
        await AssertAccessibleAsync(admin);
        await PortalSite.ScreenshotAsync(admin, "sharing-deadlines");
        await platformCount.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(admin.Locator("#stages-heading")).ToContainTextAsync("平台管理员");
        await Assertions.Expect(admin.Locator("#deadline-board")).ToContainTextAsync($"#{filed.Id}");

        // The platform decides with the same form; the L3 fields show their grade.
        await admin.GotoAsync(site.Url($"/console/review/applications/{filed.Id}"));
        await Assertions.Expect(admin.Locator("main")).ToContainTextAsync("L3");
        await admin.GetByLabel("同意", new() { Exact = true }).CheckAsync();
        await admin.GetByRole(AriaRole.Textbox, new() { Name = "意见", Exact = true }).FillAsync("符合母婴保健法规定的核验用途");
        await admin.GetByRole(AriaRole.Button, new() { Name = "提交审批意见" }).ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex($"/console/review/applications\\?decided={filed.Id}$"));
        var decided = await site.Platform.ShareApplications.GetAsync(gat, filed.Id);
        Assert.Equal(ApplicationStates.Granted, decided.State);
        Assert.All(decided.Decisions, d => Assert.True(d.SignatureValid));
    }

    [Fact]
    public async Task A_consumer_withdraws_a_pending_application_and_the_pages_keep_their_roles()
    {
        var resource = await PublishConditionalAsync();
        var gat = await CallerAsync("gat");
        var filed = await site.Platform.ShareApplications.ApplyAsync(gat, new ShareRequest(resource.Id, ["name"],
            "核验", "核验机构名称", "《医疗机构管理条例》", null, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), 10));

        var page = await site.SignedInPageAsync("gat");
        await page.GotoAsync(site.Url($"/console/applications/{filed.Id}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "撤回申请" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("已撤回");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "撤回申请" })).ToHaveCountAsync(0);
        Assert.Equal(ApplicationStates.Withdrawn, (await site.Platform.ShareApplications.GetAsync(gat, filed.Id)).State);

        // The list pages backwards by id, keeping the chosen state.
        await page.GotoAsync(site.Url($"/console/applications?state=withdrawn&before={filed.Id + 1}"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"#{filed.Id}", Exact = true })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "最新的申请" })).ToHaveAttributeAsync("href", "/console/applications?state=withdrawn");
        await page.GotoAsync(site.Url($"/console/applications?before={filed.Id}"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"#{filed.Id}", Exact = true })).ToHaveCountAsync(0);

        // A consumer has no review queue; a provider admin has no platform review.
        await page.GotoAsync(site.Url("/console/approvals"));
        await Assertions.Expect(page.Locator("h1")).Not.ToHaveTextAsync("待我审批");
        var wjw = await site.SignedInPageAsync("wjw");
        await wjw.GotoAsync(site.Url("/console/review/applications"));
        await Assertions.Expect(wjw.Locator("h1")).Not.ToHaveTextAsync("平台审核");

        // The public never sees an application, whichever department its account sits in.
        var username = "gat-public-" + Guid.NewGuid().ToString("N")[..6];
        await site.Platform.Users.CreateAsync(username, "公安厅公众账号", site.Organizations["gat"], [Role.Public], PortalSite.Password, Actor.System);
        var member = await site.NewPageAsync();
        await site.SignInAsync(member, username);
        Assert.Equal(404, (await member.GotoAsync(site.Url($"/console/applications/{filed.Id}")))!.Status);

        // Someone else's grant is as missing as one that does not exist.
        Assert.Equal(404, (await page.GotoAsync(site.Url("/console/grants/987654321")))!.Status);
    }

    [Fact]
    public async Task The_apply_form_works_at_phone_width_in_English()
    {
        var page = await site.SignedInPageAsync("gat", width: 375, height: 800);
        await page.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "gongshu_lang", Value = "en", Url = site.Url("/") }]);
        await page.GotoAsync(site.Url($"/console/applications/new?resource={site.Enterprises.Id}"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Apply for shared data");
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "企业名称" })).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"The page is {width} px wide at 375 px.");
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})").ToList();
        Assert.True(serious.Count == 0, page.Url + "\n" + string.Join("\n", serious));
    }

    private async Task<CatalogResource> PublishConditionalAsync()
    {
        var wjw = await CallerAsync("wjw");
        var admin = await CallerAsync("admin");
        var name = "基层医疗机构名录 " + Guid.NewGuid().ToString("N")[..6];
        var draft = await site.Platform.Catalog.CreateDraftAsync(wjw, "313", new ResourceMetadata
        {
            Name = name,
            Summary = $"{name}：全省基层医疗机构的登记信息，按月更新，供各部门共享核验。",
            Keywords = ["医疗机构"],
            Format = "database",
            FormatSubtype = "PostgreSQL",
            Fields =
            [
                new ResourceField { Name = "registration_no", Label = "登记号", Type = "C", Length = 30, Description = "登记号", IsKey = true, Nullable = false, Grade = "L1" },
                new ResourceField { Name = "name", Label = "机构名称", Type = "C", Length = 100, Description = "机构名称", Grade = "L1" },
                new ResourceField { Name = "category", Label = "机构类别", Type = "C", Length = 30, Description = "机构类别", Grade = "L2" },
                new ResourceField { Name = "contact_mobile", Label = "联系人手机", Type = "C", Length = 11, Description = "联系人手机", Grade = "L2" },
            ],
            ShareType = ShareTypes.Conditional,
            ShareCondition = "仅用于医疗机构资质核验",
            LegalBasis = "《医疗机构管理条例》",
            ShareMethod = "api",
            OpenType = OpenTypes.Closed,
            UpdateCycle = "monthly",
            Tags = ["健康浙江"],
        });
        await site.Platform.Catalog.SubmitAsync(wjw, draft.Id);
        var resource = await site.Platform.Catalog.ApproveAsync(admin, draft.Id);

        var rows = Enumerable.Range(1, 6).Select(i => $"JC{i:D4},西湖区第{i}社区卫生服务中心,{(i % 3 == 0 ? "专科医院" : "综合医院")},1380000{i:D4}");
        var file = Encoding.UTF8.GetBytes("registration_no,name,category,contact_mobile\n" + string.Join("\n", rows) + "\n");
        await using var stream = new MemoryStream(file);
        await using var source = await SourceFiles.OpenAsync(stream, "data.csv", new FileReadOptions(), maxBytes: null, CancellationToken.None);
        await site.Platform.Collection.LoadAsync(wjw, resource.Id, source.Input(file.Length));
        return resource;
    }

    private async Task<CatalogCaller> CallerAsync(string username) => CatalogCaller.ForUser((await site.Platform.Users.FindByUsernameAsync(username))!);

    private async Task<IReadOnlyList<ShareApplication>> ApplicationsForAsync(long resourceId)
        => (await site.Platform.ShareApplications.ListAsync(await CallerAsync("gat"), limit: 500)).Where(a => a.ResourceId == resourceId).ToList();

    private static HttpRequestMessage Signed(string appKey, string secret, string path, string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path + "?" + query);
        foreach (var (name, value) in new RequestSigner(appKey, secret).Sign("GET", path, query, []))
        {
            request.Headers.Add(name, value);
        }

        return request;
    }
}
