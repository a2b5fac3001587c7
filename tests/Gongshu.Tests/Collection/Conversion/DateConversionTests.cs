using Gongshu.Storage;
using Xunit;
using static Gongshu.Tests.CollectionTests.Conversion.Conversions;

namespace Gongshu.Tests.CollectionTests.Conversion;

public class DateConversionTests
{
    private const string Expected = "(expected e.g. 2023-01-05, 2023/1/5, 2023年1月5日, 20230105 or an Excel serial date)";

    [Theory]
    [InlineData("2023-01-05")]
    [InlineData("2023-1-5")]
    [InlineData("2023/1/5")]
    [InlineData("2023/01/05")]
    [InlineData("2023.1.5")]
    [InlineData("2023年1月5日")]
    [InlineData("2023年01月05日")]
    [InlineData("2023年1月5号")]
    [InlineData("2023年1月5")]
    [InlineData("20230105")]
    [InlineData("44931")]
    [InlineData("44931.0")]
    [InlineData("２０２３－０１－０５")]
    [InlineData("２０２３年１月５日")]
    [InlineData("\u3000 2023-01-05 \u3000")]
    [InlineData("2023-01-05 00:00:00")]
    [InlineData("2023-01-05 00:00")]
    [InlineData("2023-01-05T00:00:00.000")]
    [InlineData("2023/1/5 0:00:00")]
    [InlineData("2023年1月5日 0时0分0秒")]
    [InlineData("2023-01-05T00:00:00+08:00")]
    [InlineData("2023-01-04T16:00:00Z")]
    [InlineData("20230105000000")]
    public void The_forms_departments_write_are_read(string value)
        => Assert.Equal(new DateOnly(2023, 1, 5), Accepted(FieldType.Date, value));

    [Theory]
    [InlineData(1d, 1900, 1, 1)]
    [InlineData(59d, 1900, 2, 28)]
    [InlineData(61d, 1900, 3, 1)]
    [InlineData(45000d, 2023, 3, 15)]
    [InlineData(2958465d, 9999, 12, 31)]
    public void Excel_serial_dates_count_from_1900_with_its_fake_leap_day(double value, int year, int month, int day)
        => Assert.Equal(new DateOnly(year, month, day), Accepted(FieldType.Date, value));

