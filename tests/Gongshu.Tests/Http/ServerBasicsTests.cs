using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;
using Gongshu.Storage;
using Gongshu.Tests.Support;

namespace Gongshu.Tests.Http;

/// <summary>What every answer of the server has in common: health, problem details, headers, the API description.</summary>
public sealed class ServerBasicsTests
{
    [Theory, AllDatabases]
    public async Task Health_check_reports_the_database_it_reached(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        using var client = server.Client();

        var health = await client.GetFromJsonAsync<JsonElement>("/healthz");

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(kind.ToString(), health.GetProperty("database").GetString());
    }

    [Fact]
    public async Task Unknown_routes_wrong_methods_and_bad_bodies_get_problem_details_naming_the_problem()
    {
        await using var server = await ServerHarness.StartAsync(DatabaseKind.Sqlite);
        using var client = server.Client();

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(await client.PutAsync("/api/session", null), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        await ProblemAssert.IsProblemAsync(
            await client.PostAsync("/api/session", new StringContent("username=a", Encoding.UTF8, "application/x-www-form-urlencoded")),
            HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        var truncated = await ProblemAssert.IsProblemAsync(
            await client.PostAsync("/api/session", new StringContent("{\"username\": ", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "invalid_json");
        Assert.Contains("not valid JSON", truncated.GetProperty("detail").GetString());
        var missing = await ProblemAssert.IsProblemAsync(
            await client.PostAsJsonAsync("/api/session", new { username = "someone" }), HttpStatusCode.BadRequest, "invalid_input");
        Assert.Equal("password", missing.GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_before_it_is_read()
    {
        await using var server = await ServerHarness.StartAsync(DatabaseKind.Sqlite);
        var declared = server.Platform.Settings.MaxRequestBodyBytes + 1;

        // Announce a body over the limit and send only its start: the answer must come without the rest.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST /api/session HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\n\r\n{{\"username\":\"";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var statusLine = await reader.ReadLineAsync();
        string? line;
        while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync()))
        {
        }

        // Kestrel closes the connection after refusing the body, so the rest of the stream is the answer.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var text = await reader.ReadToEndAsync(timeout.Token);

        Assert.StartsWith("HTTP/1.1 413", statusLine);
        Assert.Contains("\"code\":\"payload_too_large\"", text);
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers()
    {
        await using var server = await ServerHarness.StartAsync(DatabaseKind.Sqlite);
        using var client = server.Client();

        foreach (var path in new[] { "/", "/healthz", "/api/me", "/missing" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.False(response.Headers.Contains("Server"));
        }
    }

    [Fact]
    public async Task The_API_is_described_in_OpenAPI()
    {
        await using var server = await ServerHarness.StartAsync(DatabaseKind.Sqlite);
        using var client = server.Client();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/session", "/api/me", "/api/organizations", "/api/credentials", "/api/audit", "/healthz" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }
}
