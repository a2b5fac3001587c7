using System.Globalization;
using System.Text;
using Gongshu.Catalog;
using Gongshu.Collection.Sources;
using Gongshu.Directories;
using Gongshu.Server.Http;
using Gongshu.Server.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Xunit;

namespace Gongshu.Web.Tests;

/// <summary>
/// The real server on a free loopback port over a new SQLite platform, seeded with a small open
/// catalog (an open dataset with data, one named like a script, a restricted one, a closed one),
/// and one headless Debian Chromium driven by Playwright. Shared by every browser test.
/// </summary>
public sealed class PortalSite : IAsyncLifetime
{
    /// <summary>Where Debian puts Chromium; <c>GONGSHU_CHROMIUM</c> points elsewhere. Playwright never downloads one.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("GONGSHU_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public const string ScriptName = "<script>alert(1)</script>";
    public const int HospitalRows = 30;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "gongshu-web-tests", Guid.NewGuid().ToString("N"));
    private PlatformServices _platform = null!;
    private WebApplication _app = null!;
    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public CatalogResource Hospitals { get; private set; } = null!;

    public CatalogResource Script { get; private set; } = null!;

    public CatalogResource Enterprises { get; private set; } = null!;

    public CatalogResource People { get; private set; } = null!;

    /// <summary>The contact mobile numbers loaded into <see cref="Hospitals"/>, which the public must never see whole.</summary>
    public IReadOnlyList<string> Mobiles { get; } = Enumerable.Range(0, HospitalRows).Select(i => "1391234" + (5000 + i).ToString(CultureInfo.InvariantCulture)).ToList();

    /// <summary>Every seeded user's password.</summary>
    public const string Password = "Qiantang-River-2026";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _secrets = new();
    private readonly Dictionary<string, long> _lastSteps = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string>>> _signIns = new();

    /// <summary>
    /// The server's platform, for tests that set up or check records directly. Seeded users:
    /// admin (platform admin, 大数据局), wjw and scjg (provider admins), gat (consumer, 公安厅),
    /// auditor, citizen (public); every one with <see cref="Password"/>.
    /// </summary>
    public PlatformServices Platform => _platform;

    /// <summary>The seeded departments by code: wjw, scjg, sjj, gat.</summary>
    public IReadOnlyDictionary<string, long> Organizations { get; private set; } = new Dictionary<string, long>();

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The browser tests drive Debian's Chromium at {ChromiumPath}; ./test.sh installs it (apt-get install chromium).");
        }

        var settings = new PlatformSettings { DataDirectory = _dataDirectory, Connection = null, Host = "127.0.0.1", Port = 0 };
        _platform = await PlatformServices.OpenAsync(settings, migrate: true);
        await SeedAsync();
        _app = GongshuWebApp.Build(_platform);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.ListeningUrl());

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,

            // Root in a container needs --no-sandbox; the rest keep Chromium off a network it cannot reach.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A page in a context of its own (own cookies), like a new visitor.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            Locale = "zh-CN",
        });
        return await context.NewPageAsync();
    }

    /// <summary>Saves a full-page screenshot into artifacts/screenshots/ at the repository root.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gongshu.slnx")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private async Task SeedAsync()
    {
        var organizations = _platform.Organizations;
        var zhejiang = await organizations.CreateRegionAsync("330000", Actor.System);
        var health = await organizations.CreateDepartmentAsync(zhejiang.Id, "wjw", "浙江省卫生健康委员会", null, Actor.System);
        var market = await organizations.CreateDepartmentAsync(zhejiang.Id, "scjg", "浙江省市场监督管理局", null, Actor.System);
        var bureau = await organizations.CreateDepartmentAsync(zhejiang.Id, "sjj", "浙江省大数据发展管理局", null, Actor.System);

        var police = await organizations.CreateDepartmentAsync(zhejiang.Id, "gat", "浙江省公安厅", null, Actor.System);
        Organizations = new Dictionary<string, long> { ["wjw"] = health.Id, ["scjg"] = market.Id, ["sjj"] = bureau.Id, ["gat"] = police.Id };

        var reviewer = CatalogCaller.ForUser(await CreateUserAsync("admin", "管理员", bureau.Id, Role.PlatformAdmin));
        var healthAdmin = CatalogCaller.ForUser(await CreateUserAsync("wjw", "卫健委数据管理员", health.Id, Role.ProviderAdmin));
        var marketAdmin = CatalogCaller.ForUser(await CreateUserAsync("scjg", "市场监管数据管理员", market.Id, Role.ProviderAdmin));
        await CreateUserAsync("gat", "公安厅数据需求方", police.Id, Role.Consumer);
        await CreateUserAsync("auditor", "安全审计员", bureau.Id, Role.Auditor);
        await CreateUserAsync("citizen", "社会公众", bureau.Id, Role.Public);

        Field[] hospitalFields =
        [
            new("registration_no", "登记号", "C", 30, "L1", Key: true),
            new("name", "机构名称", "C", 100, "L1"),
            new("category", "机构类别", "C", 30, "L1"),
            new("contact_mobile", "联系人手机", "C", 11, "L1"),
        ];
        Hospitals = await PublishAsync(healthAdmin, reviewer, "313", Metadata("医疗机构信息", OpenTypes.Open, hospitalFields));
        var rows = Enumerable.Range(0, HospitalRows).Select(i => $"PDY{330100000 + i},杭州市第{i + 1}人民医院,综合医院,{Mobiles[i]}");
        await LoadAsync(healthAdmin, Hospitals, "registration_no,name,category,contact_mobile", rows);

        Script = await PublishAsync(healthAdmin, reviewer, "313", Metadata(ScriptName, OpenTypes.Open, hospitalFields) with
        {
            Summary = "名称像脚本的数据集 <img src=x onerror=alert(2)>，用于检查页面把它当作文字显示。",
        });
        await LoadAsync(healthAdmin, Script, "registration_no,name,category,contact_mobile", ["X1,<script>alert(3)</script>,诊所,13900000000"]);

        Enterprises = await PublishAsync(marketAdmin, reviewer, "102002", Metadata("企业登记基本信息", OpenTypes.Restricted,
        [
            new("credit_code", "统一社会信用代码", "C", 18, "L1", Key: true),
            new("name", "企业名称", "C", 100, "L1"),
        ]) with { OpenCondition = "实名注册用户申请后获取" });

        People = await PublishAsync(healthAdmin, reviewer, "101001", Metadata("出生医学证明信息", OpenTypes.Closed,
        [
            new("certificate_no", "出生医学证明编号", "C", 20, "L3", Key: true),
            new("mother_name", "母亲姓名", "C", 50, "L3"),
        ]) with { ShareType = "conditional", ShareCondition = "仅用于出生医学证明核验", LegalBasis = "《中华人民共和国母婴保健法》" });
    }

    /// <summary>
    /// A user with <see cref="Password"/>; a government user also gets an authenticator, enrolled
    /// with the previous step's code so that the current code still signs in.
    /// </summary>
    private async Task<User> CreateUserAsync(string username, string displayName, long organizationId, Role role)
    {
        var user = await _platform.Users.CreateAsync(username, displayName, organizationId, [role], Password, Actor.System);
        if (role == Role.Public)
        {
            return user;
        }

        var enrolment = await _platform.Totp.BeginEnrolmentAsync(user.Id, Actor.System);
        var secret = Base32.Decode(enrolment.SecretBase32);
        _secrets[username] = secret;
        await _platform.Totp.ConfirmEnrolmentAsync(user.Id, Totp.Compute(secret, DateTimeOffset.UtcNow.AddSeconds(-Totp.StepSeconds)), Actor.System);
        return await _platform.Users.GetAsync(user.Id);
    }

    /// <summary>
    /// The code <paramref name="username"/>'s authenticator shows now. A code signs in once only,
    /// so when this user's current code was already handed out, this waits for the next one.
    /// </summary>
    public string TotpCode(string username)
    {
        lock (_lastSteps)
        {
            var step = Totp.TimeStep(DateTimeOffset.UtcNow);
            if (_lastSteps.TryGetValue(username, out var last) && step <= last)
            {
                var next = DateTimeOffset.FromUnixTimeSeconds((last + 1) * Totp.StepSeconds);
                Thread.Sleep(next - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));
                step = Totp.TimeStep(DateTimeOffset.UtcNow);
            }

            _lastSteps[username] = step;
            return Totp.Compute(_secrets[username], step);
        }
    }

    /// <summary>
    /// A page signed in as <paramref name="username"/> through the sign-in page. The first sign-in
    /// of each user is kept (its cookies) and reused: a code may be used once only.
    /// </summary>
    public async Task<IPage> SignedInPageAsync(string username, int width = 1280, int height = 900)
    {
        var state = await _signIns.GetOrAdd(username, name => new Lazy<Task<string>>(() => SignInOnceAsync(name))).Value;
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            Locale = "zh-CN",
            StorageState = state,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Fills in and posts the sign-in page as a person would.</summary>
    public async Task SignInAsync(IPage page, string username)
    {
        await page.GotoAsync(Url("/login"));
        await page.GetByLabel("用户名").FillAsync(username);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(Password);
        if (_secrets.ContainsKey(username))
        {
            await page.GetByLabel("动态码").FillAsync(TotpCode(username));
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console"));
    }

    private async Task<string> SignInOnceAsync(string username)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, username);
        var state = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();
        return state;
    }

    private sealed record Field(string Name, string Label, string Type, int Length, string Grade, bool Key = false);

    private static ResourceMetadata Metadata(string name, string openType, IReadOnlyList<Field> fields) => new()
    {
        Name = name,
        Summary = $"{name}：全省汇总，按周更新，供群众查询和社会化利用。",
        Keywords = ["便民服务"],
        Format = "database",
        FormatSubtype = "PostgreSQL",
        Fields = fields.Select(f => new ResourceField
        {
            Name = f.Name, Label = f.Label, Type = f.Type, Length = f.Length, Description = f.Label, IsKey = f.Key, Nullable = !f.Key, Grade = f.Grade,
        }).ToList(),
        ShareType = "unconditional",
        ShareMethod = "api",
        OpenType = openType,
        UpdateCycle = "weekly",
        Tags = ["健康浙江"],
    };

    private async Task<CatalogResource> PublishAsync(CatalogCaller provider, CatalogCaller reviewer, string classification, ResourceMetadata metadata)
    {
        var draft = await _platform.Catalog.CreateDraftAsync(provider, classification, metadata);
        await _platform.Catalog.SubmitAsync(provider, draft.Id);
        return await _platform.Catalog.ApproveAsync(reviewer, draft.Id);
    }

    private async Task LoadAsync(CatalogCaller provider, CatalogResource resource, string header, IEnumerable<string> rows)
    {
        var file = Encoding.UTF8.GetBytes(header + "\n" + string.Join("\n", rows) + "\n");
        await using var stream = new MemoryStream(file);
        await using var source = await SourceFiles.OpenAsync(stream, "data.csv", new FileReadOptions(), maxBytes: null, CancellationToken.None);
        await _platform.Collection.LoadAsync(provider, resource.Id, source.Input(file.Length));
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_platform is not null)
        {
            await _platform.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's own clean-up.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalSite>
{
    public const string Name = "portal";
}
