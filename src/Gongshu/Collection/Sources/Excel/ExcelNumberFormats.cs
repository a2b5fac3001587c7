using System.Globalization;

namespace Gongshu.Collection.Sources.Excel;

/// <summary>
/// What Excel's number formats and serial day numbers mean: a cell holds a date only as a number
/// shown with a date format, so the format decides whether the number is read as a date.
/// </summary>
internal static class ExcelNumberFormats
{
    private static readonly DateTime Epoch1900 = new(1899, 12, 31);
    private static readonly DateTime Epoch1900AfterLeapBug = new(1899, 12, 30);
    private static readonly DateTime Epoch1904 = new(1904, 1, 1);

    /// <summary>
    /// Whether a format shows a date or time: the built-in ids 14–22 and 45–47, the East Asian
    /// built-in ids 27–36 and 50–58 (年/月/日 formats Chinese Excel writes), and custom formats
    /// with y, m, d, h or s outside quoted text, brackets and escapes.
    /// </summary>
    public static bool IsDate(uint id, string? code) => id switch
    {
        >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58 => true,
        < 164 => false,
        _ => code is not null && IsDateCode(code),
    };

    internal static bool IsDateCode(string code)
    {
        for (var i = 0; i < code.Length; i++)
        {
            switch (code[i])
            {
                case ';':
                    // The first section formats positive numbers, which dates are.
                    return false;
                case '"':
                    var close = code.IndexOf('"', i + 1);
                    i = close < 0 ? code.Length : close;
                    break;
                case '[':
                    var end = code.IndexOf(']', i + 1);
                    var inner = end < 0 ? "" : code[(i + 1)..end];

                    // [h]:mm and [ss] are elapsed times; [Red] and [$-804] are not.
                    if (inner.Length > 0 && inner.All(c => c is 'h' or 'H' or 'm' or 'M' or 's' or 'S'))
                    {
                        return true;
                    }

                    i = end < 0 ? code.Length : end;
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case 'y' or 'Y' or 'm' or 'M' or 'd' or 'D' or 'h' or 'H' or 's' or 'S':
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The date a serial day number stands for. In the 1900 system Excel counts the day
    /// 1900-02-29 that never was (serial 60), which has no <see cref="DateTime"/>: it is returned
    /// as the text Excel shows, for the load to reject. Serials outside the calendar stay numbers.
    /// </summary>
    public static object FromSerial(double serial, bool date1904)
    {
        if (serial < 0 || serial >= 2_958_466 || double.IsNaN(serial))
        {
            return serial;
        }

        DateTime epoch;
        if (date1904)
        {
            epoch = Epoch1904;
        }
        else if (serial < 60)
        {
            epoch = Epoch1900;
        }
        else if (serial < 61)
        {
            return "1900-02-29";
        }
        else
        {
            epoch = Epoch1900AfterLeapBug;
        }

        // Times are fractions of a day; round away the binary noise to the millisecond.
        var milliseconds = (long)Math.Round(serial * 86_400_000d, MidpointRounding.AwayFromZero);
        return milliseconds < (DateTime.MaxValue - epoch).TotalMilliseconds ? epoch.AddMilliseconds(milliseconds) : serial;
    }

    /// <summary>A number as the most exact type: integral values as <see cref="long"/>.</summary>
    public static object Number(double value)
        => value == Math.Floor(value) && Math.Abs(value) < 9_007_199_254_740_992d ? (object)(long)value : value;

    /// <summary>A value written as a header cell's text.</summary>
    public static string Text(object value) => value switch
    {
        string s => s,
        bool b => b ? "TRUE" : "FALSE",
        DateTime d => d.TimeOfDay == TimeSpan.Zero
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
