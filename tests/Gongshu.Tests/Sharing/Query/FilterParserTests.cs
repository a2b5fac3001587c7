using Gongshu.Sharing.Query;
using Xunit;

namespace Gongshu.Tests.Sharing.Query;

public sealed class FilterParserTests
{
    [Theory]
    [InlineData("age = 30", "age = 30")]
    [InlineData("age != 30", "age != 30")]
    [InlineData("age < 30", "age < 30")]
    [InlineData("age <= 30", "age <= 30")]
    [InlineData("age > 30", "age > 30")]
    [InlineData("age >= -30.5", "age >= -30.5")]
    [InlineData("age=+3", "age = +3")]
    [InlineData("name ^= '张'", "name ^= '张'")]
    [InlineData("married = TRUE", "married = true")]
    [InlineData("married != false", "married != false")]
    [InlineData("age = NULL", "age = null")]
    [InlineData("age != null", "age != null")]
    [InlineData("county in ('330102',  '330105')", "county in ('330102', '330105')")]
    [InlineData("age IN (1)", "age in (1)")]
    public void Every_operator_parses_to_its_canonical_form(string filter, string canonical)
        => Assert.Equal(canonical, FilterParser.Parse(filter)!.ToString());

    [Theory]
    [InlineData("a = 1 or b = 2 and c = 3", "(a = 1 or (b = 2 and c = 3))")]
    [InlineData("a = 1 and b = 2 or c = 3", "((a = 1 and b = 2) or c = 3)")]
    [InlineData("(a = 1 or b = 2) and c = 3", "((a = 1 or b = 2) and c = 3)")]
    [InlineData("a = 1 and b = 2 and c = 3", "(a = 1 and b = 2 and c = 3)")]
    [InlineData("not a = 1 and b = 2", "(not a = 1 and b = 2)")]
    [InlineData("NOT (a = 1 OR b = 2)", "not (a = 1 or b = 2)")]
    [InlineData("not not a = 1", "not not a = 1")]
    [InlineData("((a = 1))", "a = 1")]
    [InlineData("a = 1 And (b = 2 oR not c ^= 'x')", "(a = 1 and (b = 2 or not c ^= 'x'))")]
    public void And_binds_tighter_than_or_and_parentheses_group(string filter, string canonical)
        => Assert.Equal(canonical, FilterParser.Parse(filter)!.ToString());

    [Theory]
    [InlineData("a = 1 or b = 2 and c = 3")]
    [InlineData("name = 'O''Brien' and \"and\" in (1, 2.5, 'x')")]
    [InlineData("not (a ^= '' or b = null)")]
    public void The_canonical_form_parses_back_to_itself(string filter)
    {
        var canonical = FilterParser.Parse(filter)!.ToString();
        Assert.Equal(canonical, FilterParser.Parse(canonical)!.ToString());
    }

    [Fact]
    public void A_doubled_quote_is_one_quote_in_text_and_in_field_names()
    {
        var text = Assert.IsType<FilterComparison>(FilterParser.Parse("name = 'O''Brien'''"));
        Assert.Equal("O'Brien'", text.Value.Text);
        Assert.Equal(FilterLiteralKind.Text, text.Value.Kind);

        var field = Assert.IsType<FilterComparison>(FilterParser.Parse("\"we\"\"ird\" = 1"));
        Assert.Equal("we\"ird", field.Field);
        Assert.Equal("\"we\"\"ird\" = 1", field.ToString());
    }

    [Fact]
    public void A_quoted_field_name_may_be_a_keyword_or_any_text()
    {
        var and = Assert.IsType<FilterComparison>(FilterParser.Parse("\"and\" = 1"));
        Assert.Equal("and", and.Field);
        var chinese = Assert.IsType<FilterComparison>(FilterParser.Parse("\"姓名\" = '张三'"));
        Assert.Equal("姓名", chinese.Field);
        Assert.Equal("张三", chinese.Value.Text);
    }

    [Fact]
    public void Positions_are_one_based_and_point_at_the_field_and_the_value()
    {
        var filter = Assert.IsType<FilterAnd>(FilterParser.Parse("  a = 1 and\u3000b in ('x', 'y')"));
        var list = Assert.IsType<FilterIn>(filter.Terms[1]);
        Assert.Equal(3, filter.Terms[0].Position);
        Assert.Equal(13, list.Position);
        Assert.Equal([19, 24], list.Values.Select(v => v.Position));
    }

