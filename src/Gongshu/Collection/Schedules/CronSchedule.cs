using System.Globalization;

namespace Gongshu.Collection.Schedules;

/// <summary>
/// A five-field cron schedule (minute hour day-of-month month day-of-week), read in China
/// Standard Time (UTC+8), where the departments' working day is. Each field takes <c>*</c>, a
/// number, a range <c>1-5</c>, a list <c>1,15</c> and a step <c>*/10</c> or <c>8-18/2</c>; day of
/// week runs 0–7 with both 0 and 7 for Sunday. As in Unix cron, when both day fields are
/// restricted a day matching either one runs.
/// </summary>
public sealed class CronSchedule
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _days;
    private readonly bool[] _months;
    private readonly bool[] _weekdays;
    private readonly bool _anyDay;
    private readonly bool _anyWeekday;

    private CronSchedule(string text, bool[] minutes, bool[] hours, bool[] days, bool[] months, bool[] weekdays, bool anyDay, bool anyWeekday)
    {
        Text = text;
        _minutes = minutes;
        _hours = hours;
        _days = days;
        _months = months;
        _weekdays = weekdays;
        _anyDay = anyDay;
        _anyWeekday = anyWeekday;
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>, or throws a 400 naming the field that is wrong.</summary>
    public static CronSchedule Parse(string? text)
    {
        var parts = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 5)
        {
            throw Invalid(text, "give five fields: minute hour day-of-month month day-of-week, e.g. '0 2 * * *' for 02:00 every day");
        }

        // In field order, so the error names the first field that is wrong.
        var minutes = Field(parts[0], 0, 59, "minute", text);
        var hours = Field(parts[1], 0, 23, "hour", text);
        var days = Field(parts[2], 1, 31, "day of month", text);
        var months = Field(parts[3], 1, 12, "month", text);
        var weekdays = Field(parts[4], 0, 7, "day of week", text);
        weekdays[0] |= weekdays[7];
        return new CronSchedule(string.Join(' ', parts), minutes, hours, days, months, weekdays, parts[2] == "*", parts[4] == "*");
    }

    /// <summary>The default schedule of a resource's update cycle (更新周期); null for irregular (不定期) or none.</summary>
    public static string? ForUpdateCycle(string? cycle) => cycle switch
    {
        "realtime" => "*/10 * * * *",
        "daily" => "0 2 * * *",
        "weekly" => "0 2 * * 1",
        "monthly" => "0 2 1 * *",
        "quarterly" => "0 2 1 1,4,7,10 *",
        "half_yearly" => "0 2 1 1,7 *",
        "yearly" => "0 2 1 1 *",
        _ => null,
    };

    /// <summary>The first run strictly after <paramref name="after"/>, in UTC; null if none within five years (e.g. 31 February).</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        var local = after.ToOffset(China);
        var t = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if (!_months[t.Month])
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1);
                continue;
            }

            if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
                continue;
            }

            if (!_hours[t.Hour])
            {
                t = t.Date.AddHours(t.Hour + 1);
                continue;
            }

            if (!_minutes[t.Minute])
            {
                t = t.AddMinutes(1);
                continue;
            }

            return new DateTimeOffset(t, China).ToUniversalTime();
        }

        return null;
    }

    public override string ToString() => Text;

    private bool DayMatches(DateTime t)
    {
        var day = _days[t.Day];
        var weekday = _weekdays[(int)t.DayOfWeek];
        return (_anyDay, _anyWeekday) switch
        {
            (true, true) => true,
            (true, false) => weekday,
            (false, true) => day,
            _ => day || weekday,
        };
    }

    private static bool[] Field(string text, int min, int max, string name, string? whole)
    {
        var allowed = new bool[max + 1];
        foreach (var item in text.Split(','))
        {
            var step = 1;
            var range = item;
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                if (!int.TryParse(item.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
                {
                    throw Invalid(whole, $"the {name} step in '{item}' must be a whole number of at least 1");
                }

                range = item[..slash];
            }

            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else
            {
                var dash = range.IndexOf('-', StringComparison.Ordinal);
                from = Number(dash < 0 ? range : range[..dash], min, max, name, whole);
                to = dash < 0 ? (slash >= 0 ? max : from) : Number(range[(dash + 1)..], min, max, name, whole);
                if (to < from)
                {
                    throw Invalid(whole, $"the {name} range '{range}' runs backwards");
                }
            }

            for (var v = from; v <= to; v += step)
            {
                allowed[v] = true;
            }
        }

        return allowed;
    }

    private static int Number(string text, int min, int max, string name, string? whole)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Invalid(whole, $"the {name} '{text}' must be a number from {min} to {max}");

    private static GongshuException Invalid(string? text, string problem)
        => GongshuException.Invalid("schedule", $"'{text}' is not a schedule: {problem}.", "bad_schedule");
}
