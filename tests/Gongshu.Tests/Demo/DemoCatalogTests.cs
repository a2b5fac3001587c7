using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Gongshu.Audit;
using Gongshu.Catalog;
using Gongshu.Catalog.Search;
using Gongshu.Demo;
using Gongshu.Directories;
using Gongshu.Security;
using Gongshu.Storage;
using Gongshu.Tests.DirectoryTests;
using Gongshu.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Gongshu.Tests.Demo;

/// <summary>A migrated database with the real audit log (the catalog needs it), keys and a manual clock.</summary>
public sealed class DemoPlatform : IAsyncDisposable
{
    private readonly string _keysDirectory;

    private DemoPlatform(TestDatabase test, string keysDirectory)
    {
        Test = test;
        _keysDirectory = keysDirectory;
        Keys = KeyStore.Open(keysDirectory, createMissing: true);
        AuditLog = new AuditLog(Database, Keys, Clock);
    }

    public TestDatabase Test { get; }

    public Database Database => Test.Database;

    public ManualClock Clock { get; } = new();

    public KeyStore Keys { get; }

    public AuditLog AuditLog { get; }

    public CatalogSearchIndex Search => new(Database);

    public static async Task<DemoPlatform> CreateAsync(DatabaseKind kind)
    {
        var keys = Path.Combine(Path.GetTempPath(), "gongshu-tests", "keys-" + Guid.NewGuid().ToString("N"));
        return new DemoPlatform(await TestDatabase.CreateAsync(kind), keys);
    }

    public Task<DemoSummary> SeedAsync(IAuditLog? audit = null) => DemoSeeder.SeedAsync(Database, Keys, audit ?? AuditLog, Clock);

    public CatalogService Catalog() => new(Database, AuditLog, Search, Clock);

    public async Task<CatalogCaller> CallerAsync(string username)
        => CatalogCaller.ForUser((await new UserService(Database, AuditLog, Clock).FindByUsernameAsync(username))!);

    /// <summary>Every resource as a platform admin lists it.</summary>
    public async Task<List<ResourceSummary>> ListAsync(CatalogListQuery? query = null)
    {
        var reviewer = await CallerAsync("admin.dsj");
        var all = new List<ResourceSummary>();
        long? after = null;
        do
        {
            var page = await Catalog().ListAsync(reviewer, (query ?? new CatalogListQuery()) with { AfterId = after, Limit = CatalogListQuery.MaxLimit });
            all.AddRange(page.Items);
            after = page.NextAfterId;
        }
        while (after is not null);
        return all;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await Database.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    public async ValueTask DisposeAsync()
    {
        await AuditLog.DisposeAsync();
        await Test.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(_keysDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's own clean-up.
        }
    }
}

/// <summary>One seeded demo per database, shared by the tests that only read it.</summary>
public sealed class SeededDemos : IAsyncLifetime
{
    private readonly ConcurrentDictionary<DatabaseKind, Lazy<Task<(DemoPlatform Platform, DemoSummary Summary, TimeSpan Took)>>> _demos = new();

    public Task<(DemoPlatform Platform, DemoSummary Summary, TimeSpan Took)> GetAsync(DatabaseKind kind)
        => _demos.GetOrAdd(kind, k => new(async () =>
        {
            var platform = await DemoPlatform.CreateAsync(k);
            var watch = Stopwatch.StartNew();
            var summary = await platform.SeedAsync();
            return (platform, summary, watch.Elapsed);
        })).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var demo in _demos.Values.Where(d => d.IsValueCreated))
        {
            await (await demo.Value).Platform.DisposeAsync();
        }
    }
}

public class DemoCatalogTests(SeededDemos demos, ITestOutputHelper output) : IClassFixture<SeededDemos>
{
    private static int Planned(DemoResourceState state) => DemoCatalog.Resources.Count(r => r.State == state);

