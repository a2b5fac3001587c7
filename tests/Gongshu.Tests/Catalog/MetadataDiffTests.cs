using Gongshu.Catalog;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;
using static Gongshu.Tests.CatalogTests.CatalogLifecycleTests;

namespace Gongshu.Tests.CatalogTests;

public class MetadataDiffTests
{
    [Fact]
    public void Identical_versions_have_no_differences()
        => Assert.True(MetadataDiff.Compare(1, CatalogHarness.Complete(), 2, CatalogHarness.Complete()).IsEmpty);

    [Fact]
    public void Properties_and_fields_are_compared_one_by_one()
    {
        var before = CatalogHarness.Complete();
        var after = before with
        {
            Name = "常住人口基本信息（2025 版）",
            Keywords = ["人口", "户籍", "常住"],
            UpdateCycle = "realtime",
            LegalBasis = null,
            ShareType = "none",
            Fields =
            [
                before.Fields[0],
                new ResourceField { Name = "address", Label = "住址", Type = "C", Length = 200, Grade = "L4" },
                before.Fields[1] with { Length = 100, Description = null },
            ],
        };

        var diff = MetadataDiff.Compare(1, before, 2, after);

        Assert.Equal((1, 2), (diff.FromVersion, diff.ToVersion));
        Assert.Equal(
            [
                new PropertyChange("name", "常住人口基本信息", "常住人口基本信息（2025 版）"),
                new PropertyChange("keywords", "人口、户籍", "人口、户籍、常住"),
                new PropertyChange("shareType", "conditional", "none"),
                new PropertyChange("legalBasis", "《中华人民共和国居民身份证法》", null),
                new PropertyChange("updateCycle", "daily", "realtime"),
                new PropertyChange("grade", "L3", "L4"),
            ],
            diff.Properties);

        // Adding a field in the middle does not make the fields after it "moved".
        Assert.Equal([("birth_date", FieldChangeKind.Removed), ("address", FieldChangeKind.Added), ("name", FieldChangeKind.Changed)],
            diff.Fields.Select(f => (f.Name, f.Kind)));
        Assert.Equal([new PropertyChange("length", "50", "100"), new PropertyChange("description", "户籍登记姓名", null)], diff.Fields[2].Changes);
    }

    [Fact]
    public void Reordered_fields_report_their_new_position()
    {
        var before = CatalogHarness.Complete();
        var after = before with { Fields = [before.Fields[1], before.Fields[0], before.Fields[2]] };
        var diff = MetadataDiff.Compare(1, before, 2, after);
        Assert.Equal(
            [("name", new PropertyChange("position", "2", "1")), ("id_number", new PropertyChange("position", "1", "2"))],
            diff.Fields.Select(f => (f.Name, Assert.Single(f.Changes))));
    }

    [Theory, AllDatabases]
    public async Task The_diff_of_a_change_shows_what_the_reviewer_is_asked_to_approve(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var resource = await h.PublishAsync(CatalogHarness.Complete());
        var complete = CatalogHarness.Complete();
        await h.Catalog.UpdateDraftAsync(h.PoliceAdmin, resource.Id, complete with
        {
            Summary = complete.Summary + "另含迁入迁出记录。",
            Fields = [.. complete.Fields.Take(2), new ResourceField { Name = "moved_in_at", Label = "迁入日期", Type = "D", Grade = "L2", Description = "迁入登记日期" }],
        });

        var diff = await h.Catalog.DiffAsync(h.Reviewer, resource.Id, 1, 2);
        Assert.Equal(["summary"], diff.Properties.Select(p => p.Property));
        Assert.Equal([("birth_date", FieldChangeKind.Removed), ("moved_in_at", FieldChangeKind.Added)], diff.Fields.Select(f => (f.Name, f.Kind)));

        var back = await h.Catalog.DiffAsync(h.PoliceAdmin, resource.Id, 2, 1);
        Assert.Equal([("moved_in_at", FieldChangeKind.Removed), ("birth_date", FieldChangeKind.Added)], back.Fields.Select(f => (f.Name, f.Kind)));

        var missing = await AssertRefused("version_not_found", ErrorKind.NotFound, () => h.Catalog.DiffAsync(h.Reviewer, resource.Id, 1, 3));
        Assert.Contains("Version 3", missing.Message, StringComparison.Ordinal);
    }
}
