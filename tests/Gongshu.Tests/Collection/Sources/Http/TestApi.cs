using System.Collections.Concurrent;
using System.Text.Json;
using Gongshu.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gongshu.Tests.CollectionTests.Sources.Http;

/// <summary>
/// A department's data API on a free loopback port, paging 25 people in the ways real APIs do.
/// It notes every request, so tests can see which pages were asked for.
/// </summary>
public sealed class TestApi : IAsyncDisposable
{
    public const string ApiKey = "k-Qiantang-123";
    public const int People = 25;

    private readonly WebApplication _app;

    private TestApi(WebApplication app) => _app = app;

    public Uri BaseAddress => new(_app.ListeningUrl());

    /// <summary>Each request's path and query, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    public static async Task<TestApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new TestApi(app);
        app.Use(async (context, next) =>
        {
            api.Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            await next(context);
        });
        api.Map(app);
        await app.StartAsync();
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static object Person(int id) => id == 20
        ? new { id, name = $"姓名{id}", score = id + 0.5, active = id % 2 == 0, note = "多出的键" }
        : new { id, name = $"姓名{id}", score = id + 0.5, active = id % 2 == 0 };

    private static IEnumerable<object> PeopleFrom(int offset, int count)
        => Enumerable.Range(offset + 1, Math.Max(0, Math.Min(count, People - offset))).Select(Person);

    private static IResult Json(object value) => Results.Text(JsonSerializer.Serialize(value), "application/json");

    private void Map(WebApplication app)
    {
        app.MapGet("/people", (int page, int size) =>
            Json(new { code = 0, msg = "成功", data = new { total = People, items = PeopleFrom((page - 1) * size, size) } }));
        app.MapGet("/array", (int offset, int limit) => Json(PeopleFrom(offset, limit)));
        app.MapGet("/cursor", (int? after) =>
        {
            var from = after ?? 0;
            var next = from + 10 < People ? $"/cursor?after={from + 10}" : null;
            return Json(new { items = PeopleFrom(from, 10), links = new { next } });
        });
        app.MapGet("/secure", (HttpRequest request) => request.Headers["X-Api-Key"] == ApiKey
            ? Json(PeopleFrom(0, 3))
            : Results.StatusCode(StatusCodes.Status401Unauthorized));
        app.MapGet("/flaky", (int page, int size) => page == 1 ? Json(PeopleFrom(0, size)) : Results.StatusCode(StatusCodes.Status502BadGateway));
        app.MapGet("/stall", async (HttpResponse response, CancellationToken ct) =>
        {
            response.ContentType = "application/json";
            await response.WriteAsync("[{\"id\": 1},", ct);
            await response.Body.FlushAsync(ct);
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
        });
        app.MapGet("/down", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/html", () => Results.Text("<html><body>维护中</body></html>", "text/html"));
        app.MapGet("/endless", () => Json(PeopleFrom(0, 5)));
        app.MapGet("/foreign", () => Json(new { items = PeopleFrom(0, 2), next = "http://data.example.com/cursor?after=2" }));
    }
}
