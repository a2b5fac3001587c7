using System.Globalization;

namespace Gongshu.Calendar;

/// <summary>
/// Working days (工作日) for deadlines: Monday to Friday, less the public holidays, plus the
/// weekend days the State Council moves work to (调休). Both lists change every year and are
/// entered by a platform admin from the published schedule; none are built in. Days are civil
/// days in Beijing (UTC+8), where the deadlines are kept.
/// </summary>
public sealed class WorkingCalendar
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>How far ahead a deadline may reach; more working days than this is a mistake, not a deadline.</summary>
    private const int MaxWorkingDays = 366;

    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _workdays;

    public WorkingCalendar(IEnumerable<DateOnly>? holidays = null, IEnumerable<DateOnly>? workdays = null)
    {
        _holidays = [.. holidays ?? []];
        _workdays = [.. workdays ?? []];
        var both = _holidays.Intersect(_workdays).Order().ToList();
        if (both.Count > 0)
        {
            throw GongshuException.Invalid("workdays",
                $"{Text(both[0])} is listed both as a holiday and as a working day.", "calendar_conflict");
        }
    }

    /// <summary>The public holidays, in order.</summary>
    public IReadOnlyList<DateOnly> Holidays => [.. _holidays.Order()];

    /// <summary>The weekend days that are working days (调休上班), in order.</summary>
    public IReadOnlyList<DateOnly> Workdays => [.. _workdays.Order()];

    public bool IsWorkingDay(DateOnly day)
        => _workdays.Contains(day) || (!_holidays.Contains(day) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Beijing).DateTime);

    /// <summary>A day as the platform stores and shows it: <c>yyyy-MM-dd</c>.</summary>
    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A day stored as <see cref="Text"/> wrote it.</summary>
    public static DateOnly ParseText(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The deadline <paramref name="workingDays"/> working days after <paramref name="from"/>: the
    /// end of the last of them (midnight starting the next day, Beijing time). The day it starts
    /// on does not count, as a request filed on Friday afternoon has not had Friday to answer.
    /// </summary>
    public DateTimeOffset Deadline(DateTimeOffset from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workingDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workingDays, MaxWorkingDays);
        var day = DayOf(from);
        for (var left = workingDays; left > 0;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                left--;
            }
        }

        return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Beijing);
    }

    /// <summary>Working days from the day after <paramref name="from"/> up to and including the day of <paramref name="to"/> (0 when not later).</summary>
    public int WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var (start, end) = (DayOf(from), DayOf(to));
        var count = 0;
        for (var day = start.AddDays(1); day <= end; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }
}
