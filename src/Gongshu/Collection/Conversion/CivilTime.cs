using System.Globalization;
using static Gongshu.Collection.Conversion.SourceText;

namespace Gongshu.Collection.Conversion;

internal enum CivilTimeError
{
    None,
    NotADate,
    NoSuchDay,
    NoSuchTime,
    FakeLeapDay,
    SerialOutOfRange,
    OutOfRange,
}

/// <summary>
/// Reads dates and times as Chinese departments write them, as a civil time in Beijing
/// (UTC+8; China has kept no daylight saving since 1991): 2023-01-05, 2023/1/5, 2023.1.5,
/// 2023年1月5日, 20230105, each optionally followed by a time (8:30, 08:30:15.250,
/// 8时30分15秒) and an offset (Z, +08:00), 20230105083015, and Excel serial dates.
/// </summary>
internal static class CivilTime
{
    /// <summary>Serial 60 is 1900-02-29, which Excel counts although 1900 was no leap year.</summary>
    private const int ExcelFakeLeapDay = 60;
    private const int LastExcelSerial = 2958465;
    private const long MillisecondsPerDay = 86_400_000;
    private static readonly long BeijingOffsetTicks = TimeSpan.FromHours(8).Ticks;
    private static readonly long MaxTicks = DateTime.MaxValue.Ticks;

    /// <summary>Day 0 of Excel's serials up to 59; from 61 on, one day earlier makes up for the fake leap day.</summary>
    private static readonly long ExcelEarlyEpochTicks = new DateTime(1899, 12, 31).Ticks;
    private static readonly long ExcelEpochTicks = new DateTime(1899, 12, 30).Ticks;

    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;

    /// <summary>Parses trimmed text; <paramref name="year"/> and <paramref name="month"/> are set for <see cref="CivilTimeError.NoSuchDay"/>.</summary>
    public static CivilTimeError Parse(ReadOnlySpan<char> text, out DateTime value, out int year, out int month)
    {
        value = default;
        year = 0;
        month = 0;
        var run = DigitRun(text, 0);
        if (run == text.Length)
        {
            return run switch
            {
                8 => Compose(Read(text, 0, 4), Read(text, 4, 2), Read(text, 6, 2), 0, 0, 0, 0, null, out value, out year, out month),
                14 => Compose(Read(text, 0, 4), Read(text, 4, 2), Read(text, 6, 2), Read(text, 8, 2), Read(text, 10, 2), Read(text, 12, 2), 0, null, out value, out year, out month),
                // As text, only a five-digit serial (1927-05-18 to 2173-10-14) is taken for one:
                // a shorter or longer number is more likely a year (2023) or a year and month
                // (202301) than a date of Excel's. Numbers that come typed, from Excel cells, take the whole range.
                5 => FromSerial(Read(text, 0, run), out value),
                _ => CivilTimeError.NotADate,
            };
        }

        if (run == 5 && Narrow(text[run]) == '.' && run + 1 < text.Length && DigitRun(text, run + 1) == text.Length)
        {
            return FromSerial(Read(text, 0, run) + Fraction(text[(run + 1)..]), out value);
        }

        if (run != 4)
        {
            return CivilTimeError.NotADate;
        }

        var i = 4;
        var separator = Narrow(text[i++]);
        if (separator is not ('-' or '/' or '.' or '年')
            || !TryRead(text, ref i, 1, 2, out var monthNumber)
            || i == text.Length
            || Narrow(text[i++]) != (separator == '年' ? '月' : separator)
            || !TryRead(text, ref i, 1, 2, out var day))
        {
            return CivilTimeError.NotADate;
        }

        var chineseDay = separator == '年' && i < text.Length && text[i] is '日' or '号';
        if (chineseDay)
        {
            i++;
        }

        int hour = 0, minute = 0, second = 0;
        long fraction = 0;
        int? offsetMinutes = null;
        if (i < text.Length)
        {
            if (Narrow(text[i]) == 'T')
            {
                i++;
            }
            else if (IsBlank(text[i]))
            {
                SkipBlanks(text, ref i);
            }
            else if (!chineseDay)
            {
                return CivilTimeError.NotADate;
            }

            if (!TryReadTime(text, ref i, out hour, out minute, out second, out fraction))
            {
                return CivilTimeError.NotADate;
            }

            SkipBlanks(text, ref i);
            if (i < text.Length && !TryReadOffset(text, ref i, out offsetMinutes))
            {
                return CivilTimeError.NotADate;
            }

            if (i < text.Length)
            {
                return CivilTimeError.NotADate;
            }
        }

        return Compose(Read(text, 0, 4), monthNumber, day, hour, minute, second, fraction, offsetMinutes, out value, out year, out month);
    }

