using Gongshu.Storage;
using Xunit;
using static Gongshu.Tests.CollectionTests.Conversion.Conversions;

namespace Gongshu.Tests.CollectionTests.Conversion;

public class TextConversionTests
{
    [Fact]
    public void Text_without_surrounding_blanks_is_kept_as_the_same_string()
    {
        const string name = "杭州市西湖区人民政府";
        Assert.Same(name, Accepted(FieldType.Character, name));
        Assert.Equal("a  b", Accepted(FieldType.Memo, "a  b"));
    }

    [Theory]
    [InlineData("  张三 ", "张三")]
    [InlineData("\u3000张三\u3000", "张三")]
    [InlineData("\u00A0张 三\t\r\n", "张 三")]
    [InlineData("\u3000 line one\nline two \u3000", "line one\nline two")]
    public void Ascii_full_width_and_no_break_spaces_are_trimmed_at_both_ends_only(string value, string expected)
    {
        Assert.Equal(expected, Accepted(FieldType.Character, value));
        Assert.Equal(expected, Accepted(FieldType.Memo, value));
    }

    [Fact]
    public void The_length_is_enforced_in_characters()
    {
        var column = new DatasetColumn("mobile", FieldType.Character, 11);
        Assert.Equal("13800138000", Accepted(column, "13800138000"));
        Assert.Equal("13800138000", Accepted(column, " 13800138000\u3000"));
        Assert.Equal("'138001380001' is longer than 11 characters (it has 12)", Rejected(column, "138001380001"));
        Assert.Equal("浙江省杭州市西湖区文三路", Accepted(new DatasetColumn("address", FieldType.Character, 12), "浙江省杭州市西湖区文三路"));
    }

    [Fact]
    public void A_character_outside_the_basic_plane_counts_as_one()
    {
        // 𠀋 (U+2000B) is a surrogate pair, as rare name characters are.
        var column = new DatasetColumn("name", FieldType.Character, 3);
        Assert.Equal("王𠀋𠀋", Accepted(column, "王𠀋𠀋"));
        Assert.Equal("'王𠀋𠀋𠀋' is longer than 3 characters (it has 4)", Rejected(column, "王𠀋𠀋𠀋"));
    }

    [Fact]
    public void A_long_value_is_quoted_cut_to_fifty_characters_on_one_line()
    {
        var value = "第一行\n" + new string('长', 60);
        var reason = Rejected(new DatasetColumn("memo", FieldType.Memo, 20), value);
        Assert.Equal($"'第一行 {new string('长', 45)}…' is longer than 20 characters (it has 64)", reason);
    }

    [Fact]
    public void A_field_without_a_length_takes_any_length()
    {
        var value = new string('备', 100_000);
        Assert.Same(value, Accepted(FieldType.Memo, value));
        Assert.Same(value, Accepted(FieldType.Character, value));
    }

    [Fact]
    public void The_nul_character_is_rejected_because_text_columns_cannot_hold_it()
        => Assert.Equal("'a b' contains the NUL character, which text cannot hold", Rejected(FieldType.Character, "a\0b"));

    [Fact]
    public void Typed_values_are_written_as_invariant_text()
    {
        Assert.Equal("42", Accepted(FieldType.Character, 42L));
        Assert.Equal("-1234.50", Accepted(FieldType.Character, -1234.50m));
        Assert.Equal("13800138000", Accepted(FieldType.Character, 13800138000d));
        Assert.Equal("0.1", Accepted(FieldType.Character, 0.1));
        Assert.Equal("true", Accepted(FieldType.Character, true));
        Assert.Equal("2023-01-05", Accepted(FieldType.Character, new DateOnly(2023, 1, 5)));
        Assert.Equal("2023-01-05 08:30:15", Accepted(FieldType.Character, new DateTime(2023, 1, 5, 8, 30, 15)));
        Assert.Equal("2023-01-05 08:30:15.25", Accepted(FieldType.Character, new DateTime(2023, 1, 5, 8, 30, 15, 250)));
        Assert.Equal("2023-01-05 08:30:15+08:00", Accepted(FieldType.Character, new DateTimeOffset(2023, 1, 5, 8, 30, 15, TimeSpan.FromHours(8))));
        Assert.Equal("08:30:15", Accepted(FieldType.Character, new TimeOnly(8, 30, 15)));
        Assert.Equal("6f9619ff-8b86-d011-b42d-00c04fc964ff", Accepted(FieldType.Character, new Guid("6F9619FF-8B86-D011-B42D-00C04FC964FF")));
        Assert.Equal("'1234567' is longer than 6 characters (it has 7)", Rejected(new DatasetColumn("code", FieldType.Character, 6), 1234567L));
    }

    [Fact]
    public void A_whole_double_beyond_two_to_the_53_is_rejected_because_its_digits_are_already_lost()
    {
        // Excel keeps 15 significant digits: an identity number typed into a number cell loses its last ones.
        Assert.Equal("'1.1010519491231002E+17' is a number too large to be exact; the source must hold it as text",
            Rejected(FieldType.Character, 110105194912310021d));
        Assert.Equal("9007199254740991", Accepted(FieldType.Character, 9007199254740991d));
    }

    [Fact]
    public void Binary_data_is_not_text()
        => Assert.Equal("binary data (3 bytes) is not text", Rejected(FieldType.Character, new byte[] { 1, 2, 3 }));
}
