using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Gongshu.Catalog;
using Gongshu.Catalog.Excel;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.CatalogTests.ExcelTests;

public class CatalogImportTests
{
    private static readonly object?[] ResourceHeaders = CatalogWorkbook.ResourceColumns.Select(c => (object?)c.Header).ToArray();
    private static readonly object?[] ResourceKeys = CatalogWorkbook.ResourceColumns.Select(c => (object?)c.Key).ToArray();
    private static readonly object?[] FieldHeaders = CatalogWorkbook.FieldColumns.Select(c => (object?)c.Header).ToArray();
    private static readonly object?[] FieldKeys = CatalogWorkbook.FieldColumns.Select(c => (object?)c.Key).ToArray();

    /// <summary>
    /// Two resources as a department might type them: columns moved, a required marker and an
    /// unknown column in the header, no row of keys, a blank row, numbers and booleans where
    /// Excel makes them, Chinese names for one resource and English codes (any case) for the other.
    /// </summary>
    public static byte[] TwoResources() => TestWorkbook.Build(
        ("资源",
        [
            ["信息资源名称*", "资源序号", "信息资源分类代码", "摘要", "关键字", "信息资源格式", "格式子类", "共享类型", "共享条件", "共享方式",
                "法律依据", "开放类型", "开放条件", "更新周期", "关联资源代码", "标签", "备注"],
            ["常住人口基本信息", 1, 101001, CatalogHarness.Complete().Summary, "人口；户籍", "数据库", "达梦 DM8", "有条件共享", "用于政务服务身份核验", "接口",
                "《中华人民共和国居民身份证法》", "禁止开放", null, "每日", null, "一网通办", "备注不导入"],
            null,
            [" 机动车登记信息 ", "A-2", "301", null, "机动车、号牌,车辆", "Database", null, "UNCONDITIONAL", null, "table",
                null, "restricted", "仅向保险机构开放", "realtime", "101001/00001; 101001/00002", null],
            [null, 3], // numbered in advance, left empty: skipped
        ]),
        ("信息项",
        [
            FieldHeaders,
            FieldKeys,
            [1, "id_number", "公民身份号码", "C", 18, null, "18 位身份号码", "是", "否", "L3"],
            ["A-2", "plate_no", "号牌号码", "字符型", 10, null, null, true, null, "不敏感"],
            [1, "name", "姓名", "字符型", 50, null, "户籍登记姓名", "否", "是", "L3"],
            ["A-2", "fee", "规费", "n", "12", 2, "缴纳金额", "否", "是", "l2"],
            [1, "birth_date", "出生日期", "日期型", null, null, "公历出生日期", null, null, "L2"],
            ["A-2", "registered_at", "登记时间", "T", null, null, null, null, "否", "较敏感"],
            [3],
        ]));

    public static readonly ResourceMetadata Vehicles = new()
    {
        Name = "机动车登记信息",
        Keywords = ["机动车", "号牌", "车辆"],
        Format = "database",
        ShareType = "unconditional",
        ShareMethod = "table",
        OpenType = "restricted",
        OpenCondition = "仅向保险机构开放",
        UpdateCycle = "realtime",
        RelatedCodes = ["101001/00001", "101001/00002"],
        Fields =
        [
            new ResourceField { Name = "plate_no", Label = "号牌号码", Type = "C", Length = 10, IsKey = true, Nullable = false, Grade = "L1" },
            new ResourceField { Name = "fee", Label = "规费", Type = "N", Length = 12, Scale = 2, Description = "缴纳金额", Grade = "L2" },
            new ResourceField { Name = "registered_at", Label = "登记时间", Type = "T", Nullable = false, Grade = "L3" },
        ],
    };

