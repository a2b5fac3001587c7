using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Gongshu.Directories;
using Gongshu.Opening;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Http;

/// <summary>Restricted-open applications and the downloads they allow, over real HTTP.</summary>
public sealed class OpeningHttpTests
{
    [Theory, AllDatabases]
    public async Task A_public_user_applies_the_provider_approves_and_the_xlsx_download_opens_while_others_get_404(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        using var provider = await server.SignedInAsync("gat.provider", server.Police, Role.ProviderAdmin);
        using var admin = await server.SignedInAsync("dsj.admin", server.Zhejiang, Role.PlatformAdmin);
        using var citizen = await server.SignedInAsync("lin.xiaoyu", server.Zhejiang, Role.Public);
        using var stranger = await server.SignedInAsync("zhang.san", server.Zhejiang, Role.Public);
        using var otherProvider = await server.SignedInAsync("hz.provider", server.HangzhouData, Role.ProviderAdmin);
        var (id, _) = await CatalogHttpTests.PublishAsync(provider, admin, new
        {
            name = "交通违法处理窗口信息",
            summary = "全省交通违法处理窗口的名称、地址和办公时间，按月更新，供群众查询。",
            keywords = new[] { "交通", "窗口" },
            format = "database",
            formatSubtype = "PostgreSQL",
            fields = new object[]
            {
                new { name = "window_no", label = "窗口编号", type = "C", length = 20, description = "窗口编号", isKey = true, nullable = false, grade = "L1" },
                new { name = "name", label = "窗口名称", type = "C", length = 100, description = "窗口名称", grade = "L1" },
            },
            shareType = "unconditional",
            shareMethod = "api",
            openType = "restricted",
            openCondition = "实名注册用户申请后获取",
            updateCycle = "monthly",
            tags = new[] { "便民服务" },
        }, "301");
        var load = await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=w.csv",
            new StringContent("window_no,name\nW1,西湖区交警窗口\nW2,拱墅区交警窗口\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Created, load.StatusCode);

        var unticked = await ProblemAssert.IsProblemAsync(await citizen.PostAsJsonAsync("/api/opening/applications",
            new { resourceId = id, purpose = "出行服务小程序", scenario = "面向市民查询窗口", agreementAccepted = false }), HttpStatusCode.BadRequest, "agreement_required");
        Assert.Equal("agreementAccepted", unticked.GetProperty("field").GetString());
        var filed = await citizen.PostAsJsonAsync("/api/opening/applications",
            new { resourceId = id, purpose = "出行服务小程序", scenario = "面向市民查询窗口", agreementAccepted = true });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var applicationId = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal($"/api/opening/applications/{applicationId}", filed.Headers.Location!.OriginalString);

        await ProblemAssert.IsProblemAsync(await citizen.GetAsync($"/api/data/resources/{id}/export?format=xlsx"), HttpStatusCode.Forbidden, "data_not_open");
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync($"/api/opening/applications/{applicationId}"), HttpStatusCode.NotFound, "application_not_found");
        var validTo = Gongshu.Calendar.WorkingCalendar.DayOf(server.Clock.GetUtcNow()).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await ProblemAssert.IsProblemAsync(await otherProvider.PostAsJsonAsync($"/api/opening/applications/{applicationId}/decision", new { approve = true, validTo }),
            HttpStatusCode.NotFound, "application_not_found");
        var mine = await provider.GetFromJsonAsync<JsonElement>("/api/opening/applications?provider=true");
        Assert.Equal(applicationId, mine[0].GetProperty("id").GetInt64());

        var decided = await provider.PostAsJsonAsync($"/api/opening/applications/{applicationId}/decision", new { approve = true, validTo });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("approved", (await decided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        await ProblemAssert.IsProblemAsync(await provider.PostAsJsonAsync($"/api/opening/applications/{applicationId}/decision", new { approve = false, reason = "撤回" }),
            HttpStatusCode.Conflict, "application_decided");

        var export = await citizen.GetAsync($"/api/data/resources/{id}/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var text = document.WorkbookPart!.WorksheetParts.Single().Worksheet.InnerText;
        Assert.Contains("西湖区交警窗口", text, StringComparison.Ordinal);
        Assert.Contains("拱墅区交警窗口", text, StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync($"/api/data/resources/{id}/export?format=csv"), HttpStatusCode.Forbidden, "data_not_open");
    }
}