    [Theory, AllDatabases]
    public async Task Seeding_leaves_each_resource_in_its_planned_state(DatabaseKind kind)
    {
        var (platform, summary, took) = await demos.GetAsync(kind);
        output.WriteLine($"Seeding the demo on {kind} took {took.TotalSeconds:F1} s.");

        Assert.Equal(DemoCatalog.Resources.Count, summary.Catalog.Total);
        Assert.All(Enum.GetValues<DemoResourceState>(), s => Assert.Equal(Planned(s), summary.Catalog.Count(s)));

        var listed = await platform.ListAsync();
        Assert.Equal(DemoCatalog.Resources.Count, listed.Count);
        var organizations = new OrganizationService(platform.Database, platform.AuditLog, platform.Clock);
        var providers = new Dictionary<(string, string), long>();
        foreach (var plan in DemoCatalog.Resources)
        {
            if (!providers.TryGetValue((plan.RegionCode, plan.DepartmentShortCode), out var providerId))
            {
                providerId = providers[(plan.RegionCode, plan.DepartmentShortCode)] =
                    (await organizations.ListChildrenAsync((await organizations.FindRegionAsync(plan.RegionCode))!.Id))
                    .Single(o => o.ShortCode == plan.DepartmentShortCode).Id;
            }

            var row = Assert.Single(listed, r => r.ProviderId == providerId && r.Name == plan.Name);
            Assert.Equal(plan.State, DemoCatalog.StateOf(row.Status, row.WorkingState));
            Assert.StartsWith(plan.ClassificationCode + "/", row.Code, StringComparison.Ordinal);
        }

        // The review queue holds the submissions and the changes.
        var queue = await platform.ListAsync(new CatalogListQuery { WorkingState = VersionState.Submitted });
        Assert.Equal(Planned(DemoResourceState.Submitted) + Planned(DemoResourceState.ChangeUnderReview), queue.Count);
    }

    [Fact]
    public async Task Every_demo_platform_gives_each_resource_the_same_code()
    {
        // PostgreSQL catalogs the district templates side by side, SQLite one after the other.
        var sqlite = await CodesAsync(DatabaseKind.Sqlite);
        var postgres = await CodesAsync(DatabaseKind.Postgres);

        Assert.Equal(DemoCatalog.Resources.Count, sqlite.Count);
        Assert.Equal(sqlite, postgres);

        async Task<Dictionary<string, string>> CodesAsync(DatabaseKind kind)
            => (await (await demos.GetAsync(kind)).Platform.ListAsync()).ToDictionary(r => r.Name, r => r.Code, StringComparer.Ordinal);
    }

    [Theory, AllDatabases]
    public async Task The_returned_changed_and_retired_resources_carry_their_history(DatabaseKind kind)
    {
        var (platform, _, _) = await demos.GetAsync(kind);
        var catalog = platform.Catalog();
        var reviewer = await platform.CallerAsync("admin.dsj");
        var listed = await platform.ListAsync();
        Task<CatalogResource> WorkingAsync(string name) => catalog.GetAsync(reviewer, listed.Single(r => r.Name == name).Id, CatalogView.Working);

        // Every returned resource carries its reviewer's comment.
        foreach (var plan in DemoCatalog.Resources.Where(p => p.State == DemoResourceState.Returned))
        {
            var returned = await WorkingAsync(plan.Name);
            Assert.Equal(VersionState.Returned, returned.WorkingState);
            Assert.Equal(plan.Comment, returned.Version.ReviewComment);
        }

        // Every change under review is version 2, submitted, adding its fields while version 1 keeps serving.
        foreach (var plan in DemoCatalog.Resources.Where(p => p.State == DemoResourceState.ChangeUnderReview))
        {
            var changing = await WorkingAsync(plan.Name);
            var published = await catalog.GetAsync(reviewer, changing.Id, CatalogView.Published);
            Assert.Equal((2, VersionState.Submitted, 1), (changing.Version.VersionNo, changing.WorkingState!.Value, published.Version.VersionNo));
            var added = plan.Change!(plan.Metadata).Fields.Select(f => f.Name).Except(plan.Metadata.Fields.Select(f => f.Name)).ToList();
            Assert.NotEmpty(added);
            var diff = await catalog.DiffAsync(reviewer, changing.Id, 1, 2);
            Assert.Equal(added.Select(a => (a, FieldChangeKind.Added)), diff.Fields.Select(f => (f.Name, f.Kind)));
            Assert.DoesNotContain(published.Version.Metadata.Fields, f => added.Contains(f.Name));
        }

        Assert.Equal("other_institutions", Assert.Single((await catalog.DiffAsync(reviewer, (await WorkingAsync("医师执业注册信息")).Id, 1, 2)).Fields).Name);

        // Every retired resource was published first, and says why it was retired.
        foreach (var plan in DemoCatalog.Resources.Where(p => p.State == DemoResourceState.Retired))
        {
            var resource = await WorkingAsync(plan.Name);
            Assert.Equal(ResourceStatus.Retired, resource.Status);
            var transitions = (await catalog.HistoryAsync(reviewer, resource.Id)).Transitions;
            Assert.Equal(["create", "submit", "approve", "retire"], transitions.Select(t => t.Action));
            Assert.Equal(plan.Comment, transitions[^1].Comment);
        }

        var retired = await WorkingAsync("暂住人口登记信息");
        var history = await catalog.HistoryAsync(reviewer, retired.Id);

        // Providers' own admins did the cataloguing, the platform admin the reviewing.
        var approvals = history.Transitions.Where(t => t.Action is "approve").ToList();
        Assert.All(approvals, t => Assert.Equal(reviewer.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Actor));
        Assert.Equal((await platform.CallerAsync("provider.gat")).UserId.ToString(System.Globalization.CultureInfo.InvariantCulture), history.Transitions[0].Actor);
    }

