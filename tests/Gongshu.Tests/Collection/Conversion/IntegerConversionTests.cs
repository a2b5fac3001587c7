using Gongshu.Storage;
using Xunit;
using static Gongshu.Tests.CollectionTests.Conversion.Conversions;

namespace Gongshu.Tests.CollectionTests.Conversion;

public class IntegerConversionTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("+42", 42L)]
    [InlineData("-42", -42L)]
    [InlineData("1,234,567", 1234567L)]
    [InlineData("１２３", 123L)]
    [InlineData("－１２３", -123L)]
    [InlineData("\u300012\u3000", 12L)]
    [InlineData("12.0", 12L)]
    [InlineData("12.000", 12L)]
    [InlineData("0042", 42L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9,223,372,036,854,775,808", long.MinValue)]
    [InlineData("-0", 0L)]
    public void Whole_numbers_are_read(string value, long expected)
        => Assert.Equal(expected, Accepted(FieldType.Integer, value));

    [Theory]
    [InlineData("12.5", "'12.5' is not a whole number")]
    [InlineData("0.001", "'0.001' is not a whole number")]
    [InlineData("9223372036854775808", "'9223372036854775808' is out of range for an integer (-9223372036854775808 to 9223372036854775807)")]
    [InlineData("-9223372036854775809", "'-9223372036854775809' is out of range for an integer (-9223372036854775808 to 9223372036854775807)")]
    [InlineData("123456789012345678901234567890", "'123456789012345678901234567890' is out of range for an integer (-9223372036854775808 to 9223372036854775807)")]
    [InlineData("12a", "'12a' is not an integer")]
    [InlineData("一百", "'一百' is not an integer")]
    [InlineData("1,23", "'1,23' has misplaced thousands separators (expected e.g. 1,234,567.89)")]
    [InlineData("1e3", "'1e3' is in scientific notation, which hides digits; write the number out in full")]
    [InlineData("4.10101E+17", "'4.10101E+17' is in scientific notation, which hides digits; write the number out in full")]
    public void Other_text_is_rejected(string value, string reason)
        => Assert.Equal(reason, Rejected(FieldType.Integer, value));

    [Fact]
    public void Typed_whole_numbers_convert()
    {
        Assert.Equal(42L, Accepted(FieldType.Integer, 42L));
        Assert.Equal(42L, Accepted(FieldType.Integer, 42));
        Assert.Equal(42L, Accepted(FieldType.Integer, (byte)42));
        Assert.Equal(42L, Accepted(FieldType.Integer, 42UL));
        Assert.Equal(42L, Accepted(FieldType.Integer, 42.0));
        Assert.Equal(42L, Accepted(FieldType.Integer, 42.0f));
        Assert.Equal(42L, Accepted(FieldType.Integer, 42.00m));
        Assert.Equal(1L, Accepted(FieldType.Integer, true));
        Assert.Equal(long.MinValue, Accepted(FieldType.Integer, -9223372036854775808d));
        Assert.Equal("'42.5' is not a whole number", Rejected(FieldType.Integer, 42.5));
        Assert.Equal("'42.5' is not a whole number", Rejected(FieldType.Integer, 42.5m));
        Assert.Equal("'9.223372036854776E+18' is out of range for an integer (-9223372036854775808 to 9223372036854775807)", Rejected(FieldType.Integer, 9223372036854775808d));
        Assert.Equal("'18446744073709551615' is out of range for an integer (-9223372036854775808 to 9223372036854775807)", Rejected(FieldType.Integer, ulong.MaxValue));
        Assert.Equal("'NaN' is not an integer", Rejected(FieldType.Integer, double.NaN));
        Assert.Equal("'2023-01-05' is not an integer", Rejected(FieldType.Integer, new DateOnly(2023, 1, 5)));
    }
}