    /// <summary>
    /// A number from a typed source: a whole number of 8 or 14 digits is yyyyMMdd or
    /// yyyyMMddHHmmss (databases keep dates so), anything else an Excel serial date.
    /// </summary>
    public static CivilTimeError FromNumber(double number, out DateTime value, out int year, out int month)
    {
        value = default;
        year = 0;
        month = 0;
        if (double.IsInteger(number) && number is >= 10000101 and <= 99991231)
        {
            var date = (int)number;
            return Compose(date / 10000, date / 100 % 100, date % 100, 0, 0, 0, 0, null, out value, out year, out month);
        }

        if (double.IsInteger(number) && number is >= 10000101000000 and <= 99991231235959)
        {
            var stamp = (long)number;
            var date = (int)(stamp / 1_000_000);
            var time = (int)(stamp % 1_000_000);
            return Compose(date / 10000, date / 100 % 100, date % 100, time / 10000, time / 100 % 100, time % 100, 0, null, out value, out year, out month);
        }

        return FromSerial(number, out value);
    }

    /// <summary>A typed date and time as Beijing civil time: unspecified times are taken as written, instants converted.</summary>
    public static CivilTimeError FromDateTime(DateTime time, out DateTime value) => time.Kind switch
    {
        DateTimeKind.Utc => FromUtcTicks(time.Ticks, out value),
        DateTimeKind.Local => FromUtcTicks(time.ToUniversalTime().Ticks, out value),
        _ => Unchanged(time, out value),
    };

    public static CivilTimeError FromUtcTicks(long utcTicks, out DateTime value)
    {
        var ticks = utcTicks + BeijingOffsetTicks;
        value = ticks <= MaxTicks ? new DateTime(ticks, DateTimeKind.Unspecified) : default;
        return ticks <= MaxTicks ? CivilTimeError.None : CivilTimeError.OutOfRange;
    }

    /// <summary>Why <paramref name="quoted"/> failed to convert; <paramref name="wanted"/> says what the field takes and in which forms.</summary>
    public static string Reason(CivilTimeError error, string quoted, int year, int month, string wanted) => error switch
    {
        CivilTimeError.NoSuchDay => $"{quoted} is not a date: {MonthNames[month - 1]} {year} has {DateTime.DaysInMonth(year, month)} days",
        CivilTimeError.NoSuchTime => $"{quoted} is not a valid time (hours go to 23, minutes and seconds to 59)",
        CivilTimeError.FakeLeapDay => $"{quoted} is Excel's 1900-02-29, a day that does not exist",
        CivilTimeError.SerialOutOfRange => $"{quoted} is outside the Excel serial dates (1 = 1900-01-01 to {LastExcelSerial} = 9999-12-31)",
        CivilTimeError.OutOfRange => $"{quoted} is outside the years 1 to 9999",
        _ => $"{quoted} is not {wanted}",
    };

    /// <summary>An Excel serial date in the 1900 date system, its fraction the time of day to the millisecond.</summary>
    private static CivilTimeError FromSerial(double serial, out DateTime value)
    {
        value = default;
        if (!(serial >= 1 && serial < LastExcelSerial + 1))
        {
            return CivilTimeError.SerialOutOfRange;
        }

        var milliseconds = (long)Math.Round(serial * MillisecondsPerDay, MidpointRounding.AwayFromZero);
        var day = milliseconds / MillisecondsPerDay;
        if (day == ExcelFakeLeapDay)
        {
            return CivilTimeError.FakeLeapDay;
        }

        if (day > LastExcelSerial)
        {
            return CivilTimeError.SerialOutOfRange;
        }

        var epoch = day < ExcelFakeLeapDay ? ExcelEarlyEpochTicks : ExcelEpochTicks;
        value = new DateTime(epoch + (day * TimeSpan.TicksPerDay) + (milliseconds % MillisecondsPerDay * TimeSpan.TicksPerMillisecond));
        return CivilTimeError.None;
    }

    private static CivilTimeError Compose(
        int year, int monthNumber, int day, int hour, int minute, int second, long fraction, int? offsetMinutes,
        out DateTime value, out int yearRead, out int monthRead)
    {
        value = default;
        (yearRead, monthRead) = (year, monthNumber);
        if (year is < 1 or > 9999 || monthNumber is < 1 or > 12 || day is < 1 or > 31)
        {
            return CivilTimeError.NotADate;
        }

        if (day > DateTime.DaysInMonth(year, monthNumber))
        {
            return CivilTimeError.NoSuchDay;
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return CivilTimeError.NoSuchTime;
        }

        var ticks = (new DateOnly(year, monthNumber, day).DayNumber * TimeSpan.TicksPerDay)
            + (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute) + (second * TimeSpan.TicksPerSecond) + fraction;
        if (offsetMinutes is { } offset)
        {
            ticks -= offset * TimeSpan.TicksPerMinute;
            if (ticks < 0)
            {
                return CivilTimeError.OutOfRange;
            }

            return FromUtcTicks(ticks, out value);
        }

        value = new DateTime(ticks);
        return CivilTimeError.None;
    }

