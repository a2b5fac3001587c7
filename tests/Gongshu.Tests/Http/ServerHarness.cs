using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using Gongshu.Directories;
using Microsoft.AspNetCore.Builder;
using Gongshu.Server.Http;
using Gongshu.Server.Platform;
using Gongshu.Storage;
using Gongshu.Tests.DirectoryTests;
using Gongshu.Tests.Support;

namespace Gongshu.Tests.Http;

/// <summary>
/// The real web server on a free loopback port, over a test database of either kind, with a
/// manual platform clock (so TOTP steps and signature times are under the test's control) and
/// an organization tree: 浙江省 → 杭州市 → 西湖区, with 省公安厅 and 杭州市数据局 as departments.
/// Clients talk to it over real HTTP.
/// </summary>
public sealed class ServerHarness : IAsyncDisposable
{
    public const string Password = "Qiantang-River-2026";

    private readonly TestDatabase _test;
    private readonly string _dataDirectory;
    private readonly WebApplication _app;

    private ServerHarness(TestDatabase test, string dataDirectory, PlatformServices platform, WebApplication app, ManualClock clock)
    {
        _test = test;
        _dataDirectory = dataDirectory;
        Platform = platform;
        _app = app;
        Clock = clock;
        BaseAddress = new Uri(app.ListeningUrl());
    }

    public PlatformServices Platform { get; }

    public ManualClock Clock { get; }

    public Uri BaseAddress { get; }

    public Database Database => Platform.Database;

    public Organization Zhejiang { get; private set; } = null!;

    public Organization Police { get; private set; } = null!;

    public Organization HangzhouData { get; private set; } = null!;

    public static async Task<ServerHarness> StartAsync(DatabaseKind kind, Func<PlatformSettings, PlatformSettings>? configure = null)
    {
        var test = await TestDatabase.CreateAsync(kind);
        var dataDirectory = Path.Combine(Path.GetTempPath(), "gongshu-tests", "server-" + Guid.NewGuid().ToString("N"));
        var settings = new PlatformSettings
        {
            DataDirectory = dataDirectory,
            Connection = test.ConnectionOrPath,
            Host = "127.0.0.1",
            Port = 0,
        };
        settings = configure?.Invoke(settings) ?? settings;
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var platform = await PlatformServices.OpenAsync(settings, migrate: false, clock: clock);
        var app = GongshuWebApp.Build(platform);
        await app.StartAsync();
        var harness = new ServerHarness(test, dataDirectory, platform, app, clock);
        await harness.CreateTreeAsync();
        return harness;
    }

    private async Task CreateTreeAsync()
    {
        var organizations = Platform.Organizations;
        Zhejiang = await organizations.CreateRegionAsync("330000", Actor.System);
        var hangzhou = await organizations.CreateRegionAsync("330100", Actor.System);
        await organizations.CreateRegionAsync("330106", Actor.System);
        Police = await organizations.CreateDepartmentAsync(Zhejiang.Id, "gat", "浙江省公安厅", null, Actor.System);
        HangzhouData = await organizations.CreateDepartmentAsync(hangzhou.Id, "sjj", "杭州市数据资源管理局", null, Actor.System);
    }

    /// <summary>A client with its own cookie jar, like one browser.</summary>
    public HttpClient Client()
        => new(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
        };

    /// <summary>A user with an enrolled authenticator; returns the seed to compute codes from.</summary>
    public async Task<(User User, byte[] Seed)> CreateUserAsync(string username, Organization organization, params Role[] roles)
    {
        var user = await Platform.Users.CreateAsync(username, "用户" + username, organization.Id, roles, Password, Actor.System);
        var enrolment = await Platform.Totp.BeginEnrolmentAsync(user.Id, Actor.System);
        var seed = Base32.Decode(enrolment.SecretBase32);
        await Platform.Totp.ConfirmEnrolmentAsync(user.Id, Totp.Compute(seed, Clock.GetUtcNow()), Actor.System);

        // The confirming code's time step is spent; the next sign-in needs the next one.
        Clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds));
        return (await Platform.Users.GetAsync(user.Id), seed);
    }

    /// <summary>Creates a user and returns a client signed in as them.</summary>
    public async Task<HttpClient> SignedInAsync(string username, Organization organization, params Role[] roles)
    {
        var (_, seed) = await CreateUserAsync(username, organization, roles);
        var client = Client();
        var response = await SignInAsync(client, username, Password, Code(seed));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds));
        return client;
    }

    public string Code(byte[] seed) => Totp.Compute(seed, Clock.GetUtcNow());

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string username, string password, string? totpCode)
        => client.PostAsJsonAsync("/api/session", new { username, password, totpCode });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Platform.DisposeAsync();
        await _test.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's own clean-up.
        }
    }
}

/// <summary>Reading problem details in assertions.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }
}
