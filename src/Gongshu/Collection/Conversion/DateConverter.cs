using System.Globalization;
using Gongshu.Storage;

namespace Gongshu.Collection.Conversion;

/// <summary>
/// D 日期型 as <see cref="DateOnly"/>. Whatever a date-time field accepts is accepted when it falls
/// on midnight in Beijing (2023-01-05 00:00:00); a time of day is rejected, not cut off.
/// </summary>
internal sealed class DateConverter(DatasetColumn column) : FieldConverter(column)
{
    private const string Wanted = "a date (expected e.g. 2023-01-05, 2023/1/5, 2023年1月5日, 20230105 or an Excel serial date)";

    private protected override bool TryConvertText(string text, ReadOnlySpan<char> trimmed, out object? result, out string? reason)
    {
        var error = CivilTime.Parse(trimmed, out var value, out var year, out var month);
        return Finish(error, value, text, year, month, out result, out reason);
    }

    private protected override bool TryConvertValue(object value, out object? result, out string? reason)
    {
        if (value is DateOnly)
        {
            return Accept(value, out result, out reason);
        }

        var (year, month) = (0, 0);
        var civil = default(DateTime);
        var error = value switch
        {
            DateTime time => CivilTime.FromDateTime(time, out civil),
            DateTimeOffset offset => CivilTime.FromUtcTicks(offset.UtcTicks, out civil),
            double d => CivilTime.FromNumber(d, out civil, out year, out month),
            long or int or short or sbyte or byte or ushort or uint or ulong or decimal or float => CivilTime.FromNumber(Convert.ToDouble(value, null), out civil, out year, out month),
            _ => CivilTimeError.NotADate,
        };
        return Finish(error, civil, value, year, month, out result, out reason);
    }

    /// <summary>Accepts the date of <paramref name="value"/>, or rejects <paramref name="source"/>, the value it was read from.</summary>
    private static bool Finish(CivilTimeError error, DateTime value, object source, int year, int month, out object? result, out string? reason)
    {
        if (error != CivilTimeError.None)
        {
            return Reject(CivilTime.Reason(error, Show(source), year, month, Wanted), out result, out reason);
        }

        if (value.TimeOfDay != TimeSpan.Zero)
        {
            var time = value.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            return Reject($"{Show(source)} has a time of day ({time} Beijing time); the field takes a date only", out result, out reason);
        }

        return Accept(DateOnly.FromDateTime(value), out result, out reason);
    }
}
