using System.Text;
using Gongshu.Tests.CollectionTests;
using Gongshu.Tests.Security.Encryption;
using Gongshu.Tests.Support;
using Gongshu.Storage;
using Xunit;

namespace Gongshu.Tests.Governance;

public sealed class QualityRulesTests
{
    private const string Rules = """
        { "rules": [
          { "field": "id_number", "rule": "identity_number" },
          { "field": "name", "rule": "required" },
          { "field": "birth_date", "rule": "range", "min": "1900-01-01", "max": "today" },
          { "field": "id_number", "rule": "id_matches_birth_date", "birthDateField": "birth_date" }
        ] }
        """;

    [Theory, AllDatabases]
    public async Task Every_load_checks_the_rules_inline_keeps_failing_samples_and_still_loads_the_rows(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        await h.Rules.SaveAsync(h.Catalog.PoliceAdmin, h.Resource.Id, Rules);
        var people = EncryptionAtRestTests.People(3);
        var badCheckDigit = people[1].Id[..17] + (people[1].Id[17] == '0' ? '1' : '0');
        var csv = "id_number,name,birth_date\n"
            + $"{people[0].Id},{people[0].Name},{people[0].Birth:yyyy-MM-dd}\n"
            + $"{badCheckDigit},{people[1].Name},{people[1].Birth:yyyy-MM-dd}\n"
            + $"{people[2].Id},,{people[2].Birth.AddDays(1):yyyy-MM-dd}\n";

        var load = await h.LoadAsync(Encoding.UTF8.GetBytes(csv), "people.csv");

        Assert.Equal(3, load.RowsLoaded);
        var result = Assert.Single(await h.Rules.ResultsAsync(h.Catalog.PoliceAdmin, h.Resource.Id));
        Assert.Equal((load.Id, 1, 3L, 2L), (result.LoadId, result.RulesVersion, result.RowsChecked, result.RowsFailing));
        var id = result.Rules[0];
        Assert.Equal((3L, 1L), (id.Checked, id.Failed));
        Assert.Equal((3L, badCheckDigit[..6] + "********" + badCheckDigit[^4..]), (id.Samples[0].Line, id.Samples[0].Value));
        Assert.Equal((1L, 4L), (result.Rules[1].Failed, result.Rules[1].Samples[0].Line));
        Assert.Equal(1L, result.Rules[3].Failed); // the birth date no longer agrees with the ID number

        // Completeness: one name of three missing; no unique rule; data loaded just now for a daily resource.
        Assert.Equal((66.7, (double?)null, 100.0), (result.Scores.Completeness, result.Scores.Uniqueness, result.Scores.Timeliness));
        Assert.True(result.Scores.Validity < 100 && result.Scores.Consistency < 100 && result.Scores.Overall < 100);

        await h.LoadAsync(EncryptionAtRestTests.Csv(EncryptionAtRestTests.People(5)), "good.csv");
        var trend = await h.Rules.ResultsAsync(h.Catalog.Reviewer, h.Resource.Id);
        Assert.Equal([0L, 2L], trend.Select(r => r.RowsFailing));
        Assert.Equal(100.0, trend[0].Scores.Overall);
        Assert.Null(trend[1].Scores.Timeliness); // only the data in force has an age

        var ranking = await h.Rules.RankingAsync(h.Catalog.Reviewer);
        Assert.Equal((h.Catalog.Police.Id, 1, 100.0), (ranking[0].OrganizationId, ranking[0].Resources, ranking[0].AverageScore));
        var denied = await Assert.ThrowsAsync<GongshuException>(() => h.Rules.RankingAsync(h.Catalog.PoliceAdmin));
        Assert.Equal(ErrorKind.Forbidden, denied.Kind);
    }

