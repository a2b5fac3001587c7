using Gongshu.Calendar;
using Gongshu.Server.Catalog;

namespace Gongshu.Server.Platform;

/// <summary>The working calendar over HTTP: anyone signed in reads it; platform admins replace the holiday schedule.</summary>
public static class CalendarApi
{
    public static void MapCalendar(this RouteGroupBuilder api)
    {
        var calendar = api.MapGroup("/platform/calendar").WithTags("Platform").RequireAuthorization();
        calendar.MapGet("", async (PlatformServices p, CancellationToken ct) => Schedule(await p.Calendar.GetAsync(ct)));
        calendar.MapPut("", async (CalendarSchedule schedule, HttpContext context, PlatformServices p, CancellationToken ct)
            => Schedule(await p.Calendar.SaveAsync(context.Caller(), schedule, ct)));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<CalendarSchedule> Schedule(WorkingCalendar calendar)
        => TypedResults.Ok(new CalendarSchedule(calendar.Holidays, calendar.Workdays));
}