    [Theory, AllDatabases]
    public async Task A_valid_workbook_creates_every_draft_with_its_metadata_transitions_and_audit_entries(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var bytes = TwoResources();
        var result = await new CatalogImport(h.Catalog).ImportAsync(h.PoliceAdmin, new MemoryStream(bytes));

        Assert.Equal([("1", 2, "101001/00001"), ("A-2", 4, "301/00001")], result.Resources.Select(r => (r.RowKey, r.Row, r.Resource.Code)));
        Assert.Equal((6, Convert.ToHexStringLower(SHA256.HashData(bytes))), (result.FieldCount, result.Sha256));
        Assert.All(result.Resources, r => Assert.Equal((ResourceStatus.Draft, (VersionState?)VersionState.Draft, h.Police.Id),
            (r.Resource.Status, r.Resource.WorkingState, r.Resource.ProviderId)));

        var people = await h.Catalog.GetAsync(h.PoliceAdmin, result.Resources[0].Resource.Id, CatalogView.Working);
        TestWorkbook.SameMetadata(CatalogHarness.Complete(), people.Version.Metadata);
        Assert.Equal(100, people.Version.Score);
        var vehicles = await h.Catalog.GetAsync(h.PoliceAdmin, result.Resources[1].Resource.Id, CatalogView.Working);
        TestWorkbook.SameMetadata(Vehicles, vehicles.Version.Metadata);
        Assert.Equal("301", vehicles.ClassificationCode);

        var history = await h.Catalog.HistoryAsync(h.PoliceAdmin, vehicles.Id);
        Assert.Equal(("create", "101"), (Assert.Single(history.Transitions).Action, history.Transitions[0].Actor));
        var audit = await h.AuditAsync();
        Assert.Equal(["catalog.create success", "catalog.create success", "catalog.import success"], audit.Select(a => a.ToString()));
        Assert.Contains("\"resources\":2", audit[2].Detail);
        Assert.Contains("\"fields\":6", audit[2].Detail);
        Assert.Contains(result.Sha256, audit[2].Detail);
        Assert.Equal(("101", null), (audit[2].Actor, audit[2].Object));

        // The drafts go on like any other: the complete one can be submitted at once.
        await h.Catalog.SubmitAsync(h.PoliceAdmin, people.Id);
    }

    [Theory, AllDatabases]
    public async Task Every_error_of_both_sheets_is_reported_with_its_sheet_row_and_column_and_nothing_is_imported(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", CatalogHarness.Complete());
        var bytes = TestWorkbook.Build(
            ("资源",
            [
                ResourceHeaders,
                ResourceKeys,
                [1, "999999", "常住人口基本信息", null, null, "纸质"],
                [2, "1", "机动车登记信息", null, null, null, null, "部分共享", null, null, null, null, null, "每旬", "101001-00001"],
                ["2", 101001, "机动车登记信息", null, "机动车；" + new string('车', 31)],
                [3, "10100A", new string('名', 101), null, null, null, null, null, null, null, null, new ErrorValue("#N/A")],
                [4, null, null, "有摘要但没有分类和名称"],
            ]),
            ("信息项",
            [
                FieldHeaders,
                FieldKeys,
                [1, "ID_Number", null, "C", 18],
                [1, "birth", null, "日期型", 8],
                [1, "birth", null, "X"],
                [9, "plate_no", null, "C", 10, null, null, null, null, "L5"],
                [2, "fee", null, "C", 10, 2, null, "maybe"],
                [2, "amount", null, "N", "十", null, null, null, "否"],
                [2, "_row", null, "N", 50],
                [null, "x1"],
            ]));

        var e = await Assert.ThrowsAsync<CatalogImportException>(() => new CatalogImport(h.Catalog).ImportAsync(h.PoliceAdmin, new MemoryStream(bytes)));

        Assert.Equal(("catalog_import_invalid", ErrorKind.BadRequest), (e.Code, e.Kind));
        Assert.Equal(
        [
            "资源!B3 unknown_classification", "资源!C3 resource_name_taken", "资源!F3 unknown_format",
            "资源!B4 classification_too_broad", "资源!H4 unknown_share_type", "资源!N4 unknown_update_cycle", "资源!O4 invalid_related_code",
            "资源!A5 duplicate_row_key", "资源!C5 duplicate_resource_name", "资源!E5 invalid_input",
            "资源!B6 unknown_classification", "资源!C6 invalid_input", "资源!L6 cell_error",
            "资源!B7 required", "资源!C7 required",
            "信息项!B3 invalid_field_name", "信息项!E4 length_not_allowed", "信息项!B5 duplicate_field_name", "信息项!D5 unknown_field_type",
            "信息项!A6 resource_row_missing", "信息项!J6 unknown_grade", "信息项!F7 scale_not_allowed", "信息项!H7 invalid_boolean",
            "信息项!E8 invalid_number", "信息项!B9 invalid_field_name", "信息项!E9 invalid_input", "信息项!A10 required",
        ], e.Errors.Select(x => $"{x.Cell} {x.Code}"));
        Assert.Equal(27, e.ErrorCount);
        Assert.Equal(("资源序号", "A", 5), (e.Errors[7].Header, e.Errors[7].Column, e.Errors[7].Row));
        Assert.Equal("资源!B3", e.Field);

        string Zh(string cell) => e.Errors.Single(x => x.Cell == cell).MessageZh;
        string En(string cell) => e.Errors.Single(x => x.Cell == cell).MessageEn;
        Assert.Equal("本单位已有名为「常住人口基本信息」的资源（101001/00001）。", Zh("资源!C3"));
        Assert.Equal("「纸质」不是有效的信息资源格式；可填：电子文件（file）、电子表格（spreadsheet）、数据库（database）、图形图像（image）、流媒体（media）、自描述格式（self_describing）、服务接口（api）。", Zh("资源!F3"));
        Assert.StartsWith("'纸质' is not a format value", En("资源!F3"));
        Assert.Equal("1 基础信息资源 是类；请填写其下的项、目或细目。", Zh("资源!B4"));
        Assert.Equal("资源序号「2」与第 4 行重复。", Zh("资源!A5"));
        Assert.Equal("与第 4 行的资源同名「机动车登记信息」。", Zh("资源!C5"));
        Assert.Equal($"「关键字」中的「{new string('车', 31)}」有 31 个字符，每项最多 30 个。", Zh("资源!E5"));
        Assert.Equal("「信息资源名称」有 101 个字符，最多 100 个。", Zh("资源!C6"));
        Assert.Equal("单元格是错误值 #N/A。", Zh("资源!L6"));
        Assert.Equal("「信息资源分类代码」必须填写。", Zh("资源!B7"));
        Assert.Equal("只有 C（字符型）和 N（数值型）字段有长度。", Zh("信息项!E4"));
        Assert.Equal("A field of type D has no length; only C (字符型) and N (数值型) do.", En("信息项!E4"));
        Assert.Equal("同一资源中字段名「birth」重复（第 4 行已使用）。", Zh("信息项!B5"));
        Assert.Equal("「资源」表中没有资源序号为「9」的资源。", Zh("信息项!A6"));
        Assert.Equal("「长度」必须是整数，而不是「十」。", Zh("信息项!E8"));
        Assert.Equal("长度必须在 1 到 38 之间。", Zh("信息项!E9"));
        Assert.Equal("The length must be between 1 and 38.", En("信息项!E9"));
        Assert.Contains("资源!B3 信息资源分类代码", e.Message);

        Assert.Equal(1, await h.CountAsync("catalog_resources"));
        Assert.Equal(3, await h.CountAsync("catalog_fields"));
        var last = (await h.AuditAsync())[^1];
        Assert.Equal("catalog.import failed", last.ToString());
        Assert.Contains("catalog_import_invalid", last.Detail);

        // Beyond the limit errors are counted, not listed.
        var capped = await Assert.ThrowsAsync<CatalogImportException>(() => new CatalogImport(h.Catalog, new CatalogImportOptions { MaxErrors = 5 })
            .ImportAsync(h.PoliceAdmin, new MemoryStream(bytes)));
        Assert.Equal((5, 27), (capped.Errors.Count, capped.ErrorCount));
    }

