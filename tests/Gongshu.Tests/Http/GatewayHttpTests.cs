using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gongshu.Audit;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Http;

/// <summary>The whole sharing journey over real HTTP: apply, approve, collect the credential, call the gateway, verify the audit chain.</summary>
public sealed class GatewayHttpTests
{
    private const string People = "id_number,name\n11010519491231002X,张三\n110105194912310021,李四\n330106199001011234,王五\n";

    [Theory, AllDatabases]
    public async Task A_consumer_applies_the_provider_and_platform_approve_and_signed_calls_get_masked_granted_fields_only(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, admin, id) = await CollectionHttpTests.PublishedAsync(server);
        Assert.Equal(HttpStatusCode.Created, (await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=p.csv", Bytes(People))).StatusCode);
        using var consumer = await server.SignedInAsync("hz.consumer", server.HangzhouData, Role.Consumer);
        using var outsider = await server.SignedInAsync("zj.consumer", server.Zhejiang, Role.Consumer);

        var today = DateOnly.FromDateTime(server.Clock.GetUtcNow().AddHours(8).UtcDateTime);
        var applied = await consumer.PostAsJsonAsync("/api/sharing/applications", new
        {
            resourceId = id,
            fields = new[] { "id_number" },
            purpose = "社保待遇资格认证",
            scenario = "核验参保人身份",
            legalBasis = "《社会保险法》",
            periodTo = today.AddDays(90).ToString("yyyy-MM-dd"),
            expectedDailyCalls = 2,
        });
        Assert.True(applied.StatusCode == HttpStatusCode.Created, await applied.Content.ReadAsStringAsync());
        var application = await applied.Content.ReadFromJsonAsync<JsonElement>();
        var applicationId = application.GetProperty("id").GetInt64();
        Assert.Equal("provider_review", application.GetProperty("state").GetString());
        await ProblemAssert.IsProblemAsync(await outsider.GetAsync($"/api/sharing/applications/{applicationId}"), HttpStatusCode.NotFound, "application_not_found");

        var awaiting = await provider.GetFromJsonAsync<JsonElement>("/api/sharing/applications?awaitingMe=true");
        Assert.Equal(applicationId, awaiting[0].GetProperty("id").GetInt64());
        await ProblemAssert.IsProblemAsync(await provider.PostAsJsonAsync($"/api/sharing/applications/{applicationId}/decision", new { approve = false }),
            HttpStatusCode.BadRequest, "text_required");
        var approved = await provider.PostAsJsonAsync($"/api/sharing/applications/{applicationId}/decision", new { approve = true, dailyQuota = 4 });
        Assert.Equal("platform_review", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString()); // an L3 field
        var granted = await (await admin.PostAsJsonAsync($"/api/sharing/applications/{applicationId}/decision", new { approve = true }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("granted", granted.GetProperty("state").GetString());
        Assert.All(granted.GetProperty("decisions").EnumerateArray(), d => Assert.True(d.GetProperty("signatureValid").GetBoolean()));
        var grantId = granted.GetProperty("grantId").GetInt64();

        var issued = await (await consumer.PostAsync($"/api/sharing/grants/{grantId}/credential", null)).Content.ReadFromJsonAsync<JsonElement>();
        var credential = (issued.GetProperty("appKey").GetString()!, issued.GetProperty("secret").GetString()!);
        await ProblemAssert.IsProblemAsync(await consumer.PostAsync($"/api/sharing/grants/{grantId}/credential", null), HttpStatusCode.Conflict, "credential_issued");

        using var app = server.Client();

        // Lookup by key: the granted field only, as the share policy delivers a field the grant names (in full, by default).
        var found = await app.SendAsync(Signed(server, credential, HttpMethod.Get, $"/gateway/v1/grants/{grantId}/lookup?id_number=110105194912310021"));
        Assert.True(found.StatusCode == HttpStatusCode.OK, await found.Content.ReadAsStringAsync());
        var record = await found.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["id_number"], record.EnumerateObject().Select(p => p.Name));
        Assert.Equal("110105194912310021", record.GetProperty("id_number").GetString());

        await ProblemAssert.IsProblemAsync(await app.SendAsync(Signed(server, credential, HttpMethod.Get, $"/gateway/v1/grants/{grantId}/lookup?name=李四")),
            HttpStatusCode.Forbidden, "field_not_granted");
        await ProblemAssert.IsProblemAsync(await app.SendAsync(Signed(server, credential, HttpMethod.Get, $"/gateway/v1/grants/{grantId + 1}/lookup?id_number=1")),
            HttpStatusCode.NotFound, "grant_not_found");
        await ProblemAssert.IsProblemAsync(await app.SendAsync(Signed(server, credential, HttpMethod.Get,
            $"/gateway/v1/grants/{grantId}/lookup?id_number=%27%20OR%20%271%27%3D%271")), HttpStatusCode.NotFound, "record_not_found");

        // Quota 4 a day: every call past the grant check counts (the lookups, the ungranted field, the export); the fifth is refused.
        var exported = await app.SendAsync(Signed(server, credential, HttpMethod.Get, $"/gateway/v1/grants/{grantId}/export?format=csv"));
        var csv = await exported.Content.ReadAsStringAsync();
        Assert.Equal(4, csv.Trim().Split('\n').Length); // header and three rows
        Assert.DoesNotContain("张三", csv);
        var limited = await app.SendAsync(Signed(server, credential, HttpMethod.Get, $"/gateway/v1/grants/{grantId}/lookup?id_number=110105194912310021"));
        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests, "quota_exceeded");
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // Revocation stops the next call; the audit chain still verifies, with every call in it.
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsJsonAsync($"/api/sharing/grants/{grantId}/revoke", new { reason = "核验业务停办" })).StatusCode);
        await ProblemAssert.IsProblemAsync(await app.SendAsync(Signed(server, credential, HttpMethod.Get, $"/gateway/v1/grants/{grantId}/lookup?id_number=1")),
            HttpStatusCode.Unauthorized, "credential_revoked");
        var verification = await AuditVerifier.VerifyAsync(server.Database, server.Platform.Keys.AuditSigningKey);
        Assert.True(verification.Ok, verification.Message);
        await using var connection = await server.Database.OpenConnectionAsync();
        var outcomes = (await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT outcome FROM audit_log WHERE action = 'gateway.call' ORDER BY seq")).ToList();
        Assert.Equal(["success", "denied", "denied", "success", "success", "failed"], outcomes); // found, ungranted, other grant, no such key, export, quota
    }

