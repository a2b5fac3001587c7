using Dapper;
using Gongshu.Audit;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Security;
using Gongshu.Storage;
using Gongshu.Tests.DirectoryTests;
using Gongshu.Tests.Support;

namespace Gongshu.Tests.CatalogTests;

/// <summary>
/// A migrated database with the real audit log, a recording search index, a manual clock and
/// the catalog; three departments of 浙江省 and the people who act for them.
/// </summary>
public sealed class CatalogHarness : IAsyncDisposable
{
    private readonly string _keysDirectory;

    private CatalogHarness(TestDatabase test, string keysDirectory)
    {
        Test = test;
        _keysDirectory = keysDirectory;
        Keys = KeyStore.Open(keysDirectory, createMissing: true);
        AuditLog = new AuditLog(Database, Keys, Clock);
        Organizations = new OrganizationService(Database, AuditLog, Clock);
        Catalog = new CatalogService(Database, AuditLog, Index, Clock);
    }

    public TestDatabase Test { get; }

    public Database Database => Test.Database;

    public ManualClock Clock { get; } = new();

    public KeyStore Keys { get; }

    public AuditLog AuditLog { get; }

    public RecordingCatalogIndex Index { get; } = new();

    public OrganizationService Organizations { get; }

    public CatalogService Catalog { get; }

    /// <summary>浙江省公安厅, the provider of most tests.</summary>
    public Organization Police { get; private set; } = null!;

    /// <summary>浙江省市场监督管理局, the other provider.</summary>
    public Organization Market { get; private set; } = null!;

    /// <summary>浙江省大数据发展管理局, home of the platform admins.</summary>
    public Organization DataBureau { get; private set; } = null!;

    public CatalogCaller PoliceAdmin => new(101, Police.Id, [Role.ProviderAdmin], "10.0.0.1");

    public CatalogCaller PoliceConsumer => new(102, Police.Id, [Role.Consumer]);

    public CatalogCaller MarketAdmin => new(201, Market.Id, [Role.ProviderAdmin], "10.0.0.2");

    public CatalogCaller Reviewer => new(301, DataBureau.Id, [Role.PlatformAdmin]);

    public CatalogCaller Citizen => new(401, DataBureau.Id, [Role.Public]);

    public static async Task<CatalogHarness> CreateAsync(DatabaseKind kind)
    {
        var keys = Path.Combine(Path.GetTempPath(), "gongshu-tests", "keys-" + Guid.NewGuid().ToString("N"));
        var h = new CatalogHarness(await TestDatabase.CreateAsync(kind), keys);
        var zhejiang = await h.Organizations.CreateRegionAsync("330000", Actor.System);
        h.Police = await h.Organizations.CreateDepartmentAsync(zhejiang.Id, "gat", "浙江省公安厅", null, Actor.System);
        h.Market = await h.Organizations.CreateDepartmentAsync(zhejiang.Id, "scjg", "浙江省市场监督管理局", null, Actor.System);
        h.DataBureau = await h.Organizations.CreateDepartmentAsync(zhejiang.Id, "sjj", "浙江省大数据发展管理局", null, Actor.System);
        return h;
    }

    /// <summary>Metadata that passes every rule (score 100).</summary>
    public static ResourceMetadata Complete(string name = "常住人口基本信息") => new()
    {
        Name = name,
        Summary = "全省常住人口的姓名、公民身份号码、性别、出生日期和户籍地址等基本信息，按日更新。",
        Keywords = ["人口", "户籍"],
        Format = "database",
        FormatSubtype = "达梦 DM8",
        Fields =
        [
            new ResourceField { Name = "id_number", Label = "公民身份号码", Type = "C", Length = 18, Description = "18 位身份号码", IsKey = true, Nullable = false, Grade = "L3" },
            new ResourceField { Name = "name", Label = "姓名", Type = "C", Length = 50, Description = "户籍登记姓名", Grade = "L3" },
            new ResourceField { Name = "birth_date", Label = "出生日期", Type = "D", Description = "公历出生日期", Grade = "L2" },
        ],
        ShareType = "conditional",
        ShareCondition = "用于政务服务身份核验",
        ShareMethod = "api",
        LegalBasis = "《中华人民共和国居民身份证法》",
        OpenType = "closed",
        UpdateCycle = "daily",
        Tags = ["一网通办"],
    };

    /// <summary>Catalogs, submits and approves a resource of the police department.</summary>
    public Task<CatalogResource> PublishAsync(ResourceMetadata metadata, string classification = "101001")
        => PublishAsync(PoliceAdmin, metadata, classification);

    public async Task<CatalogResource> PublishAsync(CatalogCaller provider, ResourceMetadata metadata, string classification = "101001")
    {
        var draft = await Catalog.CreateDraftAsync(provider, classification, metadata);
        await Catalog.SubmitAsync(provider, draft.Id);
        return await Catalog.ApproveAsync(Reviewer, draft.Id);
    }

    /// <summary>The catalog's audit entries in order: action, outcome, actor, object and detail.</summary>
    public async Task<List<AuditLine>> AuditAsync()
    {
        await using var connection = await Database.OpenConnectionAsync();
        return (await connection.QueryAsync<AuditLine>(
            "SELECT action, outcome, actor, object, detail FROM audit_log WHERE action LIKE 'catalog.%' ORDER BY seq")).ToList();
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = await Database.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {Database.Dialect.Quote(table)}");
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

public sealed class AuditLine
{
    public string Action { get; set; } = "";
    public string Outcome { get; set; } = "";
    public string Actor { get; set; } = "";
    public string? Object { get; set; }
    public string? Detail { get; set; }

    public override string ToString() => $"{Action} {Outcome}";
}