    [Theory, AllDatabases]
    public async Task Names_must_be_unique_within_the_file_and_among_the_providers_live_resources_only(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        await h.PublishAsync(h.MarketAdmin, CatalogHarness.Complete("企业登记信息"));
        var retired = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", CatalogHarness.Complete("旧户籍库"));
        await h.Catalog.RetireAsync(h.PoliceAdmin, retired.Id);
        var published = await h.PublishAsync(CatalogHarness.Complete("常住人口基本信息"));
        await h.Catalog.UpdateDraftAsync(h.PoliceAdmin, published.Id, CatalogHarness.Complete("常住人口信息（新）"));

        byte[] Workbook(params string[] names) => TestWorkbook.Build(
            ("资源", [ResourceHeaders, .. names.Select((n, i) => new object?[] { i + 1, "101001", n })]),
            ("信息项", [FieldHeaders]));

        var e = await Assert.ThrowsAsync<CatalogImportException>(() => new CatalogImport(h.Catalog).ImportAsync(h.PoliceAdmin,
            new MemoryStream(Workbook("户籍迁移记录", "常住人口基本信息", "常住人口信息（新）", "户籍迁移记录"))));
        Assert.Equal([("资源!C3", "resource_name_taken"), ("资源!C4", "resource_name_taken"), ("资源!C5", "duplicate_resource_name")],
            e.Errors.Select(x => (x.Cell, x.Code)));
        Assert.Contains("101001/00003", e.Errors[0].MessageZh);

        // Another provider's names and a retired resource's name are free.
        var result = await new CatalogImport(h.Catalog).ImportAsync(h.PoliceAdmin, new MemoryStream(Workbook("企业登记信息", "旧户籍库")));
        Assert.Equal(["101001/00004", "101001/00005"], result.Resources.Select(r => r.Resource.Code));
    }

