using System.Net;
using System.Net.Sockets;
using Gongshu.Collection.Sources;
using Gongshu.Collection.Sources.Http;
using Xunit;

namespace Gongshu.Tests.CollectionTests.Sources.Http;

public class HttpSourceReaderTests
{
    [Fact]
    public async Task Pages_are_read_by_number_until_a_short_page()
    {
        await using var api = await TestApi.StartAsync();

        await using var reader = await HttpSourceReader.OpenAsync(new HttpSourceOptions
        {
            Url = api.Url("/people?region=330100"),
            RecordsPath = "data.items",
            PageSize = 10,
        });
        var records = await reader.ReadAllAsync();

        Assert.Equal(["id", "name", "score", "active"], reader.Columns);
        Assert.Equal(Enumerable.Range(1, TestApi.People).Select(i => (object?)(long)i), records.Select(r => r.Values[0]));
        Assert.Equal(Enumerable.Range(1, TestApi.People).Select(i => (long)i), records.Select(r => r.Position));
        Assert.Equal<object?>([7L, "姓名7", 7.5m, false], records[6].Values);
        Assert.Equal(3, reader.Page);
        Assert.Equal(["note"], reader.IgnoredKeys);
        Assert.Equal(
            ["/people?region=330100&page=1&size=10", "/people?region=330100&page=2&size=10", "/people?region=330100&page=3&size=10"],
            api.Requests);
    }

    [Fact]
    public async Task Pages_are_read_by_offset_until_an_empty_page()
    {
        await using var api = await TestApi.StartAsync();

        await using var reader = await HttpSourceReader.OpenAsync(new HttpSourceOptions
        {
            Url = api.Url("/array?offset=99"),
            Paging = HttpPaging.Offset,
            PageSize = 5,
        });
        var records = await reader.ReadAllAsync();

        Assert.Equal(TestApi.People, records.Count);
        Assert.Equal(["/array?offset=0&limit=5", "/array?offset=5&limit=5", "/array?offset=10&limit=5", "/array?offset=15&limit=5",
            "/array?offset=20&limit=5", "/array?offset=25&limit=5"], api.Requests);
    }

    [Fact]
    public async Task Next_links_are_followed_until_there_is_none()
    {
        await using var api = await TestApi.StartAsync();

        await using var reader = await HttpSourceReader.OpenAsync(new HttpSourceOptions
        {
            Url = api.Url("/cursor"),
            Paging = HttpPaging.NextLink,
            NextLinkPath = "links.next",
            RecordsPath = "items",
        });
        var records = await reader.ReadAllAsync();

        Assert.Equal(TestApi.People, records.Count);
        Assert.Equal(["/cursor", "/cursor?after=10", "/cursor?after=20"], api.Requests);
    }

    [Fact]
    public async Task A_next_link_to_another_server_is_not_followed()
    {
        await using var api = await TestApi.StartAsync();

        var e = await Assert.ThrowsAsync<GongshuException>(async () =>
        {
            await using var reader = await HttpSourceReader.OpenAsync(new HttpSourceOptions
            {
                Url = api.Url("/foreign"),
                Paging = HttpPaging.NextLink,
                NextLinkPath = "next",
                RecordsPath = "items",
                Headers = new Dictionary<string, string> { ["X-Api-Key"] = TestApi.ApiKey },
            });
            await reader.ReadAllAsync();
        });

        Assert.Equal("source_http_error", e.Code);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task Headers_are_sent_with_every_request()
    {
        await using var api = await TestApi.StartAsync();

        await using var reader = await HttpSourceReader.OpenAsync(new HttpSourceOptions
        {
            Url = api.Url("/secure"),
            Paging = HttpPaging.None,
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = TestApi.ApiKey },
        });

        Assert.Equal(3, (await reader.ReadAllAsync()).Count);
    }

