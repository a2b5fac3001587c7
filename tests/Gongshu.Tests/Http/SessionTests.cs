using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using Gongshu.Audit;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.Support;

namespace Gongshu.Tests.Http;

/// <summary>Signing in with password and authenticator code over HTTP, and what a session may do.</summary>
public sealed class SessionTests
{
    [Theory, AllDatabases]
    public async Task A_user_signs_in_with_password_and_code_and_gets_a_strict_http_only_session(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (user, seed) = await server.CreateUserAsync("wang.fang", server.Police, Role.ProviderAdmin);
        using var client = server.Client();

        var response = await ServerHarness.SignInAsync(client, "wang.fang", ServerHarness.Password, server.Code(seed));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gongshu_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(user.Id, me.GetProperty("id").GetInt64());
        Assert.Equal("浙江省公安厅", me.GetProperty("organizationName").GetString());
        Assert.Equal(["provider_admin"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain("hash", me.GetRawText(), StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/session")).StatusCode);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/me"), HttpStatusCode.Unauthorized, "authentication_required");
    }

    [Theory, AllDatabases]
    public async Task Wrong_password_unknown_user_and_wrong_or_reused_codes_are_refused_and_audited(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (user, seed) = await server.CreateUserAsync("li.na", server.Police, Role.Consumer);
        using var client = server.Client();

        await ProblemAssert.IsProblemAsync(await ServerHarness.SignInAsync(client, "li.na", "not-the-password", server.Code(seed)),
            HttpStatusCode.Unauthorized, "invalid_credentials");
        await ProblemAssert.IsProblemAsync(await ServerHarness.SignInAsync(client, "nobody", ServerHarness.Password, "123456"),
            HttpStatusCode.Unauthorized, "invalid_credentials");
        await ProblemAssert.IsProblemAsync(await ServerHarness.SignInAsync(client, "li.na", ServerHarness.Password, null),
            HttpStatusCode.Unauthorized, "totp_required");
        var wrong = Totp.Compute(seed, server.Clock.GetUtcNow().AddHours(1));
        await ProblemAssert.IsProblemAsync(await ServerHarness.SignInAsync(client, "li.na", ServerHarness.Password, wrong),
            HttpStatusCode.Unauthorized, "totp_invalid");

        var code = server.Code(seed);
        Assert.Equal(HttpStatusCode.OK, (await ServerHarness.SignInAsync(client, "li.na", ServerHarness.Password, code)).StatusCode);
        using var other = server.Client();
        await ProblemAssert.IsProblemAsync(await ServerHarness.SignInAsync(other, "li.na", ServerHarness.Password, code),
            HttpStatusCode.Unauthorized, "totp_reused");
        await ProblemAssert.IsProblemAsync(await other.GetAsync("/api/me"), HttpStatusCode.Unauthorized, "authentication_required");

        await server.Platform.AuditLog.CheckpointAsync();
        var denied = await new AuditSearch(server.Database).SearchAsync(new AuditQuery { ActionPrefix = "user.login", Outcome = AuditOutcome.Denied });
        Assert.Equal(5, denied.Entries.Count);
        Assert.All(denied.Entries, e => Assert.DoesNotContain(ServerHarness.Password, e.Detail ?? ""));
        Assert.Contains(denied.Entries, e => e.Actor == "anonymous" && e.Detail!.Contains("nobody", StringComparison.Ordinal));
        Assert.Contains(denied.Entries, e => e.Object == $"user:{user.Id}" && e.Detail!.Contains("totp_reused", StringComparison.Ordinal));
    }

    [Theory, AllDatabases]
    public async Task Five_failures_lock_the_account_even_for_the_right_password(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        var (_, seed) = await server.CreateUserAsync("zhao.lei", server.Police, Role.Consumer);
        using var client = server.Client();

        for (var i = 0; i < 5; i++)
        {
            await ServerHarness.SignInAsync(client, "zhao.lei", "guess-" + i, null);
        }

        var locked = await ProblemAssert.IsProblemAsync(
            await ServerHarness.SignInAsync(client, "zhao.lei", ServerHarness.Password, server.Code(seed)), HttpStatusCode.Forbidden, "account_locked");
        Assert.Contains("locked until", locked.GetProperty("detail").GetString());

        server.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.OK, (await ServerHarness.SignInAsync(client, "zhao.lei", ServerHarness.Password, server.Code(seed))).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task A_user_without_an_authenticator_may_only_enrol_one_until_a_code_is_confirmed(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        await server.Platform.Users.CreateAsync("new.admin", "新管理员", server.Zhejiang.Id, [Role.PlatformAdmin], ServerHarness.Password, Actor.System);
        using var client = server.Client();

        var signIn = await ServerHarness.SignInAsync(client, "new.admin", ServerHarness.Password, null);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.True((await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mustEnrolTotp").GetBoolean());
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/organizations"), HttpStatusCode.Forbidden, "totp_enrolment_required");

        var setup = await (await client.PostAsync("/api/me/totp/enrolment", null)).Content.ReadFromJsonAsync<JsonElement>();
        var seed = Base32.Decode(setup.GetProperty("secret").GetString()!);
        Assert.StartsWith("otpauth://totp/", setup.GetProperty("uri").GetString());
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/me/totp/confirmation", new { code = "000000" == server.Code(seed) ? "111111" : "000000" }),
            HttpStatusCode.BadRequest, "totp_invalid");
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/organizations"), HttpStatusCode.Forbidden, "totp_enrolment_required");

        var confirmed = await client.PostAsJsonAsync("/api/me/totp/confirmation", new { code = server.Code(seed) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/organizations")).StatusCode);
    }

    [Theory, AllDatabases]
    public async Task Disabling_a_user_ends_their_session_on_the_next_request(DatabaseKind kind)
    {
        await using var server = await ServerHarness.StartAsync(kind);
        using var client = await server.SignedInAsync("sun.li", server.HangzhouData, Role.Consumer);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        var user = await server.Platform.Users.FindByUsernameAsync("sun.li");
        await server.Platform.Users.SetDisabledAsync(user!.Id, true, Actor.System);

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/me"), HttpStatusCode.Unauthorized, "authentication_required");
    }

    [Fact]
    public async Task A_forged_session_cookie_is_ignored()
    {
        await using var server = await ServerHarness.StartAsync(DatabaseKind.Sqlite);
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", "gongshu_session=CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        await ProblemAssert.IsProblemAsync(await client.SendAsync(request), HttpStatusCode.Unauthorized, "authentication_required");
    }
}