    [Theory, AllDatabases]
    public async Task Verification_answers_match_no_match_or_not_found_and_returns_no_data(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, admin, id, credential) = await GrantedPeopleAsync(server);
        using var app = server.Client();

        async Task<string> Verify(string idNumber, string name)
        {
            var response = await app.SendAsync(Signed(server, credential.Key, HttpMethod.Post, $"/gateway/v1/grants/{credential.GrantId}/verify",
                JsonSerializer.Serialize(new { key = new { id_number = idNumber }, claims = new { name } })));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            Assert.DoesNotContain(idNumber, body);
            return JsonDocument.Parse(body).RootElement.GetProperty("result").GetString()!;
        }

        Assert.Equal("match", await Verify("330106199001011234", "王五"));
        Assert.Equal("no_match", await Verify("330106199001011234", "王六"));
        Assert.Equal("not_found", await Verify("330106199001019999", "王五"));
        await ProblemAssert.IsProblemAsync(await app.SendAsync(Signed(server, credential.Key, HttpMethod.Post, $"/gateway/v1/grants/{credential.GrantId}/verify",
            """{ "key": { "id_number": "330106199001011234" }, "claims": {} }""")), HttpStatusCode.BadRequest, "claims_missing");
    }

    [Theory, AllDatabases]
    public async Task A_replayed_gateway_request_is_refused_on_every_interface_and_returns_no_data(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (_, _, _, credential) = await GrantedPeopleAsync(server, dailyCalls: 100_000, rateLimit: 10_000);
        using var app = server.Client();
        var grant = credential.GrantId;

        // Each request is sent, then sent again with the same headers: as an eavesdropper would.
        async Task<(HttpResponseMessage First, HttpResponseMessage Replay)> TwiceAsync(HttpMethod method, string pathAndQuery, string? body = null)
        {
            var request = Signed(server, credential.Key, method, pathAndQuery, body);
            var again = new HttpRequestMessage(method, pathAndQuery);
            if (body is not null)
            {
                again.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            foreach (var header in request.Headers)
            {
                again.Headers.Add(header.Key, header.Value);
            }

            return (await app.SendAsync(request), await app.SendAsync(again));
        }

        var verify = JsonSerializer.Serialize(new { key = new { id_number = "330106199001011234" }, claims = new { name = "王五" } });
        foreach (var (method, path, body, status) in new (HttpMethod, string, string?, HttpStatusCode)[]
        {
            (HttpMethod.Get, $"/gateway/v1/grants/{grant}/lookup?id_number=330106199001011234", null, HttpStatusCode.OK),
            (HttpMethod.Get, $"/gateway/v1/grants/{grant}/lookup?id_number=330106199001019999", null, HttpStatusCode.NotFound),
            (HttpMethod.Get, $"/gateway/v1/grants/{grant}/records?limit=10", null, HttpStatusCode.OK),
            (HttpMethod.Post, $"/gateway/v1/grants/{grant}/verify", verify, HttpStatusCode.OK),
            (HttpMethod.Get, $"/gateway/v1/grants/{grant}/export?format=json", null, HttpStatusCode.OK),
            (HttpMethod.Get, $"/gateway/v1/grants/{grant + 1}/lookup?id_number=330106199001011234", null, HttpStatusCode.NotFound),
        })
        {
            var (first, replay) = await TwiceAsync(method, path, body);
            Assert.True(first.StatusCode == status, $"{path}: {(int)first.StatusCode} {await first.Content.ReadAsStringAsync()}");
            var refused = await replay.Content.ReadAsStringAsync();
            await ProblemAssert.IsProblemAsync(replay, HttpStatusCode.Unauthorized, "nonce_replayed");
            Assert.DoesNotContain("王五", refused);
            Assert.DoesNotContain("330106", refused);
        }

        // Every first request is audited as its call; every replay as a refused signature, and the chain holds.
        var verification = await AuditVerifier.VerifyAsync(server.Database, server.Platform.Keys.AuditSigningKey);
        Assert.True(verification.Ok, verification.Message);
        await using var connection = await server.Database.OpenConnectionAsync();
        Assert.Equal(6, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT count(*) FROM audit_log WHERE action = 'gateway.call'"));
        Assert.Equal(6, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
            "SELECT count(*) FROM audit_log WHERE action = 'credential.verify' AND outcome = 'denied' AND detail LIKE '%nonce_replayed%'"));
        Assert.Equal(6, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT count(*) FROM request_nonces WHERE app_key = @key",
            new { key = credential.Key.AppKey }));
    }

    [Theory, AllDatabases]
    public async Task Replays_of_a_captured_request_use_none_of_the_grant_holders_quota(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (_, _, _, credential) = await GrantedPeopleAsync(server, dailyCalls: 3, rateLimit: 10_000);
        using var app = server.Client();
        var path = $"/gateway/v1/grants/{credential.GrantId}/lookup?id_number=330106199001011234";

        var captured = Signed(server, credential.Key, HttpMethod.Get, path);
        var headers = captured.Headers.ToList();
        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(captured)).StatusCode);
        for (var i = 0; i < 10; i++)
        {
            var replay = new HttpRequestMessage(HttpMethod.Get, path);
            foreach (var header in headers)
            {
                replay.Headers.Add(header.Key, header.Value);
            }

            await ProblemAssert.IsProblemAsync(await app.SendAsync(replay), HttpStatusCode.Unauthorized, "nonce_replayed");
        }

        // Quota 4 (three expected calls a day, plus a fifth): the holder still has its three other calls today, and only those.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(Signed(server, credential.Key, HttpMethod.Get, path))).StatusCode);
        }

        await ProblemAssert.IsProblemAsync(await app.SendAsync(Signed(server, credential.Key, HttpMethod.Get, path)),
            HttpStatusCode.TooManyRequests, "quota_exceeded");
    }

    [Theory, AllDatabases]
    public async Task Injection_strings_in_every_gateway_parameter_change_nothing_and_return_no_extra_rows(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, admin, id, credential) = await GrantedPeopleAsync(server, dailyCalls: 100_000, rateLimit: 10_000);
        using var app = server.Client();
        string[] corpus =
        [
            "' OR '1'='1", "' OR 1=1 --", "1; DROP TABLE share_grants; --", "') OR ('a'='a", "\" OR \"\"=\"", "' UNION SELECT app_key FROM app_credentials --",
            "%27%20OR%201%3D1", "admin'--", "1' AND SLEEP(5)--", "' OR ''='", "‘ OR 1=1 --", "name; DELETE FROM audit_log", "*/ OR /*", "\u0027 OR 1=1",
            "id_number = '1' or 1 = 1", "(", "x') UNION ALL SELECT NULL,NULL--",
        ];
        var rowsBefore = await CountAsync(server, "share_grants") + await CountAsync(server, "app_credentials");
        foreach (var evil in corpus)
        {
            var e = Uri.EscapeDataString(evil);
            foreach (var path in new[]
            {
                $"lookup?id_number={e}", $"lookup?{e}=1", $"records?filter={e}", $"records?filter=name%20%3D%20%27{e}%27", $"records?sort={e}",
                $"records?fields={e}", $"records?limit={e}", $"records?cursor={e}", $"export?format={e}",
            })
            {
                var response = await app.SendAsync(Signed(server, credential.Key, HttpMethod.Get, $"/gateway/v1/grants/{credential.GrantId}/{path}"));
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.OK,
                    $"{path}: {(int)response.StatusCode} {body}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    // Only a filter that is itself a valid comparison can succeed, and then it matches no row.
                    Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("rows").GetArrayLength() == 0, $"{path} returned rows: {body}");
                }
            }
        }

        Assert.Equal(rowsBefore, await CountAsync(server, "share_grants") + await CountAsync(server, "app_credentials"));
        var all = await app.SendAsync(Signed(server, credential.Key, HttpMethod.Get, $"/gateway/v1/grants/{credential.GrantId}/records?limit=10"));
        Assert.Equal(3, JsonDocument.Parse(await all.Content.ReadAsStringAsync()).RootElement.GetProperty("rows").GetArrayLength());

        await server.Platform.GatewayCalls.FlushAsync();
        var answer = await admin.GetAsync("/api/sharing/gateway/statistics");
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        var statistics = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var lookups = statistics.GetProperty("interfaces").EnumerateArray().Single(i => i.GetProperty("interface").GetString() == "lookup");
        Assert.Equal(corpus.Length * 2, lookups.GetProperty("calls").GetInt64());
        Assert.Equal(0, lookups.GetProperty("failed").GetInt64());
    }

    [Theory, AllDatabases]
    public async Task The_change_feed_sends_everything_first_then_only_what_the_next_load_changed(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, admin, id, credential) = await GrantedPeopleAsync(server);
        using var app = server.Client();

        Task<List<JsonElement>> Changes(long? since) => ChangesAsync(server, app, credential, since);

        var first = await Changes(null);
        Assert.True(first[0].GetProperty("reset").GetBoolean());
        Assert.Equal(3, first.Count(l => l.TryGetProperty("op", out var op) && op.GetString() == "upsert"));
        var v1 = first[0].GetProperty("version").GetInt64();

        // The next load keeps 张三, renames 李四, drops 王五 and adds 赵六.
        var next = "id_number,name\n11010519491231002X,张三\n110105194912310021,李思\n330106199001011250,赵六\n";
        Assert.Equal(HttpStatusCode.Created, (await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=p2.csv", Bytes(next))).StatusCode);
        server.Clock.Advance(TimeSpan.FromSeconds(2)); // past the gateway's one-second view of the data in force

        var changes = await Changes(v1);
        Assert.False(changes[0].GetProperty("reset").GetBoolean());
        var upserted = changes.Where(l => l.TryGetProperty("op", out var op) && op.GetString() == "upsert").Select(l => l.GetProperty("record").GetProperty("name").GetString()).Order().ToList();
        Assert.Equal(["李思", "赵六"], upserted);
        var deleted = Assert.Single(changes, l => l.TryGetProperty("op", out var op) && op.GetString() == "delete");
        Assert.Equal("330106199001011234", deleted.GetProperty("key").GetProperty("id_number").GetString());

        var v2 = changes[0].GetProperty("version").GetInt64();
        Assert.Single(await Changes(v2)); // nothing new: the first line only
        Assert.True((await Changes(999_999))[0].GetProperty("reset").GetBoolean()); // a version never kept: everything again
    }

    [Theory, AllDatabases]
    public async Task With_a_row_filter_the_change_feed_sends_rows_moving_into_the_filter_as_upserts_and_out_of_it_as_deletes(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (provider, admin, id) = await CollectionHttpTests.PublishedAsync(server);
        await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=p.csv", Bytes(People));
        var consumer = await server.SignedInAsync("hz.consumer", server.HangzhouData, Role.Consumer);

        // Names are encrypted at rest: the filter matches them through their blind index, in both versions.
        var credential = await GrantedAsync(server, consumer, provider, admin, id, ["id_number", "name"], rowFilter: "name in ('张三', '李四', '赵六')");
        using var app = server.Client();
        Task<List<JsonElement>> Changes(long? since) => ChangesAsync(server, app, credential, since);

        static List<string?> Upserted(List<JsonElement> lines) => lines.Where(l => l.TryGetProperty("op", out var op) && op.GetString() == "upsert")
            .Select(l => l.GetProperty("record").GetProperty("name").GetString()).Order().ToList();

        var first = await Changes(null);
        Assert.Equal(["张三", "李四"], Upserted(first)); // 王五 is outside the filter
        var v1 = first[0].GetProperty("version").GetInt64();

        // 李四 is renamed out of the filter, 王五 (never sent) goes, 赵六 arrives inside it.
        var next = "id_number,name\n11010519491231002X,张三\n110105194912310021,李思\n330106199001011250,赵六\n";
        Assert.Equal(HttpStatusCode.Created, (await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=p2.csv", Bytes(next))).StatusCode);
        server.Clock.Advance(TimeSpan.FromSeconds(2));

        var changes = await Changes(v1);
        Assert.False(changes[0].GetProperty("reset").GetBoolean());
        Assert.Equal(["赵六"], Upserted(changes));
        var deleted = Assert.Single(changes, l => l.TryGetProperty("op", out var op) && op.GetString() == "delete");
        Assert.Equal("110105194912310021", deleted.GetProperty("key").GetProperty("id_number").GetString());
        Assert.Equal(3, changes.Count);
    }

    // One call of the change feed, its NDJSON lines parsed.
    private static async Task<List<JsonElement>> ChangesAsync(ServerHarness server, HttpClient app, ((string AppKey, string Secret) Key, long GrantId) credential, long? since)
    {
        var response = await app.SendAsync(Signed(server, credential.Key, HttpMethod.Get,
            $"/gateway/v1/grants/{credential.GrantId}/changes{(since is null ? "" : $"?since={since}")}"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];
    }

    private static async Task<long> CountAsync(ServerHarness server, string table)
    {
        await using var connection = await server.Database.OpenConnectionAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, $"SELECT count(*) FROM {table}");
    }

    // The people resource published and loaded with People, and a consumer's grant of its ID numbers and names.
    private static async Task<(HttpClient Provider, HttpClient Admin, long Id, ((string AppKey, string Secret) Key, long GrantId) Credential)> GrantedPeopleAsync(
        ServerHarness server, int dailyCalls = 1000, int? rateLimit = null)
    {
        var (provider, admin, id) = await CollectionHttpTests.PublishedAsync(server);
        await provider.PostAsync($"/api/collection/resources/{id}/loads?fileName=p.csv", Bytes(People));
        var consumer = await server.SignedInAsync("hz.consumer", server.HangzhouData, Role.Consumer);
        return (provider, admin, id, await GrantedAsync(server, consumer, provider, admin, id, ["id_number", "name"], dailyCalls, rateLimit));
    }

    internal static async Task<((string AppKey, string Secret) Key, long GrantId)> GrantedAsync(ServerHarness server, HttpClient consumer, HttpClient provider,
        HttpClient admin, long resourceId, string[] fields, int dailyCalls = 1000, int? rateLimit = null, string? rowFilter = null)
    {
        var today = DateOnly.FromDateTime(server.Clock.GetUtcNow().AddHours(8).UtcDateTime);
        var application = await (await consumer.PostAsJsonAsync("/api/sharing/applications", new
        {
            resourceId,
            fields,
            purpose = "身份核验",
            scenario = "一网通办",
            legalBasis = "《居民身份证法》",
            periodTo = today.AddDays(30).ToString("yyyy-MM-dd"),
            expectedDailyCalls = dailyCalls,
        })).Content.ReadFromJsonAsync<JsonElement>();
        var id = application.GetProperty("id").GetInt64();
        var decided = await provider.PostAsJsonAsync($"/api/sharing/applications/{id}/decision", new { approve = true, rateLimit, rowFilter });
        Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
        var granted = await (await admin.PostAsJsonAsync($"/api/sharing/applications/{id}/decision", new { approve = true })).Content.ReadFromJsonAsync<JsonElement>();
        var grantId = granted.GetProperty("grantId").GetInt64();
        var issued = await (await consumer.PostAsync($"/api/sharing/grants/{grantId}/credential", null)).Content.ReadFromJsonAsync<JsonElement>();
        return ((issued.GetProperty("appKey").GetString()!, issued.GetProperty("secret").GetString()!), grantId);
    }

    internal static HttpRequestMessage Signed(ServerHarness server, (string AppKey, string Secret) credential, HttpMethod method, string pathAndQuery, string? body = null)
    {
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var mark = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var (path, query) = mark < 0 ? (pathAndQuery, null) : (pathAndQuery[..mark], pathAndQuery[(mark + 1)..]);
        var request = new HttpRequestMessage(method, pathAndQuery);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in new RequestSigner(credential.AppKey, credential.Secret, server.Clock).Sign(method.Method, path, query, bytes))
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    private static ByteArrayContent Bytes(string text) => new(Encoding.UTF8.GetBytes(text));
}
