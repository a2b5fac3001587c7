using System.Threading.RateLimiting;

namespace Gongshu.Server.Web.Public;

/// <summary>
/// Keeps one network address from creating accounts in bulk: a few registrations an hour each.
/// Only attempts that reach the service count, so a form sent back with a typo costs nothing.
/// </summary>
public static class RegistrationGuard
{
    public const int PerHour = 10;

    private static readonly PartitionedRateLimiter<string> Limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions { PermitLimit = PerHour, Window = TimeSpan.FromHours(1) }));

    public static bool TryAcquire(string? address)
    {
        using var lease = Limiter.AttemptAcquire(address ?? "unknown");
        return lease.IsAcquired;
    }
}
