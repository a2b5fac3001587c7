using System.Globalization;
using Dapper;
using Gongshu.Storage;

namespace Gongshu.Cockpit;

/// <summary>One month's counts; <see cref="Month"/> is <c>yyyy-MM</c> in the platform's time zone.</summary>
public sealed record MonthCounts(string Month, long ResourcesPublished, long ApplicationsFiled, long ApplicationsGranted,
    long TicketsOpened, long TicketsVerified, long CallsServed, long CallsFailed);

/// <summary>
/// The platform's activity per calendar month, from the records' own timestamps: resources first
/// published, share applications filed and granted, quality tickets opened and verified as fixed,
/// gateway calls served and failed (5xx). One query per kind of record over the whole period, and
/// one count per month for the calls.
/// </summary>
public sealed class MonthlyActivity(Database database, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The last <paramref name="months"/> months up to the current one, oldest first; months are cut at midnight in <paramref name="offset"/> (Beijing time by default).</summary>
    public async Task<IReadOnlyList<MonthCounts>> ComputeAsync(int months = 12, TimeSpan? offset = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, 120);
        var zone = offset ?? TimeSpan.FromHours(8);
        var now = _clock.GetUtcNow().ToOffset(zone);
        var first = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, zone).AddMonths(1 - months);
        var from = first.ToUniversalTime();
        var counts = new long[7, months];

        int? Index(DateTimeOffset at)
        {
            var local = at.ToOffset(zone);
            var index = (local.Year - first.Year) * 12 + local.Month - first.Month;
            return index >= 0 && index < months ? index : null;
        }

        void Count(int series, IEnumerable<DateTimeOffset> instants)
        {
            foreach (var at in instants)
            {
                if (Index(at) is { } i)
                {
                    counts[series, i]++;
                }
            }
        }

        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        async Task<IEnumerable<DateTimeOffset>> Instants(string sql)
            => await connection.QueryAsync<DateTimeOffset>(new CommandDefinition(sql, new { from }, cancellationToken: ct));

        // A resource's first publication is its version 1 being published; later versions are changes.
        Count(0, await Instants("SELECT published_at FROM catalog_resource_versions WHERE version_no = 1 AND published_at >= @from"));
        Count(1, await Instants("SELECT filed_at FROM share_applications WHERE filed_at >= @from"));
        Count(2, await Instants("SELECT decided_at FROM share_applications WHERE state = 'granted' AND decided_at >= @from"));
        Count(3, await Instants("SELECT opened_at FROM quality_tickets WHERE opened_at >= @from"));
        Count(4, await Instants("SELECT verified_at FROM quality_tickets WHERE verified_at >= @from AND (state = 'verified' OR resolution = 'rectified')"));

        // Calls can run to millions a day: each month is counted in the database on the time index.
        // Refusals (4xx) are the consumer's, neither served nor failed by the platform.
        for (var i = 0; i < months; i++)
        {
            var (start, end) = (first.AddMonths(i).ToUniversalTime(), first.AddMonths(i + 1).ToUniversalTime());
            var (served, failed) = await connection.QuerySingleAsync<(long?, long?)>(new CommandDefinition(
                "SELECT SUM(CASE WHEN status < 400 THEN 1 ELSE 0 END), SUM(CASE WHEN status >= 500 THEN 1 ELSE 0 END) FROM gateway_calls WHERE at >= @start AND at < @end",
                new { start, end }, cancellationToken: ct));
            (counts[5, i], counts[6, i]) = (served ?? 0, failed ?? 0);
        }

        return [.. Enumerable.Range(0, months).Select(i => new MonthCounts(
            first.AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture),
            counts[0, i], counts[1, i], counts[2, i], counts[3, i], counts[4, i], counts[5, i], counts[6, i]))];
    }
}
