using System.Globalization;
using System.Text.Json;
using Dapper;
using Gongshu.Audit;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Storage;

namespace Gongshu.Calendar;

/// <summary>The holiday schedule as a platform admin enters it: public holidays and the weekend days worked instead (调休).</summary>
public sealed record CalendarSchedule(IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> Workdays);

/// <summary>
/// The platform's working calendar, kept in <c>platform_settings</c> under <c>calendar.schedule</c>:
/// every deadline in working days (ticket rectification, share approvals) counts with it.
/// </summary>
public sealed class WorkingCalendars(Database database, IAuditLog audit, TimeProvider? clock = null)
{
    private const string Key = "calendar.schedule";
    private const int MaxDays = 2000;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<WorkingCalendar> GetAsync(CancellationToken ct = default)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT value FROM platform_settings WHERE key = @Key", new { Key }, cancellationToken: ct));
        if (json is null)
        {
            return new WorkingCalendar();
        }

        var stored = JsonSerializer.Deserialize<CalendarSchedule>(json)!;
        return new WorkingCalendar(stored.Holidays, stored.Workdays);
    }

    /// <summary>Replaces the schedule (platform admins; audited with the days added and removed).</summary>
    public async Task<WorkingCalendar> SaveAsync(CatalogCaller caller, CalendarSchedule schedule, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(schedule);
        if (!caller.Has(Role.PlatformAdmin))
        {
            throw new GongshuException(ErrorKind.Forbidden, "calendar_forbidden", "Only platform admins keep the holiday schedule.");
        }

        if ((schedule.Holidays?.Count ?? 0) + (schedule.Workdays?.Count ?? 0) > MaxDays)
        {
            throw GongshuException.Invalid("holidays", $"A schedule lists at most {MaxDays} days.", "calendar_too_long");
        }

        var before = await GetAsync(ct);
        var calendar = new WorkingCalendar(schedule.Holidays, schedule.Workdays);
        foreach (var day in calendar.Workdays.Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)))
        {
            throw GongshuException.Invalid("workdays", $"{WorkingCalendar.Text(day)} is a {day.DayOfWeek}: only a Saturday or Sunday can be made a working day.", "calendar_not_weekend");
        }

        var json = JsonSerializer.Serialize(new CalendarSchedule(calendar.Holidays, calendar.Workdays));
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO platform_settings (key, value, updated_at) VALUES (@Key, @json, @now)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """, new { Key, json, now = _clock.GetUtcNow() }, cancellationToken: ct));
        }

        await audit.AppendAsync(caller.Actor.Entry("platform.calendar.saved", "calendar", AuditOutcome.Success, new
        {
            holidaysAdded = calendar.Holidays.Except(before.Holidays).Select(WorkingCalendar.Text),
            holidaysRemoved = before.Holidays.Except(calendar.Holidays).Select(WorkingCalendar.Text),
            workdaysAdded = calendar.Workdays.Except(before.Workdays).Select(WorkingCalendar.Text),
            workdaysRemoved = before.Workdays.Except(calendar.Workdays).Select(WorkingCalendar.Text),
        }), CancellationToken.None);
        return calendar;
    }

}
