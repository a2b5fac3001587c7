using Gongshu.Collection.Sources.Excel;
using NPOI.HSSF.UserModel;
using NPOI.SS.UserModel;
using Xunit;

namespace Gongshu.Tests.CollectionTests.Sources.Excel;

/// <summary>Excel 97–2003 workbooks, written by NPOI as real BIFF8 .xls files.</summary>
public class XlsSourceReaderTests
{
    internal static byte[] Workbook(Action<HSSFWorkbook> build)
    {
        var workbook = new HSSFWorkbook();
        build(workbook);
        using var stream = new MemoryStream();
        workbook.Write(stream);
        return stream.ToArray();
    }

    [Fact]
    public async Task Xls_cells_are_read_as_their_types()
    {
        var xls = Workbook(workbook =>
        {
            var sheet = workbook.CreateSheet("人口");
            var date = workbook.CreateCellStyle();
            date.DataFormat = workbook.CreateDataFormat().GetFormat("yyyy-mm-dd");
            var header = sheet.CreateRow(0);
            string[] names = ["姓名", "年龄", "收入", "出生日期", "在职", "核查"];
            for (var i = 0; i < names.Length; i++)
            {
                header.CreateCell(i).SetCellValue(names[i]);
            }

            var row = sheet.CreateRow(1);
            row.CreateCell(0).SetCellValue("欧阳娜娜");
            row.CreateCell(1).SetCellValue(36);
            row.CreateCell(2).SetCellValue(1234.56);
            var birth = row.CreateCell(3);
            birth.SetCellValue(new DateTime(1990, 5, 17));
            birth.CellStyle = date;
            row.CreateCell(4).SetCellValue(true);
            row.CreateCell(5).SetCellValue("");
        });

        await using var reader = ExcelSourceReader.Open(new MemoryStream(xls));

        Assert.True(reader.IsLegacyFormat);
        Assert.Equal("人口", reader.SheetName);
        Assert.Equal(["姓名", "年龄", "收入", "出生日期", "在职", "核查"], reader.Columns);
        var record = Assert.Single(await reader.ReadAllAsync());
        Assert.Equal<object?>(["欧阳娜娜", 36L, 1234.56, new DateTime(1990, 5, 17), true], record.Values);
        Assert.Equal(2, record.Position);
    }

    [Fact]
    public async Task Xls_positions_count_sheet_rows_and_skip_blank_ones()
    {
        var xls = Workbook(workbook =>
        {
            workbook.CreateSheet("说明").CreateRow(0).CreateCell(0).SetCellValue("readme");
            var sheet = workbook.CreateSheet("Data");
            sheet.CreateRow(1).CreateCell(1).SetCellValue("编号");
            sheet.CreateRow(2).CreateCell(1).SetCellValue(1);
            sheet.CreateRow(3).CreateCell(0, CellType.Blank);
            sheet.CreateRow(6).CreateCell(1).SetCellValue(2);
        });

        await using var reader = ExcelSourceReader.Open(new MemoryStream(xls), new ExcelSourceOptions { Sheet = "DATA" });

        Assert.Equal(["", "编号"], reader.Columns);
        var records = await reader.ReadAllAsync();
        Assert.Equal([3L, 7L], records.Select(r => r.Position));
        Assert.Equal<object?>([1L, 2L], records.Select(r => r.Values[1]));
    }

    [Fact]
    public void A_missing_xls_sheet_is_refused_naming_the_sheets_there_are()
    {
        var xls = Workbook(workbook =>
        {
            workbook.CreateSheet("人口").CreateRow(0).CreateCell(0).SetCellValue("a");
            workbook.CreateSheet("法人").CreateRow(0).CreateCell(0).SetCellValue("b");
        });

        var e = Assert.Throws<GongshuException>(() => ExcelSourceReader.Open(new MemoryStream(xls), new ExcelSourceOptions { Sheet = "企业" }));

        Assert.Equal("sheet_not_found", e.Code);
        Assert.Contains("'人口', '法人'", e.Message);
    }
}
