using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Gongshu.Catalog;
using Gongshu.Governance.Tickets;
using Microsoft.Playwright;
using Xunit;

namespace Gongshu.Web.Tests.Console;

/// <summary>The provider admin's console and the platform's catalog review, driven in a real browser.</summary>
[Collection(PortalCollection.Name)]
public sealed class ProviderConsoleTests(PortalSite site)
{
    [Fact]
    public async Task A_provider_registers_a_resource_in_the_editor_the_platform_approves_it_and_the_portal_lists_it()
    {
        var name = "院前急救站点" + Unique();
        var page = await site.SignedInPageAsync("wjw");
        await page.GotoAsync(site.Url("/console/resources"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("我的资源");
        await Assertions.Expect(page.Locator("table.resources")).ToContainTextAsync("医疗机构信息");
        await PortalSite.ScreenshotAsync(page, "provider-resources");

        await page.GetByRole(AriaRole.Link, new() { Name = "登记资源" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("登记信息资源");
        await page.GetByLabel("信息资源分类").SelectOptionAsync("313");
        await page.GetByLabel("信息资源名称", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("信息资源摘要").FillAsync("全省院前急救站点的名称、地址和值班电话，供群众就近求助时查询。");
        await page.GetByLabel("关键字", new() { Exact = true }).FillAsync("急救、120");
        await page.GetByLabel("信息资源格式").SelectOptionAsync("spreadsheet");
        await page.GetByLabel("格式子类型").FillAsync("xlsx");
        await page.GetByLabel("更新周期").SelectOptionAsync("monthly");
        await page.GetByLabel("共享类型").SelectOptionAsync("unconditional");
        await page.GetByLabel("共享方式").SelectOptionAsync("api");
        await page.GetByLabel("开放属性").SelectOptionAsync("open");
        await FillFieldAsync(page, 1, "station_no", "站点编号", "C", "20", key: true);

        // Adding a row posts the form and comes back with what was typed and one more row.
        await page.GetByRole(AriaRole.Button, new() { Name = "添加字段" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("字段名（第 2 行）")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("字段名（第 1 行）")).ToHaveValueAsync("station_no");
        await Assertions.Expect(page.GetByLabel("信息资源名称", new() { Exact = true })).ToHaveValueAsync(name);
        await FillFieldAsync(page, 2, "duty_phone", "值班电话", "C", "20");
        await page.GetByRole(AriaRole.Button, new() { Name = "添加字段" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("字段名（第 3 行）")).ToHaveValueAsync("");
        await PortalSite.ScreenshotAsync(page, "provider-editor");

        // The third row stays empty and is ignored.
        await page.GetByRole(AriaRole.Button, new() { Name = "送审" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/console/resources/\d+\?submitted=1$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已送审，等待平台审核。");
        await Assertions.Expect(page.Locator(".details")).ToContainTextAsync("待审核");
        var id = long.Parse(Regex.Match(page.Url, @"/resources/(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var saved = await site.Platform.Catalog.GetAsync(await CallerAsync("wjw"), id, CatalogView.Working);
        Assert.Equal(["station_no", "duty_phone"], saved.Version.Metadata.Fields.Select(f => f.Name));
        Assert.Equal((VersionState.Submitted, true), (saved.WorkingState!.Value, saved.Version.Metadata.Fields[0].IsKey));

        var admin = await site.SignedInPageAsync("admin");
        await admin.GotoAsync(site.Url("/console/review"));
        await Assertions.Expect(admin.GetByRole(AriaRole.Link, new() { Name = "共享申请审批" })).ToHaveAttributeAsync("href", "/console/review/applications");
        await Assertions.Expect(admin.Locator("table")).ToContainTextAsync(name);
        await PortalSite.ScreenshotAsync(admin, "review-queue");
        await admin.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("审核：" + name);
        await Assertions.Expect(admin.Locator("table").Last).ToContainTextAsync("duty_phone");
        await admin.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex(@"/console/review\?approved="));
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("已审核通过并发布");

        var visitor = await site.NewPageAsync();
        await visitor.GotoAsync(site.Url("/datasets?q=" + Uri.EscapeDataString(name)));
        await visitor.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Assertions.Expect(visitor.Locator("h1")).ToHaveTextAsync(name);
        await Assertions.Expect(visitor.Locator("body")).ToContainTextAsync("值班电话");
    }

    [Fact]
    public async Task A_wrong_field_name_is_shown_next_to_its_row_and_nothing_is_saved()
    {
        var name = "错误字段名" + Unique();
        var page = await site.SignedInPageAsync("wjw");
        await page.GotoAsync(site.Url("/console/resources/new"));
        await page.GetByLabel("信息资源分类").SelectOptionAsync("313");
        await page.GetByLabel("信息资源名称", new() { Exact = true }).FillAsync(name);
        await FillFieldAsync(page, 1, "1st_station", "站点", "D", "");

        // Enter in a text box saves (the hidden first submit button), it does not add a field row.
        await page.GetByLabel("信息资源名称", new() { Exact = true }).PressAsync("Enter");

        await Assertions.Expect(page.Locator("#field-0-error")).ToContainTextAsync("第 1 行：字段名须以小写字母开头");
        await Assertions.Expect(page.GetByLabel("字段名（第 1 行）")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("字段名（第 1 行）")).ToHaveValueAsync("1st_station");
        await Assertions.Expect(page.Locator("#editor-errors")).ToBeVisibleAsync();
        var mine = await site.Platform.Catalog.ListAsync(await CallerAsync("wjw"), new CatalogListQuery { ProviderId = site.Organizations["wjw"], Limit = CatalogListQuery.MaxLimit });
        Assert.DoesNotContain(mine.Items, r => r.Name == name);

        // A length on a date is the catalog's own rule, shown on the length's row; no classification is the classification's error.
        await page.GetByLabel("字段名（第 1 行）").FillAsync("station_date");
        await page.GetByLabel("长度（第 1 行）").FillAsync("8");
        await page.GetByLabel("信息资源分类").SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(page.Locator("#classification-error")).ToHaveTextAsync("请选择信息资源分类。");
        await page.GetByLabel("信息资源分类").SelectOptionAsync("313");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(page.Locator("#field-0-error")).ToContainTextAsync("只有字符型（C）和数值型（N）信息项有长度");
        await Assertions.Expect(page.GetByLabel("长度（第 1 行）")).ToHaveAttributeAsync("aria-invalid", "true");

        await AssertAccessibleAsync(page);
        mine = await site.Platform.Catalog.ListAsync(await CallerAsync("wjw"), new CatalogListQuery { ProviderId = site.Organizations["wjw"], Limit = CatalogListQuery.MaxLimit });
        Assert.DoesNotContain(mine.Items, r => r.Name == name);
    }

    [Fact]
    public async Task A_submission_the_rules_refuse_is_saved_as_a_draft_and_its_edit_page_says_what_blocks_it()
    {
        var name = "缺共享条件" + Unique();
        var page = await site.SignedInPageAsync("wjw");
        await page.GotoAsync(site.Url("/console/resources/new"));
        await page.GetByLabel("信息资源分类").SelectOptionAsync("313");
        await page.GetByLabel("信息资源名称", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("共享类型").SelectOptionAsync("conditional");
        await FillFieldAsync(page, 1, "station_no", "站点编号", "C", "");
        await page.GetByRole(AriaRole.Button, new() { Name = "送审" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/console/resources/\d+/edit\?check=1$"));
        await Assertions.Expect(page.Locator("#editor-errors")).ToContainTextAsync("草稿已保存，但还不能送审");
        await Assertions.Expect(page.Locator("#share-condition-error")).ToHaveTextAsync("有条件共享或不予共享须填写共享条件");
        await Assertions.Expect(page.Locator("#field-0-error")).ToContainTextAsync("字符型和数值型信息项须填写长度");
        await Assertions.Expect(page.GetByLabel("信息资源名称", new() { Exact = true })).ToHaveValueAsync(name);
    }

    [Fact]
    public async Task Returning_without_a_reason_is_refused_next_to_the_field_and_the_reason_reaches_the_provider()
    {
        var wjw = await CallerAsync("wjw");
        var name = "退回测试" + Unique();
        var draft = await site.Platform.Catalog.CreateDraftAsync(wjw, "313", Complete(name));
        await site.Platform.Catalog.SubmitAsync(wjw, draft.Id);

        var admin = await site.SignedInPageAsync("admin");
        await admin.GotoAsync(site.Url($"/console/review/resources/{draft.Id}"));
        await admin.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#return-reason-error")).ToHaveTextAsync("请填写退回原因。");
        await Assertions.Expect(admin.GetByLabel("退回原因")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(VersionState.Submitted, (await site.Platform.Catalog.GetAsync(wjw, draft.Id, CatalogView.Working)).WorkingState);

        await admin.GetByLabel("退回原因").FillAsync("摘要请写明数据范围 <b>和</b> 更新方式");
        await admin.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("已退回修改");

        var page = await site.SignedInPageAsync("wjw");
        await page.GotoAsync(site.Url("/console/resources"));
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync("已退回修改");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync("审核退回意见： 摘要请写明数据范围 <b>和</b> 更新方式");
        await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Assertions.Expect(page.Locator(".review-comment")).ToContainTextAsync("摘要请写明数据范围 <b>和</b> 更新方式");
        await page.GetByRole(AriaRole.Link, new() { Name = "编辑" }).ClickAsync();
        await Assertions.Expect(page.Locator(".review-comment")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Editing_a_published_resource_starts_a_change_the_published_version_keeps_serving_and_the_reviewer_sees_what_changed()
    {
        var wjw = await CallerAsync("wjw");
        var resource = await PublishAsync(wjw, "急救站变更" + Unique());
        var page = await site.SignedInPageAsync("wjw", width: 375, height: 800);
        await page.GotoAsync(site.Url($"/console/resources/{resource.Id}"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the resource page fits 375 px");
        await page.GetByRole(AriaRole.Button, new() { Name = "变更资源" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($@"/console/resources/{resource.Id}/edit$"));
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("变更中");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the editor fits 375 px");
        await page.GetByLabel("信息资源摘要").FillAsync("全省急救站点的编号和值班电话，每月更新，新增站点地址。");
        await page.GetByRole(AriaRole.Button, new() { Name = "添加字段" }).ClickAsync();
        await FillFieldAsync(page, 3, "address", "站点地址", "C", "200");
        await page.GetByRole(AriaRole.Button, new() { Name = "送审" }).ClickAsync();
        await Assertions.Expect(page.Locator(".details")).ToContainTextAsync("变更待审核");
        await Assertions.Expect(page.Locator(".details")).ToContainTextAsync("现行发布版本为第 1 版");

        // Until the change is approved the catalog serves version 1.
        var serving = await site.Platform.Catalog.GetAsync(wjw, resource.Id, CatalogView.Published);
        Assert.Equal((1, 2), (serving.Version.VersionNo, serving.Version.Metadata.Fields.Count));

        var admin = await site.SignedInPageAsync("admin");
        await admin.GotoAsync(site.Url($"/console/review/resources/{resource.Id}"));
        var diff = admin.Locator("table.diff");
        await Assertions.Expect(admin.Locator("#diff-heading")).ToHaveTextAsync("变更内容（第 1 版 → 第 2 版）");
        await Assertions.Expect(diff.GetByRole(AriaRole.Row).Filter(new() { HasText = "信息资源摘要" })).ToContainTextAsync("新增站点地址");
        await Assertions.Expect(diff.GetByRole(AriaRole.Row).Filter(new() { HasText = "信息项 address" })).ToContainTextAsync("新增");
        await AssertAccessibleAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("已审核通过并发布");

        serving = await site.Platform.Catalog.GetAsync(wjw, resource.Id, CatalogView.Published);
        Assert.Equal((2, 3), (serving.Version.VersionNo, serving.Version.Metadata.Fields.Count));
    }

    [Fact]
    public async Task The_console_pages_speak_english_when_asked()
    {
        var page = await site.SignedInPageAsync("wjw");
        await page.GotoAsync(site.Url("/console/resources?lang=en"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("My resources");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Register a resource" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "医疗机构信息" })).ToContainTextAsync("Published");
        await page.GotoAsync(site.Url("/console/quality"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Quality reports and tickets");
    }

    [Fact]
    public async Task Another_departments_resource_answers_404()
    {
        var page = await site.SignedInPageAsync("scjg");
        var response = await page.GotoAsync(site.Url($"/console/resources/{site.People.Id}"));
        Assert.Equal(404, response!.Status);
        response = await page.GotoAsync(site.Url($"/console/resources/{site.People.Id}/edit"));
        Assert.Equal(404, response!.Status);
        await page.GotoAsync(site.Url("/console/resources"));
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("出生医学证明信息");
    }

    [Fact]
    public async Task A_csv_uploaded_on_the_resource_page_is_loaded_with_progress_and_shows_in_the_history_and_quality_report()
    {
        var wjw = await CallerAsync("wjw");
        var resource = await PublishAsync(wjw, "急救车辆" + Unique());
        await site.Platform.QualityRules.SaveAsync(wjw, resource.Id, """{ "rules": [ { "field": "duty_phone", "rule": "required" } ] }""");

        var page = await site.SignedInPageAsync("wjw");
        await page.GotoAsync(site.Url($"/console/resources/{resource.Id}"));
        await Assertions.Expect(page.Locator("#load-history")).ToContainTextAsync("还没有载入过数据");
        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload
        {
            Name = "stations.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("station_no,duty_phone\nS001,0571-120\nS002,\nS003,0571-121\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并载入" }).ClickAsync();

        await Assertions.Expect(page.Locator("#upload-status")).ToHaveTextAsync("载入完成：载入 3 行，拒绝 0 行。");
        await Assertions.Expect(page.Locator("#upload-progress")).ToHaveJSPropertyAsync("value", 100);
        await Assertions.Expect(page.Locator("#load-history")).ToContainTextAsync("stations.csv");
        await Assertions.Expect(page.Locator("#data-summary")).ToContainTextAsync("现行数据 3 行");
        await Assertions.Expect(page.Locator("#quality-section")).ToContainTextAsync("duty_phone");
        Assert.Equal(3, (await site.Platform.Collection.CurrentDatasetAsync(wjw, resource.Id))!.RowCount);
        await PortalSite.ScreenshotAsync(page, "provider-resource");
        await AssertAccessibleAsync(page);

        await page.GotoAsync(site.Url("/console/resources"));
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = resource.Version.Metadata.Name }).Locator("td").Nth(3)).ToHaveTextAsync("3");

        await page.GotoAsync(site.Url("/console/quality"));
        var report = page.Locator("section[aria-labelledby=reports-heading]").GetByRole(AriaRole.Row).Filter(new() { HasText = resource.Version.Metadata.Name });
        await Assertions.Expect(report).ToContainTextAsync("1 / 3");
        await Assertions.Expect(report).ToContainTextAsync("duty_phone");

        // One row in three without a phone is over the rule's threshold: the platform sends a ticket back.
        var ticket = page.Locator("section[aria-labelledby=tickets-heading]").GetByRole(AriaRole.Row).Filter(new() { HasText = resource.Version.Metadata.Name });
        await Assertions.Expect(ticket).ToContainTextAsync("质量规则");
        await Assertions.Expect(ticket).ToContainTextAsync("待处理");
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Without_script_the_upload_form_posts_the_file_and_ends_on_the_resource_page()
    {
        var wjw = await CallerAsync("wjw");
        var resource = await PublishAsync(wjw, "无脚本上传" + Unique());
        var signedIn = await site.SignedInPageAsync("wjw");
        var state = await signedIn.Context.StorageStateAsync();
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, StorageState = state, Locale = "zh-CN" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(site.Url($"/console/resources/{resource.Id}"));
        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload
        {
            Name = "two.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("station_no,duty_phone\nS101,0571-1\nS102,0571-2\n,0571-3\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并载入" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"\?load=\d+$"));
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("载入完成");
        await Assertions.Expect(page.Locator("#load-history")).ToContainTextAsync("two.csv");
        var load = (await site.Platform.Collection.ListLoadsAsync(wjw, resource.Id, 1))[0];
        Assert.Equal(("two.csv", 2L, 1L), (load.SourceName, load.RowsLoaded, load.RowsRejected));
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("载入完成：载入 2 行，拒绝 1 行。");

        // The row without its key is refused; its link is the collection API's rejects file, which the signed-in provider may fetch.
        var rejects = page.GetByRole(AriaRole.Link, new() { Name = "下载被拒绝的行" });
        await Assertions.Expect(rejects).ToHaveAttributeAsync("href", $"/api/collection/loads/{load.Id}/rejects.csv");
        var csv = await page.Context.APIRequest.GetAsync(site.Url($"/api/collection/loads/{load.Id}/rejects.csv"));
        Assert.Equal(200, csv.Status);
        Assert.Contains("0571-3", await csv.TextAsync(), StringComparison.Ordinal);

        await page.Locator("#upload-file").SetInputFilesAsync(Array.Empty<string>());
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并载入" }).ClickAsync();
        await Assertions.Expect(page.Locator("#upload-file-error")).ToHaveTextAsync("请选择要上传的文件。");
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_provider_takes_a_ticket_step_from_the_ticket_page_and_a_step_that_needs_a_comment_asks_for_it()
    {
        var gat = await CallerAsync("gat");
        var ticket = await site.Platform.QualityTickets.ReportAsync(gat, site.Hospitals.Id, new CorrectionRequest(
            new Dictionary<string, string> { ["registration_no"] = "PDY330100003" }, "category", "专科医院", "机构类别登记有误 " + Unique()));

        var page = await site.SignedInPageAsync("wjw");
        await page.GotoAsync(site.Url("/console/quality"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("质量报告与工单");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = ticket.Description });
        await Assertions.Expect(row).ToContainTextAsync("待处理");
        await Assertions.Expect(row).ToContainTextAsync("医疗机构信息");
        await PortalSite.ScreenshotAsync(page, "provider-quality");
        await AssertAccessibleAsync(page);
        await row.GetByRole(AriaRole.Link, new() { Name = $"#{ticket.Id}" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"问题数据工单 #{ticket.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "提交整改" })).ToHaveCountAsync(0);
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "开始整改" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已开始整改，工单现为“整改中”。");
        Assert.Equal(TicketStates.Rectifying, (await site.Platform.QualityTickets.GetAsync(gat, ticket.Id)).State);

        await page.GetByRole(AriaRole.Button, new() { Name = "提交整改" }).ClickAsync();
        await Assertions.Expect(page.Locator("#comment-error")).ToHaveTextAsync("这一步需要填写说明。");
        Assert.Equal(TicketStates.Rectifying, (await site.Platform.QualityTickets.GetAsync(gat, ticket.Id)).State);

        var other = await site.SignedInPageAsync("scjg");
        var response = await other.GotoAsync(site.Url($"/console/quality/tickets/{ticket.Id}"));
        Assert.Equal(404, response!.Status);
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..6];

    private async Task<CatalogCaller> CallerAsync(string username)
        => CatalogCaller.ForUser((await site.Platform.Users.FindByUsernameAsync(username))!);

    private static async Task FillFieldAsync(IPage page, int row, string name, string label, string type, string length, bool key = false)
    {
        await page.GetByLabel($"字段名（第 {row} 行）").FillAsync(name);
        await page.GetByLabel($"中文名称（第 {row} 行）").FillAsync(label);
        await page.GetByLabel($"数据类型（第 {row} 行）").SelectOptionAsync(type);
        await page.GetByLabel($"长度（第 {row} 行）").FillAsync(length);
        if (key)
        {
            await page.GetByLabel($"主键（第 {row} 行）").CheckAsync();
        }

        await page.GetByLabel($"分级（第 {row} 行）").SelectOptionAsync("L1");
        await page.GetByLabel($"说明（第 {row} 行）").FillAsync(label);
    }

    private static ResourceMetadata Complete(string name) => new()
    {
        Name = name,
        Summary = "全省急救站点和车辆的基本信息，按月更新，供调度与群众查询使用。",
        Keywords = ["急救"],
        Format = "spreadsheet",
        FormatSubtype = "xlsx",
        UpdateCycle = "monthly",
        ShareType = "unconditional",
        ShareMethod = "api",
        OpenType = "open",
        Fields =
        [
            new ResourceField { Name = "station_no", Label = "站点编号", Type = "C", Length = 20, IsKey = true, Nullable = false, Grade = "L1", Description = "站点编号" },
            new ResourceField { Name = "duty_phone", Label = "值班电话", Type = "C", Length = 20, Grade = "L1", Description = "值班电话" },
        ],
    };

    private async Task<CatalogResource> PublishAsync(CatalogCaller provider, string name)
    {
        var draft = await site.Platform.Catalog.CreateDraftAsync(provider, "313", Complete(name));
        await site.Platform.Catalog.SubmitAsync(provider, draft.Id);
        return await site.Platform.Catalog.ApproveAsync(await CallerAsync("admin"), draft.Id);
    }
}
