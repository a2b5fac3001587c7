using Dapper;
using Gongshu.Collection.Loads;
using Gongshu.Collection.Schedules;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.CollectionTests.Sources.Database;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.CollectionTests;

/// <summary>Sources pulled from departments' databases on a schedule, and stale-data alerts.</summary>
public sealed class CollectionSourcesTests
{
    [Theory, AllDatabases]
    public async Task A_database_source_is_pulled_and_a_watermark_brings_only_new_rows(DatabaseKind sourceKind)
    {
        await using var h = await SourcesHarness.CreateAsync(DatabaseKind.Sqlite);
        await using var department = await SourceDatabase.CreateAsync(sourceKind);
        await department.ExecuteAsync("""
            CREATE TABLE people (id_number varchar(18), name varchar(50), birth_date date, seq integer);
            INSERT INTO people VALUES ('330106199001011234', '张三', '1990-01-01', 1), ('330106199001011235', '李四', '1990-01-02', 2);
            """);
        var source = await h.Sources.CreateAsync(h.Provider, h.Resource.Id, new SourceDefinition
        {
            Name = "公安人口库", Kind = sourceKind == DatabaseKind.Postgres ? "postgres" : "sqlite", Connection = department.Connection,
            Table = "people", WatermarkColumn = "seq", Mode = "upsert", Mapping = new Dictionary<string, string> { ["seq"] = "" },
        });
        Assert.Equal("0 2 * * *", source.Schedule);   // the resource is updated daily
        Assert.Equal("people", source.Target);

        var first = await h.Sources.RunAsync(h.Provider, source.Id);
        Assert.Equal((2L, 2L, "公安人口库"), (first.RowsRead, first.RowsLoaded, first.SourceName));
        await department.ExecuteAsync("INSERT INTO people VALUES ('330106199001011236', '王五', '1990-01-03', 3); UPDATE people SET name = '李四改' WHERE seq = 2;");

        var second = await h.Sources.RunAsync(h.Provider, source.Id);

        Assert.Equal(1, second.RowsRead);   // only seq > 2
        Assert.Equal(3, (await h.Collection.Collection.Datasets.GetCurrentAsync(h.Resource.Code))!.RowCount);
        var listed = Assert.Single(await h.Sources.ListAsync(h.Provider, h.Resource.Id));
        Assert.Equal(("i:3", second.Id, null), (listed.Watermark, listed.LastLoadId, listed.LastError));
        Assert.Equal(listed.Kind, (await h.Collection.Collection.GetLoadAsync(h.Provider, second.Id)).SourceKind);
    }

