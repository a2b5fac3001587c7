using Gongshu.Sharing.Query;
using Gongshu.Storage;
using Xunit;

namespace Gongshu.Tests.Sharing.Query;

public sealed class FilterBindingTests
{
    private static readonly DatasetColumn[] Fields =
    [
        new("name", FieldType.Character, 10),
        new("age", FieldType.Integer),
        new("income", FieldType.Currency),
        new("birth_date", FieldType.Date),
        new("married", FieldType.Logical),
        new("photo", FieldType.General),
        new("county", FieldType.Character, 6),
    ];

    private static BoundFilter Bind(string filter, params string[] granted)
        => FilterBinder.Bind(FilterParser.Parse(filter)!, new QueryFields(Fields, granted.Length == 0 ? null : granted));

    [Fact]
    public void Literals_become_values_of_their_fields_types()
    {
        var terms = Assert.IsType<BoundAll>(Bind("age = '30' and income < 1.234 and birth_date >= '1990-1-5' and married = '是' and name = ' 张三 '")).Terms;
        Assert.Equal([30L, 1.234m, new DateOnly(1990, 1, 5), true, "张三"], terms.Cast<BoundComparison>().Select(t => t.Value));
    }

    [Fact]
    public void A_text_longer_than_the_field_is_a_value_that_matches_nothing_not_an_error()
        => Assert.Equal(new string('x', 50), Assert.IsType<BoundComparison>(Bind($"name = '{new string('x', 50)}'")).Value);

    [Fact]
    public void A_prefix_keeps_its_spaces()
        => Assert.Equal(" 张 ", Assert.IsType<BoundComparison>(Bind("name ^= ' 张 '")).Value);

    [Fact]
    public void An_unknown_field_is_a_400_naming_it()
    {
        var error = Assert.Throws<GongshuException>(() => Bind("age = 1 or salary > 3"));
        Assert.Equal((ErrorKind.BadRequest, "unknown_field", "filter"), (error.Kind, error.Code, error.Field));
        Assert.Equal("'salary' is not a field of this resource (at position 12).", error.Message);
    }

    [Fact]
    public void A_field_outside_the_grant_is_a_403_naming_it()
    {
        var error = Assert.Throws<GongshuException>(() => Bind("name = 'x' and income > 3", "name", "age"));
        Assert.Equal((ErrorKind.Forbidden, "field_not_granted"), (error.Kind, error.Code));
        Assert.Contains("'income'", error.Message, StringComparison.Ordinal);
        Assert.IsType<BoundComparison>(Bind("name = 'x'", "name", "age"));
    }

    [Theory]
    [InlineData("age = 'abc'", "'abc' is not a value of 'age' (Integer)", 7)]
    [InlineData("age in (1, 2.5)", "2.5 is not a value of 'age' (Integer)", 12)]
    [InlineData("birth_date = '2020-13-01'", "'2020-13-01' is not a value of 'birth_date' (Date)", 14)]
    [InlineData("married = 'perhaps'", "'perhaps' is not a value of 'married' (Logical)", 11)]
    [InlineData("name = ''", "'' is not a value of 'name' (Character): it is empty; compare with null instead", 8)]
    public void A_literal_that_is_no_value_of_its_field_is_a_400_naming_field_and_position(string filter, string start, int position)
    {
        var error = Assert.Throws<GongshuException>(() => Bind(filter));
        Assert.Equal((ErrorKind.BadRequest, "invalid_filter_value"), (error.Kind, error.Code));
        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"(at position {position}).", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("age ^= '1'")]
    [InlineData("birth_date ^= '1990'")]
    [InlineData("married < true")]
    [InlineData("photo >= 'AAEC'")]
    public void An_operator_that_makes_no_sense_for_the_type_is_a_400(string filter)
        => Assert.Equal("invalid_filter_operator", Assert.Throws<GongshuException>(() => Bind(filter)).Code);

    [Fact]
    public void Sort_keys_are_checked_like_filter_fields()
    {
        var fields = new QueryFields(Fields, ["name", "age", "photo"]);
        Assert.Equal("name,-age", QuerySort.Text(QuerySort.Parse(" name , -age", fields)));
        Assert.Empty(QuerySort.Parse(" ", fields));

        Assert.Equal("unknown_field", Assert.Throws<GongshuException>(() => QuerySort.Parse("salary", fields)).Code);
        var forbidden = Assert.Throws<GongshuException>(() => QuerySort.Parse("name,-income", fields));
        Assert.Equal((ErrorKind.Forbidden, "field_not_granted", "sort"), (forbidden.Kind, forbidden.Code, forbidden.Field));
        Assert.Equal("too_many_sort_keys", Assert.Throws<GongshuException>(() => QuerySort.Parse("a,b,c,d,e,f", fields)).Code);
        Assert.Equal("invalid_sort", Assert.Throws<GongshuException>(() => QuerySort.Parse("name,,age", fields)).Code);
        Assert.Equal("invalid_sort", Assert.Throws<GongshuException>(() => QuerySort.Parse("name,-name", fields)).Code);
        Assert.Equal("invalid_sort", Assert.Throws<GongshuException>(() => QuerySort.Parse("-", fields)).Code);
        Assert.Equal("invalid_sort", Assert.Throws<GongshuException>(() => QuerySort.Parse("photo", fields)).Code);
    }

    [Theory]
    [InlineData(null, 100)]
    [InlineData("", 100)]
    [InlineData("1", 1)]
    [InlineData(" 1000 ", 1000)]
    public void The_limit_defaults_to_100_and_goes_up_to_1000(string? text, int limit)
        => Assert.Equal(limit, DatasetQuery.ParseLimit(text));

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData("1e3")]
    [InlineData("10.0")]
    [InlineData("99999999999999999999")]
    [InlineData("１０")]
    public void A_limit_outside_1_to_1000_is_a_400(string text)
    {
        var error = Assert.Throws<GongshuException>(() => DatasetQuery.ParseLimit(text));
        Assert.Equal(("invalid_limit", "limit"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("a", "b")]
    [InlineData("a\uD7FF", "a\uE000")]
    [InlineData("a\U0010FFFF", "b")]
    [InlineData("张", "\u5F21")]
    [InlineData("a%", "a&")]
    public void The_successor_of_a_prefix_is_the_least_text_after_all_its_extensions(string prefix, string successor)
        => Assert.Equal(successor, FilterSql.Successor(prefix));

    [Fact]
    public void A_prefix_of_only_the_last_code_point_has_no_successor()
        => Assert.Null(FilterSql.Successor("\U0010FFFF"));
}
