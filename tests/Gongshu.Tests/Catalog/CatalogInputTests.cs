using Gongshu.Catalog;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;
using static Gongshu.Tests.CatalogTests.CatalogLifecycleTests;

namespace Gongshu.Tests.CatalogTests;

public class CatalogInputTests
{
    private static readonly ResourceMetadata Complete = CatalogHarness.Complete();

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "bad field name", "invalid_field_name", "fields[1].name" },
        { "upper-case field name", "invalid_field_name", "fields[1].name" },
        { "reserved field name", "invalid_field_name", "fields[1].name" },
        { "duplicate field name", "duplicate_field_name", "fields[2].name" },
        { "unknown field type", "unknown_field_type", "fields[1].type" },
        { "length on a date", "length_not_allowed", "fields[2].length" },
        { "decimal places on text", "scale_not_allowed", "fields[1].scale" },
        { "unknown grade", "unknown_grade", "fields[0].grade" },
        { "unknown share type", "unknown_share_type", "shareType" },
        { "unknown update cycle", "unknown_update_cycle", "updateCycle" },
        { "malformed related code", "invalid_related_code", "relatedCodes[0]" },
        { "no name", "name_required", "name" },
    };

    [Theory, MemberData(nameof(BadInputs))]
    public void Impossible_values_are_refused_naming_the_input(string example, string code, string field)
    {
        var e = Assert.Throws<GongshuException>(() => MetadataInput.Normalize(Bad(example)));
        Assert.Equal((code, field, ErrorKind.BadRequest), (e.Code, e.Field, e.Kind));
    }

    [Fact]
    public void Input_is_trimmed_and_codes_take_their_canonical_case()
    {
        var normalized = MetadataInput.Normalize(Complete with
        {
            Name = "  常住人口基本信息 ",
            ShareType = " Conditional",
            UpdateCycle = "HALF_YEARLY",
            Keywords = ["人口", " 人口 ", "", "户籍"],
            Fields = [new ResourceField { Name = " id_number ", Type = "c", Length = 18, Grade = "l3", IsKey = true }],
        });
        Assert.Equal(("常住人口基本信息", "conditional", "half_yearly"), (normalized.Name, normalized.ShareType, normalized.UpdateCycle));
        Assert.Equal(["人口", "户籍"], normalized.Keywords);
        var field = Assert.Single(normalized.Fields);
        Assert.Equal(("id_number", "C", "L3", false), (field.Name, field.Type, field.Grade, field.Nullable));
    }

    [Theory, AllDatabases]
    public async Task Refused_input_leaves_nothing_behind_and_is_audited(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        foreach (var (example, code, _) in BadInputs.Select(row => ((string)row[0], (string)row[1], (string)row[2])))
        {
            await AssertRefused(code, ErrorKind.BadRequest, () => h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", Bad(example)));
        }

        foreach (var table in new[] { "catalog_resources", "catalog_resource_versions", "catalog_fields", "catalog_transitions", "catalog_name_claims", "catalog_code_counters" })
        {
            Assert.Equal(0, await h.CountAsync(table));
        }

        var lines = await h.AuditAsync();
        Assert.Equal(BadInputs.Count(), lines.Count);
        Assert.All(lines, l => Assert.Equal(("catalog.create", "failed"), (l.Action, l.Outcome)));

        // A refused edit keeps the draft as it was.
        var draft = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", Complete);
        await AssertRefused("duplicate_field_name", ErrorKind.BadRequest, () => h.Catalog.UpdateDraftAsync(h.PoliceAdmin, draft.Id, Bad("duplicate field name")));
        var kept = await h.Catalog.GetAsync(h.PoliceAdmin, draft.Id, CatalogView.Working);
        Assert.Equal(["id_number", "name", "birth_date"], kept.Version.Metadata.Fields.Select(f => f.Name));
        Assert.Equal(1, await h.CountAsync("catalog_transitions"));
        Assert.Equal("101001/00001", draft.Code);
    }

    [Theory, AllDatabases]
    public async Task A_publication_the_index_refuses_is_rolled_back_with_its_audit_entry(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var published = await h.PublishAsync(CatalogHarness.Complete());
        await h.Catalog.UpdateDraftAsync(h.PoliceAdmin, published.Id, CatalogHarness.Complete("常住人口基本信息（新版）"));
        await h.Catalog.SubmitAsync(h.PoliceAdmin, published.Id);
        var transitions = await h.CountAsync("catalog_transitions");

        h.Index.Fail = true;
        await AssertRefused("index_unavailable", ErrorKind.Unavailable, () => h.Catalog.ApproveAsync(h.Reviewer, published.Id));
        await AssertRefused("index_unavailable", ErrorKind.Unavailable, () => h.Catalog.RetireAsync(h.PoliceAdmin, published.Id));

        // Still the old version served, the change still waiting, no transition, no success logged.
        var served = await h.Catalog.GetAsync(h.Citizen, published.Id);
        Assert.Equal((1, "常住人口基本信息", VersionState.Published), (served.Version.VersionNo, served.Version.Metadata.Name, served.Version.State));
        Assert.Equal(VersionState.Submitted, (await h.Catalog.GetAsync(h.PoliceAdmin, published.Id, CatalogView.Working)).WorkingState);
        Assert.Equal(transitions, await h.CountAsync("catalog_transitions"));
        var lines = await h.AuditAsync();
        Assert.Equal(["catalog.approve failed", "catalog.retire failed"], lines.TakeLast(2).Select(l => l.ToString()));
        Assert.Single(lines, l => l.ToString() == "catalog.approve success");

        h.Index.Fail = false;
        var approved = await h.Catalog.ApproveAsync(h.Reviewer, published.Id);
        Assert.Equal(2, approved.Version.VersionNo);
    }

    private static ResourceMetadata Bad(string example) => example switch
    {
        "bad field name" => WithField(1, f => f with { Name = "姓名" }),
        "upper-case field name" => WithField(1, f => f with { Name = "Name" }),
        "reserved field name" => WithField(1, f => f with { Name = "_row_id" }),
        "duplicate field name" => WithField(2, f => f with { Name = "id_number" }),
        "unknown field type" => WithField(1, f => f with { Type = "X" }),
        "length on a date" => WithField(2, f => f with { Length = 8 }),
        "decimal places on text" => WithField(1, f => f with { Scale = 2 }),
        "unknown grade" => WithField(0, f => f with { Grade = "L5" }),
        "unknown share type" => Complete with { ShareType = "partial" },
        "unknown update cycle" => Complete with { UpdateCycle = "hourly" },
        "malformed related code" => Complete with { RelatedCodes = ["101001-00001"] },
        "no name" => Complete with { Name = "  " },
        _ => throw new ArgumentOutOfRangeException(nameof(example)),
    };

    private static ResourceMetadata WithField(int index, Func<ResourceField, ResourceField> change)
        => Complete with { Fields = [.. Complete.Fields.Select((f, i) => i == index ? change(f) : f)] };
}