    [Fact]
    public void Numbers_keep_their_text_and_kind()
    {
        var list = Assert.IsType<FilterIn>(FilterParser.Parse("x in (0, -12, +3.25, 007, 'text', true)"));
        Assert.Equal(["0", "-12", "+3.25", "007", "text", "true"], list.Values.Select(v => v.Text));
        Assert.Equal(
            [FilterLiteralKind.Number, FilterLiteralKind.Number, FilterLiteralKind.Number, FilterLiteralKind.Number, FilterLiteralKind.Text, FilterLiteralKind.Boolean],
            list.Values.Select(v => v.Kind));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n\t\u3000")]
    public void A_blank_filter_is_no_filter(string? filter) => Assert.Null(FilterParser.Parse(filter));

    [Theory]
    [InlineData("name = ", "expected a value (a quoted text, a number, true, false or null) but found the end of the filter at position 8")]
    [InlineData("name 'x'", "expected an operator (=, !=, <, <=, >, >=, ^=, in) after 'name' but found a quoted text at position 6")]
    [InlineData("= 1", "expected a field name but found '=' at position 1")]
    [InlineData("and = 1", "expected a field name but found 'and' at position 1")]
    [InlineData("name = 'abc", "unterminated quoted text at position 8")]
    [InlineData("\"name = 1", "unterminated quoted field name at position 1")]
    [InlineData("\"\" = 1", "empty field name at position 1")]
    [InlineData("(a = 1", "expected ')' but found the end of the filter at position 7")]
    [InlineData("a = 1)", "expected 'and', 'or' or the end of the filter but found ')' at position 6")]
    [InlineData("a = 1 b = 2", "expected 'and', 'or' or the end of the filter but found 'b' at position 7")]
    [InlineData("a ! 1", "unexpected character '!' at position 3")]
    [InlineData("a = 1; DROP TABLE x", "unexpected character ';' at position 6")]
    [InlineData("a = 12abc", "malformed number at position 5")]
    [InlineData("a = 1.2.3", "malformed number at position 5")]
    [InlineData("a = -x", "unexpected character '-' at position 5")]
    [InlineData("a in ()", "expected a value (a quoted text, a number, true, false or null) but found ')' at position 7")]
    [InlineData("a in (1, 2", "expected ',' or ')' but found the end of the filter at position 11")]
    [InlineData("a in 1", "expected '(' after 'in' but found '1' at position 6")]
    [InlineData("a in (1, null)", "null in a list (use 'field = null') at position 10")]
    [InlineData("a < null", "null compared with an operator other than = or != at position 5")]
    [InlineData("a ^= 1", "expected a quoted text after ^= at position 6")]
    [InlineData("a = 1 or", "expected a field name but found the end of the filter at position 9")]
    [InlineData("not", "expected a field name but found the end of the filter at position 4")]
    [InlineData("a = 'x\0y'", "NUL character at position 7")]
    [InlineData("a = 1 -- comment", "unexpected character '-' at position 7")]
    [InlineData("a = 1 /* c */", "unexpected character '/' at position 7")]
    [InlineData("a\u0001 = 1", "unexpected control character U+0001 at position 2")]
    public void A_filter_that_does_not_parse_is_a_400_naming_the_position(string filter, string message)
    {
        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse(filter));
        Assert.Equal(message, error.Message);
        Assert.Equal((ErrorKind.BadRequest, "filter_syntax", "filter"), (error.Kind, error.Code, error.Field));
        Assert.EndsWith($" at position {error.Position}", error.Message);
    }

    [Fact]
    public void Half_a_surrogate_pair_in_text_is_refused_where_it_stands()
    {
        // Built at run time: an attribute argument cannot carry a lone surrogate.
        var lone = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse("a = 'x" + '\uD800' + "'"));
        Assert.Equal("invalid UTF-16 (half a surrogate pair) at position 7", lone.Message);
        var reversed = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse("\"" + '\uDC00' + '\uD800' + "\" = 1"));
        Assert.Equal(2, reversed.Position);
        Assert.Equal("\U0001F600", Assert.IsType<FilterComparison>(FilterParser.Parse("a = '\U0001F600'")).Value.Text);
    }

    [Fact]
    public void A_grant_filter_is_checked_under_its_own_parameter_name()
        => Assert.Equal("row_filter", Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse("county =", "row_filter")).Field);

    [Fact]
    public void A_filter_longer_than_4000_characters_is_refused_at_position_4001()
    {
        var longest = "name = '" + new string('x', FilterParser.MaxLength - 9) + "'";
        Assert.Equal(FilterParser.MaxLength, longest.Length);
        Assert.NotNull(FilterParser.Parse(longest));

        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse(longest + " "));
        Assert.Equal(4001, error.Position);
    }

    [Fact]
    public void Nesting_deeper_than_32_levels_is_refused_at_the_33rd_opening()
    {
        Assert.NotNull(FilterParser.Parse(new string('(', 32) + "a = 1" + new string(')', 32)));
        Assert.NotNull(FilterParser.Parse(string.Concat(Enumerable.Repeat("not ", 32)) + "a = 1"));

        var parens = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse(new string('(', 33) + "a = 1" + new string(')', 33)));
        Assert.Equal(33, parens.Position);
        var nots = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse(string.Concat(Enumerable.Repeat("not ", 33)) + "a = 1"));
        Assert.Equal(129, nots.Position);
        Assert.Equal("nesting deeper than 32 levels at position 129", nots.Message);
    }

    [Fact]
    public void More_than_200_comparisons_are_refused_at_the_201st()
    {
        static string Many(int n) => string.Join(" or ", Enumerable.Range(0, n).Select(i => $"a = {i % 10}"));
        Assert.Equal(200, FilterParser.Parse(Many(200))!.Comparisons);

        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse(Many(201)));
        Assert.Equal(Many(200).Length + " or ".Length + 1, error.Position);
        Assert.StartsWith("more than 200 comparisons", error.Message);
    }

    [Fact]
    public void A_list_of_more_than_1000_values_is_refused_at_the_1001st()
    {
        static string List(int n) => "a in (" + string.Join(",", Enumerable.Range(0, n).Select(i => (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")";
        Assert.Equal(1000, Assert.IsType<FilterIn>(FilterParser.Parse(List(1000))).Values.Count);

        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse(List(1001)));
        Assert.Equal("a in (".Length + 1000 * 2 + 1, error.Position);
        Assert.StartsWith("more than 1000 values in one list", error.Message);
    }
}