    [Theory, AllDatabases]
    public async Task A_refusal_while_writing_rolls_back_every_draft_of_the_file_and_the_code_counter(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        // The second resource names the code it is about to receive.
        var bytes = TestWorkbook.Build(
            ("资源",
            [
                ResourceHeaders,
                [1, "101001", "常住人口基本信息"],
                [2, "101001", "户籍迁移记录", null, null, null, null, null, null, null, null, null, null, null, "101001/00002"],
            ]),
            ("信息项", [FieldHeaders, [1, "id_number", null, "C", 18]]));

        var e = await Assert.ThrowsAsync<CatalogImportException>(() => new CatalogImport(h.Catalog).ImportAsync(h.PoliceAdmin, new MemoryStream(bytes)));

        var error = Assert.Single(e.Errors);
        Assert.Equal(("资源!O3", "关联资源代码", "related_code_self"), (error.Cell, error.Header, error.Code));
        Assert.Equal((0L, 0L, 0L), (await h.CountAsync("catalog_resources"), await h.CountAsync("catalog_fields"), await h.CountAsync("catalog_transitions")));
        Assert.Equal(["catalog.import failed"], (await h.AuditAsync()).Select(a => a.ToString()));
        var next = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", CatalogHarness.Complete());
        Assert.Equal("101001/00001", next.Code);
    }

