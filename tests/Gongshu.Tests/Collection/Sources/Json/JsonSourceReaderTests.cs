using System.Text;
using Gongshu.Collection.Sources;
using Gongshu.Collection.Sources.Json;
using Xunit;

namespace Gongshu.Tests.CollectionTests.Sources.Json;

public class JsonSourceReaderTests
{
    private static ValueTask<JsonSourceReader> Open(string json, JsonSourceOptions? options = null)
        => JsonSourceReader.OpenAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), options);

    [Fact]
    public async Task Values_are_read_as_their_json_types()
    {
        await using var reader = await Open("""
            [{"name": "\u5f20三", "age": 36, "income": 1234.56, "huge": 1e30, "active": true, "retired": false,
              "note": null, "empty": "", "address": {"city": "杭州", "zip": "310000"}, "tags": [1, "二"], "exp": 1.5e2}]
            """);

        Assert.Equal(["name", "age", "income", "huge", "active", "retired", "note", "empty", "address", "tags", "exp"], reader.Columns);
        var record = Assert.Single(await reader.ReadAllAsync());
        Assert.Equal<object?>(
            ["张三", 36L, 1234.56m, 1e30, true, false, null, null, """{"city": "杭州", "zip": "310000"}""", """[1, "二"]""", 150m],
            record.Values);
    }

    [Fact]
    public async Task Ndjson_records_are_numbered_by_their_line()
    {
        await using var reader = await Open("{\"id\":1,\"name\":\"一\"}\n\n{\"id\":2,\n \"name\":\"二\"}\r\n{\"id\":3,\"name\":\"三\"}\n");

        var records = await reader.ReadAllAsync();

        Assert.Equal([1L, 3L, 5L], records.Select(r => r.Position));
        Assert.Equal<object?>([1L, 2L, 3L], records.Select(r => r.Values[0]));
    }

    [Fact]
    public async Task Array_records_are_numbered_by_the_line_they_start_on()
    {
        await using var reader = await Open("""
            [
              {
                "id": 1
              },
              {"id": 2}, {"id": 3},

              {
                "id": 4
              }
            ]
            """);

        var records = await reader.ReadAllAsync();

        Assert.Equal([2L, 5L, 5L, 7L], records.Select(r => r.Position));
    }

    [Fact]
    public async Task Later_records_may_lack_keys_reorder_them_or_add_new_ones()
    {
        await using var reader = await Open("""
            {"id": 1, "name": "一", "city": "杭州"}
            {"city": "宁波", "id": 2}
            {"id": 3, "mobile": "13800000000", "name": "三", "email": "a@b.cn"}
            """);

        var records = await reader.ReadAllAsync();

        Assert.Equal(["id", "name", "city"], reader.Columns);
        Assert.Equal<object?>([2L, null, "宁波"], records[1].Values);
        Assert.Equal<object?>([3L, "三", null], records[2].Values);
        Assert.Equal(["email", "mobile"], reader.IgnoredKeys.Order());
    }

    [Fact]
    public async Task Columns_can_be_given_instead_of_taken_from_the_first_record()
    {
        await using var reader = await Open("""
            {"id": 1}
            {"id": 2, "name": "二"}
            """, new JsonSourceOptions { Columns = ["name", "id"] });

        var records = await reader.ReadAllAsync();

        Assert.Equal(["name", "id"], reader.Columns);
        Assert.Equal<object?>([null, 1L], records[0].Values);
        Assert.Equal<object?>(["二", 2L], records[1].Values);
    }

    [Fact]
    public async Task The_raw_record_is_the_object_as_written()
    {
        await using var reader = await Open("[ {\"id\": 1,  \"名\": \"一\"} ]");

        Assert.True(await reader.ReadAsync());
        Assert.Equal("{\"id\": 1,  \"名\": \"一\"}", reader.RawRecord);
    }

    [Fact]
    public async Task Records_are_found_at_a_property_path_of_a_response()
    {
        await using var reader = await Open("""
            {"code": 0, "msg": "成功", "meta": {"items": [{"x": 1}]},
             "data": {"total": 2, "list": [[1], {"a": {"items": 1}}], "items": [{"id": 1}, {"id": 2}], "after": [{"id": 9}]},
             "trailer": true}
            """, new JsonSourceOptions { RecordsPath = "data.items" });

        var records = await reader.ReadAllAsync();

        Assert.Equal(["id"], reader.Columns);
        Assert.Equal<object?>([1L, 2L], records.Select(r => r.Values[0]));
        Assert.Equal([2L, 2L], records.Select(r => r.Position));
    }

    [Fact]
    public async Task A_null_records_array_has_no_records()
    {
        await using var reader = await Open("""{"data": {"items": null}}""", new JsonSourceOptions { RecordsPath = "data.items" });

        Assert.Empty(reader.Columns);
        Assert.False(await reader.ReadAsync());
    }

    [Theory]
    [InlineData("""{"data": {"rows": []}}""", "no 'data.items' property")]
    [InlineData("""{"data": [{"items": []}]}""", "'data' is an array, not an object")]
    [InlineData("""{"data": {"items": {"id": 1}}}""", "'data.items' is an object, not an array")]
    public async Task A_records_path_that_leads_nowhere_is_refused(string json, string message)
    {
        var e = await Assert.ThrowsAsync<SourceFormatException>(async () => await Open(json, new JsonSourceOptions { RecordsPath = "data.items" }));

        Assert.Equal("json_not_records", e.Code);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public async Task Tokens_cut_by_the_buffer_edge_are_read_whole()
    {
        var json = new StringBuilder("[\n");
        for (var i = 0; i < 500; i++)
        {
            json.Append(i == 0 ? "" : ",\n").Append($$"""{"id": {{i}}, "name": "名字\"{{i}}\"", "score": {{i}}.25, "tags": ["甲", "乙"], "ok": {{(i % 2 == 0 ? "true" : "false")}}}""");
        }

        json.Append("\n]");
        await using var whole = await Open(json.ToString());
        await using var small = await Open(json.ToString(), new JsonSourceOptions { BufferSize = 16 });

        var expected = await whole.ReadAllAsync();
        var actual = await small.ReadAllAsync();

        Assert.Equal(500, actual.Count);
        Assert.Equal(expected.Select(r => r.Position), actual.Select(r => r.Position));
        Assert.Equal(expected.SelectMany(r => r.Values), actual.SelectMany(r => r.Values));
        Assert.Equal<object?>([499L, "名字\"499\"", 499.25m, """["甲", "乙"]""", false], actual[^1].Values);
    }

    [Fact]
    public async Task A_record_larger_than_the_buffer_grows_it()
    {
        var text = new string('浙', 300_000);
        await using var reader = await Open($$"""{"id": 1, "text": "{{text}}"}""" + "\n{\"id\": 2}", new JsonSourceOptions { BufferSize = 1024 });

        var records = await reader.ReadAllAsync();

        Assert.Equal(text, records[0].Values[1]);
        Assert.Equal(2L, records[1].Position);
    }

    [Fact]
    public async Task A_record_beyond_the_size_limit_is_refused()
    {
        var e = await Assert.ThrowsAsync<SourceFormatException>(async () =>
        {
            await using var reader = await Open($$"""{"id": 1}{{"\n"}}{"text": "{{new string('x', 10_000)}}"}""", new JsonSourceOptions { BufferSize = 64, MaxRecordBytes = 4096 });
            await reader.ReadAllAsync();
        });

        Assert.Equal("json_record_too_large", e.Code);
        Assert.Equal(2, e.Line);
    }

    [Theory]
    [InlineData("{\"id\": 1}\n{\"id\": 2}\n{\"id\": 3,}\n", 3)]
    [InlineData("{\"id\": 1}\n{\"id\": 2\n", 3)]
    [InlineData("[\n{\"id\": 1},\n{\"id\": 2}\n", 4)]
    [InlineData("[{\"id\": 1}]\n\n]", 3)]
    [InlineData("\n\nid,name\n1,一", 3)]
    [InlineData("[{\"id\": 1},\n{\"id\": tru}]", 2)]
    public async Task Malformed_json_is_refused_at_its_line(string json, long line)
    {
        var e = await Assert.ThrowsAsync<SourceFormatException>(async () =>
        {
            await using var reader = await Open(json, new JsonSourceOptions { BufferSize = 16 });
            await reader.ReadAllAsync();
        });

        Assert.Equal("json_malformed", e.Code);
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"Line {line}: the JSON is malformed", e.Message);
        Assert.DoesNotContain("LineNumber", e.Message);
    }

    [Theory]
    [InlineData("[{\"id\": 1},\n 2]")]
    [InlineData("{\"id\": 1}\n[1]")]
    public async Task A_record_that_is_not_an_object_is_refused(string json)
    {
        var e = await Assert.ThrowsAsync<SourceFormatException>(async () =>
        {
            await using var reader = await Open(json);
            await reader.ReadAllAsync();
        });

        Assert.Equal("json_not_records", e.Code);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public async Task Text_that_is_not_utf8_is_refused()
    {
        byte[] json = [.. "{\"name\": \""u8, 0xD5, 0xC5, 0xC8, 0xFD, .. "\"}"u8];

        var e = await Assert.ThrowsAsync<SourceFormatException>(async () => await JsonSourceReader.OpenAsync(new MemoryStream(json)));

        Assert.Equal("json_malformed", e.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t\n")]
    [InlineData("\uFEFF")]
    public async Task An_empty_file_has_no_columns_and_no_records(string json)
    {
        await using var reader = await Open(json);

        Assert.Empty(reader.Columns);
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task A_byte_order_mark_is_passed_over()
    {
        await using var reader = await Open("\uFEFF\n[{\"id\": 1}]");

        var record = Assert.Single(await reader.ReadAllAsync());
        Assert.Equal(2, record.Position);
    }

    [Fact]
    public async Task A_hundred_thousand_ndjson_records_are_streamed()
    {
        const int rows = 100_000;
        var stream = new GeneratedStream(rows, n => $$"""{"id": {{n}}, "name": "姓名{{n}}", "score": {{n}}.5, "ok": true, "birth": "1990-01-01"}""");

        await using var reader = await JsonSourceReader.OpenAsync(stream, new JsonSourceOptions { BufferSize = 4096 });
        long count = 0;
        long sum = 0;
        while (await reader.ReadAsync())
        {
            count++;
            sum += (long)reader[0]!;
        }

        Assert.Equal(rows, count);
        Assert.Equal(rows, reader.Position);
        Assert.Equal((long)rows * (rows + 1) / 2, sum);
    }
}
