using System.Globalization;
using Gongshu.Collection.Conversion;
using Gongshu.Storage;
using Xunit;
using static Gongshu.Tests.CollectionTests.Conversion.Conversions;

namespace Gongshu.Tests.CollectionTests.Conversion;

public class FloatingPointConversionTests
{
    [Theory]
    [InlineData("0", 0d)]
    [InlineData("3.14159", 3.14159)]
    [InlineData("-2.5", -2.5)]
    [InlineData("+1,234.5", 1234.5)]
    [InlineData("1.5e3", 1500d)]
    [InlineData("1.5E-3", 0.0015)]
    [InlineData("2e+2", 200d)]
    [InlineData("1e308", 1e308)]
    [InlineData("5e-324", 5e-324)]
    [InlineData(".5", 0.5)]
    [InlineData("１２．５", 12.5)]
    [InlineData("\u30000.1\u3000", 0.1)]
    [InlineData("0.30000000000000004", 0.30000000000000004)]
    [InlineData("120.5e0", 120.5)]
    [InlineData("007.", 7d)]
    public void Doubles_are_read_with_invariant_culture(string value, double expected)
        => Assert.Equal(expected, Accepted(FieldType.Double, value));

    [Theory]
    [InlineData("NaN", "'NaN' is not a number")]
    [InlineData("Infinity", "'Infinity' is not a number")]
    [InlineData("-Infinity", "'-Infinity' is not a number")]
    [InlineData("∞", "'∞' is not a number")]
    [InlineData("1,5", "'1,5' has misplaced thousands separators (expected e.g. 1,234,567.89)")]
    [InlineData("1e", "'1e' is not a number")]
    [InlineData("e5", "'e5' is not a number")]
    [InlineData("1.5e3x", "'1.5e3x' is not a number")]
    [InlineData("1e400", "'1e400' is out of range for a double-precision number")]
    [InlineData("-1e99999999", "'-1e99999999' is out of range for a double-precision number")]
    public void Nan_infinity_and_other_text_are_rejected(string value, string reason)
        => Assert.Equal(reason, Rejected(FieldType.Double, value));

    [Fact]
    public void Floats_are_read_as_the_nearest_single()
    {
        Assert.Equal(0.1f, Accepted(FieldType.Float, "0.1"));
        Assert.Equal(3.4028235e38f, Accepted(FieldType.Float, "3.4028235e38"));
        Assert.Equal(-1234.5f, Accepted(FieldType.Float, "-1,234.5"));
        Assert.Equal("'3.5e38' is out of range for a single-precision number", Rejected(FieldType.Float, "3.5e38"));
        Assert.Equal("'NaN' is not a number", Rejected(FieldType.Float, "NaN"));
    }

    [Fact]
    public void Typed_numbers_convert()
    {
        Assert.Equal(12.5, Accepted(FieldType.Double, 12.5));
        Assert.Equal(42d, Accepted(FieldType.Double, 42L));
        Assert.Equal(42d, Accepted(FieldType.Double, 42));
        Assert.Equal(12.25, Accepted(FieldType.Double, 12.25m));
        Assert.Equal(0.1, Accepted(FieldType.Double, 0.1f));
        Assert.Equal((double)float.MaxValue, Accepted(FieldType.Double, float.MaxValue));
        Assert.Equal(0.1f, Accepted(FieldType.Float, 0.1f));
        Assert.Equal(0.1f, Accepted(FieldType.Float, 0.1));
        Assert.Equal(42f, Accepted(FieldType.Float, 42L));
        Assert.Equal("'NaN' is not a number", Rejected(FieldType.Double, double.NaN));
        Assert.Equal("'Infinity' is out of range for a double-precision number", Rejected(FieldType.Double, double.PositiveInfinity));
        Assert.Equal("'1E+39' is out of range for a single-precision number", Rejected(FieldType.Float, 1e39));
        Assert.Equal("'true' is not a number", Rejected(FieldType.Double, true));
    }

    [Fact]
    public void Every_value_rounds_as_the_runtime_parser_rounds_it()
    {
        var random = new Random(20230105);
        var doubles = FieldConverter.For(new DatasetColumn("b", FieldType.Double));
        var singles = FieldConverter.For(new DatasetColumn("f", FieldType.Float));
        var samples = new List<string> { "9007199254740992", "9007199254740993", "9007199254740993e-22", "1e22", "1e23", "1e-22", "1e-23", "16777216", "16777217", "16777217e10", "0.1e-10" };
        for (var i = 0; i < 20_000; i++)
        {
            var digits = string.Concat(Enumerable.Range(0, random.Next(1, 20)).Select(_ => (char)('0' + random.Next(10))));
            var point = random.Next(0, digits.Length + 1);
            samples.Add($"{(random.Next(2) == 0 ? "-" : "")}{digits[..point]}.{digits[point..]}e{random.Next(-30, 31)}");
        }

        foreach (var text in samples)
        {
            Assert.True(doubles.TryConvert(text, out var d, out _), text);
            Assert.True(double.Parse(text, CultureInfo.InvariantCulture).Equals(d), text);
            if (singles.TryConvert(text, out var f, out _))
            {
                Assert.True(float.Parse(text, CultureInfo.InvariantCulture).Equals(f), text);
            }
        }
    }
}
