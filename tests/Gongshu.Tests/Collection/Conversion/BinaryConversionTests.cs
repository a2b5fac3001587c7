using Gongshu.Storage;
using Xunit;
using static Gongshu.Tests.CollectionTests.Conversion.Conversions;

namespace Gongshu.Tests.CollectionTests.Conversion;

public class BinaryConversionTests
{
    [Theory]
    [InlineData("AQID", new byte[] { 1, 2, 3 })]
    [InlineData("AQIDBA==", new byte[] { 1, 2, 3, 4 })]
    [InlineData("AQIDBAU=", new byte[] { 1, 2, 3, 4, 5 })]
    [InlineData(" AQID\u3000", new byte[] { 1, 2, 3 })]
    [InlineData("AQID\r\nBAU=", new byte[] { 1, 2, 3, 4, 5 })]
    [InlineData(@"\x010203", new byte[] { 1, 2, 3 })]
    [InlineData(@"\xDEADbeef", new byte[] { 0xDE, 0xAD, 0xBE, 0xEF })]
    [InlineData(@"\x", new byte[0])]
    public void Base64_and_postgres_hex_text_are_read(string value, byte[] expected)
        => Assert.Equal(expected, Accepted(FieldType.General, value));

    [Theory]
    [InlineData("AQI", "'AQI' is not base64 binary data")]
    [InlineData("AQ!D", "'AQ!D' is not base64 binary data")]
    [InlineData("AQIDBA=", "'AQIDBA=' is not base64 binary data")]
    [InlineData(@"\x123", @"'\x123' is not hexadecimal binary data")]
    [InlineData(@"\xZZ", @"'\xZZ' is not hexadecimal binary data")]
    public void Other_text_is_rejected(string value, string reason)
        => Assert.Equal(reason, Rejected(FieldType.General, value));

    [Fact]
    public void Bytes_are_taken_as_they_are()
    {
        var bytes = new byte[] { 9, 8, 7 };
        Assert.Same(bytes, Accepted(FieldType.General, bytes));
        Assert.Equal("'42' is not binary data", Rejected(FieldType.General, 42L));
    }
}
