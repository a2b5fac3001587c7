using Gongshu.Catalog;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;
using static Gongshu.Tests.CatalogTests.CatalogLifecycleTests;

namespace Gongshu.Tests.CatalogTests;

public class MetadataRulesTests
{
    private static readonly ResourceMetadata Complete = CatalogHarness.Complete();

    /// <summary>The complete resource broken in exactly the way each rule catches, and where.</summary>
    private static (ResourceMetadata Metadata, string Target) Broken(string rule) => rule switch
    {
        "share_type_missing" => (Complete with { ShareType = null }, "shareType"),
        "share_condition_missing" => (Complete with { ShareType = "none", ShareCondition = null }, "shareCondition"),
        "legal_basis_missing" => (Complete with { LegalBasis = null }, "legalBasis"),
        "share_method_missing" => (Complete with { ShareMethod = null }, "shareMethod"),
        "share_type_exceeds_grade" => (Complete with { ShareType = "unconditional" }, "shareType"),
        "open_type_missing" => (Complete with { OpenType = null }, "openType"),
        "open_condition_missing" => (Complete with { OpenType = "restricted", OpenCondition = null }, "openCondition"),
        "open_type_exceeds_grade" => (Complete with { OpenType = "open" }, "openType"),
        "summary_missing" => (Complete with { Summary = null }, "summary"),
        "format_missing" => (Complete with { Format = null, FormatSubtype = null }, "format"),
        "update_cycle_missing" => (Complete with { UpdateCycle = null }, "updateCycle"),
        "fields_missing" => (Complete with { Fields = [] }, "fields"),
        "field_type_missing" => (WithField(1, f => f with { Type = null, Length = null }), "fields[1].type"),
        "field_length_missing" => (WithField(1, f => f with { Length = null }), "fields[1].length"),
        "field_grade_missing" => (WithField(2, f => f with { Grade = null }), "fields[2].grade"),
        "key_field_missing" => (WithField(0, f => f with { IsKey = false }), "fields"),
        "related_code_unknown" => (Complete with { RelatedCodes = ["101001/09999"] }, "relatedCodes"),
        "summary_too_short" => (Complete with { Summary = "常住人口信息" }, "summary"),
        "keywords_missing" => (Complete with { Keywords = [] }, "keywords"),
        "format_subtype_missing" => (Complete with { FormatSubtype = null }, "formatSubtype"),
        "field_label_missing" => (WithField(2, f => f with { Label = null }), "fields[2].label"),
        "field_description_missing" => (WithField(0, f => f with { Description = null }), "fields[0].description"),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "No example for this rule."),
    };

    public static TheoryData<string> RuleCodes => [.. MetadataRules.All.Select(r => r.Code)];

    [Fact]
    public void A_complete_resource_passes_every_rule_and_scores_100()
    {
        var report = MetadataRules.Check(Complete);
        Assert.Equal((100, true), (report.Score, report.CanSubmit));
        Assert.Empty(report.Failures);
    }

    [Theory, MemberData(nameof(RuleCodes))]
    public void Each_rule_catches_exactly_its_own_gap_and_costs_its_weight(string code)
    {
        var rule = MetadataRules.All.Single(r => r.Code == code);
        var (metadata, target) = Broken(code);

        var report = MetadataRules.Check(metadata);

        var failure = Assert.Single(report.Failures);
        Assert.Equal((code, rule.Severity, target), (failure.Rule, failure.Severity, failure.Target));
        Assert.Equal(100 - rule.Weight, report.Score);
        Assert.Equal(rule.Severity == RuleSeverity.Advisory, report.CanSubmit);
        Assert.StartsWith(rule.Chinese, failure.MessageZh, StringComparison.Ordinal);
        Assert.StartsWith(rule.English, failure.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Related_codes_pass_when_they_name_published_resources()
    {
        var metadata = Complete with { RelatedCodes = ["101001/00001", "102001/00002"] };
        Assert.Empty(MetadataRules.Check(metadata, new HashSet<string> { "101001/00001", "102001/00002" }).Failures);
        var report = MetadataRules.Check(metadata, new HashSet<string> { "101001/00001" });
        Assert.Equal("102001/00002 is not a published resource", Assert.Single(report.Failures).MessageEn.Split(": ")[1]);
    }

    [Fact]
    public void Grades_limit_how_openly_a_resource_may_be_shared_and_opened()
    {
        var l1 = Complete with { Fields = [.. Complete.Fields.Select(f => f with { Grade = "L1" })] };
        Assert.Empty(MetadataRules.Check(l1 with { ShareType = "unconditional", OpenType = "open" }).Failures);

        var l2 = Complete with { Fields = [.. Complete.Fields.Select(f => f with { Grade = "L2" })] };
        Assert.Equal("L2", l2.Grade);
        Assert.Empty(MetadataRules.Check(l2 with { ShareType = "unconditional", OpenType = "restricted", OpenCondition = "签订开放利用协议" }).Failures);
        Assert.Equal(["open_type_exceeds_grade"], MetadataRules.Check(l2 with { OpenType = "open" }).Failures.Select(f => f.Rule));

        // 就高从严: one L4 field makes the whole resource L4, which is never opened.
        var l4 = WithField(2, f => f with { Grade = "L4" });
        Assert.Equal("L4", l4.Grade);
        Assert.Equal(["open_type_exceeds_grade"],
            MetadataRules.Check(l4 with { OpenType = "restricted", OpenCondition = "脱敏后" }).Failures.Select(f => f.Rule));
    }

    [Fact]
    public void A_rule_failing_on_several_fields_costs_its_weight_once_and_the_score_never_goes_below_zero()
    {
        var unlabelled = Complete with { Fields = [.. Complete.Fields.Select(f => f with { Label = null })] };
        var report = MetadataRules.Check(unlabelled);
        Assert.Equal(["fields[0].label", "fields[1].label", "fields[2].label"], report.Failures.Select(f => f.Target));
        Assert.Equal(95, report.Score);

        var advisory = Complete with { Summary = "太短", Keywords = [], FormatSubtype = null };
        Assert.Equal((75, true), (MetadataRules.Check(advisory).Score, MetadataRules.Check(advisory).CanSubmit));

        var empty = MetadataRules.Check(new ResourceMetadata { Name = "空" });
        Assert.Equal(0, empty.Score);
        Assert.Equal(
            ["share_type_missing", "open_type_missing", "summary_missing", "keywords_missing", "format_missing", "update_cycle_missing", "fields_missing"],
            empty.Failures.Select(f => f.Rule));
    }

    [Theory, AllDatabases]
    public async Task Submission_is_refused_with_every_blocking_failure_while_advisory_ones_only_lower_the_score(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var draft = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", Complete with
        {
            ShareCondition = null,
            LegalBasis = null,
            Summary = "太短",
            Fields = [.. Complete.Fields, new ResourceField { Name = "address", Label = "住址", Type = "C", Grade = "L3", Description = "户籍地址" }],
        });
        Assert.Equal(30, draft.Version.Score);
        Assert.Equal(["share_condition_missing", "legal_basis_missing", "summary_too_short", "field_length_missing"],
            draft.Version.Failures.Select(f => f.Rule));

        var refused = await Assert.ThrowsAsync<MetadataRulesException>(() => h.Catalog.SubmitAsync(h.PoliceAdmin, draft.Id));
        Assert.Equal(("metadata_rules_failed", ErrorKind.BadRequest), (refused.Code, refused.Kind));
        Assert.Equal(["shareCondition", "legalBasis", "fields[3].length"], refused.Failures.Select(f => f.Target));
        Assert.Contains("A conditional or refused share names its legal or policy basis", refused.Message, StringComparison.Ordinal);
        Assert.Equal(VersionState.Draft, (await h.Catalog.GetAsync(h.PoliceAdmin, draft.Id, CatalogView.Working)).WorkingState);
        var audited = (await h.AuditAsync()).Single(l => l.Action == "catalog.submit");
        Assert.Equal("failed", audited.Outcome);
        Assert.Contains("\"rules\":[\"share_condition_missing\",\"legal_basis_missing\",\"field_length_missing\"]", audited.Detail, StringComparison.Ordinal);

        var fixedUp = await h.Catalog.UpdateDraftAsync(h.PoliceAdmin, draft.Id, Complete with
        {
            Summary = "太短",
            Fields = [.. Complete.Fields, new ResourceField { Name = "address", Label = "住址", Type = "C", Length = 200, Grade = "L3", Description = "户籍地址" }],
        });
        Assert.Equal(90, fixedUp.Version.Score);
        var submitted = await h.Catalog.SubmitAsync(h.PoliceAdmin, draft.Id);
        Assert.Equal((VersionState.Submitted, 90), (submitted.WorkingState, submitted.Version.Score));
    }

    [Theory, AllDatabases]
    public async Task Related_codes_must_name_published_resources_and_never_the_resource_itself(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var population = await h.PublishAsync(CatalogHarness.Complete("人口基本信息"));
        var draftOnly = await h.Catalog.CreateDraftAsync(h.MarketAdmin, "102001", CatalogHarness.Complete("法人基本信息"));

        var linked = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101002", CatalogHarness.Complete("户籍信息") with
        {
            RelatedCodes = [population.Code, draftOnly.Code, " 101001/00001 "],
        });
        Assert.Equal([population.Code, draftOnly.Code], linked.Version.Metadata.RelatedCodes);
        var failure = Assert.Single(linked.Version.Failures);
        Assert.Equal(("related_code_unknown", "关联资源代码须为已发布的资源：102001/00001"), (failure.Rule, failure.MessageZh));
        await Assert.ThrowsAsync<MetadataRulesException>(() => h.Catalog.SubmitAsync(h.PoliceAdmin, linked.Id));

        // Publishing the other resource makes the same draft submittable.
        await h.Catalog.SubmitAsync(h.MarketAdmin, draftOnly.Id);
        await h.Catalog.ApproveAsync(h.Reviewer, draftOnly.Id);
        Assert.Equal(VersionState.Submitted, (await h.Catalog.SubmitAsync(h.PoliceAdmin, linked.Id)).WorkingState);

        var self = await AssertRefused("related_code_self", ErrorKind.BadRequest,
            () => h.Catalog.UpdateDraftAsync(h.PoliceAdmin, population.Id, CatalogHarness.Complete("人口基本信息") with { RelatedCodes = [population.Code] }));
        Assert.Equal("relatedCodes", self.Field);
    }

    private static ResourceMetadata WithField(int index, Func<ResourceField, ResourceField> change)
        => Complete with { Fields = [.. Complete.Fields.Select((f, i) => i == index ? change(f) : f)] };
}
