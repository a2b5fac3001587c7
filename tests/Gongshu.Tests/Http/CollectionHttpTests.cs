using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Http;

/// <summary>Collection over HTTP: uploads streamed into a resource, history, rejects, limits and who may do what.</summary>
public sealed class CollectionHttpTests
{
    private const string Header = "id_number,name\n";

    [Theory, AllDatabases]
    public async Task A_provider_uploads_a_csv_and_reads_the_load_its_rejects_and_the_current_data(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, _, id) = await PublishedAsync(server);

        var response = await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=people.csv",
            Csv(Header + "330106199001011234,张三\n,无名氏\n330106198502023456,李四\n"));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var load = await response.Content.ReadFromJsonAsync<JsonElement>();
        var loadId = load.GetProperty("id").GetInt64();
        Assert.Equal($"/api/collection/loads/{loadId}", response.Headers.Location!.OriginalString);
        Assert.Equal("succeeded", load.GetProperty("state").GetString());
        Assert.Equal((3, 2, 1), (load.GetProperty("rowsRead").GetInt32(), load.GetProperty("rowsLoaded").GetInt32(), load.GetProperty("rowsRejected").GetInt32()));
        Assert.Equal("people.csv", load.GetProperty("sourceName").GetString());
        Assert.Equal(64, load.GetProperty("fingerprint").GetString()!.Length);

        var dataset = await provider.GetFromJsonAsync<JsonElement>($"/api/collection/resources/{id}/dataset");
        Assert.Equal(2, dataset.GetProperty("rows").GetInt32());

        // As `curl --data-binary @file` sends it: labelled a urlencoded form, yet the file itself.
        var curlLike = new ByteArrayContent(Encoding.UTF8.GetBytes(Header + "330106199001011299,王五\n"));
        curlLike.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var curled = await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=curl.csv&mode=append", curlLike);
        Assert.True(curled.StatusCode == HttpStatusCode.Created, await curled.Content.ReadAsStringAsync());
        dataset = await provider.GetFromJsonAsync<JsonElement>($"/api/collection/resources/{id}/dataset");
        Assert.Equal(3, dataset.GetProperty("rows").GetInt32());
        var history = await provider.GetFromJsonAsync<JsonElement>($"/api/collection/resources/{id}/loads");
        Assert.Equal(loadId, history[1].GetProperty("id").GetInt64());

        var rejects = await provider.GetAsync($"/api/collection/loads/{loadId}/rejects.csv");
        Assert.Equal("text/csv", rejects.Content.Headers.ContentType!.MediaType);
        var text = Encoding.UTF8.GetString(await rejects.Content.ReadAsByteArrayAsync());
        Assert.Contains("\n3,id_number,", text, StringComparison.Ordinal);
    }

    [Theory, AllDatabases]
    public async Task An_excel_workbook_uploads_as_a_multipart_form(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, _, id) = await PublishedAsync(server);
        var workbook = Gongshu.Tests.CollectionTests.Sources.Excel.TestXlsx.Build("""
            <row r="1"><c r="A1" t="inlineStr"><is><t>公民身份号码</t></is></c><c r="B1" t="inlineStr"><is><t>姓名</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>330106199001011234</t></is></c><c r="B2" t="inlineStr"><is><t>张三</t></is></c></row>
            """);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", "人口.xlsx");

        var response = await provider.PostAsync($"/api/collection/resources/{id}/loads", form);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var load = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("xlsx", "人口.xlsx", 1), (load.GetProperty("sourceFormat").GetString(), load.GetProperty("sourceName").GetString(), load.GetProperty("rowsLoaded").GetInt32()));
    }

    [Theory, AllDatabases]
    public async Task An_upload_over_the_limit_is_refused_with_413_and_nothing_changes(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind, s => s with { MaxUploadBytes = 64 * 1024 });
        var (provider, _, id) = await PublishedAsync(server);
        await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=v1.csv", Csv(Header + "330106199001011234,张三\n"));
        var big = new StringBuilder(Header);
        for (var i = 0; big.Length < 300 * 1024; i++)
        {
            big.Append(330106199001011234 + i).Append(",某某\n");
        }

        // Declared too long: refused before a byte is read.
        var declared = await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=big.csv", Csv(big.ToString()));
        var problem = await ProblemAssert.IsProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge, "upload_too_large");
        Assert.Contains("64 KB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Sent without a length: stopped as it crosses the limit.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big.ToString())));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/collection/resources/{id}/loads?fileName=big.csv") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await ProblemAssert.IsProblemAsync(await provider.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "upload_too_large");

        var dataset = await provider.GetFromJsonAsync<JsonElement>($"/api/collection/resources/{id}/dataset");
        Assert.Equal(1, dataset.GetProperty("rows").GetInt32());
    }

    [Theory, AllDatabases]
    public async Task A_broken_file_answers_400_naming_the_line_and_the_previous_data_keeps_serving(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, _, id) = await PublishedAsync(server);
        await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=v1.csv", Csv(Header + "330106199001011234,张三\n"));

        var broken = await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=v2.csv",
            Csv(Header + "330106199001011235,李四\n330106199001011236,\"王五\n330106199001011237,赵六\n"));
        var problem = await ProblemAssert.IsProblemAsync(broken, HttpStatusCode.BadRequest, "csv_unbalanced_quote");
        Assert.StartsWith("Line 3:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var noMatch = await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=v3.csv", Csv("a,b\n1,2\n"));
        await ProblemAssert.IsProblemAsync(noMatch, HttpStatusCode.BadRequest, "no_matching_columns");
        var unknownFormat = await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=data.pdf", Csv("%PDF-1.4"));
        await ProblemAssert.IsProblemAsync(unknownFormat, HttpStatusCode.BadRequest, "unknown_format");
        var badMode = await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=v.csv&mode=merge", Csv(Header));
        await ProblemAssert.IsProblemAsync(badMode, HttpStatusCode.BadRequest, "unknown_mode");

        var dataset = await provider.GetFromJsonAsync<JsonElement>($"/api/collection/resources/{id}/dataset");
        Assert.Equal(1, dataset.GetProperty("rows").GetInt32());
        var history = await provider.GetFromJsonAsync<JsonElement>($"/api/collection/resources/{id}/loads");
        Assert.Equal(["failed", "succeeded"], history.EnumerateArray().Select(l => l.GetProperty("state").GetString()));
    }

    [Theory, AllDatabases]
    public async Task The_mapping_is_suggested_from_the_header_and_can_be_overridden(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, _, id) = await PublishedAsync(server);

        var suggested = await provider.PostAsync($"/api/collection/resources/{id}/mapping?fileName=x.csv", Csv("公民身份号码,名字,备注\n1,2,3\n"));
        var mapping = await suggested.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("id_number", mapping.GetProperty("columns")[0].GetProperty("field").GetString());
        Assert.Equal("Label", mapping.GetProperty("columns")[0].GetProperty("match").GetString());
        Assert.Equal(["名字", "备注"], mapping.GetProperty("ignoredSourceColumns").EnumerateArray().Select(c => c.GetString()));

        var load = await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=x.csv&map={Uri.EscapeDataString("名字=name")}",
            Csv("公民身份号码,名字\n330106199001011234,张三\n"));
        Assert.Equal(HttpStatusCode.Created, load.StatusCode);
    }

    [Theory, AllDatabases]
    public async Task Other_organizations_cannot_load_or_read_loads_and_strangers_must_sign_in(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, admin, id) = await PublishedAsync(server);
        var created = await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=v1.csv", Csv(Header + "330106199001011234,张三\n"));
        var loadId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var otherProvider = await server.SignedInAsync("hz.provider", server.HangzhouData, Role.ProviderAdmin);
        using var anonymous = server.Client();

        await ProblemAssert.IsProblemAsync(await otherProvider.PostAsync($"/api/collection/resources/{id}/loads?fileName=x.csv", Csv(Header)),
            HttpStatusCode.Forbidden, "collection_forbidden");
        await ProblemAssert.IsProblemAsync(await admin.PostAsync($"/api/collection/resources/{id}/loads?fileName=x.csv", Csv(Header)),
            HttpStatusCode.Forbidden, "collection_forbidden");
        await ProblemAssert.IsProblemAsync(await otherProvider.GetAsync($"/api/collection/loads/{loadId}"), HttpStatusCode.NotFound, "load_not_found");
        await ProblemAssert.IsProblemAsync(await otherProvider.GetAsync($"/api/collection/loads/{loadId}/rejects.csv"), HttpStatusCode.NotFound, "load_not_found");
        await ProblemAssert.IsProblemAsync(await otherProvider.GetAsync($"/api/collection/resources/{id}/loads"), HttpStatusCode.Forbidden, "collection_forbidden");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/collection/loads/{loadId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/collection/resources/{id}/loads?fileName=x.csv", Csv(Header))).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task Injection_strings_in_names_mappings_and_values_are_only_ever_data(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, _, id) = await PublishedAsync(server);
        const string evil = "'); DROP TABLE collection_loads; --";

        var response = await provider.PostAsync(
            $"/api/collection/resources/{id}/loads?fileName={Uri.EscapeDataString(evil + ".csv")}&map={Uri.EscapeDataString("x\"; DROP TABLE dataset_versions; --=")}",
            Csv($"id_number,name,x\"; DROP TABLE dataset_versions; --\n330106199001011234,\"{evil.Replace("\"", "\"\"", StringComparison.Ordinal)}\",1\n"));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var load = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(evil + ".csv", load.GetProperty("sourceName").GetString());
        var history = await provider.GetFromJsonAsync<JsonElement>($"/api/collection/resources/{id}/loads");
        Assert.Equal(1, history.GetArrayLength());
        await using var connection = await server.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM {server.Database.Dialect.Quote("ds_" + load.GetProperty("datasetVersionId").GetInt64())}";
        Assert.Equal(evil, await command.ExecuteScalarAsync());
    }

    [Theory, AllDatabases]
    public async Task A_source_is_registered_run_and_listed_without_its_secret(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, admin, id) = await PublishedAsync(server);
        await using var department = await CollectionTests.Sources.Database.SourceDatabase.CreateAsync(DatabaseKind.Sqlite);
        await department.ExecuteAsync("CREATE TABLE people (id_number text, name text); INSERT INTO people VALUES ('330106199001011234', '张三');");

        var created = await provider.PostAsJsonAsync($"/api/collection/resources/{id}/sources",
            new { name = "人口库", kind = "sqlite", connection = department.Connection, table = "people", schedule = "0 3 * * *" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var text = await created.Content.ReadAsStringAsync();
        Assert.DoesNotContain(department.Connection.Replace("\\", "\\\\", StringComparison.Ordinal), text, StringComparison.Ordinal);
        var sourceId = JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();

        var run = await provider.PostAsync($"/api/collection/sources/{sourceId}/run", null);
        Assert.True(run.StatusCode == HttpStatusCode.OK, await run.Content.ReadAsStringAsync());
        Assert.Equal(1, (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rowsLoaded").GetInt32());
        var listed = await admin.GetFromJsonAsync<JsonElement>($"/api/collection/resources/{id}/sources");
        Assert.Equal("0 3 * * *", listed[0].GetProperty("schedule").GetString());
        Assert.False(listed[0].TryGetProperty("connection", out _));
        await ProblemAssert.IsProblemAsync(await admin.PostAsync($"/api/collection/sources/{sourceId}/run", null), HttpStatusCode.Forbidden, "collection_forbidden");
        using var other = await server.SignedInAsync("hz.provider", server.HangzhouData, Role.ProviderAdmin);
        await ProblemAssert.IsProblemAsync(await other.GetAsync($"/api/collection/sources/{sourceId}"), HttpStatusCode.NotFound, "source_not_found");
        var bad = await provider.PostAsJsonAsync($"/api/collection/resources/{id}/sources", new { name = "x", kind = "sqlite", connection = "/nonexistent/x.db", table = "t" });
        await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest, "source_unreachable");
    }

    internal static async Task<(HttpClient Provider, HttpClient Admin, long Id)> PublishedAsync(ServerHarness server)
    {
        var provider = await server.SignedInAsync("gat.provider", server.Police, Role.ProviderAdmin);
        var admin = await server.SignedInAsync("dsj.admin", server.Zhejiang, Role.PlatformAdmin);
        var (id, _) = await CatalogHttpTests.PublishAsync(provider, admin, CatalogHttpTests.Population());
        return (provider, admin, id);
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");
}