    public static TheoryData<string, byte[]> NotWorkbooks()
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("readme.txt").Open());
            writer.Write("not a workbook");
        }

        var docx = new MemoryStream();
        using (var word = WordprocessingDocument.Create(docx, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            word.AddMainDocumentPart().Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body());
        }

        return new()
        {
            { "csv", Encoding.UTF8.GetBytes("资源序号,信息资源分类代码,信息资源名称\n1,101001,常住人口基本信息\n") },
            { "png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52] },
            { "xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0] },
            { "empty", [] },
            { "zip", zip.ToArray() },
            { "docx", docx.ToArray() },
            { "truncated xlsx", TwoResources()[..600] },
            { "damaged sheet", DamagedSheet() },
        };
    }

    [Theory, MemberData(nameof(NotWorkbooks))]
    public async Task Anything_but_an_xlsx_workbook_is_refused_as_not_xlsx(string example, byte[] bytes)
    {
        await using var h = await CatalogHarness.CreateAsync(DatabaseKind.Sqlite);
        var e = await Assert.ThrowsAsync<GongshuException>(() => new CatalogImport(h.Catalog).ImportAsync(h.PoliceAdmin, new MemoryStream(bytes)));
        Assert.Equal(("not_xlsx", ErrorKind.BadRequest, "file"), (e.Code, e.Kind, e.Field));
        if (example == "xls")
        {
            Assert.Contains(".xls", e.Message);
        }

        Assert.Equal(0, await h.CountAsync("catalog_resources"));
        Assert.Equal(["catalog.import failed"], (await h.AuditAsync()).Select(a => a.ToString()));
    }

    [Theory, AllDatabases]
    public async Task An_oversized_upload_is_refused_with_413_without_reading_it_all(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var bytes = TwoResources();
        var small = new CatalogImport(h.Catalog, new CatalogImportOptions { MaxBytes = bytes.Length - 1 });
        foreach (var stream in new Stream[] { new MemoryStream(bytes), new TestWorkbook.Unseekable(new MemoryStream(bytes)) })
        {
            var e = await Assert.ThrowsAsync<GongshuException>(() => small.ImportAsync(h.PoliceAdmin, stream));
            Assert.Equal(("payload_too_large", ErrorKind.PayloadTooLarge), (e.Code, e.Kind));
        }

        // The default limit is 20 MB; an endless body is cut off just past it.
        var endless = new TestWorkbook.Endless();
        var tooLarge = await Assert.ThrowsAsync<GongshuException>(() => new CatalogImport(h.Catalog).ImportAsync(h.PoliceAdmin, endless));
        Assert.Equal("payload_too_large", tooLarge.Code);
        Assert.InRange(endless.BytesRead, CatalogImportOptions.DefaultMaxBytes, CatalogImportOptions.DefaultMaxBytes + 200_000);

        // A small file that inflates beyond what may be held once unzipped: a zip bomb.
        foreach (var inflated in new[] { new CatalogImportOptions { MaxPartCharacters = 1_500 }, new CatalogImportOptions { MaxSharedStringCharacters = 100 } })
        {
            var e = await Assert.ThrowsAsync<GongshuException>(() => new CatalogImport(h.Catalog, inflated).ImportAsync(h.PoliceAdmin, new MemoryStream(bytes)));
            Assert.Equal(("payload_too_large", ErrorKind.PayloadTooLarge), (e.Code, e.Kind));
        }

        Assert.Equal(0, await h.CountAsync("catalog_resources"));
        Assert.Equal(5, (await h.AuditAsync()).Count(a => a.ToString() == "catalog.import failed"));

        // Exactly at the limit is fine, and an unseekable body is imported like any other.
        var result = await new CatalogImport(h.Catalog, new CatalogImportOptions { MaxBytes = bytes.Length })
            .ImportAsync(h.PoliceAdmin, new TestWorkbook.Unseekable(new MemoryStream(bytes)));
        Assert.Equal(2, result.Resources.Count);
    }

    [Theory, AllDatabases]
    public async Task Too_many_rows_are_refused_before_anything_is_checked(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var import = new CatalogImport(h.Catalog, new CatalogImportOptions { MaxResources = 1, MaxFieldRows = 5 });
        var e = await Assert.ThrowsAsync<GongshuException>(() => import.ImportAsync(h.PoliceAdmin, new MemoryStream(TwoResources())));
        Assert.Equal(("too_many_rows", ErrorKind.BadRequest, "资源"), (e.Code, e.Kind, e.Field));

        import = new CatalogImport(h.Catalog, new CatalogImportOptions { MaxFieldRows = 5 });
        e = await Assert.ThrowsAsync<GongshuException>(() => import.ImportAsync(h.PoliceAdmin, new MemoryStream(TwoResources())));
        Assert.Equal(("too_many_rows", "信息项"), (e.Code, e.Field));
        Assert.Equal(0, await h.CountAsync("catalog_resources"));
    }

    [Theory, AllDatabases]
    public async Task Only_a_provider_admin_imports_and_a_refusal_is_audited_as_denied(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        foreach (var caller in new[] { h.Reviewer, h.PoliceConsumer })
        {
            var e = await Assert.ThrowsAsync<GongshuException>(() => new CatalogImport(h.Catalog).ImportAsync(caller, new MemoryStream(TwoResources())));
            Assert.Equal(("catalog_forbidden", ErrorKind.Forbidden), (e.Code, e.Kind));
        }

        Assert.Equal(["catalog.import denied", "catalog.import denied"], (await h.AuditAsync()).Select(a => a.ToString()));
        Assert.Equal(0, await h.CountAsync("catalog_resources"));
    }

    [Theory, AllDatabases]
    public async Task Missing_sheets_columns_and_rows_are_reported_rather_than_guessed(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var import = new CatalogImport(h.Catalog);

        var noFields = await Assert.ThrowsAsync<CatalogImportException>(() => import.ImportAsync(h.PoliceAdmin,
            new MemoryStream(TestWorkbook.Build(("Sheet1", [ResourceHeaders]), ("资源", [ResourceHeaders, [1, "101001", "常住人口基本信息"]])))));
        Assert.Equal([("信息项", "sheet_missing")], noFields.Errors.Select(x => (x.Cell, x.Code)));

        var noName = await Assert.ThrowsAsync<CatalogImportException>(() => import.ImportAsync(h.PoliceAdmin,
            new MemoryStream(TestWorkbook.Build(("资源", [["资源序号", "信息资源分类代码", "名称"], [1, "101001", "常住人口基本信息"]]), ("信息项", [FieldHeaders])))));
        var missing = Assert.Single(noName.Errors);
        Assert.Equal(("资源!1", "信息资源名称", "column_missing"), (missing.Cell, missing.Header, missing.Code));

        using var template = new MemoryStream();
        await CatalogWorkbook.WriteTemplateAsync(template);
        template.Position = 0;
        var empty = await Assert.ThrowsAsync<CatalogImportException>(() => import.ImportAsync(h.PoliceAdmin, template));
        Assert.Equal([("资源", "no_resources")], empty.Errors.Select(x => (x.Cell, x.Code)));
        Assert.Equal(0, await h.CountAsync("catalog_resources"));
    }

    /// <summary>A workbook whose 信息项 sheet is cut off in the middle of its XML.</summary>
    private static byte[] DamagedSheet()
    {
        var stream = new MemoryStream();
        stream.Write(TwoResources());
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.Entries.Last(e => e.FullName.Contains("worksheets/", StringComparison.Ordinal));
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(archive.CreateEntry(entry.FullName).Open());
            writer.Write(xml[..(xml.Length / 2)]);
        }

        return stream.ToArray();
    }
}
