using Gongshu.Sharing.Gateway;
using Gongshu.Storage;
using Gongshu.Tests.CatalogTests;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Sharing;

public sealed class GatewayStatisticsTests
{
    [Theory, AllDatabases]
    public async Task Each_resource_gets_its_calls_outcomes_rows_and_latency_percentiles_over_every_interface(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var people = await h.PublishAsync(CatalogHarness.Complete("常住人口基本信息"));
        var households = await h.PublishAsync(CatalogHarness.Complete("户籍家庭信息"));
        var now = h.Clock.GetUtcNow();
        await using (var log = new GatewayCallLog(h.Database))
        {
            // People: ten lookups of 1..10 ms and one query that the platform failed; households: one refused verify.
            for (var i = 1; i <= 10; i++)
            {
                log.Record(new GatewayCall(7, h.Market.Id, people.Id, "lookup", 200, 1, i, now.AddMinutes(-i)));
            }

            log.Record(new GatewayCall(7, h.Market.Id, people.Id, "query", 500, 0, 100, now.AddMinutes(-1)));
            log.Record(new GatewayCall(8, h.DataBureau.Id, households.Id, "verify", 429, 0, 2, now.AddMinutes(-1)));
            log.Record(new GatewayCall(8, h.DataBureau.Id, households.Id, "verify", 200, 0, 2, now.AddDays(-3)));
            await log.FlushAsync();
        }

        var report = await new GatewayStatistics(h.Database, h.Clock).ReportAsync(h.Reviewer);

        Assert.Equal([people.Id, households.Id], report.Resources.Select(r => r.ResourceId));
        var p = report.Resources[0];
        Assert.Equal((11L, 10L, 10L, 0L, 1L), (p.Statistics.Calls, p.Rows, p.Statistics.Succeeded, p.Statistics.Refused, p.Statistics.Failed));
        Assert.Equal(90.909, p.Statistics.SuccessRate);
        Assert.Equal((6.0, 100.0, 100.0), (p.Statistics.P50Ms, p.Statistics.P95Ms, p.Statistics.P99Ms));
        var households1 = report.Resources[1];
        Assert.Equal((1L, 0L, 1L), (households1.Statistics.Calls, households1.Statistics.Succeeded, households1.Statistics.Refused));
        Assert.Null(households1.Statistics.SuccessRate);

        // A department sees the resources of its own calls only.
        var market = await new GatewayStatistics(h.Database, h.Clock).ReportAsync(new(900, h.Market.Id, [Gongshu.Directories.Role.Consumer]));
        Assert.Equal([people.Id], market.Resources.Select(r => r.ResourceId));
    }

    [Fact]
    public void Latencies_are_kept_to_three_significant_digits_and_percentiles_read_from_the_counts()
    {
        Assert.Equal(12.3, GatewayStatistics.Latencies.Significant(12.3456), 9);
        Assert.Equal(1230, GatewayStatistics.Latencies.Significant(1234.5), 9);
        Assert.Equal(0.0457, GatewayStatistics.Latencies.Significant(0.04567), 9);
        Assert.Equal(0, GatewayStatistics.Latencies.Significant(-1));

        var latencies = new GatewayStatistics.Latencies();
        Assert.Null(latencies.Percentile(0.5));
        for (var i = 0; i < 1_000_000; i++)
        {
            latencies.Add(i % 100 + 1); // 1..100 ms, evenly
        }

        Assert.Equal(1_000_000, latencies.Count);
        Assert.Equal((50.0, 95.0, 99.0), (latencies.Percentile(0.50)!.Value, latencies.Percentile(0.95)!.Value, latencies.Percentile(0.99)!.Value));
    }
}
