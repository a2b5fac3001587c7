using Gongshu.Collection.Conversion;
using Gongshu.Storage;
using Xunit;
using static Gongshu.Tests.CollectionTests.Conversion.Conversions;

namespace Gongshu.Tests.CollectionTests.Conversion;

public class EmptyValueTests
{
    public static TheoryData<FieldType> AllTypes => new(Enum.GetValues<FieldType>());

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Null_empty_and_blank_text_are_null_in_a_nullable_field(FieldType type)
    {
        foreach (var value in new[] { null, "", " ", "\t\r\n", "\u3000", " \u3000\u00A0 " })
        {
            Assert.Null(Accepted(type, value));
        }
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void A_field_that_is_not_nullable_requires_a_value(FieldType type)
    {
        var column = new DatasetColumn("field", type, Nullable: false);
        foreach (var value in new[] { null, "", "   ", "\u3000\u3000" })
        {
            Assert.Equal("a value is required", Rejected(column, value));
        }
    }

    [Fact]
    public void A_converter_knows_its_column()
    {
        var column = new DatasetColumn("birth_date", FieldType.Date, Nullable: false);
        Assert.Same(column, FieldConverter.For(column).Column);
    }

    [Fact]
    public void A_converter_needs_a_known_field_type()
        => Assert.Throws<ArgumentOutOfRangeException>(() => FieldConverter.For(new DatasetColumn("field", (FieldType)99)));
}
