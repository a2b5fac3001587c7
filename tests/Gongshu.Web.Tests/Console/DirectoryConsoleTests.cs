using System.Text.RegularExpressions;
using Gongshu.Catalog;
using Gongshu.Directories;
using Microsoft.Playwright;
using Xunit;

namespace Gongshu.Web.Tests.Console;

/// <summary>The platform admin's organizations, users and policies pages.</summary>
[Collection(PortalCollection.Name)]
public sealed class DirectoryConsoleTests(PortalSite site)
{
    [Fact]
    public async Task An_admin_creates_a_user_who_can_then_sign_in_and_must_set_up_an_authenticator()
    {
        var username = "gat.analyst" + Random.Shared.Next(1000, 9999);
        var page = await site.SignedInPageAsync("admin");
        await page.GotoAsync(site.Url("/console/organizations"));
        await page.GetByRole(AriaRole.Navigation, new() { Name = "组织机构树" }).GetByRole(AriaRole.Link, new() { Name = "浙江省公安厅" }).ClickAsync();
        await Assertions.Expect(page.Locator("#organization-name")).ToHaveTextAsync("浙江省公安厅");
        await Assertions.Expect(page.Locator("#users")).ToContainTextAsync("公安厅数据需求方");
        await Assertions.Expect(page.Locator("#new-password-hint")).ToContainTextAsync("至少 10 个字符");

        await page.GetByLabel("用户名").FillAsync(username);
        await page.GetByLabel("显示名称").FillAsync("<script>alert(1)</script>");
        await page.Locator("#new-role-consumer").CheckAsync();
        await page.GetByLabel("初始密码").FillAsync("Westlake-Analyst-77");
        await page.GetByRole(AriaRole.Button, new() { Name = "新建用户" }).ClickAsync();

        await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync($"用户 {username} 已创建。");
        var row = page.Locator("#users tbody tr", new() { Has = page.Locator($"th:text-is('{username}')") });
        await Assertions.Expect(row.Locator("td").Nth(0)).ToHaveTextAsync("<script>alert(1)</script>");
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("需求方");
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("否");
        await Assertions.Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("从未登录");
        var user = await site.Platform.Users.FindByUsernameAsync(username);
        Assert.Equal([Role.Consumer], user!.Roles);
        Assert.Equal(site.Organizations["gat"], user.OrganizationId);
        await PortalSite.ScreenshotAsync(page, "organizations");

        var newcomer = await site.NewPageAsync();
        await newcomer.GotoAsync(site.Url("/login"));
        await newcomer.GetByLabel("用户名").FillAsync(username);
        await newcomer.GetByLabel("密码", new() { Exact = true }).FillAsync("Westlake-Analyst-77");
        await newcomer.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(newcomer).ToHaveURLAsync(new Regex("/console/enrol$"));

        // Disabling the account ends that session at its next request.
        await row.GetByRole(AriaRole.Button, new() { Name = $"停用 {username}" }).ClickAsync();
        await Assertions.Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("是");
        Assert.True((await site.Platform.Users.GetAsync(user.Id)).Disabled);
        await newcomer.GotoAsync(site.Url("/console/enrol"));
        await Assertions.Expect(newcomer).ToHaveURLAsync(new Regex("/login"));
    }

    [Fact]
    public async Task A_weak_password_is_shown_next_to_its_field_and_not_sent_back()
    {
        var page = await site.SignedInPageAsync("admin");
        await page.GotoAsync(site.Url($"/console/organizations?org={site.Organizations["scjg"]}"));
        await page.GetByLabel("用户名").FillAsync("scjg.weak");
        await page.GetByLabel("显示名称").FillAsync("弱密码用户");
        await page.Locator("#new-role-provider_admin").CheckAsync();
        await page.GetByLabel("初始密码").FillAsync("short1");
        await page.GetByRole(AriaRole.Button, new() { Name = "新建用户" }).ClickAsync();

        await Assertions.Expect(page.Locator("#new-password-error")).ToContainTextAsync("at least 10 characters");
        await Assertions.Expect(page.GetByLabel("初始密码")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("初始密码")).ToHaveValueAsync("");
        await Assertions.Expect(page.GetByLabel("用户名")).ToHaveValueAsync("scjg.weak");
        await Assertions.Expect(page.Locator("#new-role-provider_admin")).ToBeCheckedAsync();
        Assert.Null(await site.Platform.Users.FindByUsernameAsync("scjg.weak"));
    }

    [Fact]
    public async Task An_admin_changes_roles_and_resets_an_authenticator()
    {
        var user = await site.Platform.Users.CreateAsync("sjj.rotate" + Random.Shared.Next(1000, 9999), "轮岗人员", site.Organizations["sjj"], [Role.Auditor], "Rotation-Desk-2026", Actor.System);
        var enrolment = await site.Platform.Totp.BeginEnrolmentAsync(user.Id, Actor.System);
        await site.Platform.Totp.ConfirmEnrolmentAsync(user.Id, Totp.Compute(Base32.Decode(enrolment.SecretBase32), DateTimeOffset.UtcNow), Actor.System);

        var page = await site.SignedInPageAsync("admin");
        await page.GotoAsync(site.Url($"/console/organizations?org={site.Organizations["sjj"]}"));
        var row = page.Locator("#users tbody tr", new() { Has = page.Locator($"th:text-is('{user.Username}')") });
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("是");
        await row.GetByRole(AriaRole.Button, new() { Name = $"重置身份验证器 {user.Username}" }).ClickAsync();
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("否");
        Assert.True((await site.Platform.Users.GetAsync(user.Id)).MustEnrolTotp);

        await row.GetByRole(AriaRole.Link, new() { Name = $"修改角色 {user.Username}" }).ClickAsync();
        await Assertions.Expect(page.Locator("#edit-role-auditor")).ToBeCheckedAsync();
        await page.Locator("#edit-role-auditor").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存角色" }).ClickAsync();
        await Assertions.Expect(page.Locator("#edit-role-error")).ToHaveTextAsync("请至少选择一个角色。");

        await page.Locator("#edit-role-consumer").CheckAsync();
        await page.Locator("#edit-role-provider_admin").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存角色" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync($"用户 {user.Username} 已更新。");
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("数源单位数据管理员、需求方");
        Assert.Equal([Role.ProviderAdmin, Role.Consumer], (await site.Platform.Users.GetAsync(user.Id)).Roles.Order());
    }

