using Gongshu.Storage;
using Xunit;
using static Gongshu.Tests.CollectionTests.Conversion.Conversions;

namespace Gongshu.Tests.CollectionTests.Conversion;

public class DateTimeConversionTests
{
    private const string Expected = "(expected e.g. 2023-01-05 08:30:15, 2023/1/5 8:30, 2023年1月5日 8时30分, 2023-01-05T08:30:15+08:00 or an Excel serial date)";

    [Theory]
    [InlineData("2023-01-05 08:30:15")]
    [InlineData("2023-01-05T08:30:15")]
    [InlineData("2023/1/5 8:30:15")]
    [InlineData("2023.1.5 8:30:15")]
    [InlineData("2023-1-5   08:30:15")]
    [InlineData("2023-01-05\u300008:30:15")]
    [InlineData("2023年1月5日 8时30分15秒")]
    [InlineData("2023年1月5日8时30分15秒")]
    [InlineData("2023年1月5日 8点30分15秒")]
    [InlineData("20230105083015")]
    [InlineData("2023-01-05T08:30:15+08:00")]
    [InlineData("2023-01-05T08:30:15+0800")]
    [InlineData("2023-01-05T08:30:15+08")]
    [InlineData("2023-01-05T00:30:15Z")]
    [InlineData("2023-01-05T00:30:15z")]
    [InlineData("2023-01-04T19:30:15-05:00")]
    [InlineData("2023-01-05 08:30:15 +08:00")]
    [InlineData("２０２３－０１－０５　０８：３０：１５")]
    public void The_forms_departments_write_are_read(string value)
        => Assert.Equal(new DateTime(2023, 1, 5, 8, 30, 15), Accepted(FieldType.DateTime, value));

    [Theory]
    [InlineData("2023-01-05 08:30")]
    [InlineData("2023/1/5 8:30")]
    [InlineData("2023年1月5日 8时30分")]
    [InlineData("2023年1月5日8点30分")]
    [InlineData("2023-01-05T08:30")]
    public void Seconds_are_optional(string value)
        => Assert.Equal(new DateTime(2023, 1, 5, 8, 30, 0), Accepted(FieldType.DateTime, value));

    [Theory]
    [InlineData("2023-01-05")]
    [InlineData("2023/1/5")]
    [InlineData("2023年1月5日")]
    [InlineData("20230105")]
    [InlineData("44931")]
    [InlineData("2023年1月5日 0时")]
    public void A_date_alone_is_midnight(string value)
        => Assert.Equal(new DateTime(2023, 1, 5), Accepted(FieldType.DateTime, value));

    [Theory]
    [InlineData("2023-01-05 08:30:15.5", 5_000_000)]
    [InlineData("2023-01-05 08:30:15.123", 1_230_000)]
    [InlineData("2023-01-05T08:30:15.1234567", 1_234_567)]
    [InlineData("2023-01-05T08:30:15.123456789", 1_234_567)]
    [InlineData("2023-01-05T08:30:15,25", 2_500_000)]
    public void Fractional_seconds_are_kept_to_the_tick(string value, long ticks)
        => Assert.Equal(new DateTime(2023, 1, 5, 8, 30, 15).AddTicks(ticks), Accepted(FieldType.DateTime, value));

    [Theory]
    [InlineData("45000.5", 2023, 3, 15, 12, 0, 0)]
    [InlineData("45000.25", 2023, 3, 15, 6, 0, 0)]
    [InlineData("44931.3543402778", 2023, 1, 5, 8, 30, 15)]
    public void Excel_serials_carry_the_time_of_day_in_their_fraction(string value, int year, int month, int day, int hour, int minute, int second)
        => Assert.Equal(new DateTime(year, month, day, hour, minute, second), Accepted(FieldType.DateTime, value));

    [Theory]
    [InlineData(61.75d, 1900, 3, 1, 18, 0, 0)]
    [InlineData(1d, 1900, 1, 1, 0, 0, 0)]
    public void Serials_from_excel_cells_take_the_whole_range(double value, int year, int month, int day, int hour, int minute, int second)
        => Assert.Equal(new DateTime(year, month, day, hour, minute, second), Accepted(FieldType.DateTime, value));

    [Fact]
    public void The_result_is_a_civil_time_of_unspecified_kind()
    {
        Assert.Equal(DateTimeKind.Unspecified, ((DateTime)Accepted(FieldType.DateTime, "2023-01-05T00:30:15Z")!).Kind);
        Assert.Equal(DateTimeKind.Unspecified, ((DateTime)Accepted(FieldType.DateTime, "2023-01-05 08:30")!).Kind);
    }

