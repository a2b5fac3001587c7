using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Gongshu.Catalog;
using Gongshu.Catalog.Excel;
using Xunit;

namespace Gongshu.Tests.CatalogTests.ExcelTests;

public class CatalogWorkbookTests
{
    private static readonly Classification[] SomeClassifications =
    [
        new("1", null, 1, "基础信息资源"),
        new("101", "1", 2, "人口"),
        new("101001", "101", 3, "人口基本信息"),
    ];

    [Fact]
    public async Task The_template_opens_with_both_sheets_headers_keys_and_drop_downs()
    {
        using var stream = new MemoryStream();
        await CatalogWorkbook.WriteTemplateAsync(stream, SomeClassifications);

        Assert.Empty(TestWorkbook.SchemaErrors(stream));
        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["资源", "信息项", "填写说明", "分类代码"], sheets);

        var resources = TestWorkbook.Cells(stream, "资源");
        Assert.Equal(CatalogWorkbook.ResourceColumns.Select(c => c.Header), CatalogWorkbook.ResourceColumns.Select(c => resources[c.Letter + "1"]));
        Assert.Equal(CatalogWorkbook.ResourceColumns.Select(c => c.Key), CatalogWorkbook.ResourceColumns.Select(c => resources[c.Letter + "2"]));
        Assert.Equal(("资源序号", "信息资源分类代码", "信息资源名称", "信息资源代码", "状态"),
            (resources["A1"], resources["B1"], resources["C1"], resources["Q1"], resources["R1"]));
        var fields = TestWorkbook.Cells(stream, "信息项");
        Assert.Equal(["资源序号", "字段名", "中文名称", "数据类型", "长度", "小数位", "描述", "是否主键", "是否可为空", "分级"],
            CatalogWorkbook.FieldColumns.Select(c => fields[c.Letter + "1"]));
        Assert.All(resources.Keys.Concat(fields.Keys), reference => Assert.True(reference.EndsWith('1') || reference.EndsWith('2'), reference));
        Assert.Equal(CatalogWorkbook.ResourceColumns.Count * 2, resources.Count);

        // Controlled columns offer their Chinese names; 信息资源分类代码 offers the 项, 目 and 细目 of the 分类代码 sheet.
        var validations = Validations(document, "资源");
        Assert.Equal("\"电子文件,电子表格,数据库,图形图像,流媒体,自描述格式,服务接口\"", validations["F3:F5002"]);
        Assert.Equal("\"无条件共享,有条件共享,不予共享\"", validations["H3:H5002"]);
        Assert.Equal("\"实时,每日,每周,每月,每季度,每半年,每年,不定期\"", validations["N3:N5002"]);
        Assert.Equal("'分类代码'!$A$2:$A$3", validations["B3:B5002"]);
        var fieldValidations = Validations(document, "信息项");
        Assert.Equal("\"字符型,数值型,货币型,日期型,日期时间型,逻辑型,备注型,通用型,双精度型,整型,浮点型\"", fieldValidations["D3:D5002"]);
        Assert.Equal("\"是,否\"", fieldValidations["H3:H5002"]);
        Assert.Equal("\"L1,L2,L3,L4\"", fieldValidations["J3:J5002"]);

        var classifications = TestWorkbook.Cells(stream, "分类代码");
        Assert.Equal(("101", "人口", "101001", "人口基本信息"), (classifications["A2"], classifications["B2"], classifications["A3"], classifications["B3"]));
        Assert.False(classifications.ContainsKey("A4"));
    }

    [Fact]
    public async Task Without_classifications_the_template_has_no_classification_sheet_and_is_still_sound()
    {
        using var stream = new MemoryStream();
        await CatalogWorkbook.WriteTemplateAsync(stream);
        Assert.Empty(TestWorkbook.SchemaErrors(stream));
        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        Assert.Equal(3, document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Count());
        Assert.False(Validations(document, "资源").ContainsKey("B3:B5002"));
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(17, "R")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Column_letters_count_like_Excel(int index, string letter) => Assert.Equal(letter, CatalogWorkbook.ColumnLetter(index));

    private static Dictionary<string, string> Validations(SpreadsheetDocument document, string sheetName)
    {
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<DataValidation>().ToDictionary(v => v.SequenceOfReferences!.InnerText!, v => v.Formula1!.Text);
    }
}
