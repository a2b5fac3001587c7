using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gongshu.Catalog.Excel;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.CatalogTests.ExcelTests;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Http;

/// <summary>The Excel template, upload and download over HTTP.</summary>
public sealed class CatalogExcelHttpTests
{
    [Theory, AllDatabases]
    public async Task A_provider_downloads_the_template_uploads_a_filled_one_and_downloads_the_catalog(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        using var provider = await server.SignedInAsync("gat.provider", server.Police, Role.ProviderAdmin);

        var template = await provider.GetAsync("/api/catalog/template.xlsx");
        Assert.Equal(CatalogWorkbook.ContentType, template.Content.Headers.ContentType?.MediaType);
        var cells = TestWorkbook.Cells(new MemoryStream(await template.Content.ReadAsByteArrayAsync()), CatalogWorkbook.ResourcesSheet);
        Assert.Equal("资源序号", cells["A1"].TrimEnd('*'));

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(CatalogImportTests.TwoResources());
        file.Headers.ContentType = new MediaTypeHeaderValue(CatalogWorkbook.ContentType);
        form.Add(file, "file", "目录.xlsx");
        var imported = await provider.PostAsync("/api/catalog/import", form);
        Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        Assert.Equal(2, (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resources").GetInt32());

        var export = await provider.GetAsync("/api/catalog/export.xlsx?view=working");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var exported = TestWorkbook.Cells(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), CatalogWorkbook.ResourcesSheet);
        Assert.Contains(exported.Values, v => v == "常住人口基本信息");
    }

    [Theory, AllDatabases]
    public async Task A_wrong_workbook_lists_every_bad_cell_and_a_non_xlsx_upload_is_named_as_such(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        using var provider = await server.SignedInAsync("gat.provider", server.Police, Role.ProviderAdmin);
        var before = (await provider.GetFromJsonAsync<JsonElement>("/api/catalog/resources?view=working")).GetProperty("items").GetArrayLength();

        var workbook = TestWorkbook.Build(
            (CatalogWorkbook.ResourcesSheet,
            [
                CatalogWorkbook.ResourceColumns.Select(c => (object?)c.Header).ToArray(),
                ["1", "999999", "错误分类的资源", null, null, "软盘"],
                ["2", "101001", "", null, null, null],
            ]),
            (CatalogWorkbook.FieldsSheet,
            [
                CatalogWorkbook.FieldColumns.Select(c => (object?)c.Header).ToArray(),
                ["7", "orphan_field", "孤儿字段", "C", 10],
            ]));
        var refused = await ProblemAssert.IsProblemAsync(
            await provider.PostAsync("/api/catalog/import", new ByteArrayContent(workbook) { Headers = { ContentType = new MediaTypeHeaderValue(CatalogWorkbook.ContentType) } }),
            HttpStatusCode.BadRequest, CatalogImportException.InvalidCode);
        var cellsNamed = refused.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("sheet").GetString()}!{e.GetProperty("column").GetString()}{e.GetProperty("row").GetInt32()}").ToList();
        // No row of English keys here, so the data starts on row 2, as Excel numbers it.
        Assert.Equal(["资源!B2", "资源!F2", "资源!C3", "信息项!A2"], cellsNamed);

        await ProblemAssert.IsProblemAsync(
            await provider.PostAsync("/api/catalog/import", new ByteArrayContent(Encoding.UTF8.GetBytes("资源序号,名称\n1,人口\n")) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }),
            HttpStatusCode.BadRequest, "not_xlsx");
        Assert.Equal(before, (await provider.GetFromJsonAsync<JsonElement>("/api/catalog/resources?view=working")).GetProperty("items").GetArrayLength());

        using var consumer = await server.SignedInAsync("hz.consumer", server.HangzhouData, Role.Consumer);
        await ProblemAssert.IsProblemAsync(
            await consumer.PostAsync("/api/catalog/import", new ByteArrayContent(CatalogImportTests.TwoResources())), HttpStatusCode.Forbidden, "catalog_forbidden");
    }
}
