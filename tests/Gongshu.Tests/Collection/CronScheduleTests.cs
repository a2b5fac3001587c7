using Gongshu.Collection.Schedules;

using Xunit;

namespace Gongshu.Tests.CollectionTests;

public sealed class CronScheduleTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Theory]
    [InlineData("0 2 * * *", "2026-11-23 01:59", "2026-11-23 02:00")]
    [InlineData("0 2 * * *", "2026-11-23 02:00", "2026-11-24 02:00")]
    [InlineData("*/10 * * * *", "2026-11-23 08:05", "2026-11-23 08:10")]
    [InlineData("0 2 * * 1", "2026-11-23 03:00", "2026-11-30 02:00")]          // Monday to next Monday
    [InlineData("0 2 1 1,4,7,10 *", "2026-11-23 03:00", "2027-01-01 02:00")]
    [InlineData("30 8-18/2 * * 1-5", "2026-11-27 18:31", "2026-11-30 08:30")]  // Friday evening to Monday morning
    [InlineData("0 0 29 2 *", "2026-03-01 00:00", "2028-02-29 00:00")]         // the next leap day
    [InlineData("0 9 13 * 5", "2026-11-23 00:00", "2026-11-27 09:00")]         // either day field: Friday 27th first
    [InlineData("0 12 * * 7", "2026-11-23 00:00", "2026-11-29 12:00")]         // 7 is Sunday too
    public void Next_is_the_first_matching_minute_after_in_china_time(string cron, string after, string expected)
    {
        var schedule = CronSchedule.Parse(cron);
        var next = schedule.Next(new DateTimeOffset(DateTime.Parse(after, System.Globalization.CultureInfo.InvariantCulture), China));
        Assert.Equal(new DateTimeOffset(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), China), next);
        Assert.Equal(TimeSpan.Zero, next!.Value.Offset);
    }

    [Fact]
    public void A_date_that_never_comes_has_no_next_run()
        => Assert.Null(CronSchedule.Parse("0 0 31 2 *").Next(DateTimeOffset.UtcNow));

    [Theory]
    [InlineData("0 2 * *", "five fields")]
    [InlineData("60 2 * * *", "minute '60'")]
    [InlineData("0 24 * * *", "hour '24'")]
    [InlineData("0 2 0 * *", "day of month '0'")]
    [InlineData("0 2 * 13 *", "month '13'")]
    [InlineData("0 2 * * 8", "day of week '8'")]
    [InlineData("*/0 * * * *", "step")]
    [InlineData("0 5-2 * * *", "backwards")]
    [InlineData("0 2 * * MON", "day of week 'MON'")]
    [InlineData("'; DROP TABLE x; --", "minute")]
    public void A_bad_schedule_is_refused_naming_the_field(string cron, string expected)
    {
        var e = Assert.Throws<GongshuException>(() => CronSchedule.Parse(cron));
        Assert.Equal(("bad_schedule", "schedule"), (e.Code, e.Field));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("realtime", "*/10 * * * *")]
    [InlineData("daily", "0 2 * * *")]
    [InlineData("yearly", "0 2 1 1 *")]
    [InlineData("irregular", null)]
    [InlineData(null, null)]
    public void Each_update_cycle_has_a_default_schedule(string? cycle, string? expected)
        => Assert.Equal(expected, CronSchedule.ForUpdateCycle(cycle));
}
