using Gongshu.Catalog;
using Gongshu.Cockpit;
using Gongshu.Directories;
using Gongshu.Governance;
using Gongshu.Governance.Tickets;
using Gongshu.Server.Platform;
using Gongshu.Server.Web.Portal;
using Gongshu.Sharing;
using Gongshu.Sharing.Gateway;
using Gongshu.Storage;

namespace Gongshu.Server.Web.Cockpit;

/// <summary>One department's line in the cockpit's ranking.</summary>
public sealed record DepartmentFigures(long OrganizationId, string Name, long Published, double? StandardizationRate, double? QualityScore,
    int TicketsOpened, double? RectificationRate);

/// <summary>Everything the cockpit shows, read at <see cref="AsOf"/>.</summary>
public sealed record CockpitReport(
    DateTimeOffset AsOf,
    DateTimeOffset CallsFrom,
    long RowsHeld,
    OpenDataFigures Open,
    StandardizationReport Standardization,
    SharingKpi Sharing,
    FreshnessFigure Freshness,
    EffectiveSharingFigure EffectiveSharing,
    TicketKpi? Tickets,
    double? QualityScore,
    IReadOnlyList<InterfaceStatistics> Interfaces,
    IReadOnlyList<DepartmentFigures> Departments,
    IReadOnlyList<MonthCounts> Months)
{
    /// <summary>接口稳定性 over every interface: calls answered without a platform failure, refusals left out (as <see cref="GatewayStatistics"/> counts them).</summary>
    public double? Stability
    {
        get
        {
            var answered = Interfaces.Sum(i => i.Succeeded + i.Failed);
            return answered == 0 ? null : Math.Round(100.0 * Interfaces.Sum(i => i.Succeeded) / answered, 3);
        }
    }

    public long GatewayCalls => Interfaces.Sum(i => i.Calls);
}

/// <summary>
/// The cockpit's figures (STANDARDS.md §8), computed from the records through the services that
/// own each KPI, in parallel. The report is the same for every government user, so one is kept for
/// a few seconds and the page says when it was read.
/// </summary>
public sealed class CockpitFigures(PlatformServices platform, PortalFigures portal, TimeProvider clock)
{
    /// <summary>The period of the gateway figures (接口稳定性, 分钟级共享满足率).</summary>
    public static readonly TimeSpan CallPeriod = TimeSpan.FromDays(30);

    private static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(5);

    // The figures are platform-wide aggregates shown to every government role: they are read with
    // the read-only, sees-everything view of an auditor, never with the viewer's own rights to act.
    private static readonly CatalogCaller Reader = new(0, 0, [Role.Auditor]);

    private readonly SemaphoreSlim _computing = new(1, 1);
    private volatile CockpitReport? _last;

    public async Task<CockpitReport> GetAsync(CancellationToken ct)
    {
        if (Fresh(_last) is { } kept)
        {
            return kept;
        }

        await _computing.WaitAsync(ct);
        try
        {
            return Fresh(_last) ?? (_last = await ComputeAsync(ct));
        }
        finally
        {
            _computing.Release();
        }
    }

    private CockpitReport? Fresh(CockpitReport? report) => report is not null && clock.GetUtcNow() - report.AsOf < KeptFor ? report : null;

    private async Task<CockpitReport> ComputeAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var callsFrom = now - CallPeriod;
        var database = platform.Database;
        var sharingIndicators = new SharingIndicators(database);

        var standardization = new StandardizationKpi(database).ComputeAsync(ct);
        var open = portal.GetAsync(ct);
        var rows = new DatasetStore(database).CurrentRowCountsAsync(ct);
        var sharing = platform.ShareApplications.KpiAsync(Reader, ct: ct);
        var freshness = sharingIndicators.FreshnessAsync(callsFrom, now, ct: ct);
        var effective = sharingIndicators.EffectiveSharingAsync(ct);
        var tickets = platform.QualityTickets.KpiAsync(Reader, ct: ct);
        var quality = platform.QualityRules.RankingAsync(Reader, ct);
        var gateway = platform.GatewayStatistics.ReportAsync(Reader, callsFrom, now, ct);
        var months = new MonthlyActivity(database, clock).ComputeAsync(ct: ct);
        await Task.WhenAll(standardization, open, rows, sharing, freshness, effective, tickets, quality, gateway, months);

        var ticketKpis = await tickets;
        var qualityRanking = await quality;
        var scores = qualityRanking.Where(q => q.AverageScore is not null).ToList();
        return new CockpitReport(now, callsFrom, (await rows).Values.Sum(), await open, await standardization, await sharing, await freshness, await effective,
            ticketKpis.FirstOrDefault(k => k.OrganizationId is null),
            scores.Count == 0 ? null : Math.Round(scores.Sum(q => q.AverageScore!.Value * q.Resources) / scores.Sum(q => q.Resources), 1),
            (await gateway).Interfaces,
            Departments(await standardization, qualityRanking, ticketKpis),
            await months);
    }

    // Every department that provides published data, has quality findings or tickets, most resources first.
    private static List<DepartmentFigures> Departments(StandardizationReport standardization, IReadOnlyList<DepartmentQuality> quality, IReadOnlyList<TicketKpi> tickets)
    {
        var names = new Dictionary<long, string>();
        foreach (var (id, name) in standardization.Organizations.Select(o => (o.OrganizationId, o.OrganizationName))
                     .Concat(quality.Select(q => (q.OrganizationId, q.Organization)))
                     .Concat(tickets.Where(t => t.OrganizationId is not null).Select(t => (t.OrganizationId!.Value, t.Organization))))
        {
            names.TryAdd(id, name);
        }

        return [.. names.Select(n =>
            {
                var catalog = standardization.Organizations.FirstOrDefault(o => o.OrganizationId == n.Key)?.Figure;
                var ticket = tickets.FirstOrDefault(t => t.OrganizationId == n.Key);
                return new DepartmentFigures(n.Key, n.Value, catalog?.Published ?? 0,
                    catalog?.Rate is { } rate ? Math.Round(100 * rate, 1) : null,
                    quality.FirstOrDefault(q => q.OrganizationId == n.Key)?.AverageScore,
                    ticket?.Opened ?? 0, ticket?.RectificationRate);
            })
            .OrderByDescending(d => d.Published).ThenBy(d => d.OrganizationId)];
    }
}
