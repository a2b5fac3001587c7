using Dapper;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Storage;

namespace Gongshu.Sharing.Gateway;

/// <summary>One interface's figures: calls, 接口稳定性 (the share answered without a server-side failure), latency percentiles.</summary>
public sealed record InterfaceStatistics(string Interface, long Calls, long Succeeded, long Refused, long Failed, double? SuccessRate, double? P50Ms, double? P95Ms, double? P99Ms);

/// <summary>Calls per consumer department or per resource.</summary>
public sealed record CallCount(long Id, long Calls, long Rows);

/// <summary>One resource's figures over every interface: calls, outcome, latency percentiles.</summary>
public sealed record ResourceStatistics(long ResourceId, long Rows, InterfaceStatistics Statistics);

/// <summary>The gateway's figures over a period, from the call records.</summary>
public sealed record GatewayStatisticsReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<InterfaceStatistics> Interfaces,
    IReadOnlyList<CallCount> ByConsumer, IReadOnlyList<CallCount> ByResource, IReadOnlyList<ResourceStatistics> Resources);

/// <summary>
/// Statistics of gateway calls (platform admins and auditors see all; a department its own calls
/// as consumer and the calls on its resources as provider). Success rate counts a call as failed
/// only when the platform failed it (5xx); refusals (4xx: no grant, over quota, a bad filter) are
/// the consumer's, counted apart.
/// </summary>
public sealed class GatewayStatistics(Database database, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<GatewayStatisticsReport> ReportAsync(CatalogCaller caller, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var end = to ?? _clock.GetUtcNow().AddSeconds(1);
        var start = from ?? end.AddDays(-1);
        if (start >= end || end - start > TimeSpan.FromDays(366))
        {
            throw GongshuException.Invalid("from", "The period starts before it ends and covers at most 366 days.", "invalid_period");
        }

        var scope = caller.OverseesAll ? ""
            : caller.Has(Role.ProviderAdmin) ? " AND (c.consumer_org_id = @Org OR r.provider_id = @Org)"
            : " AND c.consumer_org_id = @Org";
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = connection.QueryUnbufferedAsync<CallRow>($"""
            SELECT c.interface AS Interface, c.status AS Status, c.latency_ms AS LatencyMs, c.consumer_org_id AS ConsumerOrgId,
                c.resource_id AS ResourceId, c.rows_returned AS RowsReturned
            FROM gateway_calls c JOIN catalog_resources r ON r.id = c.resource_id
            WHERE c.at >= @start AND c.at < @end{scope}
            """, new { start, end, Org = caller.OrganizationId });

        // Streamed into counts per latency value (three significant digits), so a month of a busy
        // gateway takes as much memory as an hour of a quiet one.
        var byInterface = new Dictionary<string, (Latencies Latencies, long Ok, long Refused, long Failed)>(StringComparer.Ordinal);
        var consumers = new Dictionary<long, (long Calls, long Rows)>();
        var resources = new Dictionary<long, (long Calls, long Rows)>();
        var byResource = new Dictionary<long, Tally>();
        await foreach (var row in rows.WithCancellation(ct))
        {
            var s = byInterface.TryGetValue(row.Interface, out var found) ? found : (new Latencies(), 0, 0, 0);
            s.Latencies.Add(row.LatencyMs);
            s = row.Status >= 500 ? s with { Failed = s.Failed + 1 } : row.Status >= 400 ? s with { Refused = s.Refused + 1 } : s with { Ok = s.Ok + 1 };
            byInterface[row.Interface] = s;
            if (!byResource.TryGetValue(row.ResourceId, out var tally))
            {
                byResource[row.ResourceId] = tally = new Tally();
            }

            tally.Add(row);
            consumers[row.ConsumerOrgId] = consumers.TryGetValue(row.ConsumerOrgId, out var c) ? (c.Calls + 1, c.Rows + row.RowsReturned) : (1, row.RowsReturned);
            resources[row.ResourceId] = resources.TryGetValue(row.ResourceId, out var r) ? (r.Calls + 1, r.Rows + row.RowsReturned) : (1, row.RowsReturned);
        }

        return new GatewayStatisticsReport(start, end,
            [.. byInterface.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => Interface(i.Key, i.Value.Latencies, i.Value.Ok, i.Value.Refused, i.Value.Failed))],
            [.. consumers.OrderByDescending(c => c.Value.Calls).Select(c => new CallCount(c.Key, c.Value.Calls, c.Value.Rows))],
            [.. resources.OrderByDescending(r => r.Value.Calls).Select(r => new CallCount(r.Key, r.Value.Calls, r.Value.Rows))],
            [.. byResource.OrderByDescending(r => r.Value.Latencies.Count).ThenBy(r => r.Key)
                .Select(r => new ResourceStatistics(r.Key, r.Value.Rows, Interface("*", r.Value.Latencies, r.Value.Ok, r.Value.Refused, r.Value.Failed)))]);
    }

    // One resource's calls over every interface, counted as the interfaces' are.
    private sealed class Tally
    {
        public Latencies Latencies { get; } = new();

        public long Ok { get; private set; }

        public long Refused { get; private set; }

        public long Failed { get; private set; }

        public long Rows { get; private set; }

        public void Add(CallRow row)
        {
            Latencies.Add(row.LatencyMs);
            Rows += row.RowsReturned;
            if (row.Status >= 500)
            {
                Failed++;
            }
            else if (row.Status >= 400)
            {
                Refused++;
            }
            else
            {
                Ok++;
            }
        }
    }

    private sealed class CallRow
    {
        public string Interface { get; set; } = "";
        public long Status { get; set; }
        public double LatencyMs { get; set; }
        public long ConsumerOrgId { get; set; }
        public long ResourceId { get; set; }
        public long RowsReturned { get; set; }
    }

    private static InterfaceStatistics Interface(string name, Latencies latencies, long ok, long refused, long failed)
    {
        var answered = ok + failed;
        return new InterfaceStatistics(name, latencies.Count, ok, refused, failed, answered == 0 ? null : Math.Round(100.0 * ok / answered, 3),
            latencies.Percentile(0.50), latencies.Percentile(0.95), latencies.Percentile(0.99));
    }

    /// <summary>
    /// Latencies counted per value kept to three significant digits (at most 0.5 % off): memory
    /// grows with how spread the latencies are (a few thousand values at most), not with the calls.
    /// </summary>
    internal sealed class Latencies
    {
        private readonly Dictionary<double, long> _counts = [];

        public long Count { get; private set; }

        public void Add(double milliseconds)
        {
            var key = Significant(milliseconds);
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
            Count++;
        }

        /// <summary>The smallest kept value with at least <paramref name="p"/> of the calls at or below it.</summary>
        public double? Percentile(double p)
        {
            if (Count == 0)
            {
                return null;
            }

            var rank = Math.Min(Count, (long)Math.Ceiling(p * Count));
            long seen = 0;
            foreach (var (value, count) in _counts.OrderBy(c => c.Key))
            {
                seen += count;
                if (seen >= rank)
                {
                    return Math.Round(value, 2);
                }
            }

            return Math.Round(_counts.Keys.Max(), 2);
        }

        internal static double Significant(double value)
        {
            if (!double.IsFinite(value) || value <= 0)
            {
                return 0;
            }

            var scale = Math.Pow(10, Math.Floor(Math.Log10(value)) - 2);
            return Math.Round(value / scale) * scale;
        }
    }
}
