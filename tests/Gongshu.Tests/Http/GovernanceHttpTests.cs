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
}
