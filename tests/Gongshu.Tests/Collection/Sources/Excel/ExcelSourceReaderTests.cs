using System.Globalization;
using System.IO.Compression;
using Gongshu.Collection.Sources;
using Gongshu.Collection.Sources.Excel;
using Xunit;
using static Gongshu.Tests.CollectionTests.Sources.Excel.TestXlsx;

namespace Gongshu.Tests.CollectionTests.Sources.Excel;

public class ExcelSourceReaderTests
{
    [Fact]
    public async Task Xlsx_cells_are_read_as_their_types()
    {
        var workbook = Build(
            Row(1, Shared("A1", 0), Shared("B1", 1), Shared("C1", 2), Shared("D1", 3), Shared("E1", 4), Shared("F1", 5), Shared("G1", 6))
            + Row(2,
                Shared("A2", 7),
                Number("B2", 42),
                Number("C2", 1234.56),
                """<c r="D2" t="b"><v>1</v></c>""",
                """<c r="E2" t="e"><v>#N/A</v></c>""",
                """<c r="F2" t="str"><f>UPPER("a")</f><v>A</v></c>""",
                Inline("G2", "行内文字")),
            sharedStrings: ["姓名", "年龄", "收入", "在职", "核查", "公式", "备注", "张三"]);

        await using var reader = ExcelSourceReader.Open(new MemoryStream(workbook));

        Assert.Equal(["姓名", "年龄", "收入", "在职", "核查", "公式", "备注"], reader.Columns);
        Assert.Equal("Sheet1", reader.SheetName);
        Assert.False(reader.IsLegacyFormat);
        var record = Assert.Single(await reader.ReadAllAsync());
        Assert.Equal<object?>(["张三", 42L, 1234.56, true, "#N/A", "A", "行内文字"], record.Values);
    }

    [Fact]
    public async Task Numbers_shown_as_dates_are_dates_and_other_formats_stay_numbers()
    {
        var workbook = Build(
            Row(1, Inline("A1", "value"))
            + Row(2, Number("A2", 45292, Date))
            + Row(3, Number("A3", 45292.75, TestXlsx.DateTime))
            + Row(4, Number("A4", 45292, ChineseDate))
            + Row(5, Number("A5", 45292, BuiltInChineseDate))
            + Row(6, Number("A6", 1.5, Elapsed))
            + Row(7, Number("A7", 45292, QuotedLetters))
            + Row(8, Number("A8", 45292, RedNumber))
            + Row(9, Number("A9", 45292, Escaped))
            + Row(10, Number("A10", 0.125, Percent))
            + Row(11, Number("A11", 45292.999999999, TestXlsx.DateTime)));

        await using var reader = ExcelSourceReader.Open(new MemoryStream(workbook));

        var values = (await reader.ReadAllAsync()).Select(r => r.Values[0]).ToList();
        Assert.Equal<object?>(
        [
            new DateTime(2024, 1, 1),
            new DateTime(2024, 1, 1, 18, 0, 0),
            new DateTime(2024, 1, 1),
            new DateTime(2024, 1, 1),
            new DateTime(1900, 1, 1, 12, 0, 0),
            45292L,
            45292L,
            45292L,
            0.125,
            new DateTime(2024, 1, 2),
        ], values);
    }

    [Fact]
    public async Task The_1900_date_system_counts_a_february_29th_that_never_was()
    {
        var workbook = Build(
            Row(1, Inline("A1", "day"))
            + Row(2, Number("A2", 1, Date))
            + Row(3, Number("A3", 59, Date))
            + Row(4, Number("A4", 60, Date))
            + Row(5, Number("A5", 61, Date)));

        await using var reader = ExcelSourceReader.Open(new MemoryStream(workbook));

        var values = (await reader.ReadAllAsync()).Select(r => r.Values[0]).ToList();
        Assert.Equal<object?>([new DateTime(1900, 1, 1), new DateTime(1900, 2, 28), "1900-02-29", new DateTime(1900, 3, 1)], values);
    }

    [Fact]
    public async Task Workbooks_in_the_1904_date_system_count_days_from_1904()
    {
        var workbook = Build(
            Row(1, Inline("A1", "day")) + Row(2, Number("A2", 0, Date)) + Row(3, Number("A3", 43830, Date)),
            date1904: true);

        await using var reader = ExcelSourceReader.Open(new MemoryStream(workbook));

        var values = (await reader.ReadAllAsync()).Select(r => r.Values[0]).ToList();
        Assert.Equal<object?>([new DateTime(1904, 1, 1), new DateTime(2024, 1, 1)], values);
    }

