using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Http;

/// <summary>一数一源 over real HTTP: register an element and its copy, then read the conflict report.</summary>
public sealed class AuthorityHttpTests
{
    [Theory, AllDatabases]
    public async Task An_admin_registers_an_element_and_a_copy_and_reads_where_the_copy_disagrees(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, admin, authorityId) = await CollectionHttpTests.PublishedAsync(server);
        var (copyResourceId, copyCode) = await CatalogHttpTests.PublishAsync(provider, admin, CatalogHttpTests.Population("流动人口基础信息"));
        var authorityCode = (await admin.GetFromJsonAsync<JsonElement>($"/api/catalog/resources/{authorityId}")).GetProperty("code").GetString();
        await LoadAsync(provider, authorityId, "id_number,name\n11010519491231002X,张三\n110105194912310021,李四\n");
        await LoadAsync(provider, copyResourceId, "id_number,name\n11010519491231002x,张三\n110105194912310021,李斯\n110105194912310048,王五\n");

        var badElement = await admin.PostAsJsonAsync("/api/governance/elements",
            new { code = "person.name", name = "自然人姓名", resource = authorityCode, keyField = "name", valueField = "name" });
        var problem = await ProblemAssert.IsProblemAsync(badElement, HttpStatusCode.BadRequest, "same_field");
        Assert.Equal("valueField", problem.GetProperty("field").GetString());

        var registered = await admin.PostAsJsonAsync("/api/governance/elements",
            new { code = "person.name", name = "自然人姓名", resource = authorityCode, keyField = "id_number", valueField = "name" });
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var elementId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal($"/api/governance/elements/{elementId}", registered.Headers.Location!.OriginalString);
        var copy = await provider.PostAsJsonAsync($"/api/governance/elements/{elementId}/copies", new { resource = copyCode, keyField = "id_number", valueField = "name" });
        Assert.True(copy.StatusCode == HttpStatusCode.Created, await copy.Content.ReadAsStringAsync());

        var report = await admin.GetFromJsonAsync<JsonElement>($"/api/governance/elements/{elementId}/conflicts");
        Assert.Equal(("compared", 2), (report.GetProperty("authority").GetProperty("state").GetString(), report.GetProperty("authority").GetProperty("rows").GetInt32()));
        var section = report.GetProperty("copies")[0];
        Assert.Equal((3, 1, 1, 1), (section.GetProperty("compared").GetInt32(), section.GetProperty("agree").GetInt32(),
            section.GetProperty("disagree").GetInt32(), section.GetProperty("missingInAuthority").GetInt32()));
        var sample = section.GetProperty("samples")[0];
        Assert.Equal(("110105********0021", "李*", "李*"), (sample.GetProperty("key").GetString(), sample.GetProperty("copyValue").GetString(), sample.GetProperty("authorityValue").GetString()));

        var outsider = await server.SignedInAsync("hz.provider", server.HangzhouData, Role.ProviderAdmin);
        await ProblemAssert.IsProblemAsync(await outsider.GetAsync($"/api/governance/elements/{elementId}/conflicts"), HttpStatusCode.NotFound, "conflicts_not_found");
        Assert.Equal(1, (await outsider.GetFromJsonAsync<JsonElement>("/api/governance/elements")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, (await provider.DeleteAsync($"/api/governance/elements/{elementId}/copies/{section.GetProperty("copyId").GetInt64()}")).StatusCode);
    }

    private static async Task LoadAsync(HttpClient provider, long resourceId, string csv)
    {
        var response = await provider.PostAsync($"/api/collection/resources/{resourceId}/loads?fileName=p.csv", new ByteArrayContent(Encoding.UTF8.GetBytes(csv)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