    [Fact]
    public void An_offset_can_move_the_date()
    {
        Assert.Equal(new DateTime(2023, 1, 1, 7, 0, 0), Accepted(FieldType.DateTime, "2022-12-31T23:00:00Z"));
        Assert.Equal(new DateTime(2024, 2, 29, 1, 0, 0), Accepted(FieldType.DateTime, "2024-02-28T12:00:00-05:00"));
        Assert.Equal("'9999-12-31T23:00:00Z' is outside the years 1 to 9999", Rejected(FieldType.DateTime, "9999-12-31T23:00:00Z"));
        Assert.Equal("'0001-01-01T00:00:00+14:00' is outside the years 1 to 9999", Rejected(FieldType.DateTime, "0001-01-01T00:00:00+14:00"));
    }

    [Theory]
    [InlineData("2023-01-05 24:00")]
    [InlineData("2023-01-05 23:60")]
    [InlineData("2023-01-05 23:59:60")]
    [InlineData("2023年1月5日 25时")]
    public void Hours_minutes_and_seconds_out_of_range_are_rejected(string value)
        => Assert.Equal($"'{value}' is not a valid time (hours go to 23, minutes and seconds to 59)", Rejected(FieldType.DateTime, value));

    [Theory]
    [InlineData("2023-01-05 8")]
    [InlineData("2023-01-05 8:3")]
    [InlineData("2023-01-05 08:30:1")]
    [InlineData("2023-01-05 08:30:15.")]
    [InlineData("2023-01-05 08:30 PM")]
    [InlineData("2023-01-05 下午3:30")]
    [InlineData("2023-01-05T08:30:15+8")]
    [InlineData("2023-01-05T08:30:15+15:00")]
    [InlineData("2023-01-05T08:30:15+08:60")]
    [InlineData("2023-01-05T08:30:15 Z Z")]
    [InlineData("2023年1月5日 8时30")]
    [InlineData("2023年1月5日 8时30分15")]
    [InlineData("2023-01-058:30")]
    [InlineData("08:30")]
    [InlineData("2023-02-30x")]
    [InlineData("202301050830")]
    public void Other_text_is_not_a_date_and_time(string value)
        => Assert.Equal($"'{value}' is not a date and time {Expected}", Rejected(FieldType.DateTime, value));

    [Fact]
    public void Calendar_and_serial_errors_are_named()
    {
        Assert.Equal("'2023-02-29 08:00' is not a date: February 2023 has 28 days", Rejected(FieldType.DateTime, "2023-02-29 08:00"));
        Assert.Equal("'60.5' is Excel's 1900-02-29, a day that does not exist", Rejected(FieldType.DateTime, 60.5d));
        Assert.Equal("'2958466' is outside the Excel serial dates (1 = 1900-01-01 to 2958465 = 9999-12-31)", Rejected(FieldType.DateTime, 2958466d));
    }

    [Fact]
    public void Typed_values_become_beijing_civil_time()
    {
        var civil = new DateTime(2023, 1, 5, 8, 30, 15);
        Assert.Equal(civil, Accepted(FieldType.DateTime, civil));
        Assert.Equal(civil, Accepted(FieldType.DateTime, new DateTime(2023, 1, 5, 0, 30, 15, DateTimeKind.Utc)));
        Assert.Equal(civil, Accepted(FieldType.DateTime, new DateTime(2023, 1, 5, 0, 30, 15, DateTimeKind.Utc).ToLocalTime()));
        Assert.Equal(civil, Accepted(FieldType.DateTime, new DateTimeOffset(2023, 1, 4, 19, 30, 15, TimeSpan.FromHours(-5))));
        Assert.Equal(new DateTime(2023, 1, 5), Accepted(FieldType.DateTime, new DateOnly(2023, 1, 5)));
        Assert.Equal(new DateTime(2023, 3, 15, 12, 0, 0), Accepted(FieldType.DateTime, 45000.5));
        Assert.Equal(civil, Accepted(FieldType.DateTime, 20230105083015L));
        Assert.Equal(new DateTime(2023, 1, 5), Accepted(FieldType.DateTime, 20230105L));
        Assert.Equal($"'true' is not a date and time {Expected}", Rejected(FieldType.DateTime, true));
    }
}
