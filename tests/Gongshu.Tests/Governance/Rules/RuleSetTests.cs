using Gongshu.Governance.Rules;
using Gongshu.Storage;
using Xunit;

namespace Gongshu.Tests.Governance.Rules;

public class RuleSetTests
{
    internal static readonly DatasetColumn[] Columns =
    [
        new("id_number", FieldType.Character, 18),
        new("sex", FieldType.Character, 1),
        new("birth_date", FieldType.Date),
        new("age", FieldType.Integer),
        new("income", FieldType.Currency),
        new("name", FieldType.Character, 40),
        new("registered_at", FieldType.DateTime),
        new("photo", FieldType.General),
    ];

    [Fact]
    public void Ticket_thresholds_default_to_five_percent_and_a_rule_may_set_its_own()
    {
        var set = RuleSet.Parse("""{ "ticketThreshold": 0.2, "rules": [ { "field": "age", "rule": "required" }, { "field": "age", "rule": "unique", "ticketThreshold": 0 } ] }""", Columns);
        Assert.Equal((0.2, 0.2, 0.0), (set.TicketThreshold, set.ThresholdOf(set.Rules[0]), set.ThresholdOf(set.Rules[1])));
        Assert.Equal(RuleSet.DefaultTicketThreshold, RuleSet.Parse("""{ "rules": [] }""", Columns).TicketThreshold);
    }

    [Fact]
    public void A_rule_set_with_every_kind_parses_with_ids_and_descriptions()
    {
        var set = RuleSet.Parse("""
            { "rules": [
              { "field": "id_number", "rule": "identity_number" },
              { "field": "sex", "rule": "code_table", "table": "gb2261_1" },
              { "field": "age", "rule": "range", "min": 0, "max": 150 },
              { "field": "birth_date", "rule": "range", "min": "1900-01-01", "max": "today" },
              { "field": "name", "rule": "length", "min": 2, "max": 20 },
              { "field": "name", "rule": "pattern", "pattern": "^\\p{IsCJKUnifiedIdeographs}+$" },
              { "field": "id_number", "rule": "id_matches_birth_date", "birthDateField": "birth_date" },
              { "field": "id_number", "rule": "id_matches_sex", "sexField": "sex" },
              { "field": "id_number", "rule": "unique" },
              { "field": "photo", "rule": "required" }
            ] }
            """, Columns);

        Assert.Equal(10, set.Rules.Count);
        Assert.Equal(0, set.Rules[0].Id);
        Assert.Equal("id_number: identity_number", set.Rules[0].Description);
        Assert.Equal("sex: code_table gb2261_1", set.Rules[1].Description);
        Assert.Equal(new RuleKind.NumberRange(0, 150), set.Rules[2].Kind);
        Assert.Equal(new RuleKind.DateRange(new DateOnly(1900, 1, 1), null, false, true), set.Rules[3].Kind);
    }

