using System.Text;
using Gongshu.Collection.Sources;
using Gongshu.Collection.Sources.Csv;
using Xunit;
using static Gongshu.Tests.CollectionTests.Csv.CsvFiles;

namespace Gongshu.Tests.CollectionTests.Csv;

public class CsvEncodingTests
{
    private const string Text = "姓名,地址,备注\r\n张三,浙江省杭州市西湖区,\"“引号”与 € 符号\"\r\n李四,宁波市鄞州区,𠀀\r\n";

    private static readonly Encoding Gb18030 = TextEncoding.Gb18030.Encoding;

    public static TheoryData<string, byte[]> Files => new()
    {
        { "utf-8", Encoding.UTF8.GetBytes(Text) },
        { "utf-8", WithBom(Encoding.UTF8, Text) },
        { "gb18030", Gb18030.GetBytes(Text) },
        { "utf-16le", WithBom(Encoding.Unicode, Text) },
        { "utf-16be", WithBom(Encoding.BigEndianUnicode, Text) },
    };

    [Theory, MemberData(nameof(Files))]
    public async Task The_encoding_is_detected_and_the_text_decoded(string encoding, byte[] bytes)
    {
        foreach (var bytesPerRead in new[] { 1, 3, bytes.Length })
        {
            await using var reader = await CsvSourceReader.OpenAsync(new TrickleStream(bytes, bytesPerRead), new CsvOptions { BufferSize = 16 });
            Assert.Equal(encoding, reader.Encoding);
            Assert.Equal(["姓名", "地址", "备注"], reader.Columns);
            var rows = await ReadAll(reader);
            Assert.Equal(["张三", "浙江省杭州市西湖区", "“引号”与 € 符号"], rows[0].Values);
            Assert.Equal(["李四", "宁波市鄞州区", "𠀀"], rows[1].Values);
        }
    }

    [Theory]
    [InlineData("GBK")]
    [InlineData("gb2312")]
    [InlineData(" GB18030 ")]
    public async Task A_named_chinese_encoding_reads_the_file_as_gb18030(string name)
    {
        await using var reader = await Open(Gb18030.GetBytes(Text), new CsvOptions { Encoding = name });
        Assert.Equal("gb18030", reader.Encoding);
        Assert.Equal("浙江省杭州市西湖区", (await ReadAll(reader))[0].Values[1]);
    }

    [Fact]
    public async Task A_named_encoding_overrides_detection()
    {
        await using (var reader = await Open(Encoding.Unicode.GetBytes(Text), new CsvOptions { Encoding = "utf-16" }))
        {
            Assert.Equal("utf-16le", reader.Encoding);
            Assert.Equal("张三", (await ReadAll(reader))[0].Values[0]);
        }

        var e = await Assert.ThrowsAsync<SourceFormatException>(async () => await Open(Gb18030.GetBytes(Text), new CsvOptions { Encoding = "utf-8" }));
        Assert.Equal(("csv_wrong_encoding", 1L), (e.Code, e.Line));
    }

    [Fact]
    public async Task An_unknown_encoding_name_is_refused()
    {
        var e = await Assert.ThrowsAsync<GongshuException>(async () => await Open(Text, new CsvOptions { Encoding = "big5" }));
        Assert.Equal(("unknown_encoding", "encoding"), (e.Code, e.Field));
        Assert.Contains("gb18030", e.Message);
    }

    /// <summary>The first 64 KiB are UTF-8; the bad bytes come later, where detection no longer looks.</summary>
    [Theory]
    [InlineData("{0},坏\xFF字\n", 0)]
    [InlineData("{0},\"多行\n坏\xFF字\",2\n", 1)]
    [InlineData("{0},\"多行\r\n\r\n好\",\xFF\n", 2)]
    public async Task Bytes_that_are_not_utf8_after_the_sample_are_refused_naming_their_line(string badRow, int linesIntoRecord)
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes("编号,内容,备注\n"));
        var rows = 0;
        while (bytes.Count < 70_000)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes($"{++rows},数据内容 {rows},\"说明\"\n"));
        }

        bytes.AddRange(Utf8WithByteFF(string.Format(badRow, rows + 1)));
        bytes.AddRange(Encoding.UTF8.GetBytes("下一行,2,3\n"));

        await using var reader = await Open([.. bytes]);
        Assert.Equal("utf-8", reader.Encoding);
        var read = 0;
        var e = await Assert.ThrowsAsync<SourceFormatException>(async () =>
        {
            while (await reader.ReadAsync())
            {
                read++;
            }
        });
        Assert.Equal(rows, read);
        Assert.Equal(("csv_wrong_encoding", rows + 2L + linesIntoRecord), (e.Code, e.Line));
        Assert.Contains("not valid UTF-8", e.Message);
        Assert.Contains("gb18030", e.Message);
    }

    [Fact]
    public async Task A_utf8_file_cut_inside_its_last_character_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes("编号,内容\n" + string.Concat(Enumerable.Range(1, 5000).Select(i => $"{i},数据内容\n")) + "末,字");
        await using var reader = await Open(bytes[..^1]);
        var e = await Assert.ThrowsAsync<SourceFormatException>(() => ReadAll(reader));
        Assert.Equal(("csv_wrong_encoding", 5002L), (e.Code, e.Line));
    }

    [Fact]
    public void A_sample_that_cuts_a_character_in_two_is_still_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes("编号,内容\n1,中文");
        Assert.Same(TextEncoding.Utf8, TextEncodingDetector.Detect(bytes, isWholeFile: true));
        for (var cut = 1; cut <= 2; cut++)
        {
            Assert.Same(TextEncoding.Utf8, TextEncodingDetector.Detect(bytes.AsSpan(..^cut), isWholeFile: false));
            Assert.Same(TextEncoding.Gb18030, TextEncodingDetector.Detect(bytes.AsSpan(..^cut), isWholeFile: true));
        }

        Assert.Same(TextEncoding.Utf8, TextEncodingDetector.Detect("plain ascii"u8, isWholeFile: true));
        Assert.Same(TextEncoding.Gb18030, TextEncodingDetector.Detect(Gb18030.GetBytes("编号,内容\n1,中文"), isWholeFile: false));
    }

    // The row's text in UTF-8, except the char \xFF, which stands for the byte 0xFF.
    private static byte[] Utf8WithByteFF(string row)
        => [.. row.Split('\xFF').SelectMany((part, i) => i == 0 ? Encoding.UTF8.GetBytes(part) : [0xFF, .. Encoding.UTF8.GetBytes(part)])];
}
