using Gongshu.Storage;
using static Gongshu.Collection.Conversion.Reasons;

namespace Gongshu.Collection.Conversion;

/// <summary>
/// T 日期时间型 as a <see cref="DateTime"/> of unspecified kind: the civil time in Beijing, as
/// departments write it. A value with an offset, or a UTC instant from a database, is converted.
/// </summary>
internal sealed class DateTimeConverter(DatasetColumn column) : FieldConverter(column)
{
    private const string Wanted = "a date and time (expected e.g. 2023-01-05 08:30:15, 2023/1/5 8:30, 2023年1月5日 8时30分, 2023-01-05T08:30:15+08:00 or an Excel serial date)";

    private protected override bool TryConvertText(string text, ReadOnlySpan<char> trimmed, out object? result, out string? reason)
    {
        var error = CivilTime.Parse(trimmed, out var value, out var year, out var month);
        return error == CivilTimeError.None
            ? Accept(value, out result, out reason)
            : Reject(CivilTime.Reason(error, Quote(trimmed), year, month, Wanted), out result, out reason);
    }

    private protected override bool TryConvertValue(object value, out object? result, out string? reason)
    {
        var (year, month) = (0, 0);
        var civil = default(DateTime);
        var error = value switch
        {
            DateTime time when time.Kind == DateTimeKind.Unspecified => CivilTimeError.None,
            DateTime time => CivilTime.FromDateTime(time, out civil),
            DateOnly date => Midnight(date, out civil),
            DateTimeOffset offset => CivilTime.FromUtcTicks(offset.UtcTicks, out civil),
            double d => CivilTime.FromNumber(d, out civil, out year, out month),
            long or int or short or sbyte or byte or ushort or uint or ulong or decimal or float => CivilTime.FromNumber(Convert.ToDouble(value, null), out civil, out year, out month),
            _ => CivilTimeError.NotADate,
        };
        if (error != CivilTimeError.None)
        {
            return Reject(CivilTime.Reason(error, Describe(value), year, month, Wanted), out result, out reason);
        }

        return Accept(value is DateTime { Kind: DateTimeKind.Unspecified } ? value : civil, out result, out reason);
    }

    private static CivilTimeError Midnight(DateOnly date, out DateTime value)
    {
        value = date.ToDateTime(TimeOnly.MinValue);
        return CivilTimeError.None;
    }
}