    [Fact]
    public async Task Skipped_cells_are_placed_by_their_reference()
    {
        var workbook = Build(
            Row(1, Inline("A1", "a"), Inline("B1", "b"), Inline("C1", "c"), Inline("D1", "d"), Inline("E1", "e"))
            + Row(2, Inline("A2", "first"), Inline("D2", "fourth"), """<c><v>5</v></c>""")
            + Row(3, Inline("C3", "third")));

        await using var reader = ExcelSourceReader.Open(new MemoryStream(workbook));

        var records = await reader.ReadAllAsync();
        Assert.Equal<object?>(["first", null, null, "fourth", 5L], records[0].Values);
        Assert.Equal<object?>([null, null, "third"], records[1].Values);
        Assert.Null(reader[0]);
    }

    [Fact]
    public async Task Position_is_the_sheet_row_and_rows_without_values_are_passed_over()
    {
        var workbook = Build(
            """<row r="2"><c r="A2" s="1"/></row>"""
            + Row(3, Inline("A3", "编号"), Inline("B3", "名称"))
            + Row(4, Number("A4", 1), Inline("B4", "一"))
            + """<row r="5"/><row r="6"><c r="A6" t="s"><v>0</v></c><c r="B6"><v></v></c></row>"""
            + Row(9, Number("A9", 2), Inline("B9", "二"))
            + """<row><c r="A10"><v>3</v></c></row>""",
            sharedStrings: [""]);

        await using var reader = ExcelSourceReader.Open(new MemoryStream(workbook));

        Assert.Equal(["编号", "名称"], reader.Columns);
        var records = await reader.ReadAllAsync();
        Assert.Equal([4L, 9L, 10L], records.Select(r => r.Position));
        Assert.Equal<object?>([1L, 2L, 3L], records.Select(r => r.Values[0]));
    }

    [Fact]
    public async Task Header_names_are_trimmed_and_blank_header_cells_are_empty_names()
    {
        var workbook = Build(
            Row(1, Inline("A1", " 证件号码 "), Number("C1", 2024), Inline("D1", "备注"))
            + Row(2, Inline("A2", "x")));

        await using var reader = ExcelSourceReader.Open(new MemoryStream(workbook));

        Assert.Equal(["证件号码", "", "2024", "备注"], reader.Columns);
    }

    [Fact]
    public async Task Rich_text_loses_its_phonetic_guides_and_escapes_are_undone()
    {
        var workbook = Build(
            Row(1, Shared("A1", 0), Shared("B1", 1))
            + Row(2, Shared("A2", 2), Shared("B2", 3)),
            sharedStrings:
            [
                "地址",
                "说明",
                """<r><t>杭州</t></r><r><rPr><b/></rPr><t xml:space="preserve">西湖区</t></r><rPh sb="0" eb="2"><t>hangzhou</t></rPh>""",
                "第一行_x000D_\n第二行",
            ]);

        await using var reader = ExcelSourceReader.Open(new MemoryStream(workbook));

        var record = Assert.Single(await reader.ReadAllAsync());
        Assert.Equal<object?>(["杭州西湖区", "第一行\r\n第二行"], record.Values);
    }

    [Fact]
    public async Task A_sheet_is_chosen_by_name_in_any_case()
    {
        var workbook = Build([("说明", Row(1, Inline("A1", "readme"))), ("Data", Row(1, Inline("A1", "id")) + Row(2, Number("A2", 7)))]);

        await using var first = ExcelSourceReader.Open(new MemoryStream(workbook));
        await using var named = ExcelSourceReader.Open(new MemoryStream(workbook), new ExcelSourceOptions { Sheet = "data" });

        Assert.Equal(["readme"], first.Columns);
        Assert.Equal("Data", named.SheetName);
        Assert.Equal(["id"], named.Columns);
        Assert.Equal<object?>([7L], Assert.Single(await named.ReadAllAsync()).Values);
    }

    [Fact]
    public void A_missing_sheet_is_refused_naming_the_sheets_there_are()
    {
        var workbook = Build([("人口", Row(1, Inline("A1", "a"))), ("法人", Row(1, Inline("A1", "b")))]);

        var e = Assert.Throws<GongshuException>(() => ExcelSourceReader.Open(new MemoryStream(workbook), new ExcelSourceOptions { Sheet = "企业" }));

        Assert.Equal("sheet_not_found", e.Code);
        Assert.Equal("sheet", e.Field);
        Assert.Contains("'人口', '法人'", e.Message);
    }

