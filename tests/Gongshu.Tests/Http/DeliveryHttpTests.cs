using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.Security.Encryption;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Http;

/// <summary>Previews, exports and the masking policy over real HTTP.</summary>
public sealed class DeliveryHttpTests
{
    [Theory, AllDatabases]
    public async Task A_provider_previews_and_exports_masked_data_while_visitors_do_not_see_a_closed_resource(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, _, id) = await CollectionHttpTests.PublishedAsync(server);
        var people = EncryptionAtRestTests.People(25);
        var csv = "id_number,name\n" + string.Concat(people.Select(p => $"{p.Id},{p.Name}\n"));
        Assert.Equal(HttpStatusCode.Created, (await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=p.csv", new ByteArrayContent(Encoding.UTF8.GetBytes(csv)))).StatusCode);

        var preview = await provider.GetFromJsonAsync<JsonElement>($"/api/data/resources/{id}/preview?rows=3");
        Assert.Equal(3, preview.GetProperty("rows").GetArrayLength());
        Assert.Equal("preview", preview.GetProperty("receipt").GetProperty("channel").GetString());
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("rows")[0][0].ValueKind); // L4 is never previewed

        var export = await provider.GetAsync($"/api/data/resources/{id}/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        var text = await export.Content.ReadAsStringAsync();
        Assert.Equal(people.Count + 1, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain(people[0].Id, text, StringComparison.Ordinal);

        await ProblemAssert.IsProblemAsync(await provider.GetAsync($"/api/data/resources/{id}/export?format=xml"), HttpStatusCode.BadRequest, "unknown_format");
        using var visitor = server.Client();
        await ProblemAssert.IsProblemAsync(await visitor.GetAsync($"/api/data/resources/{id}/preview"), HttpStatusCode.NotFound, "resource_not_found");
        await ProblemAssert.IsProblemAsync(await visitor.GetAsync($"/api/data/resources/{id}/export"), HttpStatusCode.NotFound, "resource_not_found");
        var outsider = await server.SignedInAsync("hz.consumer", server.HangzhouData, Role.Consumer);
        await ProblemAssert.IsProblemAsync(await outsider.GetAsync($"/api/data/resources/{id}/export"), HttpStatusCode.Forbidden, "data_not_open");
        await ProblemAssert.IsProblemAsync(await visitor.GetAsync("/api/data/resources/999999/preview"), HttpStatusCode.NotFound, "resource_not_found");
    }

    [Theory, AllDatabases]
    public async Task Platform_admins_replace_the_masking_policy_and_bad_policies_get_problem_details(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, admin, _) = await CollectionHttpTests.PublishedAsync(server);

        var current = await provider.GetFromJsonAsync<JsonElement>("/api/security/masking-policy");
        var version = current.GetProperty("version").GetInt32();
        Assert.Equal(64, current.GetProperty("fingerprint").GetString()!.Length);

        var next = JsonSerializer.Serialize(new { version = version + 1, rules = new object[] { new { channel = "open", technique = "suppress" } } });
        await ProblemAssert.IsProblemAsync(await provider.PutAsync("/api/security/masking-policy", Json(next)), HttpStatusCode.Forbidden, "policy_forbidden");
        await ProblemAssert.IsProblemAsync(await admin.PutAsync("/api/security/masking-policy", Json("{\"version\": 2, \"rules\": [")), HttpStatusCode.BadRequest, "policy_malformed");
        var badRule = await ProblemAssert.IsProblemAsync(await admin.PutAsync("/api/security/masking-policy",
            Json(next.Replace("\"technique\":\"suppress\"", "\"technique\":\"shred\"", StringComparison.Ordinal))), HttpStatusCode.BadRequest, "unknown_technique");
        Assert.Contains("rules[0]", badRule.GetProperty("field").GetString() ?? badRule.ToString(), StringComparison.Ordinal);

        var saved = await admin.PutAsync("/api/security/masking-policy", Json(next));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var body = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(version + 1, body.GetProperty("version").GetInt32());
        await ProblemAssert.IsProblemAsync(await admin.PutAsync("/api/security/masking-policy", Json(next)), HttpStatusCode.Conflict, "policy_version_conflict");
        var history = await admin.GetFromJsonAsync<JsonElement>("/api/security/masking-policy/history");
        Assert.Equal(1, history.GetArrayLength());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
