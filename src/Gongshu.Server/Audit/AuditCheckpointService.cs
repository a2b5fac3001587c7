using Gongshu.Server.Platform;

namespace Gongshu.Server.Audit;

/// <summary>
/// Signs the audit chain head every minute while the server runs (when new entries arrived), so
/// at most a minute of entries is ever protected by the hash chain alone.
/// </summary>
public sealed class AuditCheckpointService(PlatformServices platform, ILogger<AuditCheckpointService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(platform.Settings.AuditCheckpointPeriod);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await platform.AuditLog.CheckpointAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; the entries themselves are already committed.
                logger.LogWarning(e, "Could not sign an audit checkpoint");
            }
        }
    }
}
