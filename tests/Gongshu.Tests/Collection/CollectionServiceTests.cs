using System.Globalization;
using System.Text;
using Dapper;
using Gongshu.Catalog;
using Gongshu.Collection;
using Gongshu.Collection.Loads;
using Gongshu.Collection.Sources;
using Gongshu.Governance;
using Gongshu.Security.Crypto;
using Gongshu.Security.Encryption;
using Gongshu.Security.Grading;
using Gongshu.Storage;
using Gongshu.Tests.CatalogTests;
using Gongshu.Tests.Support;

using Xunit;

namespace Gongshu.Tests.CollectionTests;

public sealed class CollectionServiceTests
{
    private const string Header = "id_number,name,birth_date\n";

    [Theory, AllDatabases]
    public async Task A_full_load_switches_in_a_new_version_and_records_who_what_and_how_many(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        var bytes = Utf8(Header + "330106199001011234,张三,1990-01-01\n330106198502023456,李四,1985/2/2\n");

        var load = await h.LoadAsync(bytes, "people.csv");

        Assert.Equal(CollectionLoad.Succeeded, load.State);
        Assert.Equal((2L, 2L, 0L), (load.RowsRead, load.RowsLoaded, load.RowsRejected));
        Assert.Equal(Sm3.HashHex(bytes), load.Fingerprint);
        Assert.Equal(bytes.Length, load.BytesRead);
        Assert.Equal(("file", "people.csv", "csv", "utf-8"), (load.SourceKind, load.SourceName, load.SourceFormat, load.Encoding));
        Assert.Equal(101, load.ActorUserId);
        Assert.NotNull(load.FinishedAt);
        var rows = await h.RowsAsync();
        Assert.Equal(["330106198502023456|李四|1985-02-02", "330106199001011234|张三|1990-01-01"], rows);
        var audit = await h.AuditAsync();
        var entry = Assert.Single(audit);
        Assert.Equal("success", entry.Outcome);
        Assert.Contains($"\"load\":{load.Id}", entry.Detail, StringComparison.Ordinal);
        Assert.Contains(load.Fingerprint!, entry.Detail, StringComparison.Ordinal);
    }

    [Theory, AllDatabases]
    public async Task Bad_rows_go_to_rejects_with_line_and_reason_while_good_rows_load(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        var csv = Header
            + "330106199001011234,张三,1990-01-01\n"
            + "330106199001011235,王五,1990-13-01\n"                 // line 3: no month 13
            + "\"330106199001011236\",\"赵\n六\",2023年1月5日\n"      // lines 4-5: a quoted newline, good
            + ",无名氏,2000-01-01\n"                                  // line 6: the key is required
            + "330106199001011237,孙七\n"                             // line 7: a value short
            + "330106199001011238,周八,20230105\n";                   // line 8: good
        var load = await h.LoadAsync(Utf8(csv), "people.csv");

        Assert.Equal((6L, 3L, 3L), (load.RowsRead, load.RowsLoaded, load.RowsRejected));
        var rejects = await h.Collection.RejectsAsync(h.Catalog.PoliceAdmin, load.Id).ToListAsync();
        Assert.Equal([3L, 6L, 7L], rejects.Select(r => r.Line));
        Assert.Equal("birth_date", rejects[0].Field);
        Assert.Contains("1990-13-01", rejects[0].Reason, StringComparison.Ordinal);
        Assert.Equal("id_number", rejects[1].Field);
        Assert.Contains("2 values", rejects[2].Reason, StringComparison.Ordinal);
        Assert.Equal("330106199001011235,王五,1990-13-01", rejects[0].Record);
        Assert.Contains("330106199001011236|赵\n六|2023-01-05", await h.RowsAsync());

        var output = new MemoryStream();
        await RejectsCsv.WriteAsync(h.Collection.RejectsAsync(h.Catalog.PoliceAdmin, load.Id), output);
        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.StartsWith("\uFEFF行号 line,", text, StringComparison.Ordinal);
        Assert.Contains("3,birth_date,", text, StringComparison.Ordinal);
    }

