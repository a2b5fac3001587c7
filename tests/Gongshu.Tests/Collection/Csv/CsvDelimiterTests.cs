using Gongshu.Collection.Sources.Csv;
using Xunit;
using static Gongshu.Tests.CollectionTests.Csv.CsvFiles;

namespace Gongshu.Tests.CollectionTests.Csv;

public class CsvDelimiterTests
{
    /// <summary>The other candidates turn up too: inside quotes, and now and then in a value.</summary>
    [Theory]
    [InlineData(',')]
    [InlineData('\t')]
    [InlineData(';')]
    [InlineData('|')]
    public async Task The_delimiter_is_the_candidate_with_the_same_count_on_every_line(char delimiter)
    {
        var others = string.Concat(CsvDelimiterDetector.Candidates.Where(c => c != delimiter));
        var d = delimiter;
        var text = $"编号{d}名称{others[1]}别名{d}备注\r\n1{d}\"含{others}\"{d}甲\r\n2{d}乙{others[0]}丙{d}\r\n3{d}丁{d}\"{d}{others}\"\r\n";
        await using var reader = await Open(text);
        Assert.Equal(delimiter, reader.Delimiter);
        Assert.Equal(["编号", $"名称{others[1]}别名", "备注"], reader.Columns);
        var rows = await ReadAll(reader);
        Assert.Equal(["1", $"含{others}", "甲"], rows[0].Values);
        Assert.Equal(["2", $"乙{others[0]}丙", null], rows[1].Values);
        Assert.Equal(["3", "丁", $"{d}{others}"], rows[2].Values);
    }

    [Fact]
    public async Task A_delimiter_inside_quoted_header_names_does_not_count()
    {
        await using var reader = await Open("\"姓名,全称\"\t\"地址,省市\"\n张三\t杭州,西湖\n李四\t宁波\n");
        Assert.Equal('\t', reader.Delimiter);
        Assert.Equal(["姓名,全称", "地址,省市"], reader.Columns);
    }

    [Fact]
    public async Task A_file_of_one_column_is_read_with_a_comma()
    {
        await using var reader = await Open("姓名\n张三\n李四\n");
        Assert.Equal(',', reader.Delimiter);
        Assert.Equal(["张三", "李四"], (await ReadAll(reader)).Select(r => r.Values.Single()));
    }

    [Fact]
    public async Task A_named_delimiter_overrides_detection()
    {
        await using var reader = await Open("a\tb;c\n1\t2;3\n", new CsvOptions { Delimiter = ';' });
        Assert.Equal(';', reader.Delimiter);
        Assert.Equal(["a\tb", "c"], reader.Columns);
    }

    [Fact]
    public void More_columns_settle_a_tie_of_consistency_and_only_whole_records_count()
    {
        Assert.Equal(';', CsvDelimiterDetector.Detect("a,b;c;d\n1,2;3;4\n", isWholeFile: true));
        Assert.Equal(',', CsvDelimiterDetector.Detect("a,b;c\n1,2;3\n", isWholeFile: true));
        Assert.Equal('|', CsvDelimiterDetector.Detect("a|b|c\n1|2|3\n4,5,6|7", isWholeFile: false));
        Assert.Equal(',', CsvDelimiterDetector.Detect("", isWholeFile: true));
    }
}
