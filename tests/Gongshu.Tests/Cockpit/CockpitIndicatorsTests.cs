using Dapper;
using Gongshu.Calendar;
using Gongshu.Cockpit;
using Gongshu.Sharing;
using Gongshu.Storage;
using Gongshu.Tests.Sharing;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Cockpit;

public sealed class CockpitIndicatorsTests
{
    [Theory, AllDatabases]
    public async Task Minute_level_sharing_judges_each_served_call_by_the_newest_load_finished_before_it(DatabaseKind kind)
    {
        await using var s = await SharingHarness.CreateAsync(kind);
        var database = s.Catalog.Database;
        var indicators = new SharingIndicators(database);
        await s.Tickets.Collection.LoadAsync(s.Tickets.CsvWithBadIds(5, 0), "people.csv");
        var loaded = await LastLoadAsync(database, s.People.Id);
        var period = (From: loaded.AddDays(-1), To: loaded.AddDays(1));
        Assert.Equal((0L, (double?)null), Tuple(await indicators.FreshnessAsync(period.From, period.To)));

        await InsertCallsAsync(database,
            (1, s.People.Id, 200, loaded.AddMinutes(1)),    // fresh
            (1, s.People.Id, 200, loaded.AddMinutes(10)),   // ten minutes old
            (1, s.People.Id, 403, loaded.AddMinutes(2)),    // refused: not served
            (1, s.People.Id, 200, loaded.AddMinutes(-1)),   // before any load
            (1, s.People.Id + 1000, 200, loaded.AddMinutes(1)), // a resource never loaded
            (1, s.People.Id, 200, loaded.AddDays(2)));      // outside the period

        var figure = await indicators.FreshnessAsync(period.From, period.To);
        Assert.Equal((4L, 1L, 5, 25.0), (figure.Served, figure.Fresh, figure.Minutes, figure.Rate!.Value));
        var lenient = await indicators.FreshnessAsync(period.From, period.To, minutes: 15);
        Assert.Equal((4L, 2L), (lenient.Served, lenient.Fresh));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => indicators.FreshnessAsync(period.From, period.To, minutes: 0));
    }

    [Theory, AllDatabases]
    public async Task Effective_sharing_counts_the_grants_with_a_call_served_among_all_grants(DatabaseKind kind)
    {
        await using var s = await SharingHarness.CreateAsync(kind);
        var database = s.Catalog.Database;
        var indicators = new SharingIndicators(database);
        Assert.Equal((0L, 0L, (double?)null), Tuple(await indicators.EffectiveSharingAsync()));

        var enterprises = await s.Tickets.PublishEnterprisesAsync();
        var used = await s.Applications.ApplyAsync(s.PoliceConsumer, s.Request(enterprises.Id, "credit_code", "name") with { LegalBasis = null });
        var filed = await s.Applications.ApplyAsync(s.MarketConsumer, s.Request(s.People.Id, "birth_date"));
        var unused = await s.Applications.DecideAsync(s.Catalog.PoliceAdmin, filed.Id, new ShareDecisionInput(true));
        var refused = await s.Applications.ApplyAsync(s.MarketConsumer, s.Request(s.People.Id, "birth_date"));
        await s.Applications.DecideAsync(s.Catalog.PoliceAdmin, refused.Id, new ShareDecisionInput(false, "重复申请"));
        var now = s.Catalog.Clock.GetUtcNow();
        await InsertCallsAsync(database,
            (used.GrantId!.Value, enterprises.Id, 200, now),
            (used.GrantId!.Value, enterprises.Id, 200, now),
            (unused.GrantId!.Value, s.People.Id, 403, now),
            (unused.GrantId!.Value, s.People.Id, 500, now));

        Assert.Equal((2L, 1L, (double?)50.0), Tuple(await indicators.EffectiveSharingAsync()));
    }

    [Theory, AllDatabases]
    public async Task Monthly_activity_buckets_each_record_by_its_month_in_Beijing_time(DatabaseKind kind)
    {
        await using var s = await SharingHarness.CreateAsync(kind);
        var database = s.Catalog.Database;
        var clock = s.Catalog.Clock;
        var filedAt = clock.GetUtcNow();
        var enterprises = await s.Tickets.PublishEnterprisesAsync();
        await s.Applications.ApplyAsync(s.PoliceConsumer, s.Request(enterprises.Id, "credit_code") with { LegalBasis = null });
        await s.Applications.ApplyAsync(s.MarketConsumer, s.Request(s.People.Id, "birth_date"));

        // 16:30 UTC on 31 March is already 1 April in Beijing.
        await InsertCallsAsync(database,
            (1, s.People.Id, 200, new DateTimeOffset(2025, 3, 31, 16, 30, 0, TimeSpan.Zero)),
            (1, s.People.Id, 403, new DateTimeOffset(2025, 4, 2, 0, 0, 0, TimeSpan.Zero)),
            (1, s.People.Id, 500, new DateTimeOffset(2025, 3, 31, 15, 30, 0, TimeSpan.Zero)),
            (1, s.People.Id, 200, new DateTimeOffset(2024, 4, 30, 10, 0, 0, TimeSpan.Zero)));

        clock.Set(new DateTimeOffset(2025, 4, 10, 9, 0, 0, WorkingCalendar.Beijing));
        var months = await new MonthlyActivity(database, clock).ComputeAsync();
        Assert.Equal(12, months.Count);
        Assert.Equal(("2024-05", "2025-04"), (months[0].Month, months[^1].Month));
        var month = filedAt.ToOffset(WorkingCalendar.Beijing).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var filedMonth = months.Single(m => m.Month == month);
        Assert.Equal((2L, 1L), (filedMonth.ApplicationsFiled, filedMonth.ApplicationsGranted));

        await using (var connection = await database.OpenConnectionAsync())
        {
            var published = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM catalog_resources WHERE published_version_id IS NOT NULL");
            Assert.True(published >= 2);
            Assert.Equal(published, months.Sum(m => m.ResourcesPublished));
        }

        Assert.Equal((1L, 0L), (months[^1].CallsServed, months[^1].CallsFailed));
        Assert.Equal((0L, 1L), (months[^2].CallsServed, months[^2].CallsFailed));
        Assert.Equal(1L, months.Sum(m => m.CallsServed));
        Assert.Equal(0L, months.Sum(m => m.TicketsVerified));
    }

    private static (long, double?) Tuple(FreshnessFigure f) => (f.Served, f.Rate);

    private static (long, long, double?) Tuple(EffectiveSharingFigure f) => (f.Grants, f.Used, f.Rate);

    private static async Task<DateTimeOffset> LastLoadAsync(Database database, long resourceId)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync();
        var loads = await connection.QueryAsync<DateTimeOffset>(
            "SELECT finished_at FROM collection_loads WHERE resource_id = @resourceId AND state = 'succeeded'", new { resourceId });
        return loads.Max();
    }

    private static async Task InsertCallsAsync(Database database, params (long GrantId, long ResourceId, int Status, DateTimeOffset At)[] calls)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync();
        foreach (var call in calls)
        {
            await connection.ExecuteAsync("""
                INSERT INTO gateway_calls (grant_id, consumer_org_id, resource_id, interface, status, rows_returned, latency_ms, at)
                VALUES (@GrantId, 1, @ResourceId, 'query', @Status, 1, 2.5, @At)
                """, new { call.GrantId, call.ResourceId, call.Status, call.At });
        }
    }
}
