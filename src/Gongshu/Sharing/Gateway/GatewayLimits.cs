using System.Collections.Concurrent;
using Gongshu.Calendar;

namespace Gongshu.Sharing.Gateway;

/// <summary>
/// A grant's daily quota and rate limit, counted in this process. A quota count starts each
/// Beijing day from the calls already recorded that day (so a restart does not reset it); with
/// several gateway nodes each counts its own calls, so together they may exceed a quota by up to
/// one node's share — the call log shows it.
/// </summary>
public sealed class GatewayLimits(TimeProvider clock)
{
    private readonly ConcurrentDictionary<long, QuotaDay> _quotas = new();
    private readonly ConcurrentDictionary<long, TokenBucket> _buckets = new();

    /// <summary>
    /// Takes one call from the grant's quota and rate; on refusal returns the seconds to wait
    /// (until the next Beijing midnight for the quota, a second for the rate).
    /// </summary>
    /// <param name="recordedToday">Reads the calls recorded today, the first time the grant is seen on a day.</param>
    public async ValueTask<(bool Allowed, int RetryAfterSeconds, string? Reason)> TakeAsync(ShareGrant grant, Func<DateOnly, ValueTask<long>> recordedToday)
    {
        var now = clock.GetUtcNow();
        var bucket = _buckets.GetOrAdd(grant.Id, _ => new TokenBucket(grant.RateLimit, now));
        if (!bucket.TryTake(now))
        {
            return (false, 1, "rate_limited");
        }

        var day = WorkingCalendar.DayOf(now);
        var quota = _quotas.GetOrAdd(grant.Id, _ => new QuotaDay());
        if (quota.Day != day)
        {
            var seed = await recordedToday(day);
            quota.Reset(day, seed);
        }

        if (quota.Take() > grant.DailyQuota)
        {
            var midnight = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), WorkingCalendar.Beijing);
            return (false, Math.Max(1, (int)Math.Ceiling((midnight - now).TotalSeconds)), "quota_exceeded");
        }

        return (true, 0, null);
    }

    /// <summary>
    /// Gives back a call taken by <see cref="TakeAsync"/> that turned out not to be one: a replayed
    /// request, refused only once its nonce met the audit commit. Replays of a captured request
    /// must not use up the grant holder's quota or rate.
    /// </summary>
    public void Return(ShareGrant grant)
    {
        if (_quotas.TryGetValue(grant.Id, out var quota) && quota.Day == WorkingCalendar.DayOf(clock.GetUtcNow()))
        {
            quota.Untake();
        }

        if (_buckets.TryGetValue(grant.Id, out var bucket))
        {
            bucket.Untake();
        }
    }

    private sealed class QuotaDay
    {
        private long _count;

        public DateOnly Day { get; private set; }

        public void Reset(DateOnly day, long count)
        {
            lock (this)
            {
                if (Day != day)
                {
                    (Day, _count) = (day, count);
                }
            }
        }

        public long Take() => Interlocked.Increment(ref _count);

        public void Untake() => Interlocked.Decrement(ref _count);
    }

    // Refills continuously at the grant's rate, holding at most a second's worth.
    private sealed class TokenBucket(int rate, DateTimeOffset start)
    {
        private double _tokens = rate;
        private DateTimeOffset _last = start;

        public bool TryTake(DateTimeOffset now)
        {
            lock (this)
            {
                _tokens = Math.Min(rate, _tokens + Math.Max(0, (now - _last).TotalSeconds) * rate);
                _last = now;
                if (_tokens < 1)
                {
                    return false;
                }

                _tokens--;
                return true;
            }
        }

        public void Untake()
        {
            lock (this)
            {
                _tokens = Math.Min(rate, _tokens + 1);
            }
        }
    }
}
