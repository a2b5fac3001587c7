using System.Globalization;
using Gongshu.Storage;
using Xunit;
using static Gongshu.Tests.CollectionTests.Conversion.Conversions;

namespace Gongshu.Tests.CollectionTests.Conversion;

public class DecimalConversionTests
{
    private static readonly DatasetColumn Amount = new("amount", FieldType.Numeric, 12, 2);

    [Theory]
    [InlineData("1234.5", "1234.5")]
    [InlineData("-1,234.50", "-1234.50")]
    [InlineData("+1,234,567.89", "1234567.89")]
    [InlineData("１２３", "123")]
    [InlineData("－１，２３４．５", "-1234.5")]
    [InlineData("\u3000 12.30 \u3000", "12.30")]
    [InlineData("007", "7")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("-0", "0")]
    [InlineData("0.00", "0.00")]
    [InlineData("−3", "-3")]
    public void Numbers_are_read_as_written(string value, string expected)
        => Assert.Equal(Parse(expected), Accepted(Amount, value));

    [Fact]
    public void The_scale_of_the_written_value_is_kept()
        => Assert.Equal("1234.50", ((decimal)Accepted(Amount, "1,234.50")!).ToString(CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("abc", "'abc' is not a number")]
    [InlineData("12a", "'12a' is not a number")]
    [InlineData("1 234", "'1 234' is not a number")]
    [InlineData("--1", "'--1' is not a number")]
    [InlineData(".", "'.' is not a number")]
    [InlineData("-", "'-' is not a number")]
    [InlineData("¥12", "'¥12' is not a number")]
    [InlineData("12%", "'12%' is not a number")]
    [InlineData("1.2.3", "'1.2.3' is not a number")]
    [InlineData("NaN", "'NaN' is not a number")]
    [InlineData("1,5", "'1,5' has misplaced thousands separators (expected e.g. 1,234,567.89)")]
    [InlineData("1234,567", "'1234,567' has misplaced thousands separators (expected e.g. 1,234,567.89)")]
    [InlineData(",123", "',123' has misplaced thousands separators (expected e.g. 1,234,567.89)")]
    [InlineData("1,,234", "'1,,234' has misplaced thousands separators (expected e.g. 1,234,567.89)")]
    [InlineData("1,234.567,8", "'1,234.567,8' has misplaced thousands separators (expected e.g. 1,234,567.89)")]
    [InlineData("1.5E3", "'1.5E3' is in scientific notation, which hides digits; write the number out in full")]
    public void Text_that_is_not_a_plain_number_is_rejected(string value, string reason)
        => Assert.Equal(reason, Rejected(Amount, value));

    [Fact]
    public void Precision_and_scale_bound_the_digits_before_and_after_the_point()
    {
        Assert.Equal(9999999999.99m, Accepted(Amount, "9,999,999,999.99"));
        Assert.Equal(-9999999999.99m, Accepted(Amount, "-9999999999.99"));
        Assert.Equal("'10000000000' has more than 10 digits before the decimal point", Rejected(Amount, "10000000000"));
        Assert.Equal(12.5m, Accepted(Amount, "0012.5"));
    }

    [Fact]
    public void More_decimals_than_the_scale_are_rejected_rather_than_rounded()
    {
        Assert.Equal("'12.345' has more than 2 decimal places", Rejected(Amount, "12.345"));
        Assert.Equal("'0.001' has more than 2 decimal places", Rejected(Amount, "0.001"));
        Assert.Equal(12.34m, Accepted(Amount, "12.3400"));

        var count = new DatasetColumn("count", FieldType.Numeric, 5);
        Assert.Equal(12m, Accepted(count, "12.000"));
        Assert.Equal("'12.5' is not a whole number", Rejected(count, "12.5"));
        Assert.Equal("'123456' has more than 5 digits before the decimal point", Rejected(count, "123456"));
    }

    [Fact]
    public void A_scale_as_large_as_the_precision_leaves_only_a_fraction()
    {
        var ratio = new DatasetColumn("ratio", FieldType.Numeric, 3, 3);
        Assert.Equal(0.125m, Accepted(ratio, "0.125"));
        Assert.Equal(-0.5m, Accepted(ratio, "-.5"));
        Assert.Equal("'1.5' must be less than 1 in magnitude", Rejected(ratio, "1.5"));
    }

    [Fact]
    public void A_numeric_field_without_a_length_holds_what_a_decimal_holds()
    {
        Assert.Equal(decimal.MaxValue, Accepted(FieldType.Numeric, "79,228,162,514,264,337,593,543,950,335"));
        Assert.Equal(decimal.MinValue, Accepted(FieldType.Numeric, "-79228162514264337593543950335"));
        Assert.Equal(0.0000000000000000000000000001m, Accepted(FieldType.Numeric, "0.0000000000000000000000000001"));
        Assert.Equal("'79228162514264337593543950336' has more digits than a number can hold", Rejected(FieldType.Numeric, "79228162514264337593543950336"));
        Assert.Equal("'123456789012345678901234567890' has more than 29 digits before the decimal point", Rejected(FieldType.Numeric, "123456789012345678901234567890"));
        Assert.Equal("'0.00000000000000000000000000001' has more than 28 decimal places", Rejected(FieldType.Numeric, "0.00000000000000000000000000001"));
        Assert.Equal(
            $"'{new string('1', 49)}…' has more digits than a number can hold",
            Rejected(FieldType.Numeric, new string('1', 70)));
    }

    [Fact]
    public void A_scale_without_a_length_still_bounds_the_decimals()
    {
        var rate = new DatasetColumn("rate", FieldType.Numeric, Scale: 4);
        Assert.Equal(123456789012.1234m, Accepted(rate, "123456789012.1234"));
        Assert.Equal("'0.12345' has more than 4 decimal places", Rejected(rate, "0.12345"));
    }

    [Theory]
    [InlineData("¥1,234.50", "1234.50")]
    [InlineData("￥1234.5", "1234.5")]
    [InlineData("￥ 100", "100")]
    [InlineData("-¥12", "-12")]
    [InlineData("¥-12", "-12")]
    [InlineData("１２３．４５", "123.45")]
    [InlineData("9999999999999999.99", "9999999999999999.99")]
    public void Currency_takes_a_yuan_sign(string value, string expected)
        => Assert.Equal(Parse(expected), Accepted(FieldType.Currency, value));

    [Theory]
    [InlineData("12.345", "'12.345' has more than 2 decimal places")]
    [InlineData("10000000000000000", "'10000000000000000' has more than 16 digits before the decimal point")]
    [InlineData("¥¥12", "'¥¥12' is not an amount of money")]
    [InlineData("12元", "'12元' is not an amount of money")]
    [InlineData("$12", "'$12' is not an amount of money")]
    public void Currency_is_stored_as_numeric_18_2(string value, string reason)
        => Assert.Equal(reason, Rejected(FieldType.Currency, value));

    [Fact]
    public void Typed_numbers_convert_when_they_fit()
    {
        Assert.Equal(42m, Accepted(Amount, 42L));
        Assert.Equal(42m, Accepted(Amount, 42));
        Assert.Equal(42m, Accepted(Amount, (short)42));
        Assert.Equal(12.5m, Accepted(Amount, 12.5m));
        Assert.Equal(0.1m, Accepted(Amount, 0.1));
        Assert.Equal(0.3m, Accepted(Amount, 0.1 + 0.2));
        Assert.Equal(1234.56m, Accepted(Amount, 1234.56));
        Assert.Equal(0.1m, Accepted(Amount, 0.1f));
        Assert.Equal(9007199254740991m, Accepted(FieldType.Numeric, 9007199254740991d));
        Assert.Equal("'12.345' has more than 2 decimal places", Rejected(Amount, 12.345));
        Assert.Equal("'12.345' has more than 2 decimal places", Rejected(Amount, 12.345m));
        Assert.Equal("'100000000000' has more than 10 digits before the decimal point", Rejected(Amount, 100000000000L));
        Assert.Equal("'NaN' is not a number", Rejected(Amount, double.NaN));
        Assert.Equal("'-Infinity' is not a number", Rejected(Amount, double.NegativeInfinity));
        Assert.Equal("'1E+30' has more than 10 digits before the decimal point", Rejected(Amount, 1e30));
        Assert.Equal("'1E+30' has more than 29 digits before the decimal point", Rejected(FieldType.Numeric, 1e30));
        Assert.Equal("'1E-30' has more than 28 decimal places", Rejected(FieldType.Numeric, 1e-30));
        Assert.Equal("'3.4028235E+38' has more than 10 digits before the decimal point", Rejected(Amount, float.MaxValue));
        Assert.Equal("'true' is not a number", Rejected(Amount, true));
        Assert.Equal("'2023-01-05' is not an amount of money", Rejected(FieldType.Currency, new DateOnly(2023, 1, 5)));
    }

    private static decimal Parse(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);
}