    [Fact]
    public async Task An_error_status_names_the_status_and_address_but_no_secret()
    {
        await using var api = await TestApi.StartAsync();

        var e = await Assert.ThrowsAsync<GongshuException>(() => HttpSourceReader.OpenAsync(new HttpSourceOptions
        {
            Url = api.Url("/secure?access_token=s3cret-in-query"),
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = "wrong-key-456" },
        }));

        Assert.Equal("source_http_error", e.Code);
        Assert.Contains("401", e.Message);
        Assert.Contains($"{api.BaseAddress}secure", e.Message);
        Assert.DoesNotContain("s3cret", e.Message);
        Assert.DoesNotContain("wrong-key-456", e.Message);
    }

    [Fact]
    public async Task A_failing_later_page_stops_the_read_naming_the_page()
    {
        await using var api = await TestApi.StartAsync();

        await using var reader = await HttpSourceReader.OpenAsync(new HttpSourceOptions { Url = api.Url("/flaky"), PageSize = 10 });
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await reader.ReadAsync());
        }

        var e = await Assert.ThrowsAsync<GongshuException>(async () => await reader.ReadAsync());
        Assert.Equal("source_http_error", e.Code);
        Assert.Contains("HTTP 502", e.Message);
        Assert.Contains("page 2", e.Message);
    }

    [Fact]
    public async Task An_api_that_ignores_paging_is_stopped_at_the_page_limit()
    {
        await using var api = await TestApi.StartAsync();

        var e = await Assert.ThrowsAsync<GongshuException>(async () =>
        {
            await using var reader = await HttpSourceReader.OpenAsync(new HttpSourceOptions { Url = api.Url("/endless"), PageSize = 5, MaxPages = 3 });
            await reader.ReadAllAsync();
        });

        Assert.Equal("http_too_many_pages", e.Code);
        Assert.Equal(3, api.Requests.Count);
    }

    [Fact]
    public async Task A_response_that_is_not_json_is_malformed()
    {
        await using var api = await TestApi.StartAsync();

        var e = await Assert.ThrowsAsync<SourceFormatException>(() => HttpSourceReader.OpenAsync(new HttpSourceOptions { Url = api.Url("/html") }));

        Assert.Equal("json_malformed", e.Code);
        Assert.StartsWith($"Page 1 from {api.BaseAddress}html", e.Message);
    }

    [Fact]
    public async Task A_server_error_names_its_status()
    {
        await using var api = await TestApi.StartAsync();

        var e = await Assert.ThrowsAsync<GongshuException>(() => HttpSourceReader.OpenAsync(new HttpSourceOptions { Url = api.Url("/down") }));

        Assert.Equal("source_http_error", e.Code);
        Assert.Contains("503", e.Message);
    }

    [Fact]
    public async Task A_server_that_stalls_in_the_middle_of_a_page_is_given_up_on()
    {
        await using var api = await TestApi.StartAsync();

        var e = await Assert.ThrowsAsync<GongshuException>(() => HttpSourceReader.OpenAsync(new HttpSourceOptions
        {
            Url = api.Url("/stall"),
            Paging = HttpPaging.None,
            Timeout = TimeSpan.FromMilliseconds(500),
        }));

        Assert.Equal("source_unreachable", e.Code);
        Assert.Contains("within 0.5 seconds", e.Message);
    }

    [Fact]
    public async Task A_server_that_refuses_connections_is_unreachable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var e = await Assert.ThrowsAsync<GongshuException>(() => HttpSourceReader.OpenAsync(new HttpSourceOptions { Url = new Uri($"http://127.0.0.1:{port}/people?key=s3cret") }));

        Assert.Equal("source_unreachable", e.Code);
        Assert.DoesNotContain("s3cret", e.Message);
    }

    [Fact]
    public async Task A_next_link_path_is_required_for_next_link_paging()
    {
        var e = await Assert.ThrowsAsync<GongshuException>(() => HttpSourceReader.OpenAsync(new HttpSourceOptions
        {
            Url = new Uri("http://127.0.0.1:1/"),
            Paging = HttpPaging.NextLink,
        }));

        Assert.Equal("nextLinkPath", e.Field);
    }
}
