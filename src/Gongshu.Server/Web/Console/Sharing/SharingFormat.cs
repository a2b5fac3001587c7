using System.Globalization;
using Gongshu.Calendar;

namespace Gongshu.Server.Web.Console.Sharing;

/// <summary>How the sharing pages write days, times and ids: Beijing time, ISO dates, the same in every language.</summary>
public static class SharingFormat
{
    public static string Day(DateOnly day) => WorkingCalendar.Text(day);

    public static string Time(DateTimeOffset at) => at.ToOffset(WorkingCalendar.Beijing).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Id(long id) => "#" + id.ToString(CultureInfo.InvariantCulture);
}