    [Theory]
    [InlineData("not json", "rules", "rules_malformed")]
    [InlineData("""[]""", "rules", "rules_malformed")]
    [InlineData("""{ "rules": {} }""", "rules", "rules_malformed")]
    [InlineData("""{ "rules": [], "extra": 1 }""", "extra", "rules_malformed")]
    [InlineData("""{ "rules": [], "ticketThreshold": 1.5 }""", "ticketThreshold", "invalid_rule_parameter")]
    [InlineData("""{ "rules": [ { "field": "age", "rule": "required", "ticketThreshold": "5%" } ] }""", "rules[0].ticketThreshold", "invalid_rule_parameter")]
    [InlineData("""{ "rules": [ 3 ] }""", "rules[0]", "rules_malformed")]
    [InlineData("""{ "rules": [ { "field": "age" } ] }""", "rules[0].rule", "rules_malformed")]
    [InlineData("""{ "rules": [ { "field": "age", "rule": "required" }, { "field": "age", "rule": "between" } ] }""", "rules[1].rule", "unknown_rule")]
    [InlineData("""{ "rules": [ { "field": "agee", "rule": "required" } ] }""", "rules[0].field", "unknown_field")]
    [InlineData("""{ "rules": [ { "field": "id_number", "rule": "id_matches_sex", "sexField": "gender" } ] }""", "rules[0].sexField", "unknown_field")]
    [InlineData("""{ "rules": [ { "field": "id_number", "rule": "id_matches_birth_date", "birthDateField": "dob" } ] }""", "rules[0].birthDateField", "unknown_field")]
    [InlineData("""{ "rules": [ { "field": "name", "rule": "range", "min": 1 } ] }""", "rules[0].rule", "rule_type_mismatch")]
    [InlineData("""{ "rules": [ { "field": "birth_date", "rule": "pattern", "pattern": "^1" } ] }""", "rules[0].rule", "rule_type_mismatch")]
    [InlineData("""{ "rules": [ { "field": "age", "rule": "identity_number" } ] }""", "rules[0].rule", "rule_type_mismatch")]
    [InlineData("""{ "rules": [ { "field": "age", "rule": "code_table", "table": "gb2260" } ] }""", "rules[0].rule", "rule_type_mismatch")]
    [InlineData("""{ "rules": [ { "field": "id_number", "rule": "id_matches_birth_date", "birthDateField": "name" } ] }""", "rules[0].birthDateField", "rule_type_mismatch")]
    [InlineData("""{ "rules": [ { "field": "id_number", "rule": "id_matches_sex", "sexField": "birth_date" } ] }""", "rules[0].sexField", "rule_type_mismatch")]
    [InlineData("""{ "rules": [ { "field": "age", "rule": "range" } ] }""", "rules[0].min", "invalid_rule_parameter")]
    [InlineData("""{ "rules": [ { "field": "age", "rule": "range", "min": 10, "max": 1 } ] }""", "rules[0].min", "invalid_rule_parameter")]
    [InlineData("""{ "rules": [ { "field": "age", "rule": "range", "max": "150" } ] }""", "rules[0].max", "invalid_rule_parameter")]
    [InlineData("""{ "rules": [ { "field": "birth_date", "rule": "range", "max": "tomorrow" } ] }""", "rules[0].max", "invalid_rule_parameter")]
    [InlineData("""{ "rules": [ { "field": "name", "rule": "length", "min": -1 } ] }""", "rules[0].min", "invalid_rule_parameter")]
    [InlineData("""{ "rules": [ { "field": "name", "rule": "length" } ] }""", "rules[0].min", "invalid_rule_parameter")]
    [InlineData("""{ "rules": [ { "field": "name", "rule": "required", "min": 1 } ] }""", "rules[0].min", "invalid_rule_parameter")]
    [InlineData("""{ "rules": [ { "field": "name", "rule": "pattern" } ] }""", "rules[0].pattern", "invalid_rule_parameter")]
    [InlineData("""{ "rules": [ { "field": "name", "rule": "pattern", "pattern": "([a-z]" } ] }""", "rules[0].pattern", "invalid_rule_parameter")]
    [InlineData("""{ "rules": [ { "field": "name", "rule": "pattern", "pattern": "(a)\\1" } ] }""", "rules[0].pattern", "invalid_rule_parameter")]
    [InlineData("""{ "rules": [ { "field": "name", "rule": "pattern", "pattern": "a(?=b)" } ] }""", "rules[0].pattern", "invalid_rule_parameter")]
    [InlineData("""{ "rules": [ { "field": "sex", "rule": "code_table", "table": "gb9999" } ] }""", "rules[0].table", "invalid_rule_parameter")]
    [InlineData("""{ "rules": [ { "field": "sex", "rule": "code_table" } ] }""", "rules[0].table", "invalid_rule_parameter")]
    [InlineData("""{ "rules": [ { "field": "sex", "rule": "code_table", "values": [] } ] }""", "rules[0].values", "invalid_rule_parameter")]
    [InlineData("""{ "rules": [ { "field": "sex", "rule": "code_table", "values": ["A", 1] } ] }""", "rules[0].values[1]", "invalid_rule_parameter")]
    public void A_bad_rule_set_is_refused_naming_the_rule_and_its_field(string json, string field, string code)
    {
        var error = Assert.Throws<GongshuException>(() => RuleSet.Parse(json, Columns));
        Assert.Equal(code, error.Code);
        Assert.Equal(field, error.Field);
        Assert.Equal(ErrorKind.BadRequest, error.Kind);
    }
}
