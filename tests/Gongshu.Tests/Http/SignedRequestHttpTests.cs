using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.Support;

namespace Gongshu.Tests.Http;

/// <summary>App credentials issued over the API and used to sign real HTTP requests.</summary>
public sealed class SignedRequestHttpTests
{
    private sealed record Issued(string AppKey, string Secret);

    private static async Task<Issued> IssueAsync(HttpClient client, string label = "业务系统")
    {
        var response = await client.PostAsJsonAsync("/api/credentials", new { label });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Issued(body.GetProperty("credential").GetProperty("appKey").GetString()!, body.GetProperty("secret").GetString()!);
    }

    private static HttpRequestMessage Signed(ServerHarness server, Issued credential, HttpMethod method, string pathAndQuery, string? body = null,
        Action<IDictionary<string, string>>? tamper = null, DateTimeOffset? timestamp = null, string? nonce = null)
    {
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var mark = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var (path, query) = mark < 0 ? (pathAndQuery, null) : (pathAndQuery[..mark], pathAndQuery[(mark + 1)..]);
        var headers = new Dictionary<string, string>(new RequestSigner(credential.AppKey, credential.Secret, server.Clock)
            .Sign(method.Method, path, query, bytes, nonce: nonce, timestamp: timestamp));
        tamper?.Invoke(headers);
        var request = new HttpRequestMessage(method, pathAndQuery);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    [Theory, AllDatabases]
    public async Task A_signed_request_is_served_once_and_its_replay_is_refused(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        using var consumer = await server.SignedInAsync("qian.hao", server.HangzhouData, Role.Consumer);
        var credential = await IssueAsync(consumer);
        using var app = server.Client();

        var nonce = "n-" + Guid.NewGuid().ToString("N");
        var first = await app.SendAsync(Signed(server, credential, HttpMethod.Get, "/api/me?lang=zh-CN&q=%E4%BA%BA%E5%8F%A3", nonce: nonce));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var me = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("app", me.GetProperty("kind").GetString());
        Assert.Equal(credential.AppKey, me.GetProperty("username").GetString());
        Assert.Equal(server.HangzhouData.Id, me.GetProperty("organizationId").GetInt64());

        var replay = await app.SendAsync(Signed(server, credential, HttpMethod.Get, "/api/me?lang=zh-CN&q=%E4%BA%BA%E5%8F%A3", nonce: nonce));
        await ProblemAssert.IsProblemAsync(replay, HttpStatusCode.Unauthorized, "nonce_replayed");
    }

    [Theory, AllDatabases]
    public async Task Stale_tampered_unknown_and_revoked_signatures_are_refused_with_their_reason(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        using var consumer = await server.SignedInAsync("zhou.min", server.HangzhouData, Role.Consumer);
        var credential = await IssueAsync(consumer);
        using var app = server.Client();

        await ProblemAssert.IsProblemAsync(
            await app.SendAsync(Signed(server, credential, HttpMethod.Get, "/api/me", timestamp: server.Clock.GetUtcNow().AddMinutes(-6))),
            HttpStatusCode.Unauthorized, "timestamp_stale");

        // The body the server receives is not the body that was signed.
        var tampered = Signed(server, credential, HttpMethod.Post, "/api/credentials", "{\"label\":\"a\"}");
        tampered.Content = new StringContent("{\"label\":\"b\"}", Encoding.UTF8, "application/json");
        await ProblemAssert.IsProblemAsync(await app.SendAsync(tampered), HttpStatusCode.Unauthorized, "signature_invalid");

        // A query parameter added after signing.
        var extended = Signed(server, credential, HttpMethod.Get, "/api/me?a=1");
        extended.RequestUri = new Uri("/api/me?a=1&b=2", UriKind.Relative);
        await ProblemAssert.IsProblemAsync(await app.SendAsync(extended), HttpStatusCode.Unauthorized, "signature_invalid");

        var unknown = new Issued(credential.AppKey[..^1] + (credential.AppKey[^1] == 'a' ? 'b' : 'a'), credential.Secret);
        await ProblemAssert.IsProblemAsync(await app.SendAsync(Signed(server, unknown, HttpMethod.Get, "/api/me")), HttpStatusCode.Unauthorized, "credential_unknown");

        Assert.Equal(HttpStatusCode.OK, (await consumer.DeleteAsync($"/api/credentials/{credential.AppKey}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await app.SendAsync(Signed(server, credential, HttpMethod.Get, "/api/me")), HttpStatusCode.Unauthorized, "credential_revoked");
    }

    [Theory, AllDatabases]
    public async Task The_secret_is_shown_once_and_never_listed(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        using var consumer = await server.SignedInAsync("wu.jie", server.HangzhouData, Role.Consumer);
        var credential = await IssueAsync(consumer);

        var list = await consumer.GetStringAsync("/api/credentials");

        Assert.Contains(credential.AppKey, list);
        Assert.DoesNotContain(credential.Secret, list);
        Assert.DoesNotContain("secret", list, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, AllDatabases]
    public async Task An_app_cannot_use_the_administrative_APIs(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        using var consumer = await server.SignedInAsync("feng.yu", server.HangzhouData, Role.Consumer);
        var credential = await IssueAsync(consumer);
        using var app = server.Client();

        var body = "{\"label\":\"more\"}";
        await ProblemAssert.IsProblemAsync(await app.SendAsync(Signed(server, credential, HttpMethod.Post, "/api/credentials", body)),
            HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await app.SendAsync(Signed(server, credential, HttpMethod.Get, "/api/audit")),
            HttpStatusCode.Forbidden, "forbidden");
    }
}