    [Fact]
    public async Task An_admin_creates_a_department_under_a_region()
    {
        var page = await site.SignedInPageAsync("admin");
        await page.GotoAsync(site.Url("/console/organizations"));
        await page.GetByRole(AriaRole.Link, new() { Name = "浙江省", Exact = true }).ClickAsync();
        var code = "jyt" + Random.Shared.Next(100, 999);
        await page.GetByLabel("部门全称").FillAsync("浙江省教育厅" + code);
        await page.GetByLabel("简码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "新建部门" }).ClickAsync();
        await Assertions.Expect(page.Locator("#organization-name")).ToHaveTextAsync("浙江省教育厅" + code);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "组织机构树" }).GetByRole(AriaRole.Link, new() { Name = "浙江省教育厅" + code }))
            .ToHaveAttributeAsync("aria-current", "page");

        // A short code taken by a sibling is refused next to its field.
        await page.GotoAsync(site.Url("/console/organizations"));
        await page.GetByRole(AriaRole.Link, new() { Name = "浙江省", Exact = true }).ClickAsync();
        await page.GetByLabel("部门全称").FillAsync("另一个公安厅");
        await page.GetByLabel("简码").FillAsync("gat");
        await page.GetByRole(AriaRole.Button, new() { Name = "新建部门" }).ClickAsync();
        await Assertions.Expect(page.Locator("#department-short-code-error")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_provider_admin_is_not_allowed_into_the_admin_pages()
    {
        var page = await site.SignedInPageAsync("wjw");
        foreach (var path in new[] { "/console/organizations", "/console/policies" })
        {
            var response = await page.GotoAsync(site.Url(path));
            Assert.Equal(403, response!.Status);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("无权访问");
        }
    }

    [Fact]
    public async Task A_masking_policy_change_becomes_the_next_version_and_bad_input_is_shown_next_to_its_field()
    {
        var admin = CatalogCaller.ForUser((await site.Platform.Users.FindByUsernameAsync("admin"))!);
        var before = await site.Platform.MaskingPolicies.GetAsync(admin);
        var page = await site.SignedInPageAsync("admin");
        await page.GotoAsync(site.Url("/console/policies"));
        await Assertions.Expect(page.Locator("#masking-version")).ToHaveTextAsync(before.Version.ToString());
        await Assertions.Expect(page.Locator("#masking-fingerprint")).ToHaveTextAsync(before.Fingerprint);
        await Assertions.Expect(page.Locator("#masking-rules tbody tr")).ToHaveCountAsync(before.Policy.Rules.Count);
        await Assertions.Expect(page.GetByLabel("新版本号")).ToHaveValueAsync((before.Version + 1).ToString());

        // A technique that does not exist: the error names the rule, next to the JSON.
        var json = page.GetByLabel("策略 JSON");
        var original = await json.InputValueAsync();
        await json.FillAsync("""{ "rules": [ { "channel": "open", "technique": "scramble" } ] }""");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存新版本" }).ClickAsync();
        await Assertions.Expect(page.Locator("#policy-json-error")).ToContainTextAsync("rules[0].technique");

        // A stale version number is refused next to the version field.
        await page.GetByLabel("新版本号").FillAsync(before.Version.ToString());
        await page.GetByLabel("策略 JSON").FillAsync(original);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存新版本" }).ClickAsync();
        await Assertions.Expect(page.Locator("#policy-version-error")).ToBeVisibleAsync();
        Assert.Equal(before.Version, (await site.Platform.MaskingPolicies.GetAsync(admin)).Version);

        // The change: names are suppressed instead of keeping the surname.
        var changed = original.Replace("\"technique\": \"surname\"", "\"technique\": \"suppress\"", StringComparison.Ordinal);
        Assert.NotEqual(original, changed);
        await page.GetByLabel("新版本号").FillAsync((before.Version + 1).ToString());
        await page.GetByLabel("策略 JSON").FillAsync(changed);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存新版本" }).ClickAsync();

        await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync($"脱敏策略第 {before.Version + 1} 版已生效。");
        await Assertions.Expect(page.Locator("#masking-version")).ToHaveTextAsync((before.Version + 1).ToString());
        var after = await site.Platform.MaskingPolicies.GetAsync(admin);
        Assert.Equal(before.Version + 1, after.Version);
        await Assertions.Expect(page.Locator("#masking-fingerprint")).ToHaveTextAsync(after.Fingerprint);
        Assert.NotEqual(before.Fingerprint, after.Fingerprint);
        await Assertions.Expect(page.Locator("#masking-history")).ToContainTextAsync(after.Fingerprint);
        await PortalSite.ScreenshotAsync(page, "policies");
    }
}