    [Fact]
    public async Task A_sheet_without_values_has_no_columns_and_no_records()
    {
        await using var reader = ExcelSourceReader.Open(new MemoryStream(Build("")));

        Assert.Empty(reader.Columns);
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task A_stream_that_cannot_seek_is_read_all_the_same()
    {
        var workbook = Build(Row(1, Inline("A1", "id")) + Row(2, Number("A2", 1)) + Row(3, Number("A3", 2)));

        await using var reader = ExcelSourceReader.Open(new Unseekable(new MemoryStream(workbook)));

        Assert.Equal(2, (await reader.ReadAllAsync()).Count);
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { (byte)'i', (byte)'d', (byte)',', (byte)'n', (byte)'\n' }, "not an Excel workbook")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0 }, ".xls")]
    public void A_file_that_is_not_a_workbook_is_unreadable(byte[] content, string message)
    {
        var e = Assert.Throws<SourceFormatException>(() => ExcelSourceReader.Open(new MemoryStream(content)));

        Assert.Equal("excel_unreadable", e.Code);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_zip_that_is_not_a_workbook_is_unreadable()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(archive.CreateEntry("readme.txt").Open());
            entry.Write("not a workbook");
        }

        zip.Position = 0;
        var e = Assert.Throws<SourceFormatException>(() => ExcelSourceReader.Open(zip));

        Assert.Equal("excel_unreadable", e.Code);
        Assert.Contains(".xlsx", e.Message);
    }

    [Fact]
    public async Task A_damaged_sheet_is_unreadable_at_the_row_it_breaks()
    {
        var workbook = Build(Row(1, Inline("A1", "id")) + Row(2, Number("A2", 1)) + """<row r="3"><c r="A3"><v>2</v></c><row>""");

        await using var reader = ExcelSourceReader.Open(new MemoryStream(workbook));
        Assert.True(await reader.ReadAsync());
        var e = await Assert.ThrowsAsync<SourceFormatException>(async () => await reader.ReadAsync());

        Assert.Equal("excel_unreadable", e.Code);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public async Task A_truncated_workbook_is_unreadable()
    {
        var workbook = Build(Row(1, Inline("A1", "id")) + string.Concat(Enumerable.Range(2, 5000).Select(i => Row(i, Number($"A{i}", i)))));

        var e = await Assert.ThrowsAsync<SourceFormatException>(async () =>
        {
            await using var reader = ExcelSourceReader.Open(new MemoryStream(workbook[..(workbook.Length / 2)]));
            await reader.ReadAllAsync();
        });

        Assert.Equal("excel_unreadable", e.Code);
    }

    [Fact]
    public async Task A_shared_string_the_workbook_lacks_is_unreadable()
    {
        var workbook = Build(Row(1, Shared("A1", 0)) + Row(2, Shared("A2", 5)), sharedStrings: ["id"]);

        await using var reader = ExcelSourceReader.Open(new MemoryStream(workbook));
        var e = await Assert.ThrowsAsync<SourceFormatException>(async () => await reader.ReadAsync());

        Assert.Equal(2, e.Line);
        Assert.Contains("A2", e.Message);
    }

    [Fact]
    public async Task A_hundred_thousand_row_sheet_is_streamed_from_a_file()
    {
        const int rows = 100_000;
        var path = Path.Combine(Path.GetTempPath(), $"gongshu-{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var file = File.Create(path))
            {
                Write(file, [("人口", writer =>
                {
                    writer.Write(Row(1, Shared("A1", 0), Shared("B1", 1), Shared("C1", 2), Shared("D1", 3)));
                    for (var i = 2; i <= rows + 1; i++)
                    {
                        var n = i.ToString(CultureInfo.InvariantCulture);
                        writer.Write(Row(i, Number("A" + n, i), Shared("B" + n, 4 + (i % 2)), Number("C" + n, 45000 + (i % 365), Date), Number("D" + n, i / 4d)));
                    }
                })], ["编号", "姓名", "出生日期", "得分", "张三", "欧阳娜娜"], date1904: false);
            }

            await using var reader = ExcelSourceReader.Open(path);
            long count = 0;
            long sum = 0;
            while (await reader.ReadAsync())
            {
                count++;
                sum += (long)reader[0]!;
                Assert.IsType<DateTime>(reader[2]);
            }

            Assert.Equal(rows, count);
            Assert.Equal(rows + 1, reader.Position);
            Assert.Equal(Enumerable.Range(2, rows).Sum(i => (long)i), sum);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A stream that cannot seek, as an HTTP request body.</summary>
    private sealed class Unseekable(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
