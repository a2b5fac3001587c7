using Gongshu.Server.Platform;

namespace Gongshu.Server.Collection;

/// <summary>
/// The hosted scheduler of collection: every 30 seconds it runs the sources whose time has come
/// (each claimed in the database first, so several servers never run one twice), and every ten
/// minutes it raises or clears stale-data alerts. State lives in the database, so a restart
/// picks up where it was: a run missed while the server was down runs at the next tick.
/// </summary>
public sealed class CollectionScheduler(PlatformServices platform, ILogger<CollectionScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(30);
    private const int TicksPerStaleCheck = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick);
        var ticks = 0;
        do
        {
            try
            {
                await platform.CollectionSources.RunDueAsync(stoppingToken);
                if (ticks++ % TicksPerStaleCheck == 0)
                {
                    await platform.CollectionSources.CheckStaleAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Each run records its own failure; this is the scheduler's own trouble (e.g. the database is away). Try again next tick.
                logger.LogWarning(e, "The collection scheduler could not run");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
