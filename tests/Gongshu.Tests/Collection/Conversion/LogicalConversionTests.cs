using Gongshu.Storage;
using Xunit;
using static Gongshu.Tests.CollectionTests.Conversion.Conversions;

namespace Gongshu.Tests.CollectionTests.Conversion;

public class LogicalConversionTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("True")]
    [InlineData("1")]
    [InlineData("Y")]
    [InlineData("y")]
    [InlineData("yes")]
    [InlineData("YES")]
    [InlineData("是")]
    [InlineData("真")]
    [InlineData("T")]
    [InlineData("t")]
    [InlineData("１")]
    [InlineData("Ｙ")]
    [InlineData("ｔｒｕｅ")]
    [InlineData("\u3000是\u3000")]
    public void Words_for_yes_are_true(string value) => Assert.Equal(true, Accepted(FieldType.Logical, value));

    [Theory]
    [InlineData("false")]
    [InlineData("FALSE")]
    [InlineData("0")]
    [InlineData("N")]
    [InlineData("n")]
    [InlineData("no")]
    [InlineData("No")]
    [InlineData("否")]
    [InlineData("假")]
    [InlineData("F")]
    [InlineData("f")]
    [InlineData("０")]
    public void Words_for_no_are_false(string value) => Assert.Equal(false, Accepted(FieldType.Logical, value));

    [Theory]
    [InlineData("2")]
    [InlineData("maybe")]
    [InlineData("对")]
    [InlineData("ye")]
    [InlineData("truee")]
    [InlineData("00")]
    public void Other_words_are_rejected(string value)
        => Assert.Equal($"'{value}' is not a logical value (expected true/false, 1/0, Y/N, yes/no, 是/否, 真/假 or T/F)", Rejected(FieldType.Logical, value));

    [Fact]
    public void True_and_false_are_shared_boxes()
        => Assert.Same(Accepted(FieldType.Logical, "是"), Accepted(FieldType.Logical, true));

    [Fact]
    public void Typed_ones_and_zeros_convert()
    {
        Assert.Equal(true, Accepted(FieldType.Logical, true));
        Assert.Equal(false, Accepted(FieldType.Logical, false));
        Assert.Equal(true, Accepted(FieldType.Logical, 1L));
        Assert.Equal(false, Accepted(FieldType.Logical, 0));
        Assert.Equal(true, Accepted(FieldType.Logical, (byte)1));
        Assert.Equal(true, Accepted(FieldType.Logical, 1.0));
        Assert.Equal(false, Accepted(FieldType.Logical, 0m));
        Assert.Equal("'2' is not a logical value (expected true/false, 1/0, Y/N, yes/no, 是/否, 真/假 or T/F)", Rejected(FieldType.Logical, 2L));
        Assert.Equal("'NaN' is not a logical value (expected true/false, 1/0, Y/N, yes/no, 是/否, 真/假 or T/F)", Rejected(FieldType.Logical, double.NaN));
        Assert.Equal("'2023-01-05' is not a logical value (expected true/false, 1/0, Y/N, yes/no, 是/否, 真/假 or T/F)", Rejected(FieldType.Logical, new DateOnly(2023, 1, 5)));
    }
}
