using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Http;

/// <summary>Quality rules and their findings over real HTTP.</summary>
public sealed class GovernanceHttpTests
{
    [Theory, AllDatabases]
    public async Task A_provider_declares_rules_uploads_and_reads_what_the_load_found(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, admin, id) = await CollectionHttpTests.PublishedAsync(server);
        Assert.Equal(HttpStatusCode.NoContent, (await provider.GetAsync($"/api/governance/resources/{id}/rules")).StatusCode);

        var rules = """{ "rules": [ { "field": "id_number", "rule": "identity_number" }, { "field": "name", "rule": "required" } ] }""";
        var saved = await provider.PutAsync($"/api/governance/resources/{id}/rules", new StringContent(rules, Encoding.UTF8, "application/json"));
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        Assert.Equal(1, (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var csv = "id_number,name\n11010519491231002X,张三\n110105194912310021,李四\n";
        Assert.Equal(HttpStatusCode.Created, (await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=p.csv", new ByteArrayContent(Encoding.UTF8.GetBytes(csv)))).StatusCode);

        var quality = await admin.GetFromJsonAsync<JsonElement>($"/api/governance/resources/{id}/quality");
        var latest = quality[0];
        Assert.Equal((2, 1), (latest.GetProperty("rowsChecked").GetInt32(), latest.GetProperty("rowsFailing").GetInt32()));
        Assert.Equal("110105********0021", latest.GetProperty("rules")[0].GetProperty("samples")[0].GetProperty("value").GetString());

        await ProblemAssert.IsProblemAsync(await provider.PutAsync($"/api/governance/resources/{id}/rules",
            new StringContent("""{ "rules": [ { "field": "name", "rule": "teleport" } ] }""", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "unknown_rule");
        var outsider = await server.SignedInAsync("hz.provider", server.HangzhouData, Role.ProviderAdmin);
        await ProblemAssert.IsProblemAsync(await outsider.GetAsync($"/api/governance/resources/{id}/quality"), HttpStatusCode.NotFound, "rules_not_found");
    }

    [Theory, AllDatabases]
    public async Task A_failing_rule_opens_a_ticket_that_moves_through_its_steps_over_http(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, admin, id) = await CollectionHttpTests.PublishedAsync(server);
        var rules = """{ "rules": [ { "field": "id_number", "rule": "identity_number" } ] }""";
        Assert.Equal(HttpStatusCode.OK, (await provider.PutAsync($"/api/governance/resources/{id}/rules", Json(rules))).StatusCode);
        var csv = "id_number,name\n11010519491231002X,张三\n110105194912310021,李四\n";
        Assert.Equal(HttpStatusCode.Created, (await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=p.csv", new ByteArrayContent(Encoding.UTF8.GetBytes(csv)))).StatusCode);

        var tickets = await provider.GetFromJsonAsync<JsonElement>($"/api/governance/tickets?resource={id}&state=open");
        var ticket = Assert.Single(tickets.EnumerateArray().ToList());
        var ticketId = ticket.GetProperty("id").GetInt64();
        Assert.Equal(("rule", "id_number: identity_number", 0.5), (ticket.GetProperty("origin").GetString(), ticket.GetProperty("rule").GetString(), ticket.GetProperty("failureRate").GetDouble()));

        Assert.Equal("rectifying", (await (await provider.PostAsync($"/api/governance/tickets/{ticketId}/accept", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        await ProblemAssert.IsProblemAsync(await provider.PostAsync($"/api/governance/tickets/{ticketId}/submit", Json("{}")), HttpStatusCode.BadRequest, "text_required");
        await ProblemAssert.IsProblemAsync(await provider.PostAsync($"/api/governance/tickets/{ticketId}/submit", Json("{ \"comment\": ")), HttpStatusCode.BadRequest, "malformed_json");
        var submitted = await provider.PostAsync($"/api/governance/tickets/{ticketId}/submit", Json("""{ "comment": "已整改" }"""));
        Assert.Equal("reopened", (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString()); // the data is still wrong

        var outsider = await server.SignedInAsync("hz.provider", server.HangzhouData, Role.ProviderAdmin);
        await ProblemAssert.IsProblemAsync(await outsider.GetAsync($"/api/governance/tickets/{ticketId}"), HttpStatusCode.NotFound, "ticket_not_found");
        await ProblemAssert.IsProblemAsync(await outsider.PostAsync($"/api/governance/tickets/{ticketId}/dismiss", Json("""{ "comment": "x" }""")), HttpStatusCode.NotFound, "ticket_not_found");
        var dismissed = await admin.PostAsync($"/api/governance/tickets/{ticketId}/dismiss", Json("""{ "comment": "测试数据" }"""));
        Assert.Equal("dismissed", (await dismissed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resolution").GetString());

        var kpi = await admin.GetFromJsonAsync<JsonElement>("/api/governance/tickets/kpi");
        Assert.Equal((1, 1), (kpi[0].GetProperty("opened").GetInt32(), kpi[0].GetProperty("dismissed").GetInt32()));

        // A correction about a record that is not there: 404, and no ticket.
        var missing = await admin.PostAsync($"/api/governance/resources/{id}/corrections",
            Json("""{ "key": { "id_number": "330106199001011234" }, "field": "name", "correction": "王五", "description": "姓名错误" }"""));
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound, "record_not_found");
        var reported = await admin.PostAsync($"/api/governance/resources/{id}/corrections",
            Json("""{ "key": { "id_number": "11010519491231002X" }, "field": "name", "correction": "王五", "description": "姓名错误" }"""));
        Assert.True(reported.StatusCode == HttpStatusCode.Created, await reported.Content.ReadAsStringAsync());
        Assert.StartsWith("/api/governance/tickets/", reported.Headers.Location!.OriginalString);
    }

    [Theory, AllDatabases]
    public async Task Platform_admins_keep_the_holiday_calendar_and_others_read_it(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, admin, _) = await CollectionHttpTests.PublishedAsync(server);
        var schedule = """{ "holidays": ["2026-10-01", "2026-10-02"], "workdays": ["2026-09-27"] }""";
        await ProblemAssert.IsProblemAsync(await provider.PutAsync("/api/platform/calendar", Json(schedule)), HttpStatusCode.Forbidden, "calendar_forbidden");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/platform/calendar", Json(schedule))).StatusCode);
        var read = await provider.GetFromJsonAsync<JsonElement>("/api/platform/calendar");
        Assert.Equal(["2026-10-01", "2026-10-02"], read.GetProperty("holidays").EnumerateArray().Select(d => d.GetString()));
        await ProblemAssert.IsProblemAsync(await admin.PutAsync("/api/platform/calendar", Json("""{ "holidays": [], "workdays": ["2026-09-28"] }""")),
            HttpStatusCode.BadRequest, "calendar_not_weekend");
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
