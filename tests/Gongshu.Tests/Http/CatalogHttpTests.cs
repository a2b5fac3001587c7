using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Http;

/// <summary>The catalog over REST: register, review, publish, and what each kind of caller then sees.</summary>
public sealed class CatalogHttpTests
{
    internal static object Population(string name = "常住人口基础信息") => new
    {
        name,
        summary = "全省常住人口的姓名、公民身份号码、性别、出生日期和户籍地址等基本信息，按日更新。",
        keywords = new[] { "人口", "户籍" },
        format = "database",
        formatSubtype = "达梦 DM8",
        fields = new object[]
        {
            new { name = "id_number", label = "公民身份号码", type = "C", length = 18, description = "18 位身份号码", isKey = true, nullable = false, grade = "L3" },
            new { name = "name", label = "姓名", type = "C", length = 50, description = "户籍登记姓名", grade = "L3" },
        },
        shareType = "conditional",
        shareCondition = "用于政务服务身份核验",
        shareMethod = "api",
        legalBasis = "《中华人民共和国居民身份证法》",
        openType = "closed",
        updateCycle = "daily",
        tags = new[] { "一网通办" },
    };

    internal static object TrafficWindows(string name = "交通违法处理窗口信息") => new
    {
        name,
        summary = "全省公安交通管理部门违法处理窗口的名称、地址、办公时间和联系电话，供公众查询“企业 信用”相关业务办理地点。",
        keywords = new[] { "交通", "窗口", "信用" },
        format = "spreadsheet",
        formatSubtype = "xlsx",
        fields = new object[]
        {
            new { name = "window_code", label = "窗口编号", type = "C", length = 20, description = "窗口唯一编号", isKey = true, nullable = false, grade = "L1" },
            new { name = "window_name", label = "窗口名称", type = "C", length = 100, description = "窗口全称", grade = "L1" },
            new { name = "address", label = "地址", type = "C", length = 200, description = "办公地址", grade = "L1" },
        },
        shareType = "unconditional",
        shareMethod = "file",
        openType = "open",
        updateCycle = "monthly",
        tags = new[] { "便民服务" },
    };