    [Theory, AllDatabases]
    public async Task The_latest_findings_of_many_resources_are_read_together_for_those_who_may_see_them(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        await h.Rules.SaveAsync(h.Catalog.PoliceAdmin, h.Resource.Id, Rules);
        await h.LoadAsync(Encoding.UTF8.GetBytes("id_number,name,birth_date\n11010519491231002X,,1949-12-31\n"), "first.csv");
        var second = await h.LoadAsync(EncryptionAtRestTests.Csv(EncryptionAtRestTests.People(4)), "second.csv");
        var resource = await h.Catalog.Catalog.GetAsync(h.Catalog.PoliceAdmin, h.Resource.Id);

        var latest = await h.Rules.LatestAsync(h.Catalog.PoliceAdmin, [resource, resource]);

        var only = Assert.Single(latest);
        var expected = (await h.Rules.ResultsAsync(h.Catalog.PoliceAdmin, h.Resource.Id, 1))[0];
        Assert.Equal((h.Resource.Id, second.Id, 0L), (only.Key, only.Value.LoadId, only.Value.RowsFailing));
        Assert.Equal(expected.Scores, only.Value.Scores);
        Assert.Empty(await h.Rules.LatestAsync(h.Catalog.MarketAdmin, [resource]));
        Assert.Single(await h.Rules.LatestAsync(h.Catalog.Reviewer, [resource]));
    }

    [Theory, AllDatabases]
    public async Task The_data_in_force_is_checked_on_demand_against_new_rules_even_where_it_is_stored_encrypted(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        var none = await Assert.ThrowsAsync<GongshuException>(() => h.Rules.CheckCurrentAsync(h.Catalog.PoliceAdmin, h.Resource.Id));
        Assert.Equal("no_rules", none.Code);
        await h.LoadAsync(EncryptionAtRestTests.Csv(EncryptionAtRestTests.People(12)), "people.csv");
        Assert.True((await h.Grading.GetAsync(h.Catalog.PoliceAdmin, h.Resource.Id)).Fields.Single(f => f.Field == "id_number").EncryptedAtRest);

        // Rules declared after the load: only an on-demand check can apply them to the data.
        await h.Rules.SaveAsync(h.Catalog.PoliceAdmin, h.Resource.Id, """{ "rules": [ { "field": "name", "rule": "length", "min": 3 }, { "field": "id_number", "rule": "identity_number" } ] }""");
        var result = await h.Rules.CheckCurrentAsync(h.Catalog.PoliceAdmin, h.Resource.Id);

        Assert.Equal(((long?)null, 1, 12L), (result.LoadId, result.RulesVersion, result.RowsChecked));
        Assert.Equal(0L, result.Rules[1].Failed); // the decrypted ID numbers are valid
        Assert.True(result.Rules[0].Failed > 0); // two-character names
        var other = await Assert.ThrowsAsync<GongshuException>(() => h.Rules.CheckCurrentAsync(h.Catalog.MarketAdmin, h.Resource.Id));
        Assert.Equal(ErrorKind.NotFound, other.Kind);
    }

    [Theory, AllDatabases]
    public async Task Rules_that_do_not_parse_or_fit_the_fields_and_callers_who_may_not_declare_them_are_refused(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);

        var malformed = await Assert.ThrowsAsync<GongshuException>(() => h.Rules.SaveAsync(h.Catalog.PoliceAdmin, h.Resource.Id, "{ \"rules\": ["));
        Assert.Equal(("rules_malformed", ErrorKind.BadRequest), (malformed.Code, malformed.Kind));
        var unknown = await Assert.ThrowsAsync<GongshuException>(() => h.Rules.SaveAsync(h.Catalog.PoliceAdmin, h.Resource.Id,
            """{ "rules": [ { "field": "shoe_size", "rule": "required" } ] }"""));
        Assert.Equal(("unknown_field", "rules[0].field"), (unknown.Code, unknown.Field));
        var exponential = await h.Rules.SaveAsync(h.Catalog.PoliceAdmin, h.Resource.Id,
            """{ "rules": [ { "field": "name", "rule": "pattern", "pattern": "^(a+)+$" } ] }""");
        Assert.Equal(1, exponential.Version);

        var other = await Assert.ThrowsAsync<GongshuException>(() => h.Rules.SaveAsync(h.Catalog.MarketAdmin, h.Resource.Id, Rules));
        Assert.Equal(ErrorKind.NotFound, other.Kind);
        var admin = await Assert.ThrowsAsync<GongshuException>(() => h.Rules.SaveAsync(h.Catalog.Reviewer, h.Resource.Id, Rules));
        Assert.Equal(("rules_forbidden", ErrorKind.Forbidden), (admin.Code, admin.Kind));
        Assert.Equal(1, (await h.Rules.GetAsync(h.Catalog.Reviewer, h.Resource.Id))!.Version);
        Assert.Equal(1, await h.Catalog.CountAsync("quality_rule_sets"));