    [Theory, AllDatabases]
    public async Task All_or_nothing_loads_nothing_when_a_row_is_bad_and_the_previous_version_keeps_serving(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        var first = await h.LoadAsync(Utf8(Header + "330106199001011234,张三,1990-01-01\n"), "v1.csv");

        var e = await Assert.ThrowsAsync<GongshuException>(() => h.LoadAsync(
            Utf8(Header + "330106199001011235,王五,1990-02-01\n330106199001011236,赵六,not a date\n"), "v2.csv",
            new LoadOptions { AllOrNothing = true }));

        Assert.Equal("rows_rejected", e.Code);
        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
        Assert.Equal(["330106199001011234|张三|1990-01-01"], await h.RowsAsync());
        var loads = await h.Collection.ListLoadsAsync(h.Catalog.PoliceAdmin, h.Resource.Id);
        Assert.Equal([CollectionLoad.Failed, CollectionLoad.Succeeded], loads.Select(l => l.State));
        Assert.Equal(("rows_rejected", 1L, 0L), (loads[0].ErrorCode, loads[0].RowsRejected, loads[0].RowsLoaded));
        Assert.Equal(first.DatasetVersionId, (await h.Collection.Datasets.GetCurrentAsync(h.Resource.Code))!.Id);
        Assert.Single(await h.Collection.RejectsAsync(h.Catalog.PoliceAdmin, loads[0].Id).ToListAsync());
    }

    [Theory, AllDatabases]
    public async Task An_unreadable_file_fails_the_load_naming_the_line_and_changes_nothing(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        await h.LoadAsync(Utf8(Header + "330106199001011234,张三,1990-01-01\n"), "v1.csv");
        var broken = Header + "330106199001011235,王五,1990-02-01\n330106199001011236,\"赵六,1990-02-02\n330106199001011237,钱七,1990-02-03\n";

        var e = await Assert.ThrowsAsync<SourceFormatException>(() => h.LoadAsync(Utf8(broken), "broken.csv"));

        Assert.Equal(3, e.Line);
        Assert.Equal(["330106199001011234|张三|1990-01-01"], await h.RowsAsync());
        var failed = (await h.Collection.ListLoadsAsync(h.Catalog.PoliceAdmin, h.Resource.Id))[0];
        Assert.Equal((CollectionLoad.Failed, e.Code), (failed.State, failed.ErrorCode));

        // The break is in the first batch, read (for detection) before a version is created: none to abandon.
        Assert.Null(failed.DatasetVersionId);
        Assert.Single(await h.Collection.Datasets.ListVersionsAsync(h.Resource.Code));
    }

    [Theory, AllDatabases]
    public async Task A_header_that_matches_no_field_is_refused_before_anything_is_written(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);

        var e = await Assert.ThrowsAsync<GongshuException>(() => h.LoadAsync(Utf8("foo,bar\n1,2\n"), "odd.csv"));