    /// <summary>Registers, submits and approves a resource through the API; returns its id and code.</summary>
    internal static async Task<(long Id, string Code)> PublishAsync(HttpClient provider, HttpClient admin, object metadata, string classification = "101001")
    {
        var created = await provider.PostAsJsonAsync("/api/catalog/resources", new { classificationCode = classification, metadata });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var resource = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = resource.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsync($"/api/catalog/resources/{id}/submit", null)).StatusCode);
        var approved = await admin.PostAsJsonAsync($"/api/catalog/resources/{id}/approve", new { comment = "同意发布" });
        Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        return (id, resource.GetProperty("code").GetString()!);
    }

    [Theory, AllDatabases]
    public async Task A_resource_goes_from_draft_to_published_and_the_public_sees_only_the_open_catalog(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        using var provider = await server.SignedInAsync("gat.provider", server.Police, Role.ProviderAdmin);
        using var admin = await server.SignedInAsync("dsj.admin", server.Zhejiang, Role.PlatformAdmin);
        using var consumer = await server.SignedInAsync("hz.consumer", server.HangzhouData, Role.Consumer);
        using var anonymous = server.Client();

        var (closedId, closedCode) = await PublishAsync(provider, admin, Population());
        var (openId, _) = await PublishAsync(provider, admin, TrafficWindows(), "301");
        Assert.Matches(@"^101001/\d{5}$", closedCode);

        var governmentHits = await consumer.GetFromJsonAsync<JsonElement>("/api/catalog/search?q=人口");
        Assert.Contains(governmentHits.GetProperty("hits").EnumerateArray(), h => h.GetProperty("resourceId").GetInt64() == closedId);
        var publicHits = await anonymous.GetFromJsonAsync<JsonElement>("/api/catalog/search?q=人口&open=closed");
        Assert.Equal(0, publicHits.GetProperty("total").GetInt64());

        // Not even a facet count tells the public how many closed resources match.
        var publicFacets = await anonymous.GetFromJsonAsync<JsonElement>("/api/catalog/search?q=人口&open=closed&facet=openType");
        Assert.DoesNotContain(publicFacets.GetProperty("facets").GetProperty("openType").EnumerateArray(), f => f.GetProperty("value").GetString() == "closed");
        var governmentFacets = await consumer.GetFromJsonAsync<JsonElement>("/api/catalog/search?q=人口&open=open&facet=openType");
        Assert.Contains(governmentFacets.GetProperty("facets").GetProperty("openType").EnumerateArray(), f => f.GetProperty("value").GetString() == "closed");
        var both = await anonymous.GetFromJsonAsync<JsonElement>("/api/catalog/search?q=企业%20信用");
        Assert.Equal([openId], both.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("resourceId").GetInt64()));

        Assert.Equal(HttpStatusCode.OK, (await consumer.GetAsync($"/api/catalog/resources/{closedId}")).StatusCode);
        using var citizen = await server.SignedInAsync("citizen", server.Zhejiang, Role.Public);
        await ProblemAssert.IsProblemAsync(await citizen.GetAsync($"/api/catalog/resources/{closedId}"), HttpStatusCode.NotFound, "resource_not_found");
        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync($"/api/catalog/resources/{openId}")).StatusCode);

        var history = await provider.GetFromJsonAsync<JsonElement>($"/api/catalog/resources/{closedId}/history");
        Assert.Equal(["create", "submit", "approve"], history.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("action").GetString()));
    }

    [Theory, AllDatabases]
    public async Task Bad_catalog_input_and_other_organizations_drafts_get_clear_4xx_answers(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        using var provider = await server.SignedInAsync("gat.provider", server.Police, Role.ProviderAdmin);
        using var other = await server.SignedInAsync("hz.provider", server.HangzhouData, Role.ProviderAdmin);
        using var consumer = await server.SignedInAsync("hz.consumer", server.HangzhouData, Role.Consumer);

        var draft = await (await provider.PostAsJsonAsync("/api/catalog/resources", new { classificationCode = "101001", metadata = new { name = "半成品目录" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = draft.GetProperty("id").GetInt64();

        var refused = await ProblemAssert.IsProblemAsync(await provider.PostAsync($"/api/catalog/resources/{id}/submit", null), HttpStatusCode.BadRequest, "metadata_rules_failed");
        Assert.True(refused.GetProperty("failures").GetArrayLength() > 2);

        await ProblemAssert.IsProblemAsync(await other.GetAsync($"/api/catalog/resources/{id}?view=working"), HttpStatusCode.NotFound, "resource_not_found");
        await ProblemAssert.IsProblemAsync(await other.PutAsJsonAsync($"/api/catalog/resources/{id}", new { name = "抢注" }), HttpStatusCode.NotFound, "resource_not_found");
        await ProblemAssert.IsProblemAsync(await consumer.PostAsJsonAsync("/api/catalog/resources", new { classificationCode = "101001", metadata = Population() }),
            HttpStatusCode.Forbidden, "catalog_forbidden");
        await ProblemAssert.IsProblemAsync(await provider.PostAsJsonAsync("/api/catalog/resources", new { classificationCode = "999999", metadata = Population("新目录") }),
            HttpStatusCode.BadRequest, "unknown_classification");
        await ProblemAssert.IsProblemAsync(await provider.GetAsync("/api/catalog/search?limit=5000"), HttpStatusCode.BadRequest, "invalid_input");
        await ProblemAssert.IsProblemAsync(await provider.GetAsync("/api/catalog/resources?status=deleted"), HttpStatusCode.BadRequest, "invalid_input");

        var injected = await provider.GetFromJsonAsync<JsonElement>("/api/catalog/search?q=%27%20OR%201%3D1%20--&sort=name");
        Assert.Equal(0, injected.GetProperty("total").GetInt64());
    }
}
