using System.Text;
using Gongshu.Collection.Sources;
using Gongshu.Collection.Sources.Csv;
using Xunit;
using static Gongshu.Tests.CollectionTests.Csv.CsvFiles;

namespace Gongshu.Tests.CollectionTests.Csv;

public class CsvSourceReaderTests
{
    [Fact]
    public async Task Values_are_strings_an_empty_value_is_null_and_each_record_names_its_line()
    {
        await using var reader = await Open("姓名,性别,备注\n张三,男,\n李四,,退休\n");
        Assert.Equal(["姓名", "性别", "备注"], reader.Columns);
        var rows = await ReadAll(reader);
        Assert.Equal([2L, 3L], rows.Select(r => r.Line));
        Assert.Equal(["张三", "男", null], rows[0].Values);
        Assert.Equal(["李四", null, "退休"], rows[1].Values);
        Assert.Equal(',', reader.Delimiter);
        Assert.Equal("utf-8", reader.Encoding);
    }

    [Fact]
    public async Task Doubled_quotes_in_a_quoted_value_are_one_quote_and_an_empty_quoted_value_is_null()
    {
        var rows = await ReadAll("a,b,c\n\"a \"\"b\"\" c\",\"\",\"\"\"\"\n");
        Assert.Equal(["a \"b\" c", null, "\""], rows.Single().Values);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task Quoted_values_hold_delimiters_and_line_breaks_and_the_records_after_keep_their_line_numbers(string newline)
    {
        var text = string.Join(newline, "编号,地址,备注", "1,\"杭州市,西湖区", "文三路 1 号", "三楼\",完", "2,宁波,\"a", "b\"", "3,温州,") + newline;
        var rows = await ReadAll(text);
        Assert.Equal([2L, 5L, 7L], rows.Select(r => r.Line));
        Assert.Equal(["1", $"杭州市,西湖区{newline}文三路 1 号{newline}三楼", "完"], rows[0].Values);
        Assert.Equal(["2", "宁波", $"a{newline}b"], rows[1].Values);
        Assert.Equal(["3", "温州", null], rows[2].Values);
    }

    [Fact]
    public async Task A_quote_inside_an_unquoted_value_is_kept_as_text()
    {
        var rows = await ReadAll("名称,尺寸\n显示器 27\" 高清,5\"\nab\"c\"d,\"\"\n");
        Assert.Equal(["显示器 27\" 高清", "5\""], rows[0].Values);
        Assert.Equal(["ab\"c\"d", null], rows[1].Values);
    }

    [Fact]
    public async Task Spaces_after_a_closing_quote_are_ignored()
    {
        var rows = await ReadAll("a,b\n\"x\" ,\"y\"  \r\n");
        Assert.Equal(["x", "y"], rows.Single().Values);
    }

    [Fact]
    public async Task A_file_that_ends_inside_quotes_is_refused_naming_the_line_where_the_value_began()
    {
        await using var reader = await Open("a,b\n1,2\n\"x\ny\",3\n4,\"unclosed\n5,6\n7,8\n");
        Assert.True(await reader.ReadAsync());
        Assert.True(await reader.ReadAsync());
        var e = await Assert.ThrowsAsync<SourceFormatException>(async () => await reader.ReadAsync());
        Assert.Equal("csv_unbalanced_quote", e.Code);
        Assert.Equal(5, e.Line);
        Assert.StartsWith("Line 5: ", e.Message);
    }

    [Theory]
    [InlineData("a,b\n1,\"")]
    [InlineData("a,b\n1,\"x\"\"")]
    [InlineData("a,b\n\"1,2\n")]
    public async Task A_file_that_ends_in_an_open_quote_is_refused(string text)
    {
        var e = await Assert.ThrowsAsync<SourceFormatException>(() => ReadAll(text));
        Assert.Equal(("csv_unbalanced_quote", 2L), (e.Code, e.Line));
    }

    [Theory]
    [InlineData("a,b\n1,\"ab\"c\n", 2)]
    [InlineData("a,b\n1,2\n\"x\ny\"z,3\n", 4)]
    [InlineData("a,b\n1,\"ab\"\rc\n", 2)]
    public async Task A_character_after_a_closing_quote_is_refused_naming_its_line(string text, long line)
    {
        var e = await Assert.ThrowsAsync<SourceFormatException>(() => ReadAll(text));
        Assert.Equal(("csv_bad_quote", line), (e.Code, e.Line));
    }

    [Theory]
    [InlineData("a,b\n1,2")]
    [InlineData("a,b\n1,2\r")]
    [InlineData("a,b\n1,\"2\"")]
    [InlineData("a,b\n1,\"2\"\r")]
    public async Task A_file_cut_off_without_a_final_line_break_is_read_to_its_end(string text)
    {
        var rows = await ReadAll(text);
        Assert.Equal(["1", "2"], rows.Single().Values);
    }

    [Fact]
    public async Task A_record_that_ends_with_a_delimiter_has_an_empty_last_value()
    {
        var rows = await ReadAll("a,b\n1,\n2,");
        Assert.Equal([["1", null], ["2", null]], rows.Select(r => r.Values));
    }

    [Fact]
    public async Task Header_names_are_trimmed_and_a_byte_order_mark_is_not_part_of_the_first()
    {
        await using var reader = await Open([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(" 姓名 ,\"年龄\" ,\t地址\r\n张三,30,杭州\r\n")]);
        Assert.Equal(["姓名", "年龄", "地址"], reader.Columns);
        Assert.Equal("utf-8", reader.Encoding);
    }

    [Theory]
    [InlineData("姓名,年龄,姓名\n", "'姓名'")]
    [InlineData("Name,age, name \n", "'name'")]
    [InlineData("姓名,,年龄\n", "Column 2 ")]
    [InlineData("姓名,年龄,\n", "Column 3 ")]
    [InlineData("姓名,\" \"\n", "Column 2 ")]
    [InlineData("", "empty")]
    [InlineData("\n\r\n", "empty")]
    public async Task A_header_with_an_empty_or_repeated_name_or_no_header_at_all_is_refused(string text, string named)
    {
        var e = await Assert.ThrowsAsync<SourceFormatException>(async () => await Open(text));
        Assert.Equal("csv_bad_header", e.Code);
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public async Task Without_a_header_the_columns_are_numbered_and_the_first_line_is_a_record()
    {
        await using var reader = await Open("张三,男,30\n李四,女\n", new CsvOptions { HasHeader = false });
        Assert.Equal(["column1", "column2", "column3"], reader.Columns);
        var rows = await ReadAll(reader);
        Assert.Equal([1L, 2L], rows.Select(r => r.Line));
        Assert.Equal(["张三", "男", "30"], rows[0].Values);
        Assert.Equal(["李四", "女"], rows[1].Values);
    }

    [Fact]
    public async Task An_empty_file_without_a_header_has_no_columns_and_no_records()
    {
        await using var reader = await Open("", new CsvOptions { HasHeader = false });
        Assert.Empty(reader.Columns);
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Blank_lines_and_lines_of_only_delimiters_are_skipped_but_counted()
    {
        var rows = await ReadAll("\na,b\n\n1,2\r\n\r\n   \n,,\n\t\n3,4\n\n\"\",\n");
        Assert.Equal([4L, 9L, 11L], rows.Select(r => r.Line));
        Assert.Equal([["1", "2"], ["3", "4"], [null, null]], rows.Select(r => r.Values));
    }

    [Fact]
    public async Task Records_may_have_more_or_fewer_values_than_the_header()
    {
        await using var reader = await Open("a,b,c\n1,2\n1,2,3,4\n");
        Assert.True(reader.ShortRecordsAreDamaged);
        Assert.True(await reader.ReadAsync());
        Assert.Equal(2, reader.FieldCount);
        Assert.Null(reader[2]);
        Assert.True(await reader.ReadAsync());
        Assert.Equal(4, reader.FieldCount);
        Assert.Equal("4", reader[3]);
        Assert.Null(reader[10]);
        Assert.Throws<ArgumentOutOfRangeException>(() => reader[-1]);
        Assert.False(await reader.ReadAsync());
        Assert.Equal(0, reader.FieldCount);
    }

    [Fact]
    public async Task The_raw_record_is_the_text_as_written_without_its_line_break()
    {
        await using var reader = await Open("a,b\r\n1,\"x\r\n\"\"y\"\"\"\r\n 2 ,3");
        Assert.Null(reader.RawRecord);
        Assert.True(await reader.ReadAsync());
        Assert.Equal("1,\"x\r\n\"\"y\"\"\"", reader.RawRecord);
        Assert.Equal("x\r\n\"y\"", reader[1]);
        Assert.True(await reader.ReadAsync());
        Assert.Equal(" 2 ,3", reader.RawRecord);
        Assert.Equal(" 2 ", reader[0]);
        Assert.False(await reader.ReadAsync());
        Assert.Null(reader.RawRecord);
    }

    [Fact]
    public async Task A_value_of_a_million_chars_is_read_whole_and_the_next_record_keeps_its_line()
    {
        var quoted = string.Concat(Enumerable.Repeat("长文本,\"引号\"\n第二行。", 100_000));
        var unquoted = new string('字', 1_000_000);
        var text = $"id,text\n1,\"{quoted.Replace("\"", "\"\"")}\"\n2,{unquoted}\n3,短\n";
        var rows = await ReadAll(text);
        Assert.Equal(quoted, rows[0].Values[1]);
        Assert.Equal(unquoted, rows[1].Values[1]);
        Assert.Equal([2L, 100_003L, 100_004L], rows.Select(r => r.Line));
        Assert.Equal(["3", "短"], rows[2].Values);
        Assert.Equal($"2,{unquoted}", rows[1].Raw);
    }

    /// <summary>
    /// Every way a record can be cut by the end of the buffer or of a read: inside a quoted value,
    /// between the quotes of a doubled quote, between CR and LF, inside a multi-byte character.
    /// </summary>
    [Theory]
    [InlineData(16, 1)]
    [InlineData(16, 7)]
    [InlineData(17, 3)]
    [InlineData(40, 5)]
    [InlineData(64, 64 * 1024)]
    public async Task Records_that_span_buffer_refills_read_the_same_as_from_one_buffer(int bufferSize, int bytesPerRead)
    {
        var text = new StringBuilder("编号,名称,说明\r\n");
        for (var i = 0; i < 300; i++)
        {
            text.Append((i % 5) switch
            {
                0 => $"{i},\"含\"\"引号\"\"和,逗号\",\"多\r\n行\n值 {i}\"\r\n",
                1 => $"{i},短,\r\n\r\n",
                2 => $"{i},{new string('长', i)},\"{new string('x', i % 37)}\"\n",
                3 => $"{i},\"\",😀{i}😀,多余\r\n",
                _ => $"{i},\"{i}\"  ,\"\"\"\"\n",
            });
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var expected = await ReadAll(text.ToString());
        await using var reader = await CsvSourceReader.OpenAsync(new TrickleStream(bytes, bytesPerRead), new CsvOptions { BufferSize = bufferSize });
        var rows = await ReadAll(reader);
        Assert.Equal(300, expected.Count);
        Assert.Equal(expected.Select(r => r.ToString()), rows.Select(r => r.ToString()));
        Assert.Equal(["3", null, "😀3😀", "多余"], rows[3].Values);
        Assert.Equal(["0", "含\"引号\"和,逗号", "多\r\n行\n值 0"], rows[0].Values);
    }

    [Fact]
    public async Task Two_hundred_thousand_records_stream_from_a_source_that_is_never_whole()
    {
        await using var reader = await CsvSourceReader.OpenAsync(new GeneratedCsvStream(200_000));
        Assert.Equal(["序号", "姓名", "身份证号", "地址", "备注"], reader.Columns);
        var (count, line) = (0, 0L);
        while (await reader.ReadAsync())
        {
            (count, line) = (count + 1, reader.Position);
        }

        Assert.Equal(200_000, count);
        Assert.Equal(200_001, line);
    }

    [Fact]
    public async Task Values_of_a_generated_record_read_back_as_written()
    {
        await using var reader = await CsvSourceReader.OpenAsync(new GeneratedCsvStream(10));
        var rows = await ReadAll(reader);
        Assert.Equal(GeneratedCsvStream.Row(7).TrimEnd(), rows[6].Raw);
        Assert.Equal(["7", "张7三", "330106198501010007", "浙江省杭州市西湖区文三路7号, \"0幢\"", "备注"], rows[6].Values);
        Assert.Null(rows[8].Values[4]);
    }

    [Fact]
    public async Task The_reader_closes_its_stream_unless_asked_to_leave_it_open()
    {
        var owned = new TrickleStream("a\n1\n"u8.ToArray(), 100);
        await (await CsvSourceReader.OpenAsync(owned)).DisposeAsync();
        Assert.True(owned.Disposed);

        var refused = new TrickleStream("a,a\n"u8.ToArray(), 100);
        await Assert.ThrowsAsync<SourceFormatException>(async () => await CsvSourceReader.OpenAsync(refused));
        Assert.True(refused.Disposed);

        var lent = new TrickleStream("a\n1\n"u8.ToArray(), 100);
        await (await CsvSourceReader.OpenAsync(lent, new CsvOptions { LeaveOpen = true })).DisposeAsync();
        Assert.False(lent.Disposed);
    }

    [Theory]
    [InlineData('"')]
    [InlineData('\n')]
    public async Task A_quote_or_a_line_break_cannot_be_the_delimiter(char delimiter)
    {
        var e = await Assert.ThrowsAsync<GongshuException>(async () => await Open("a\n", new CsvOptions { Delimiter = delimiter }));
        Assert.Equal(("invalid_delimiter", "delimiter"), (e.Code, e.Field));
    }
}