    [Fact]
    public void As_text_only_a_five_digit_number_is_taken_for_a_serial_date()
    {
        Assert.Equal(new DateOnly(2023, 3, 15), Accepted(FieldType.Date, "45000"));
        Assert.Equal(new DateOnly(2023, 3, 15), Accepted(FieldType.Date, "45000.0"));
        foreach (var yearOrMonth in new[] { "2023", "202301", "1", "60", "2958465" })
        {
            Assert.StartsWith($"'{yearOrMonth}' is not a date (expected", Rejected(FieldType.Date, yearOrMonth), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Excel_serial_60_is_a_day_that_does_not_exist()
        => Assert.Equal("'60' is Excel's 1900-02-29, a day that does not exist", Rejected(FieldType.Date, 60d));

    [Theory]
    [InlineData(0d)]
    [InlineData(2958466d)]
    [InlineData(0.5d)]
    public void Serials_outside_excels_calendar_are_rejected(double value)
        => Assert.Equal($"'{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}' is outside the Excel serial dates (1 = 1900-01-01 to 2958465 = 9999-12-31)", Rejected(FieldType.Date, value));

    [Theory]
    [InlineData("2024-02-29", 2024)]
    [InlineData("2000-02-29", 2000)]
    [InlineData("20240229", 2024)]
    public void The_29th_of_february_is_a_date_in_leap_years(string value, int year)
        => Assert.Equal(new DateOnly(year, 2, 29), Accepted(FieldType.Date, value));

    [Theory]
    [InlineData("2023-02-29", "'2023-02-29' is not a date: February 2023 has 28 days")]
    [InlineData("1900-02-29", "'1900-02-29' is not a date: February 1900 has 28 days")]
    [InlineData("2100/2/29", "'2100/2/29' is not a date: February 2100 has 28 days")]
    [InlineData("2023-02-30", "'2023-02-30' is not a date: February 2023 has 28 days")]
    [InlineData("2023年4月31日", "'2023年4月31日' is not a date: April 2023 has 30 days")]
    [InlineData("20230431", "'20230431' is not a date: April 2023 has 30 days")]
    public void Days_beyond_the_end_of_the_month_are_rejected(string value, string reason)
        => Assert.Equal(reason, Rejected(FieldType.Date, value));

    [Theory]
    [InlineData("2023-13-05")]
    [InlineData("2023-00-05")]
    [InlineData("2023-01-00")]
    [InlineData("2023-01-32")]
    [InlineData("0000-01-05")]
    [InlineData("20231305")]
    [InlineData("2023-1/5")]
    [InlineData("2023-01-05-")]
    [InlineData("23-01-05")]
    [InlineData("05/01/2023")]
    [InlineData("2023-001-05")]
    [InlineData("2023年1月")]
    [InlineData("2023-01")]
    [InlineData("202301051")]
    [InlineData("20230105.5")]
    [InlineData("-45000")]
    [InlineData("2023-01-05 08")]
    [InlineData("2023-01-05x")]
    [InlineData("Jan 5, 2023")]
    [InlineData("2023-01-05T")]
    public void Other_text_is_not_a_date(string value)
        => Assert.Equal($"'{value}' is not a date {Expected}", Rejected(FieldType.Date, value));

    [Theory]
    [InlineData("2023-01-05 08:30", "08:30:00")]
    [InlineData("2023-01-05 00:00:01", "00:00:01")]
    [InlineData("2023-01-05 00:00:00.5", "00:00:00.5")]
    [InlineData("45000.5", "12:00:00")]
    [InlineData("2023-01-05T00:00:00Z", "08:00:00")]
    public void A_time_of_day_is_rejected_rather_than_cut_off(string value, string time)
        => Assert.Equal($"'{value}' has a time of day ({time} Beijing time); the field takes a date only", Rejected(FieldType.Date, value));

    [Fact]
    public void An_invalid_time_is_named()
        => Assert.Equal("'2023-01-05 24:00' is not a valid time (hours go to 23, minutes and seconds to 59)", Rejected(FieldType.Date, "2023-01-05 24:00"));

    [Fact]
    public void Typed_dates_convert()
    {
        var date = new DateOnly(2023, 1, 5);
        Assert.Equal(date, Accepted(FieldType.Date, date));
        Assert.Equal(date, Accepted(FieldType.Date, new DateTime(2023, 1, 5)));
        Assert.Equal(date, Accepted(FieldType.Date, new DateTime(2023, 1, 4, 16, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(date, Accepted(FieldType.Date, new DateTimeOffset(2023, 1, 5, 0, 0, 0, TimeSpan.FromHours(8))));
        Assert.Equal(date, Accepted(FieldType.Date, 44931d));
        Assert.Equal(date, Accepted(FieldType.Date, 44931L));
        Assert.Equal(date, Accepted(FieldType.Date, 20230105));
        Assert.Equal(date, Accepted(FieldType.Date, 20230105d));
        Assert.Equal("'2023-01-05 08:30:00' has a time of day (08:30:00 Beijing time); the field takes a date only",
            Rejected(FieldType.Date, "2023-01-05 08:30:00"));
        Assert.Equal("'2023-01-05 08:30:00' has a time of day (08:30:00 Beijing time); the field takes a date only",
            Rejected(FieldType.Date, new DateTime(2023, 1, 5, 8, 30, 0)));
        Assert.Equal("'44931.25' has a time of day (06:00:00 Beijing time); the field takes a date only", Rejected(FieldType.Date, 44931.25));
        Assert.Equal("'20230230' is not a date: February 2023 has 28 days", Rejected(FieldType.Date, 20230230L));
        Assert.Equal($"'true' is not a date {Expected}", Rejected(FieldType.Date, true));
    }
}