        // A catastrophic pattern on a 49-character value (2^48 paths for a backtracking engine) is checked in linear time.
        var load = await h.LoadAsync(Encoding.UTF8.GetBytes("id_number,name\n11010519491231002X," + new string('a', 48) + "b\n"), "odd.csv");
        var result = Assert.Single(await h.Rules.ResultsAsync(h.Catalog.PoliceAdmin, h.Resource.Id));
        Assert.Equal((load.Id, 1L), (result.LoadId, result.Rules[0].Failed));
    }
}

public sealed class ReferenceRuleTests
{
    [Theory, AllDatabases]
    public async Task A_value_must_exist_in_the_referenced_resource_and_a_reference_to_nothing_is_refused(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        var market = h.Catalog.MarketAdmin;
        var firstCode = Gongshu.Identifiers.CreditCode.Create('9', '1', "330106", "MA2AAAA1");
        var secondCode = Gongshu.Identifiers.CreditCode.Create('9', '1', "330106", "MA2AAAB2");
        var strangerCode = Gongshu.Identifiers.CreditCode.Create('9', '1', "330106", "MA2AAAC3");
        var library = await h.Catalog.PublishAsync(market, Gongshu.Tests.CatalogTests.CatalogHarness.Complete() with
        {
            Name = "法人基础信息库",
            Fields =
            [
                new Gongshu.Catalog.ResourceField { Name = "credit_code", Label = "统一社会信用代码", Type = "C", Length = 18, Description = "代码", IsKey = true, Nullable = false, Grade = "L1" },
                new Gongshu.Catalog.ResourceField { Name = "enterprise", Label = "企业名称", Type = "C", Length = 100, Description = "名称", Grade = "L1" },
            ],
        });
        var penalties = await h.Catalog.PublishAsync(market, Gongshu.Tests.CatalogTests.CatalogHarness.Complete() with
        {
            Name = "行政处罚信息",
            Fields =
            [
                new Gongshu.Catalog.ResourceField { Name = "case_no", Label = "案件编号", Type = "C", Length = 30, Description = "编号", IsKey = true, Nullable = false, Grade = "L1" },
                new Gongshu.Catalog.ResourceField { Name = "credit_code", Label = "统一社会信用代码", Type = "C", Length = 18, Description = "代码", Grade = "L1" },
            ],
        });
        await h.LoadAsync(Encoding.UTF8.GetBytes($"credit_code,enterprise\n{firstCode},甲公司\n{secondCode},乙公司\n"), "library.csv", caller: market, resourceId: library.Id);

        var missing = await Assert.ThrowsAsync<GongshuException>(() => h.Rules.SaveAsync(market, penalties.Id,
            """{ "rules": [ { "field": "credit_code", "rule": "reference", "resource": "999999/99999", "referenceField": "credit_code" } ] }"""));
        Assert.Equal(("unknown_reference", "rules[0].resource"), (missing.Code, missing.Field));
        var noField = await Assert.ThrowsAsync<GongshuException>(() => h.Rules.SaveAsync(market, penalties.Id,
            $$"""{ "rules": [ { "field": "credit_code", "rule": "reference", "resource": "{{library.Code}}", "referenceField": "uscc" } ] }"""));
        Assert.Equal(("unknown_field", "rules[0].referenceField"), (noField.Code, noField.Field));

        await h.Rules.SaveAsync(market, penalties.Id,
            $$"""{ "rules": [ { "field": "credit_code", "rule": "reference", "resource": "{{library.Code}}", "referenceField": "credit_code" } ] }""");
        await h.LoadAsync(Encoding.UTF8.GetBytes($"case_no,credit_code\nA1,{firstCode}\nA2,{strangerCode}\nA3,{secondCode}\n"), "penalties.csv", caller: market, resourceId: penalties.Id);

        var rule = Assert.Single(Assert.Single(await h.Rules.ResultsAsync(market, penalties.Id)).Rules);
        Assert.Equal((3L, 1L, 3L), (rule.Checked, rule.Failed, rule.Samples[0].Line));
        Assert.Contains(library.Code, rule.Samples[0].Reason, StringComparison.Ordinal);
    }
}