        Assert.Equal("no_matching_columns", e.Code);
        Assert.Contains("公民身份号码", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, await h.Catalog.CountAsync("collection_loads"));
        Assert.Equal(0, await h.Catalog.CountAsync("dataset_versions"));
    }

    [Theory, AllDatabases]
    public async Task Columns_are_matched_by_chinese_label_and_a_mapping_can_override_them(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        await h.LoadAsync(Utf8("公民身份号码,姓名,生日,备注\n330106199001011234,张三,1990-01-01,x\n"), "labels.csv",
            new LoadOptions { Mapping = new Dictionary<string, string> { ["生日"] = "birth_date", ["备注"] = "" } });

        Assert.Equal(["330106199001011234|张三|1990-01-01"], await h.RowsAsync());
        var e = await Assert.ThrowsAsync<GongshuException>(() => h.LoadAsync(Utf8("姓名\n张三\n"), "no-key.csv"));
        Assert.Equal("unmapped_required_field", e.Code);
    }

    [Theory, AllDatabases]
    public async Task A_gbk_file_loads_its_chinese_intact(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        var gbk = CodePagesGb18030().GetBytes("公民身份号码,姓名,出生日期\r\n330106199001011234,欧阳娜娜,1990-01-01\r\n");

        var load = await h.LoadAsync(gbk, "gbk.csv");

        Assert.Equal("gb18030", load.Encoding);
        Assert.Equal(["330106199001011234|欧阳娜娜|1990-01-01"], await h.RowsAsync());
    }

    [Theory, AllDatabases]
    public async Task Json_ndjson_xlsx_and_xls_files_load_like_csv(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        const string expected = "330106199001011234|张三|1990-01-01";

        await h.LoadAsync(Utf8("""[{"id_number":"330106199001011234","name":"张三","birth_date":"1990-01-01"}]"""), "people.json");
        Assert.Equal([expected], await h.RowsAsync());
        var ndjson = await h.LoadAsync(Utf8("{\"公民身份号码\":\"330106199001011234\",\"姓名\":\"张三\",\"出生日期\":\"1990年1月1日\"}\n{\"公民身份号码\":\"330106199001011299\",\"出生日期\":\"1990-02-30\"}\n"), "people.ndjson");
        Assert.Equal(("ndjson", 1L, 1L), (ndjson.SourceFormat, ndjson.RowsLoaded, ndjson.RowsRejected));
        Assert.Equal([expected], await h.RowsAsync());

        await h.LoadAsync(CollectionTests.Sources.Excel.TestXlsx.Build("""
            <row r="1"><c r="A1" t="inlineStr"><is><t>公民身份号码</t></is></c><c r="B1" t="inlineStr"><is><t>姓名</t></is></c><c r="C1" t="inlineStr"><is><t>出生日期</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>330106199001011234</t></is></c><c r="B2" t="inlineStr"><is><t>张三</t></is></c><c r="C2"><v>32874</v></c></row>
            """), "people.xlsx");
        Assert.Equal([expected], await h.RowsAsync());

        var xls = CollectionTests.Sources.Excel.XlsSourceReaderTests.Workbook(workbook =>
        {
            var sheet = workbook.CreateSheet("人口");
            var header = sheet.CreateRow(0);
            header.CreateCell(0).SetCellValue("公民身份号码");
            header.CreateCell(1).SetCellValue("姓名");
            header.CreateCell(2).SetCellValue("出生日期");
            var row = sheet.CreateRow(1);
            row.CreateCell(0).SetCellValue("330106199001011234");
            row.CreateCell(1).SetCellValue("张三");
            row.CreateCell(2).SetCellValue("1990/1/1");
        });
        var load = await h.LoadAsync(xls, "people.xls");
        Assert.Equal("xls", load.SourceFormat);
        Assert.Equal([expected], await h.RowsAsync());
    }

    [Theory, AllDatabases]
    public async Task Append_adds_rows_and_upsert_replaces_by_key_the_last_row_of_a_key_winning(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        await h.LoadAsync(Utf8(Header + "330106199001011234,张三,1990-01-01\n330106199001011235,李四,1990-01-02\n"), "v1.csv");

        await h.LoadAsync(Utf8(Header + "330106199001011236,王五,1990-01-03\n"), "more.csv", new LoadOptions { Mode = LoadMode.Append });
        Assert.Equal(3, (await h.RowsAsync()).Count);

        var upsert = await h.LoadAsync(
            Utf8(Header + "330106199001011235,李四改,1991-01-02\n330106199001011237,赵六,1990-01-04\n330106199001011237,赵六改,1990-01-05\n"),
            "changes.csv", new LoadOptions { Mode = LoadMode.Upsert });

        Assert.Equal(3, upsert.RowsLoaded);
        Assert.Equal(
            ["330106199001011234|张三|1990-01-01", "330106199001011235|李四改|1991-01-02", "330106199001011236|王五|1990-01-03", "330106199001011237|赵六改|1990-01-05"],
            await h.RowsAsync());
        Assert.Equal(4, (await h.Collection.Datasets.GetCurrentAsync(h.Resource.Code))!.RowCount);
    }

    [Theory, AllDatabases]
    public async Task Only_the_providers_own_admins_load_and_only_they_and_platform_admins_see_the_history(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        var load = await h.LoadAsync(Utf8(Header + "330106199001011234,张三,1990-01-01\n"), "v1.csv");

        foreach (var stranger in new[] { h.Catalog.MarketAdmin, h.Catalog.PoliceConsumer, h.Catalog.Reviewer })
        {
            var e = await Assert.ThrowsAsync<GongshuException>(() => h.LoadAsync(Utf8(Header), "x.csv", caller: stranger));
            Assert.Equal(ErrorKind.Forbidden, e.Kind);
        }

        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<GongshuException>(() => h.Collection.ListLoadsAsync(h.Catalog.MarketAdmin, h.Resource.Id))).Kind);
        Assert.Equal("load_not_found", (await Assert.ThrowsAsync<GongshuException>(() => h.Collection.GetLoadAsync(h.Catalog.MarketAdmin, load.Id))).Code);
        Assert.Equal(load.Id, (await h.Collection.GetLoadAsync(h.Catalog.Reviewer, load.Id)).Id);
        var complete = CatalogHarness.Complete("无主键的常住人口信息");
        var upsertWithoutKey = await h.Catalog.PublishAsync(complete with
        {
            Format = "spreadsheet", ShareMethod = "file", Fields = complete.Fields.Select(f => f with { IsKey = false, Nullable = true }).ToList(),
        });
        Assert.Equal("no_key", (await Assert.ThrowsAsync<GongshuException>(() =>
            h.LoadAsync(Utf8("name\n张三\n"), "k.csv", new LoadOptions { Mode = LoadMode.Upsert }, resourceId: upsertWithoutKey.Id))).Code);
    }

    [Theory, AllDatabases]
    public async Task A_load_whose_process_died_is_marked_failed_and_its_version_abandoned(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        await h.LoadAsync(Utf8(Header + "330106199001011234,张三,1990-01-01\n"), "v1.csv");
        var orphan = await h.Collection.Datasets.CreateVersionAsync(h.Resource.Code, CollectionService.DatasetColumns(h.Resource));
        await using (var connection = await h.Catalog.Database.OpenConnectionAsync())
        {
            // A process on this machine that no longer exists started this load.
            await connection.ExecuteAsync("""
                INSERT INTO collection_loads (resource_id, resource_code, mode, source_kind, source_name, state, actor_user_id, organization_id,
                    owner, started_at, heartbeat_at, dataset_version_id)
                VALUES (@Id, @Code, 'full', 'file', 'big.csv', 'running', 101, @org, @owner, @now, @now, @version)
                """, new { h.Resource.Id, h.Resource.Code, org = h.Catalog.Police.Id, owner = $"{Environment.MachineName}:{int.MaxValue}", now = h.Catalog.Clock.GetUtcNow(), version = orphan.Id });
        }

        Assert.Equal(1, await h.Collection.RecoverInterruptedAsync());

        var loads = await h.Collection.ListLoadsAsync(h.Catalog.PoliceAdmin, h.Resource.Id);
        Assert.Equal(("failed", "load_interrupted"), (loads[0].State, loads[0].ErrorCode));
        Assert.Contains(orphan.TableName, await h.Collection.Datasets.DropAbandonedVersionsAsync());
        Assert.Equal(["330106199001011234|张三|1990-01-01"], await h.RowsAsync());
        Assert.Equal(0, await h.Collection.RecoverInterruptedAsync());
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static Encoding CodePagesGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}

