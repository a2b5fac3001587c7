using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Gongshu.Directories;
using Microsoft.Playwright;
using Xunit;

namespace Gongshu.Web.Tests.Console;

/// <summary>The auditor's pages: the audit log search, the chain verification and the security alerts.</summary>
[Collection(PortalCollection.Name)]
public sealed class AuditConsoleTests(PortalSite site)
{
    [Fact]
    public async Task The_auditor_searches_the_log_by_action_and_sees_only_those_entries_newest_first()
    {
        var page = await AuditorPageAsync();
        await page.GotoAsync(site.Url("/console/audit"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("审计日志");

        await page.GetByLabel("操作", new() { Exact = true }).FillAsync("catalog.");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("action=catalog\\."));
        var actions = await page.Locator("table.audit-entries tbody tr td:nth-child(5)").AllInnerTextsAsync();
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.StartsWith("catalog.", a, StringComparison.Ordinal));
        Assert.Contains("catalog.approve", actions);
        var seqs = (await page.Locator("table.audit-entries tbody th").AllInnerTextsAsync()).Select(long.Parse).ToList();
        Assert.Equal(seqs.OrderDescending(), seqs);
        await Assertions.Expect(page.GetByLabel("操作", new() { Exact = true })).ToHaveValueAsync("catalog.");
        await PortalSite.ScreenshotAsync(page, "audit");

        // The search itself is in the log, under the auditor.
        await page.GotoAsync(site.Url("/console/audit?action=audit.search"));
        await Assertions.Expect(page.Locator("table.audit-entries tbody tr").First).ToContainTextAsync("catalog.");
    }

    [Fact]
    public async Task A_filter_value_like_a_script_is_shown_as_text_and_a_bad_time_is_named_next_to_its_field()
    {
        var page = await AuditorPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.GotoAsync(site.Url("/console/audit?actor=" + Uri.EscapeDataString(PortalSite.ScriptName) + "&from=yesterday"));

        await Assertions.Expect(page.GetByLabel("操作者")).ToHaveValueAsync(PortalSite.ScriptName);
        await Assertions.Expect(page.Locator("#from-error")).ToHaveTextAsync("请按 年-月-日 时:分 填写时间。");
        await Assertions.Expect(page.GetByLabel("起始时间")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task Verifying_the_chain_shows_it_intact_with_the_entries_checked()
    {
        var page = await AuditorPageAsync();
        await page.GotoAsync(site.Url("/console/audit"));

        await page.GetByRole(AriaRole.Button, new() { Name = "校验审计链" }).ClickAsync();

        var result = page.Locator("#verification");
        await Assertions.Expect(result).ToContainTextAsync("审计链完整");
        await Assertions.Expect(result).ToHaveClassAsync(new Regex("intact"));
        var checkedText = await result.Locator("dd").First.InnerTextAsync();
        Assert.True(long.Parse(checkedText.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) > 10, checkedText);
        await PortalSite.ScreenshotAsync(page, "audit-verify");

        // The alerts page reports the verification just run.
        await page.GotoAsync(site.Url("/console/alerts"));
        await Assertions.Expect(page.Locator("section[aria-labelledby=verification-heading]")).ToContainTextAsync("完整");
    }

    [Fact]
    public async Task Six_failed_sign_ins_of_one_account_raise_an_alert_that_links_to_its_entries()
    {
        var username = "probe-" + Guid.NewGuid().ToString("N")[..8];
        var user = await site.Platform.Users.CreateAsync(username, "告警测试账号", site.Organizations["sjj"], [Role.Public], PortalSite.Password, Actor.System);
        var visitor = await site.NewPageAsync();
        for (var i = 0; i < 6; i++)
        {
            await visitor.GotoAsync(site.Url("/login"));
            await visitor.GetByLabel("用户名").FillAsync(username);
            await visitor.GetByLabel("密码", new() { Exact = true }).FillAsync("Wrong-password-" + i);
            await visitor.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await Assertions.Expect(visitor.Locator("#sign-in-error")).ToBeVisibleAsync();
        }

        var page = await AuditorPageAsync();
        await page.GotoAsync(site.Url("/console/alerts"));

        var row = page.Locator("table.alerts tbody tr", new() { HasText = username });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("th")).ToHaveTextAsync("账号被锁定");
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(new Regex("^6（锁定 1 次）$"));
        await PortalSite.ScreenshotAsync(page, "alerts");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"object=user%3A{user.Id}"));
        var entries = page.Locator("table.audit-entries tbody tr");
        await Assertions.Expect(entries).ToHaveCountAsync(6);
        await Assertions.Expect(entries.First).ToContainTextAsync("user.login");
        await Assertions.Expect(entries.First).ToContainTextAsync("account_locked");
    }

    [Fact]
    public async Task A_user_who_is_not_an_auditor_gets_403_on_the_audit_pages()
    {
        var page = await site.SignedInPageAsync("citizen");

        var response = await page.GotoAsync(site.Url("/console/audit"));

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("无权访问");
        Assert.Equal(403, (await page.GotoAsync(site.Url("/console/alerts")))!.Status);
        Assert.Equal(403, (await (await site.SignedInPageAsync("wjw")).GotoAsync(site.Url("/console/audit")))!.Status);
    }

    [Theory]
    [InlineData("/console/audit")]
    [InlineData("/console/alerts")]
    public async Task The_auditor_pages_have_no_serious_accessibility_violations(string path)
    {
        var page = await AuditorPageAsync();
        await page.GotoAsync(site.Url(path));

        var result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    /// <summary>
    /// A page signed in as an auditor of this test's own: the seeded auditor's one-time codes are
    /// spent by the sign-in tests, and a code signs in once only.
    /// </summary>
    private async Task<IPage> AuditorPageAsync(int width = 1280, int height = 900)
    {
        var username = "aud-" + Guid.NewGuid().ToString("N")[..8];
        var user = await site.Platform.Users.CreateAsync(username, "审计测试员", site.Organizations["sjj"], [Role.Auditor], PortalSite.Password, Actor.System);
        var enrolment = await site.Platform.Totp.BeginEnrolmentAsync(user.Id, Actor.System);
        var secret = Base32.Decode(enrolment.SecretBase32);

        // Confirmed with the previous step's code, so the current one still signs in.
        await site.Platform.Totp.ConfirmEnrolmentAsync(user.Id, Totp.Compute(secret, DateTimeOffset.UtcNow.AddSeconds(-Totp.StepSeconds)), Actor.System);
        var page = await site.NewPageAsync(width, height);
        await page.GotoAsync(site.Url("/login"));
        await page.GetByLabel("用户名").FillAsync(username);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(PortalSite.Password);
        await page.GetByLabel("动态码").FillAsync(Totp.Compute(secret, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console$"));
        return page;
    }

    [Fact]
    public async Task The_audit_page_fits_a_narrow_screen()
    {
        var page = await AuditorPageAsync(width: 375, height: 812);
        await page.GotoAsync(site.Url("/console/audit"));

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"the audit page is {widths[0]} px wide on a {widths[1]} px screen");
    }
}
