using Dapper;
using Gongshu.Delivery;
using Gongshu.Storage;
using Gongshu.Tests.Governance.Tickets;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Delivery;

public sealed class RecordLookupTests
{
    [Theory, AllDatabases]
    public async Task A_plain_key_field_is_indexed_and_a_lookup_by_it_finds_the_record_or_names_a_bad_value(DatabaseKind kind)
    {
        await using var t = await TicketHarness.CreateAsync(kind);
        var h = t.Collection;
        var enterprises = await t.PublishEnterprisesAsync();
        await h.LoadAsync(TicketHarness.EnterprisesCsv(("91330100MA27XK5T1A", "杭州云栖科技有限公司"), ("91330100MA2H0A2B3C", "杭州西溪数据有限公司")),
            "enterprises.csv", caller: h.Catalog.MarketAdmin, resourceId: enterprises.Id);
        var datasets = new DatasetStore(h.Catalog.Database);
        var version = (await datasets.GetCurrentAsync(enterprises.Code))!;
        Assert.True(version.Columns.Single(c => c.Name == "credit_code").Indexed);
        Assert.Contains($"ix_{version.TableName}_c0", await IndexesAsync(h.Catalog.Database, version.TableName));

        var lookup = new RecordLookup(datasets, h.Encryption, version);
        var found = Assert.Single(await lookup.FindAsync(new Dictionary<string, string> { ["credit_code"] = "91330100MA2H0A2B3C" }));
        Assert.Equal("杭州西溪数据有限公司", found.Values[1]);
        Assert.Empty(await lookup.FindAsync(new Dictionary<string, string> { ["credit_code"] = "' OR '1'='1" }));
        var bad = await Assert.ThrowsAsync<GongshuException>(() => lookup.FindAsync(new Dictionary<string, string> { ["registered_on"] = "not a date" }));
        Assert.Equal(("key.registered_on", "invalid_key_value"), (bad.Field, bad.Code));
    }

    private static async Task<List<string>> IndexesAsync(Database database, string table)
    {
        await using var connection = await database.OpenConnectionAsync();
        var sql = database.Kind == DatabaseKind.Postgres
            ? "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = @table ORDER BY 1"
            : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = @table ORDER BY 1";
        return (await connection.QueryAsync<string>(sql, new { table })).ToList();
    }
}