    [Theory, AllDatabases]
    public async Task Published_resources_are_standardized_and_found_by_search(DatabaseKind kind)
    {
        var (platform, _, _) = await demos.GetAsync(kind);
        var listedCount = Planned(DemoResourceState.Published) + Planned(DemoResourceState.ChangeUnderReview);

        var kpi = await new StandardizationKpi(platform.Database).ComputeAsync();
        Assert.Equal((listedCount, listedCount), (kpi.Platform.Published, kpi.Platform.Standardized));
        Assert.True(kpi.Organizations.Count >= 15);

        var search = platform.Search;
        Assert.Equal(listedCount, (await search.SearchAsync(new CatalogQuery())).Total);
        Assert.Contains((await search.SearchAsync(new CatalogQuery { Text = "人口", Limit = 50 })).Hits, h => h.Name == "常住人口基础信息");
        var credit = await search.SearchAsync(new CatalogQuery { Text = "企业 信用", Limit = 50 });
        Assert.Contains(credit.Hits, h => h.Name == "企业登记基本信息");
        Assert.Contains(credit.Hits, h => h.Name == "杭州市企业信用风险分类结果");
        Assert.Contains((await search.SearchAsync(new CatalogQuery { Text = "空气质量" })).Hits, h => h.Name == "空气质量监测数据" && h.OpenType == "open");

        // Drafts, submissions and the retired resource are not in the published catalog.
        Assert.Equal(0, (await search.SearchAsync(new CatalogQuery { Text = "暂住" })).Total);
        Assert.Equal(0, (await search.SearchAsync(new CatalogQuery { Text = "食品经营许可" })).Total);
        Assert.Equal(0, (await search.SearchAsync(new CatalogQuery { Text = "医保药品" })).Total);

        // City resources are filed under their city, the district resources of its departments too.
        Assert.Equal(
            DemoCatalog.Resources.Where(r => r.RegionCode is DemoDirectory.Hangzhou or DemoDirectory.Xihu && Listed(r.State)).Select(r => r.Name).Order(),
            (await SearchAllAsync(search, new CatalogQuery { DivisionCodes = [DemoDirectory.Hangzhou], IncludeSubdivisions = true })).Order());

        // A district's name finds the resources cataloged for it, and only what is published.
        var xihu = await SearchAllAsync(search, new CatalogQuery { Text = "西湖区" });
        var forXihu = DemoCatalog.Resources.Where(r => r.DistrictCode == DemoDirectory.Xihu).ToList();
        Assert.Equal(forXihu.Where(r => Listed(r.State)).Select(r => r.Name).Order(), xihu.Where(n => n.StartsWith("西湖区", StringComparison.Ordinal)).Order());
        Assert.DoesNotContain(forXihu.Where(r => !Listed(r.State)).Select(r => r.Name), xihu.Contains);
        Assert.Contains((await search.SearchAsync(new CatalogQuery { Text = "鄞州区 医疗机构" })).Hits, h => h.Name == "鄞州区医疗机构信息");
        Assert.Contains((await search.SearchAsync(new CatalogQuery { Text = "公交站点", ProviderIds = [await ProviderIdAsync(platform, DemoDirectory.Ningbo, "jtysj")], Limit = 50 })).Hits,
            h => h.Name == "慈溪市公交站点信息");
    }

