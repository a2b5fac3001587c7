using System.Diagnostics;
using Gongshu.Governance.Rules;
using Gongshu.Identifiers;
using Gongshu.Storage;
using Xunit;

namespace Gongshu.Tests.Governance.Rules;

public class RowCheckerTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    // One rule on a one-column table: true when the value passes.
    private static bool Passes(FieldType type, string rule, object? value)
    {
        var columns = new[] { new DatasetColumn("f", type) };
        var checker = RowChecker.Compile(RuleSet.Parse($$"""{ "rules": [ { "field": "f", {{rule}} } ] }""", columns), columns, Today);
        return checker.Check([value], 1);
    }

    private static string IdRule => "\"rule\": \"identity_number\"";

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("440524188001010014")]
    [InlineData("11010519491231002x")]
    public void The_standards_identity_numbers_pass(string value) => Assert.True(Passes(FieldType.Character, IdRule, value));

    [Theory]
    [InlineData("110105194912310021")]
    [InlineData("11010519491331002X")]
    [InlineData("1101051949123100")]
    [InlineData("11010519490230002X")]
    [InlineData("11010519491231002Y")]
    public void Defective_identity_numbers_fail(string value) => Assert.False(Passes(FieldType.Character, IdRule, value));

    [Fact]
    public void An_identity_number_from_an_unknown_province_fails_though_a_retired_county_passes()
    {
        Assert.False(Passes(FieldType.Character, IdRule, IdentityNumber.Create("000105", new DateOnly(1949, 12, 31), 2)));
        Assert.False(Passes(FieldType.Character, IdRule, IdentityNumber.Create("990105", new DateOnly(1949, 12, 31), 2)));
        Assert.True(Passes(FieldType.Character, IdRule, IdentityNumber.Create("449999", new DateOnly(1949, 12, 31), 2)));
    }

    [Fact]
    public void Generated_identity_numbers_pass_and_fail_with_every_other_check_character()
    {
        var random = new Random(5);
        for (var i = 0; i < 200; i++)
        {
            var number = IdentityNumber.Create("330106", new DateOnly(1940, 1, 1).AddDays(random.Next(30_000)), random.Next(1000));
            Assert.True(Passes(FieldType.Character, IdRule, number), number);
            foreach (var other in "0123456789X".Where(c => c != number[17]))
            {
                Assert.False(Passes(FieldType.Character, IdRule, number[..17] + other), number[..17] + other);
            }
        }
    }

    [Fact]
    public void An_identity_number_born_after_today_fails()
        => Assert.False(Passes(FieldType.Character, IdRule, IdentityNumber.Create("330106", Today.AddDays(1), 1)));

    [Theory]
    [InlineData("91350100M000100Y43", true)]
    [InlineData("9144030071526726XG", true)]
    [InlineData("91350100M000100Y44", false)]
    [InlineData("91350100M000100Y4", false)]
    [InlineData("91350100M000100I43", false)]
    public void Credit_codes_are_checked(string value, bool valid)
        => Assert.Equal(valid, Passes(FieldType.Character, "\"rule\": \"credit_code\"", value));

    [Fact]
    public void Generated_credit_codes_pass_and_fail_with_a_mutated_check_character()
    {
        var random = new Random(9);
        const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (var i = 0; i < 200; i++)
        {
            var body = string.Concat(Enumerable.Range(0, 8).Select(_ => "0123456789ABCDEFGHJKLMNPQRTUWXY"[random.Next(31)]));
            var code = CreditCode.Create('9', '1', "330106", body);
            if (code[16] == '\0')
            {
                continue;
            }

            Assert.True(Passes(FieldType.Character, "\"rule\": \"credit_code\"", code), code);
            var mutated = code[..17] + Alphabet[(Alphabet.IndexOf(code[17], StringComparison.Ordinal) + 1 + random.Next(30)) % 31];
            Assert.False(Passes(FieldType.Character, "\"rule\": \"credit_code\"", mutated), mutated);
        }
    }

    [Theory]
    [InlineData("M000100Y-4", true)]
    [InlineData("M000100Y4", true)]
    [InlineData("M000100Y-5", false)]
    [InlineData("M000100Y", false)]
    public void Organization_codes_are_checked(string value, bool valid)
        => Assert.Equal(valid, Passes(FieldType.Character, "\"rule\": \"organization_code\"", value));

    [Theory]
    [InlineData("13912345678", true)]
    [InlineData("19900000000", true)]
    [InlineData("12912345678", false)]
    [InlineData("1391234567", false)]
    [InlineData("139123456789", false)]
    [InlineData("1391234567a", false)]
    [InlineData("23912345678", false)]
    public void Mobile_numbers_are_checked_by_hand(string value, bool valid)
        => Assert.Equal(valid, Passes(FieldType.Character, "\"rule\": \"mobile\"", value));

    [Theory]
    [InlineData("zhang.san@zj.gov.cn", true)]
    [InlineData("a+tag@example.com", true)]
    [InlineData("user@xn--fiqs8s.cn", true)]
    [InlineData("no-at.example.com", false)]
    [InlineData("two@@example.com", false)]
    [InlineData(".dot@example.com", false)]
    [InlineData("a..b@example.com", false)]
    [InlineData("a@localhost", false)]
    [InlineData("a@-bad.com", false)]
    [InlineData("a@1.2.3.4", false)]
    [InlineData("张三@example.com", false)]
    public void Email_addresses_are_checked(string value, bool valid)
        => Assert.Equal(valid, Passes(FieldType.Character, "\"rule\": \"email\"", value));

    [Theory]
    [InlineData("330106", true)]
    [InlineData("330100", true)]
    [InlineData("330000", true)]
    [InlineData("440524", false)]
    [InlineData("33010", false)]
    public void Gb2260_accepts_a_known_division_at_any_level(string value, bool valid)
        => Assert.Equal(valid, Passes(FieldType.Character, "\"rule\": \"code_table\", \"table\": \"gb2260\"", value));

    [Theory]
    [InlineData("0", true)]
    [InlineData("1", true)]
    [InlineData("2", true)]
    [InlineData("9", true)]
    [InlineData("3", false)]
    [InlineData("男", false)]
    public void Gb2261_1_accepts_the_four_sex_codes(string value, bool valid)
        => Assert.Equal(valid, Passes(FieldType.Character, "\"rule\": \"code_table\", \"table\": \"gb2261_1\"", value));

    [Fact]
    public void Code_tables_read_integer_fields_and_custom_values()
    {
        Assert.True(Passes(FieldType.Integer, "\"rule\": \"code_table\", \"table\": \"gb2261_1\"", 2L));
        Assert.False(Passes(FieldType.Integer, "\"rule\": \"code_table\", \"table\": \"gb2261_1\"", 3L));
        Assert.True(Passes(FieldType.Character, "\"rule\": \"code_table\", \"values\": [\"A\", \"B\"]", "B"));
        Assert.False(Passes(FieldType.Character, "\"rule\": \"code_table\", \"values\": [\"A\", \"B\"]", "b"));
        Assert.True(Passes(FieldType.Integer, "\"rule\": \"code_table\", \"values\": [10, 20]", 20L));
        Assert.False(Passes(FieldType.Integer, "\"rule\": \"code_table\", \"values\": [10, 20]", -10L));
    }

    [Fact]
    public void Ranges_are_inclusive_for_numbers_and_dates()
    {
        const string Ages = "\"rule\": \"range\", \"min\": 0, \"max\": 150";
        Assert.True(Passes(FieldType.Integer, Ages, 0L));
        Assert.True(Passes(FieldType.Integer, Ages, 150L));
        Assert.False(Passes(FieldType.Integer, Ages, 151L));
        Assert.False(Passes(FieldType.Integer, Ages, -1L));
        Assert.True(Passes(FieldType.Currency, "\"rule\": \"range\", \"max\": 9.99", 9.99m));
        Assert.False(Passes(FieldType.Currency, "\"rule\": \"range\", \"max\": 9.99", 9.991m));
        Assert.False(Passes(FieldType.Double, Ages, double.NaN));
        Assert.True(Passes(FieldType.Float, Ages, 149.5f));

        const string Dates = "\"rule\": \"range\", \"min\": \"1900-01-01\", \"max\": \"today\"";
        Assert.True(Passes(FieldType.Date, Dates, Today));
        Assert.True(Passes(FieldType.Date, Dates, new DateOnly(1900, 1, 1)));
        Assert.False(Passes(FieldType.Date, Dates, Today.AddDays(1)));
        Assert.False(Passes(FieldType.Date, Dates, new DateOnly(1899, 12, 31)));
        Assert.True(Passes(FieldType.DateTime, Dates, Today.ToDateTime(new TimeOnly(23, 59))));
        Assert.False(Passes(FieldType.DateTime, Dates, Today.AddDays(1).ToDateTime(TimeOnly.MinValue)));
    }

    [Fact]
    public void Length_counts_characters_not_utf16_units()
    {
        const string TwoToThree = "\"rule\": \"length\", \"min\": 2, \"max\": 3";
        Assert.True(Passes(FieldType.Character, TwoToThree, "王伟"));
        Assert.True(Passes(FieldType.Character, TwoToThree, "𠀀𠀁𠀂"));
        Assert.False(Passes(FieldType.Character, TwoToThree, "𠀀"));
        Assert.False(Passes(FieldType.Character, TwoToThree, "欧阳娜娜"));
    }

    [Fact]
    public void Patterns_search_the_value_and_anchors_make_them_whole()
    {
        Assert.True(Passes(FieldType.Character, "\"rule\": \"pattern\", \"pattern\": \"^[A-Z]{2}\\\\d{4}$\"", "ZJ2026"));
        Assert.False(Passes(FieldType.Character, "\"rule\": \"pattern\", \"pattern\": \"^[A-Z]{2}\\\\d{4}$\"", "ZJ20261"));
    }

    [Fact]
    public void A_catastrophic_backtracking_pattern_runs_in_linear_time()
    {
        var input = new string('a', 100_000) + "b";
        var watch = Stopwatch.StartNew();
        Assert.False(Passes(FieldType.Character, "\"rule\": \"pattern\", \"pattern\": \"^(a+)+$\"", input));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Required_alone_fails_on_null_and_blank_and_other_rules_skip_null()
    {
        Assert.False(Passes(FieldType.Character, "\"rule\": \"required\"", null));
        Assert.False(Passes(FieldType.Character, "\"rule\": \"required\"", "  "));
        Assert.True(Passes(FieldType.Character, "\"rule\": \"required\"", "x"));
        Assert.True(Passes(FieldType.Character, IdRule, null));
        Assert.True(Passes(FieldType.Integer, "\"rule\": \"range\", \"min\": 1", null));
    }

    [Fact]
    public void Unique_reports_each_repeat_across_rows_and_equal_decimals_as_the_same()
    {
        var columns = new[] { new DatasetColumn("code", FieldType.Character), new DatasetColumn("amount", FieldType.Numeric) };
        var checker = RowChecker.Compile(RuleSet.Parse("""
            { "rules": [ { "field": "code", "rule": "unique" }, { "field": "amount", "rule": "unique" } ] }
            """, columns), columns, Today);

        Assert.True(checker.Check(["A", 1.0m], 2));
        Assert.True(checker.Check(["B", 2m], 3));
        Assert.True(checker.Check([null, null], 4));
        Assert.True(checker.Check([null, 3m], 5));
        Assert.False(checker.Check(["A", 1.00m], 6));
        Assert.False(checker.Check(["A", 4m], 7));

        var summary = checker.Summary();
        Assert.Equal((4L, 2L), (summary[0].Checked, summary[0].Failed));
        Assert.Equal([6L, 7L], summary[0].Samples.Select(s => s.Line));
        Assert.Equal((5L, 1L), (summary[1].Checked, summary[1].Failed));
        Assert.Equal("1.00", summary[1].Samples[0].Value);
    }

    [Fact]
    public void Cross_field_rules_compare_the_id_number_with_birth_date_and_sex()
    {
        var columns = new[] { new DatasetColumn("id_number", FieldType.Character), new DatasetColumn("birth_date", FieldType.Date), new DatasetColumn("sex", FieldType.Character) };
        var checker = RowChecker.Compile(RuleSet.Parse("""
            { "rules": [
              { "field": "id_number", "rule": "id_matches_birth_date", "birthDateField": "birth_date" },
              { "field": "id_number", "rule": "id_matches_sex", "sexField": "sex" } ] }
            """, columns), columns, Today);
        var male = IdentityNumber.Create("330106", new DateOnly(1988, 2, 29), 123);
        var female = IdentityNumber.Create("330106", new DateOnly(1988, 2, 29), 124);

        Assert.True(checker.Check([male, new DateOnly(1988, 2, 29), "1"], 1));
        Assert.True(checker.Check([male, new DateOnly(1988, 2, 29), "男"], 2));
        Assert.True(checker.Check([female, new DateOnly(1988, 2, 29), "女"], 3));
        Assert.False(checker.Check([female, new DateOnly(1988, 2, 29), "1"], 4));
        Assert.False(checker.Check([male, new DateOnly(1988, 3, 1), "9"], 5));
        Assert.True(checker.Check([male, null, null], 6));

        var summary = checker.Summary();
        Assert.Equal((5L, 1L), (summary[0].Checked, summary[0].Failed));
        Assert.Contains("1988-02-29", summary[0].Samples[0].Reason, StringComparison.Ordinal);
        Assert.Equal((4L, 1L, 0.25), (summary[1].Checked, summary[1].Failed, summary[1].FailureRate));
        Assert.Equal(4L, summary[1].Samples[0].Line);
    }

    [Fact]
    public void The_summary_keeps_at_most_the_asked_number_of_samples_per_rule()
    {
        var columns = new[] { new DatasetColumn("phone", FieldType.Character) };
        var checker = RowChecker.Compile(RuleSet.Parse("""{ "rules": [ { "field": "phone", "rule": "mobile" } ] }""", columns), columns, Today, samplesPerRule: 3);
        for (var line = 1; line <= 10; line++)
        {
            checker.Check([line % 2 == 0 ? "13912345678" : "bad"], line);
        }

        var outcome = Assert.Single(checker.Summary());
        Assert.Equal((0, "phone: mobile", 10L, 5L, 0.5), (outcome.Id, outcome.Description, outcome.Checked, outcome.Failed, outcome.FailureRate));
        Assert.Equal([1L, 3L, 5L], outcome.Samples.Select(s => s.Line));
        Assert.All(outcome.Samples, s => Assert.Equal(("phone", "bad"), (s.Field, s.Value)));
    }
}