    private static CivilTimeError Unchanged(DateTime time, out DateTime value)
    {
        value = time;
        return CivilTimeError.None;
    }

    /// <summary>
    /// H:mm, H:mm:ss, H:mm:ss.fffffff or 8时30分15秒 (点 for 时; minutes and seconds optional).
    /// Digits beyond the seventh of a fraction are below what DateTime (or any store) keeps and are dropped.
    /// </summary>
    private static bool TryReadTime(ReadOnlySpan<char> text, ref int i, out int hour, out int minute, out int second, out long fraction)
    {
        minute = 0;
        second = 0;
        fraction = 0;
        if (!TryRead(text, ref i, 1, 2, out hour) || i == text.Length)
        {
            return false;
        }

        var mark = Narrow(text[i++]);
        if (mark is '时' or '点')
        {
            if (i < text.Length && Digit(text[i]) >= 0)
            {
                if (!TryRead(text, ref i, 1, 2, out minute) || i == text.Length || text[i++] != '分')
                {
                    return false;
                }

                if (i < text.Length && Digit(text[i]) >= 0
                    && (!TryRead(text, ref i, 1, 2, out second) || i == text.Length || text[i++] != '秒'))
                {
                    return false;
                }
            }

            return true;
        }

        if (mark != ':' || !TryRead(text, ref i, 2, 2, out minute))
        {
            return false;
        }

        if (i == text.Length || Narrow(text[i]) != ':')
        {
            return true;
        }

        i++;
        if (!TryRead(text, ref i, 2, 2, out second))
        {
            return false;
        }

        if (i == text.Length || Narrow(text[i]) is not ('.' or ','))
        {
            return true;
        }

        i++;
        var digits = DigitRun(text, i) - i;
        if (digits == 0)
        {
            return false;
        }

        for (var k = 0; k < 7; k++)
        {
            fraction = (fraction * 10) + (k < digits ? Digit(text[i + k]) : 0);
        }

        i += digits;
        return true;
    }

    /// <summary>Z, or +hh, +hhmm, +hh:mm (or −).</summary>
    private static bool TryReadOffset(ReadOnlySpan<char> text, ref int i, out int? offsetMinutes)
    {
        offsetMinutes = null;
        var sign = Narrow(text[i++]);
        if (sign is 'Z' or 'z')
        {
            offsetMinutes = 0;
            return true;
        }

        var digits = DigitRun(text, i) - i;
        if (sign is not ('+' or '-' or '\u2212') || digits is not (2 or 4))
        {
            return false;
        }

        var hours = Read(text, i, 2);
        var minutes = digits == 4 ? Read(text, i + 2, 2) : 0;
        i += digits;
        if (digits == 2 && i < text.Length && Narrow(text[i]) == ':')
        {
            i++;
            if (!TryRead(text, ref i, 2, 2, out minutes))
            {
                return false;
            }
        }

        if (hours > 14 || minutes > 59)
        {
            return false;
        }

        offsetMinutes = (sign == '+' ? 1 : -1) * ((hours * 60) + minutes);
        return true;
    }

    /// <summary>Reads <paramref name="min"/> to <paramref name="max"/> digits at <paramref name="i"/>, and no more.</summary>
    private static bool TryRead(ReadOnlySpan<char> text, ref int i, int min, int max, out int value)
    {
        var end = DigitRun(text, i);
        var count = end - i;
        if (count < min || count > max)
        {
            value = 0;
            return false;
        }

        value = Read(text, i, count);
        i = end;
        return true;
    }

    /// <summary>Where the run of digits starting at <paramref name="start"/> ends.</summary>
    private static int DigitRun(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        while (i < text.Length && Digit(text[i]) >= 0)
        {
            i++;
        }

        return i;
    }

    private static int Read(ReadOnlySpan<char> text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            value = (value * 10) + Digit(text[i]);
        }

        return value;
    }

    /// <summary>The value of the digits after a decimal point (the first 15 count; a double holds no more).</summary>
    private static double Fraction(ReadOnlySpan<char> digits)
    {
        var count = Math.Min(digits.Length, 15);
        var value = 0L;
        for (var i = 0; i < count; i++)
        {
            value = (value * 10) + Digit(digits[i]);
        }

        return value / Math.Pow(10, count);
    }

    private static void SkipBlanks(ReadOnlySpan<char> text, ref int i)
    {
        while (i < text.Length && IsBlank(text[i]))
        {
            i++;
        }
    }
}