    private static bool Listed(DemoResourceState state) => state is DemoResourceState.Published or DemoResourceState.ChangeUnderReview;

    /// <summary>The names of every hit, page by page.</summary>
    private static async Task<List<string>> SearchAllAsync(CatalogSearchIndex search, CatalogQuery query)
    {
        var names = new List<string>();
        while (true)
        {
            var page = await search.SearchAsync(query with { Offset = names.Count, Limit = CatalogQuery.MaxLimit });
            names.AddRange(page.Hits.Select(h => h.Name));
            if (page.Hits.Count == 0 || names.Count >= page.Total)
            {
                return names;
            }
        }
    }

    private static async Task<long> ProviderIdAsync(DemoPlatform platform, string region, string department)
    {
        var organizations = new OrganizationService(platform.Database, platform.AuditLog, platform.Clock);
        return (await organizations.ListChildrenAsync((await organizations.FindRegionAsync(region))!.Id)).Single(o => o.ShortCode == department).Id;
    }

    [Theory, AllDatabases]
    public async Task The_demo_datasets_are_linked_to_resources_that_describe_their_columns(DatabaseKind kind)
    {
        var (platform, summary, _) = await demos.GetAsync(kind);
        var catalog = platform.Catalog();
        var citizen = new CatalogCaller(0, 0, [Role.Public]);

        var links = await DemoLinks.ListAsync(platform.Database);
        Assert.Equal([DemoEnterprises.ResourceKey, DemoPeople.ResourceKey], links.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(links[DemoPeople.ResourceKey], await DemoLinks.FindCodeAsync(platform.Database, DemoPeople.ResourceKey));
        Assert.Equal(links[DemoPeople.ResourceKey], summary.Datasets.Single(d => d.ResourceKey == DemoPeople.ResourceKey).CatalogCode);
        foreach (var (datasetKey, columns, name) in new[]
        {
            (DemoPeople.ResourceKey, DemoPeople.Columns, "常住人口基础信息"),
            (DemoEnterprises.ResourceKey, DemoEnterprises.Columns, "企业登记基本信息"),
        })
        {
            var id = (await catalog.FindIdByCodeAsync(links[datasetKey]))!.Value;
            var resource = await catalog.GetAsync(citizen, id, CatalogView.Published);
            Assert.Equal(name, resource.Version.Metadata.Name);
            DemoCatalogTableTests.AssertDescribes(columns, resource.Version.Metadata.Fields);

            // The current dataset version was created from exactly those columns.
            Assert.Equal(columns, (await new DatasetStore(platform.Database).GetCurrentAsync(datasetKey))!.Columns);
        }

        var printed = new StringWriter();
        summary.Print(printed);
        Assert.Contains($"catalog resource 目录 {links[DemoPeople.ResourceKey]}", printed.ToString(), StringComparison.Ordinal);
        Assert.Contains($"Catalog 目录: {DemoCatalog.Resources.Count} resources", printed.ToString(), StringComparison.Ordinal);
    }

    [Theory, AllDatabases]
    public async Task The_audit_chain_verifies_after_seeding_and_records_every_transition(DatabaseKind kind)
    {
        var (platform, _, _) = await demos.GetAsync(kind);

        var verification = await AuditVerifier.VerifyAsync(platform.Database, platform.Keys.AuditSigningKey);
        Assert.True(verification.Ok, verification.Message);
        Assert.Equal(await platform.ScalarAsync("SELECT count(*) FROM catalog_transitions"),
            await platform.ScalarAsync("SELECT count(*) FROM audit_log WHERE action LIKE 'catalog.%' AND outcome = 'success'"));
        Assert.Equal(0, await platform.ScalarAsync("SELECT count(*) FROM audit_log WHERE outcome <> 'success'"));
    }

    [Theory, AllDatabases]
    public async Task A_catalog_left_halfway_is_completed_by_the_next_run_and_a_rerun_creates_nothing(DatabaseKind kind)
    {
        await using var platform = await DemoPlatform.CreateAsync(kind);

        // A demo seeded without the catalog (as by a version before it, or with a recording log).
        var withoutCatalog = await platform.SeedAsync(new RecordingAuditLog());
        Assert.Equal(0, withoutCatalog.Catalog.Total);
        Assert.Null(withoutCatalog.Datasets[0].CatalogCode);

        // A run that stopped halfway: one resource submitted, one published that is to be retired.
        var catalog = platform.Catalog();
        var police = await platform.CallerAsync("provider.gat");
        var reviewer = await platform.CallerAsync("admin.dsj");
        var people = DemoCatalog.Resources.Single(r => r.DatasetKey == DemoPeople.ResourceKey);
        var submitted = await catalog.CreateDraftAsync(police, people.ClassificationCode, people.Metadata);
        await catalog.SubmitAsync(police, submitted.Id);
        var toRetire = DemoCatalog.Resources.Single(r => r.Name == "暂住人口登记信息");
        var approved = await catalog.CreateDraftAsync(police, toRetire.ClassificationCode, toRetire.Metadata);
        await catalog.SubmitAsync(police, approved.Id);
        await catalog.ApproveAsync(reviewer, approved.Id);

        platform.Clock.Advance(TimeSpan.FromMinutes(5));
        var completed = await platform.SeedAsync();

        Assert.Equal(withoutCatalog.SeededAt, completed.SeededAt);
        Assert.Equal(DemoCatalog.Resources.Count, await platform.ScalarAsync("SELECT count(*) FROM catalog_resources"));
        Assert.All(Enum.GetValues<DemoResourceState>(), s => Assert.Equal(Planned(s), completed.Catalog.Count(s)));
        Assert.Equal(ResourceStatus.Published, (await catalog.GetAsync(reviewer, submitted.Id, CatalogView.Working)).Status);
        Assert.Equal(ResourceStatus.Retired, (await catalog.GetAsync(reviewer, approved.Id, CatalogView.Working)).Status);
        Assert.Equal(submitted.Code, completed.Datasets.Single(d => d.ResourceKey == DemoPeople.ResourceKey).CatalogCode);

        // Once complete, a run only reads back.
        var counts = await CountAsync(platform);
        var audited = await platform.ScalarAsync("SELECT count(*) FROM audit_log WHERE action NOT IN ('user.totp_reveal')");
        platform.Clock.Advance(TimeSpan.FromHours(1));
        var again = await platform.SeedAsync();

        Assert.Equal(counts, await CountAsync(platform));
        Assert.Equal(audited, await platform.ScalarAsync("SELECT count(*) FROM audit_log WHERE action NOT IN ('user.totp_reveal')"));
        Assert.Equal(completed.Catalog.ByState, again.Catalog.ByState);
        Assert.Equal(completed.Datasets, again.Datasets);
        Assert.True((await AuditVerifier.VerifyAsync(platform.Database, platform.Keys.AuditSigningKey)).Ok);
    }

    /// <summary>Rows of every table a duplicate would show up in.</summary>
    private static async Task<long[]> CountAsync(DemoPlatform platform)
    {
        string[] tables =
        [
            "organizations", "users", "dataset_versions", "platform_settings", "catalog_resources", "catalog_resource_versions",
            "catalog_fields", "catalog_transitions", "catalog_name_claims", "catalog_search",
        ];
        var counts = new long[tables.Length];
        for (var i = 0; i < tables.Length; i++)
        {
            counts[i] = await platform.ScalarAsync($"SELECT count(*) FROM {tables[i]}");
        }

        return counts;
    }
}
