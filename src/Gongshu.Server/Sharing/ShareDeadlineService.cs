using Gongshu.Server.Platform;

namespace Gongshu.Server.Sharing;

/// <summary>Reminds and escalates share applications near or past their deadline, every few minutes while the server runs.</summary>
public sealed class ShareDeadlineService(PlatformServices platform, ILogger<ShareDeadlineService> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                var (reminded, escalated) = await platform.ShareApplications.SweepDeadlinesAsync(stoppingToken);
                if (reminded + escalated > 0)
                {
                    logger.LogInformation("Share deadlines: {Reminded} reminded, {Escalated} escalated", reminded, escalated);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Each reminder and escalation is written once, so the next sweep simply carries on.
                logger.LogWarning(e, "Could not sweep share deadlines");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
