using Dapper;
using Gongshu.Storage;

namespace Gongshu.Cockpit;

/// <summary>分钟级共享满足率: of the gateway calls served, how many got data refreshed at most <paramref name="Minutes"/> before the call.</summary>
public sealed record FreshnessFigure(long Served, long Fresh, int Minutes)
{
    /// <summary>As a percentage, null while nothing was served.</summary>
    public double? Rate => Served == 0 ? null : Math.Round(100.0 * Fresh / Served, 1);
}

/// <summary>有效共享率: of the grants issued, how many the consumer has actually used (one call served or more).</summary>
public sealed record EffectiveSharingFigure(long Grants, long Used)
{
    public double? Rate => Grants == 0 ? null : Math.Round(100.0 * Used / Grants, 1);
}

/// <summary>
/// The sharing KPIs of STANDARDS.md §8 that no sharing service keeps, read from the gateway's call
/// records, the grants and the collection loads in a few batch queries.
/// </summary>
public sealed class SharingIndicators(Database database)
{
    /// <summary>"Data fresher than a few minutes": five unless the deployment says otherwise.</summary>
    public const int DefaultFreshMinutes = 5;

    /// <summary>
    /// Calls served (status below 400) in [from, to), each judged by the newest successful load of
    /// its resource that had finished when the call came in: fresh when that load is at most
    /// <paramref name="minutes"/> older than the call. A resource never loaded is never fresh.
    /// </summary>
    public async Task<FreshnessFigure> FreshnessAsync(DateTimeOffset from, DateTimeOffset to, int minutes = DefaultFreshMinutes, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minutes);
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var loads = (await connection.QueryAsync<(long ResourceId, DateTimeOffset FinishedAt)>(new CommandDefinition("""
                SELECT resource_id, finished_at FROM collection_loads
                WHERE state = 'succeeded' AND finished_at IS NOT NULL AND finished_at < @to
                """, new { to }, cancellationToken: ct)))
            .GroupBy(l => l.ResourceId)
            .ToDictionary(g => g.Key, g => g.Select(l => l.FinishedAt).Order().ToArray());

        var window = TimeSpan.FromMinutes(minutes);
        long served = 0, fresh = 0;
        var calls = connection.QueryUnbufferedAsync<(long ResourceId, DateTimeOffset At)>(
            "SELECT resource_id, at FROM gateway_calls WHERE status < 400 AND at >= @from AND at < @to", new { from, to });
        await foreach (var call in calls.WithCancellation(ct))
        {
            served++;
            if (loads.TryGetValue(call.ResourceId, out var finished) && LatestAtOrBefore(finished, call.At) is { } refreshed && call.At - refreshed <= window)
            {
                fresh++;
            }
        }

        return new FreshnessFigure(served, fresh, minutes);
    }

    /// <summary>Every grant ever issued, revoked or not, against those with at least one call served.</summary>
    public async Task<EffectiveSharingFigure> EffectiveSharingAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleAsync<(long Grants, long? Used)>(new CommandDefinition("""
            SELECT count(*),
                   SUM(CASE WHEN EXISTS (SELECT 1 FROM gateway_calls c WHERE c.grant_id = g.id AND c.status < 400) THEN 1 ELSE 0 END)
            FROM share_grants g
            """, cancellationToken: ct));
        return new EffectiveSharingFigure(row.Grants, row.Used ?? 0);
    }

    private static DateTimeOffset? LatestAtOrBefore(DateTimeOffset[] sorted, DateTimeOffset at)
    {
        int low = 0, high = sorted.Length - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] <= at)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found < 0 ? null : sorted[found];
    }
}