/// <summary>The catalog harness with collection on top and a published resource of the police: 常住人口基本信息 (id_number key, name, birth_date).</summary>
internal sealed class CollectionHarness : IAsyncDisposable
{
    private CollectionHarness(CatalogHarness catalog, CatalogResource resource, FieldEncryption encryption)
    {
        Catalog = catalog;
        Resource = resource;
        Encryption = encryption;
        Grading = new FieldGrading(catalog.Database, catalog.Catalog, encryption, catalog.AuditLog, catalog.Clock);
        Rules = new QualityRules(catalog.Database, catalog.Catalog, encryption, catalog.AuditLog, catalog.Clock);
        Collection = new CollectionService(catalog.Database, catalog.Catalog, catalog.AuditLog, Grading, encryption, Rules, catalog.Clock);
    }

    public CatalogHarness Catalog { get; }

    public CatalogResource Resource { get; }

    public CollectionService Collection { get; }

    public FieldEncryption Encryption { get; }

    public FieldGrading Grading { get; }

    public QualityRules Rules { get; }

    public static async Task<CollectionHarness> CreateAsync(DatabaseKind kind)
    {
        var catalog = await CatalogHarness.CreateAsync(kind);
        var resource = await catalog.PublishAsync(CatalogHarness.Complete());
        var encryption = await FieldEncryption.OpenAsync(catalog.Database, FieldKeyring.Open(catalog.Keys.Directory), catalog.Keys, catalog.Clock);
        return new CollectionHarness(catalog, resource, encryption);
    }

    public async Task<CollectionLoad> LoadAsync(byte[] file, string fileName, LoadOptions? options = null, CatalogCaller? caller = null, long? resourceId = null)
    {
        await using var stream = new MemoryStream(file);
        await using var source = await SourceFiles.OpenAsync(stream, fileName, new FileReadOptions(), maxBytes: null, CancellationToken.None);
        return await Collection.LoadAsync(caller ?? Catalog.PoliceAdmin, resourceId ?? Resource.Id, source.Input(file.Length), options);
    }

    /// <summary>The current version's rows as id|name|birth date, sorted, read as the platform reads them (decrypted).</summary>
    public async Task<List<string>> RowsAsync()
    {
        var current = await Collection.Datasets.GetCurrentAsync(Resource.Code) ?? throw new InvalidOperationException("No current version.");
        var revealer = new RowRevealer(Encryption, current);
        var names = revealer.Fields.Select(c => c.Name).ToList();
        var rows = new List<string>();
        await foreach (var row in Collection.Datasets.ReadAsync(current))
        {
            var values = revealer.Reveal(row.Values);
            var birth = values[names.IndexOf("birth_date")] is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
            rows.Add($"{values[names.IndexOf("id_number")]}|{values[names.IndexOf("name")]}|{birth}");
        }

        return rows.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The collection's audit entries in order.</summary>
    public async Task<List<AuditLine>> AuditAsync()
    {
        await using var connection = await Catalog.Database.OpenConnectionAsync();
        return (await connection.QueryAsync<AuditLine>(
            "SELECT action, outcome, actor, object, detail FROM audit_log WHERE action LIKE 'collection.%' ORDER BY seq")).ToList();
    }

    public ValueTask DisposeAsync() => Catalog.DisposeAsync();
}
