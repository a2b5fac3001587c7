using Gongshu.Catalog;
using Gongshu.Catalog.Excel;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.CatalogTests.ExcelTests;

public class CatalogExportTests
{
    /// <summary>A draft with what a spreadsheet could garble: line breaks, Excel's own escape syntax, numbers, lists, every type.</summary>
    private static readonly ResourceMetadata Awkward = new()
    {
        Name = "机动车登记信息 _x0041_",
        Summary = "第一行\r\n第二行\n  缩进的第三行：_x000D_ 不是回车。",
        Keywords = ["机动车", "号牌"],
        Format = "api",
        FormatSubtype = "REST/JSON",
        ShareType = "none",
        ShareCondition = "涉及个人隐私",
        LegalBasis = "《个人信息保护法》第十三条",
        OpenType = "restricted",
        OpenCondition = "仅向保险机构开放",
        UpdateCycle = "half_yearly",
        RelatedCodes = ["101001/00001"],
        Tags = ["交通", "一网通办"],
        Fields =
        [
            new ResourceField { Name = "plate_no", Label = "号牌号码", Type = "C", Length = 10, IsKey = true, Nullable = false, Grade = "L1", Description = "含省份简称" },
            new ResourceField { Name = "fee", Label = "规费", Type = "N", Length = 12, Scale = 2, Grade = "L2" },
            new ResourceField { Name = "paid", Type = "L" },
            new ResourceField { Name = "photo", Label = "照片", Type = "G", Grade = "L4", Nullable = false },
            new ResourceField { Name = "weight", Type = "B" },
            new ResourceField { Name = "seats", Type = "I" },
            new ResourceField { Name = "ratio", Type = "F" },
            new ResourceField { Name = "money", Type = "Y" },
            new ResourceField { Name = "memo", Type = "M" },
            new ResourceField { Name = "registered_at", Type = "T" },
            new ResourceField { Name = "born_on", Type = "D" },
        ],
    };

    [Theory, AllDatabases]
    public async Task An_export_imported_into_an_empty_platform_reproduces_the_same_metadata(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var people = await h.PublishAsync(CatalogHarness.Complete());
        var vehicles = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "301", Awkward);
        var gone = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", CatalogHarness.Complete("已下架的资源"));
        await h.Catalog.RetireAsync(h.PoliceAdmin, gone.Id);
        await h.PublishAsync(h.MarketAdmin, CatalogHarness.Complete("企业登记信息"), "102002");
        var bare = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101002", new ResourceMetadata { Name = "只有名称" });

        using var file = new MemoryStream();
        var written = await new CatalogExport(h.Catalog).WriteAsync(h.PoliceAdmin, file, new CatalogExportQuery { View = CatalogView.Working });

        Assert.Equal(new CatalogExportResult(3, 14), written);
        Assert.Empty(TestWorkbook.SchemaErrors(file));
        var cells = TestWorkbook.Cells(file, "资源");
        Assert.Equal(("1", "常住人口基本信息", "101001/00001", "已发布", "有条件共享", "每日"),
            (cells["A3"], cells["C3"], cells["Q3"], cells["R3"], cells["H3"], cells["N3"]));
        Assert.Equal(("2", "301", "301/00001", "草稿", "人口；户籍"), (cells["A4"], cells["B4"], cells["Q4"], cells["R4"], cells["E3"]));
        Assert.Equal(("只有名称", "101002/00001"), (cells["C5"], cells["Q5"]));
        Assert.False(cells.ContainsKey("A6"));
        var fields = TestWorkbook.Cells(file, "信息项");
        Assert.Equal(("1", "id_number", "字符型", "18", "是", "否", "L3"), (fields["A3"], fields["B3"], fields["D3"], fields["E3"], fields["H3"], fields["I3"], fields["J3"]));
        Assert.Equal(("2", "fee", "数值型", "12", "2"), (fields["A7"], fields["B7"], fields["D7"], fields["E7"], fields["F7"]));

        // An empty platform: the same metadata, new codes under the same classifications.
        await using var other = await CatalogHarness.CreateAsync(kind);
        file.Position = 0;
        var imported = await new CatalogImport(other.Catalog).ImportAsync(other.PoliceAdmin, file);
        Assert.Equal(["101001/00001", "301/00001", "101002/00001"], imported.Resources.Select(r => r.Resource.Code));
        Assert.Equal(14, imported.FieldCount);
        foreach (var (original, copy) in new[] { people, vehicles, bare }.Zip(imported.Resources))
        {
            var before = await h.Catalog.GetAsync(h.PoliceAdmin, original.Id, CatalogView.Working);
            var after = await other.Catalog.GetAsync(other.PoliceAdmin, copy.Resource.Id, CatalogView.Working);
            Assert.Equal(TestWorkbook.Json(before.Version.Metadata), TestWorkbook.Json(after.Version.Metadata));
            Assert.Equal(before.ClassificationCode, after.ClassificationCode);
        }

        // Into the platform it came from, every name is taken: an import never updates, it only creates.
        file.Position = 0;
        var again = await Assert.ThrowsAsync<CatalogImportException>(() => new CatalogImport(h.Catalog).ImportAsync(h.PoliceAdmin, file));
        Assert.Equal(["资源!C3", "资源!C4", "资源!C5"], again.Errors.Select(e => e.Cell));
        Assert.All(again.Errors, e => Assert.Equal("resource_name_taken", e.Code));
    }

    [Theory, AllDatabases]
    public async Task The_published_catalog_exports_for_anyone_and_working_versions_only_for_their_provider(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var people = await h.PublishAsync(CatalogHarness.Complete());
        await h.Catalog.UpdateDraftAsync(h.PoliceAdmin, people.Id, CatalogHarness.Complete("常住人口信息（变更中）"));
        await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", CatalogHarness.Complete("草稿资源"));
        await h.PublishAsync(h.MarketAdmin, CatalogHarness.Complete("企业登记信息"), "102002");

        using var published = new MemoryStream();
        Assert.Equal(2, (await new CatalogExport(h.Catalog).WriteAsync(h.Citizen, published)).Resources);
        var cells = TestWorkbook.Cells(published, "资源");
        Assert.Equal(("常住人口基本信息", "已发布", "企业登记信息", "102002"), (cells["C3"], cells["R3"], cells["C4"], cells["B4"]));

        using var onlyMarket = new MemoryStream();
        var marketOnly = await new CatalogExport(h.Catalog).WriteAsync(h.PoliceAdmin, onlyMarket, new CatalogExportQuery { ClassificationCode = "102" });
        Assert.Equal(1, marketOnly.Resources);

        // The provider's working view shows the change under way; the reviewer may look too.
        using var working = new MemoryStream();
        await new CatalogExport(h.Catalog).WriteAsync(h.Reviewer, working, new CatalogExportQuery { View = CatalogView.Working, ProviderId = h.Police.Id });
        cells = TestWorkbook.Cells(working, "资源");
        Assert.Equal(("常住人口信息（变更中）", "草稿", "草稿资源"), (cells["C3"], cells["R3"], cells["C4"]));
        Assert.False(cells.ContainsKey("C5"));

        foreach (var (caller, provider) in new[] { (h.MarketAdmin, (long?)h.Police.Id), (h.PoliceConsumer, null), (h.Citizen, null) })
        {
            var e = await Assert.ThrowsAsync<GongshuException>(() => new CatalogExport(h.Catalog).WriteAsync(caller, new MemoryStream(),
                new CatalogExportQuery { View = CatalogView.Working, ProviderId = provider }));
            Assert.Equal(("catalog_forbidden", ErrorKind.Forbidden), (e.Code, e.Kind));
        }
    }
}
