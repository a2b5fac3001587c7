using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace Gongshu.Web.Tests.Console;

/// <summary>Signing in to the console with password and authenticator code, in a real browser.</summary>
[Collection(PortalCollection.Name)]
public sealed class SignInTests(PortalSite site)
{
    [Fact]
    public async Task A_console_page_sends_a_visitor_to_sign_in_and_back_to_it_afterwards()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url("/console"));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2Fconsole$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("登录工作台");
        await PortalSite.ScreenshotAsync(page, "login");

        await page.GetByLabel("用户名").FillAsync("auditor");
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(PortalSite.Password);
        await page.GetByLabel("动态码").FillAsync(site.TotpCode("auditor"));
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("您好，安全审计员");
        await Assertions.Expect(page.Locator(".console-nav")).ToContainTextAsync("审计日志");
        await Assertions.Expect(page.Locator(".console-nav")).Not.ToContainTextAsync("我的资源");

        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync("您已退出登录。");
        await page.GotoAsync(site.Url("/console"));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));
    }

    [Fact]
    public async Task A_wrong_code_or_password_is_shown_next_to_its_field_and_the_password_is_not_sent_back()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url("/login"));
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.Locator("#username-error")).ToHaveTextAsync("请输入用户名。");
        await Assertions.Expect(page.Locator("#password-error")).ToHaveTextAsync("请输入密码。");
        await Assertions.Expect(page.GetByLabel("用户名")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByLabel("用户名").FillAsync("wjw");
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(PortalSite.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.Locator("#totp-error")).ToContainTextAsync("6 位动态码");
        await Assertions.Expect(page.GetByLabel("用户名")).ToHaveValueAsync("wjw");
        await Assertions.Expect(page.GetByLabel("密码", new() { Exact = true })).ToHaveValueAsync("");

        await page.GetByLabel("密码", new() { Exact = true }).FillAsync("not-the-password");
        await page.GetByLabel("动态码").FillAsync("000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sign-in-error")).ToBeVisibleAsync();
        Assert.DoesNotContain("not-the-password", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_never_follows_a_return_address_off_the_site()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url("/login?returnUrl=%2F%2Fevil.example%2F"));
        await page.GetByLabel("用户名").FillAsync("citizen");
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(PortalSite.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(site.Url("/console"));
    }

    [Fact]
    public async Task A_form_post_without_the_anti_forgery_token_is_refused_and_signs_nobody_in()
    {
        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in", ["Form.Username"] = "citizen", ["Form.Password"] = PortalSite.Password,
        });
        using var response = await http.PostAsync(new Uri("/login", UriKind.Relative), form);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("gongshu_session=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_api_call_without_a_session_still_gets_a_problem_detail_not_a_redirect()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = site.BaseAddress };
        using var response = await http.GetAsync(new Uri("/api/me", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