    [Fact]
    public async Task A_source_that_cannot_be_reached_is_refused_when_registered_and_its_secret_never_shows()
    {
        await using var h = await SourcesHarness.CreateAsync(DatabaseKind.Sqlite);
        const string password = "S3cret-Pa55";

        var refused = await Assert.ThrowsAsync<GongshuException>(() => h.Sources.CreateAsync(h.Provider, h.Resource.Id, new SourceDefinition
        {
            Name = "x", Kind = "postgres", Connection = $"Host=127.0.0.1;Port=1;Username=u;Password={password};Timeout=2", Table = "people",
        }));
        Assert.Equal("source_unreachable", refused.Code);
        Assert.DoesNotContain(password, refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await h.Collection.Catalog.CountAsync("collection_sources"));

        var file = Path.Combine(Path.GetTempPath(), $"gongshu-source-{Guid.NewGuid():N}.db");
        await using (var department = await SourceDatabase.CreateAsync(DatabaseKind.Sqlite))
        {
            await department.ExecuteAsync("CREATE TABLE people (id_number text, name text); INSERT INTO people VALUES ('330106199001011234', '张三');");
            var source = await h.Sources.CreateAsync(h.Provider, h.Resource.Id, new SourceDefinition
            {
                Name = "人口", Kind = "sqlite", Connection = department.Connection, Table = "people", Schedule = "",
            });
            Assert.Null(source.Schedule);
            Assert.Null(source.NextRunAt);
            await using var connection = await h.Collection.Catalog.Database.OpenConnectionAsync();
            var stored = await connection.ExecuteScalarAsync<byte[]>("SELECT secret_sealed FROM collection_sources");
            Assert.DoesNotContain(department.Connection, System.Text.Encoding.UTF8.GetString(stored!), StringComparison.Ordinal);
        }

        foreach (var (definition, code) in new (SourceDefinition, string)[]
        {
            (new() { Name = "x", Kind = "ftp" }, "unknown_source_kind"),
            (new() { Name = "x", Kind = "sqlite", Connection = file, Table = "a", Query = "SELECT 1" }, "table_or_query"),
            (new() { Name = "x", Kind = "sqlite", Connection = file, Table = "a", WatermarkColumn = "seq" }, "watermark_needs_increment"),
            (new() { Name = "x", Kind = "http", Url = "file:///etc/passwd" }, "bad_url"),
            (new() { Name = "x", Kind = "sqlite", Connection = file, Table = "a", Schedule = "61 * * * *" }, "bad_schedule"),
            (new() { Name = "x", Kind = "sqlite", Connection = file, Query = "DELETE FROM people" }, "query_not_select"),
        })
        {
            Assert.Equal(code, (await Assert.ThrowsAsync<GongshuException>(() => h.Sources.CreateAsync(h.Provider, h.Resource.Id, definition))).Code);
        }

        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<GongshuException>(() => h.Sources.CreateAsync(h.Collection.Catalog.MarketAdmin, h.Resource.Id,
            new SourceDefinition { Name = "x", Kind = "sqlite", Connection = file, Table = "people" }))).Kind);
    }

    [Fact]
    public async Task Due_sources_run_once_per_due_time_as_their_owner_and_a_lost_owner_is_recorded()
    {
        await using var h = await SourcesHarness.CreateAsync(DatabaseKind.Sqlite);
        await using var department = await SourceDatabase.CreateAsync(DatabaseKind.Sqlite);
        await department.ExecuteAsync("CREATE TABLE people (id_number text, name text); INSERT INTO people VALUES ('330106199001011234', '张三');");
        var source = await h.Sources.CreateAsync(h.Provider, h.Resource.Id, new SourceDefinition
        {
            Name = "人口", Kind = "sqlite", Connection = department.Connection, Table = "people", Schedule = "*/10 * * * *",
        });

        Assert.Equal(0, await h.Sources.RunDueAsync());
        h.Collection.Catalog.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await h.Sources.RunDueAsync());
        Assert.Equal(0, await h.Sources.RunDueAsync());
        var ran = await h.Sources.GetAsync(h.Provider, source.Id);
        Assert.NotNull(ran.LastLoadId);
        Assert.True(ran.NextRunAt > h.Collection.Catalog.Clock.GetUtcNow());

        await h.Users.SetRolesAsync(h.ProviderUser.Id, [Role.Consumer], Actor.System);
        h.Collection.Catalog.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await h.Sources.RunDueAsync());
        Assert.Contains("can no longer load", (await h.Sources.GetAsync(h.Collection.Catalog.Reviewer, source.Id)).LastError, StringComparison.Ordinal);
    }

    [Theory, AllDatabases]
    public async Task Data_older_than_its_update_cycle_raises_one_stale_alert_which_a_new_load_clears(DatabaseKind kind)
    {
        await using var h = await SourcesHarness.CreateAsync(kind);
        var clock = h.Collection.Catalog.Clock;

        Assert.Equal((0, 0), await h.Sources.CheckStaleAsync());
        clock.Advance(TimeSpan.FromHours(37));
        Assert.Equal((1, 0), await h.Sources.CheckStaleAsync());
        Assert.Equal((0, 0), await h.Sources.CheckStaleAsync());
        var alert = Assert.Single(await h.Sources.AlertsAsync(h.Provider));
        Assert.Equal(("stale", h.Resource.Code), (alert.Kind, alert.ResourceCode));
        Assert.Contains("No data has been loaded", alert.Message, StringComparison.Ordinal);
        Assert.Empty(await h.Sources.AlertsAsync(h.Collection.Catalog.MarketAdmin));
        Assert.Single(await h.Sources.AlertsAsync(h.Collection.Catalog.Reviewer));
        Assert.Single(await h.Sources.AlertsAsync(new Gongshu.Catalog.CatalogCaller(501, h.Collection.Catalog.DataBureau.Id, [Role.Auditor])));
        await Assert.ThrowsAsync<GongshuException>(() => h.Sources.AlertsAsync(h.Collection.Catalog.Citizen));

        await h.Collection.LoadAsync("id_number,name\n330106199001011234,张三\n"u8.ToArray(), "today.csv", caller: h.Provider);
        Assert.Equal((0, 1), await h.Sources.CheckStaleAsync());
        Assert.Empty(await h.Sources.AlertsAsync(h.Provider));
        Assert.Single(await h.Sources.AlertsAsync(h.Provider, includeCleared: true));
    }

    private sealed class SourcesHarness : IAsyncDisposable
    {
        private SourcesHarness(CollectionHarness collection, UserService users, User provider)
        {
            Collection = collection;
            Users = users;
            ProviderUser = provider;
            Sources = new CollectionSources(collection.Catalog.Database, collection.Collection, users, collection.Catalog.Keys, collection.Catalog.AuditLog, collection.Catalog.Clock);
        }

        public CollectionHarness Collection { get; }

        public UserService Users { get; }

        public User ProviderUser { get; }

        public Gongshu.Catalog.CatalogCaller Provider => Gongshu.Catalog.CatalogCaller.ForUser(ProviderUser, "10.0.0.9");

        public Gongshu.Catalog.CatalogResource Resource => Collection.Resource;

        public CollectionSources Sources { get; }

        public static async Task<SourcesHarness> CreateAsync(DatabaseKind kind)
        {
            var collection = await CollectionHarness.CreateAsync(kind);
            var users = new UserService(collection.Catalog.Database, collection.Catalog.AuditLog, collection.Catalog.Clock);
            var provider = await users.CreateAsync("gat.loader", "数据管理员", collection.Catalog.Police.Id, [Role.ProviderAdmin], "Qiantang-River-2026", Actor.System);
            return new SourcesHarness(collection, users, provider);
        }

        public ValueTask DisposeAsync() => Collection.DisposeAsync();
    }
}
