using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using Gongshu.Audit;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.Support;

namespace Gongshu.Tests.Http;

/// <summary>Who may see and change the organization tree, accounts and credentials.</summary>
public sealed class DirectoryHttpTests
{
    [Theory, AllDatabases]
    public async Task A_platform_admin_builds_the_tree_and_creates_users(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        using var admin = await server.SignedInAsync("admin", server.Zhejiang, Role.PlatformAdmin);

        var ningbo = await admin.PostAsJsonAsync("/api/organizations/regions", new { divisionCode = "330200" });
        Assert.Equal(HttpStatusCode.Created, ningbo.StatusCode);
        var ningboId = (await ningbo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var health = await admin.PostAsJsonAsync($"/api/organizations/{ningboId}/departments", new { shortCode = "wjw", name = "宁波市卫生健康委员会" });
        Assert.Equal(HttpStatusCode.Created, health.StatusCode);
        var healthId = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var created = await admin.PostAsJsonAsync("/api/users", new
        {
            username = "nb.provider", displayName = "陈静", organizationId = healthId, roles = new[] { "provider_admin" }, password = ServerHarness.Password,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var children = await admin.GetFromJsonAsync<JsonElement>($"/api/organizations?parent={ningboId}");
        Assert.Contains(children.EnumerateArray(), o => o.GetProperty("name").GetString() == "宁波市卫生健康委员会");
        var users = await admin.GetFromJsonAsync<JsonElement>($"/api/organizations/{healthId}/users");
        Assert.Equal("nb.provider", users.EnumerateArray().Single().GetProperty("username").GetString());
    }

    [Theory, AllDatabases]
    public async Task Bad_directory_input_is_refused_naming_the_field_and_nothing_is_written(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        using var admin = await server.SignedInAsync("admin", server.Zhejiang, Role.PlatformAdmin);
        var before = (await server.Platform.Organizations.ListChildrenAsync(server.Zhejiang.Id)).Count;

        var badCode = await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/organizations/regions", new { divisionCode = "339999" }),
            HttpStatusCode.BadRequest, "unknown_division");
        Assert.Equal("divisionCode", badCode.GetProperty("field").GetString());
        var badCredit = await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync($"/api/organizations/{server.Zhejiang.Id}/departments", new { shortCode = "scjg", name = "浙江省市场监督管理局", creditCode = "91330000MA27XY1234" }),
            HttpStatusCode.BadRequest, "invalid_credit_code");
        Assert.Equal("creditCode", badCredit.GetProperty("field").GetString());
        await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync("/api/organizations/999999/departments", new { shortCode = "none", name = "不存在" }),
            HttpStatusCode.NotFound, "parent_not_found");
        var injection = await admin.PostAsJsonAsync("/api/users", new
        {
            username = "x'; DROP TABLE users; --", displayName = "注入", organizationId = server.Zhejiang.Id, roles = new[] { "consumer" }, password = ServerHarness.Password,
        });
        Assert.Equal("username", (await ProblemAssert.IsProblemAsync(injection, HttpStatusCode.BadRequest, "invalid_input")).GetProperty("field").GetString());
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/users", new
        {
            username = "role.typo", displayName = "角色", organizationId = server.Zhejiang.Id, roles = new[] { "superuser" }, password = ServerHarness.Password,
        }), HttpStatusCode.BadRequest, "unknown_role");

        Assert.Equal(before, (await server.Platform.Organizations.ListChildrenAsync(server.Zhejiang.Id)).Count);
        Assert.Null(await server.Platform.Users.FindByUsernameAsync("role.typo"));
    }

    [Theory, AllDatabases]
    public async Task Roles_limit_what_each_user_may_do(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        using var consumer = await server.SignedInAsync("consumer", server.HangzhouData, Role.Consumer);
        using var auditor = await server.SignedInAsync("auditor", server.Zhejiang, Role.Auditor);
        using var anonymous = server.Client();

        await ProblemAssert.IsProblemAsync(await consumer.PostAsJsonAsync("/api/organizations/regions", new { divisionCode = "330200" }), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await consumer.GetAsync("/api/audit"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await auditor.PostAsJsonAsync("/api/credentials", new { label = "x" }), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/api/organizations"), HttpStatusCode.Unauthorized, "authentication_required");
        Assert.Equal(HttpStatusCode.OK, (await consumer.GetAsync("/api/organizations")).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task Another_organizations_objects_answer_404_and_the_attempt_is_audited(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        using var police = await server.SignedInAsync("police.app", server.Police, Role.ProviderAdmin);
        using var hangzhou = await server.SignedInAsync("hz.consumer", server.HangzhouData, Role.Consumer);
        var issued = await (await police.PostAsJsonAsync("/api/credentials", new { label = "人口库同步" })).Content.ReadFromJsonAsync<JsonElement>();
        var appKey = issued.GetProperty("credential").GetProperty("appKey").GetString()!;

        await ProblemAssert.IsProblemAsync(await hangzhou.DeleteAsync($"/api/credentials/{appKey}"), HttpStatusCode.NotFound, "credential_not_found");
        await ProblemAssert.IsProblemAsync(await hangzhou.DeleteAsync("/api/credentials/gsk_doesnotexist"), HttpStatusCode.NotFound, "credential_not_found");
        await ProblemAssert.IsProblemAsync(await hangzhou.GetAsync($"/api/organizations/{server.Police.Id}/users"), HttpStatusCode.NotFound, "organization_not_found");
        Assert.DoesNotContain(appKey, await hangzhou.GetStringAsync("/api/credentials"));

        var credential = await server.Platform.Credentials.FindAsync(appKey);
        Assert.Null(credential!.RevokedAt);
        var denied = await new AuditSearch(server.Database).SearchAsync(new AuditQuery { Outcome = AuditOutcome.Denied });
        Assert.Contains(denied.Entries, e => e.Action == "credential.revoke" && e.Object == $"credential:{appKey}");
        Assert.Contains(denied.Entries, e => e.Action == "organization.users" && e.Object == $"organization:{server.Police.Id}");
    }

    [Theory, AllDatabases]
    public async Task An_auditor_searches_and_verifies_the_trail_and_both_are_audited(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        using var auditor = await server.SignedInAsync("shen.audit", server.Zhejiang, Role.Auditor);

        var page = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?action=organization.&limit=3");
        Assert.Equal(3, page.GetProperty("entries").GetArrayLength());
        Assert.All(page.GetProperty("entries").EnumerateArray(), e => Assert.StartsWith("organization.", e.GetProperty("action").GetString()));
        var next = page.GetProperty("nextBeforeSeq").GetInt64();
        var second = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit?action=organization.&limit=3&before={next}");
        Assert.All(second.GetProperty("entries").EnumerateArray(), e => Assert.True(e.GetProperty("seq").GetInt64() < next));

        await ProblemAssert.IsProblemAsync(await auditor.GetAsync("/api/audit?outcome=sometimes"), HttpStatusCode.BadRequest, "invalid_input");
        await ProblemAssert.IsProblemAsync(await auditor.GetAsync("/api/audit?limit=100000"), HttpStatusCode.BadRequest, "invalid_input");
        var injected = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?actor=%27%20OR%201%3D1%20--");
        Assert.Equal(0, injected.GetProperty("entries").GetArrayLength());

        var verification = await (await auditor.PostAsync("/api/audit/verification", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(verification.GetProperty("ok").GetBoolean(), verification.GetRawText());
        Assert.True(verification.GetProperty("entriesChecked").GetInt64() > 10);

        await server.Platform.AuditLog.CheckpointAsync();
        var trail = await new AuditSearch(server.Database).SearchAsync(new AuditQuery { ActionPrefix = "audit." });
        Assert.Contains(trail.Entries, e => e.Action == "audit.verify" && e.Outcome == "success");
        Assert.Contains(trail.Entries, e => e.Action == "audit.search");
    }
}
