using System.Text.RegularExpressions;
using Gongshu.Catalog;
using Gongshu.Demo;
using Gongshu.Directories;
using Gongshu.Storage;
using Xunit;

namespace Gongshu.Tests.Demo;

/// <summary>The demo catalog as written, before any database: what the seeder will ask the catalog to accept.</summary>
public partial class DemoCatalogTableTests
{
    private static readonly DemoResourceState[] Listed = [DemoResourceState.Published, DemoResourceState.ChangeUnderReview];

    [Fact]
    public void The_catalog_has_over_two_hundred_resources_in_every_state_over_the_departments()
    {
        var resources = DemoCatalog.Resources;
        Assert.InRange(resources.Count, 200, 260);

        // The hand-written part: a few of each state.
        var written = resources.Where(r => r.Template is null).ToList();
        Assert.Equal(42, written.Count);
        Assert.Equal(
            new Dictionary<DemoResourceState, int>
            {
                [DemoResourceState.Draft] = 3,
                [DemoResourceState.Submitted] = 2,
                [DemoResourceState.Returned] = 1,
                [DemoResourceState.Published] = written.Count - 8,
                [DemoResourceState.ChangeUnderReview] = 1,
                [DemoResourceState.Retired] = 1,
            },
            written.GroupBy(r => r.State).ToDictionary(g => g.Key, g => g.Count()));

        // Over the whole catalog, most are published and every other state has several examples.
        var byState = resources.GroupBy(r => r.State).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Enum.GetValues<DemoResourceState>(), s => Assert.True(byState.GetValueOrDefault(s) >= 5, $"{s}: {byState.GetValueOrDefault(s)}"));
        Assert.True(byState[DemoResourceState.Published] >= resources.Count * 7 / 10, $"{byState[DemoResourceState.Published]} published");

        var departments = resources.Select(r => (r.RegionCode, r.DepartmentShortCode)).Distinct().ToList();
        Assert.True(departments.Count >= 25, $"{departments.Count} departments");
        Assert.All(departments, d => Assert.Single(DemoDirectory.Departments, x => (x.RegionCode, x.ShortCode) == d));
        Assert.Contains(resources, r => r.RegionCode == DemoDirectory.Hangzhou);
        Assert.Contains(resources, r => r.RegionCode == DemoDirectory.Ningbo);

        // Names are unique over the whole demo, so the seeder can resolve related names.
        Assert.Equal(resources.Count, resources.Select(r => r.Name).Distinct().Count());

        // Each cataloguer is an account whose password is hashed (~50 ms each): keep them few.
        Assert.InRange(DemoCatalog.Cataloguers.Count, 1, 30);
    }

    [Fact]
    public void Every_district_of_both_cities_has_every_template_published_by_its_city_departments()
    {
        var generated = DemoCatalog.Resources.Where(r => r.Template is not null).ToList();
        var districts = DemoDirectory.Regions.Where(r => Divisions.Standard.Get(r).Level == DivisionLevel.County).ToList();
        var templates = generated.Select(r => r.Template!).Distinct().ToList();
        Assert.Equal(23, districts.Count);
        Assert.True(templates.Count >= 8, string.Join("、", templates));
        Assert.Equal(districts.Count * templates.Count, generated.Count);
        Assert.Equal(
            districts.SelectMany(d => templates.Select(t => (d, t))).Order(),
            generated.Select(r => (r.DistrictCode!, r.Template!)).Order());

        foreach (var resource in generated)
        {
            var district = Divisions.Standard.Get(resource.DistrictCode);
            Assert.Equal(district.ParentCode, resource.RegionCode);
            Assert.Equal(district.Name + resource.Template, resource.Name);
            Assert.Contains(district.Name, resource.Metadata.Summary!, StringComparison.Ordinal);
            Assert.Contains(district.Name, resource.Metadata.Keywords);
            Assert.Contains(resource.RegionCode == DemoDirectory.Hangzhou ? "杭州" : "宁波", resource.Metadata.Tags);
        }

        // Each template is cataloged by one department per city, under one classification with one
        // field set, and has every state, on districts of both cities taken together.
        foreach (var group in generated.GroupBy(r => r.Template))
        {
            Assert.Equal(2, group.Select(r => (r.RegionCode, r.DepartmentShortCode)).Distinct().Count());
            Assert.Single(group.Select(r => r.ClassificationCode).Distinct());
            Assert.Single(group.Select(r => string.Join(",", r.Metadata.Fields.Select(f => f.Name))).Distinct());
            Assert.Equal(Enum.GetValues<DemoResourceState>().Order(), group.Select(r => r.State).Distinct().Order());
        }

        // The seeder catalogs the templates side by side: they relate only to hand-written resources,
        // and no two share a classification, so each template's codes are the same in every run.
        var written = DemoCatalog.Resources.Where(r => r.Template is null).Select(r => r.Name).ToHashSet();
        Assert.All(generated, r => Assert.All(r.RelatedNames, name => Assert.Contains(name, written)));
        Assert.Equal(templates.Count, generated.Select(r => r.ClassificationCode).Distinct().Count());

        Assert.All(Enum.GetValues<DemoResourceState>().Where(s => s != DemoResourceState.Published), state =>
            Assert.Equal([DemoDirectory.Hangzhou, DemoDirectory.Ningbo], generated.Where(r => r.State == state).Select(r => r.RegionCode).Distinct().Order()));
    }

    [Fact]
    public void Every_resource_but_the_imperfect_drafts_passes_every_blocking_rule_and_published_ones_score_90_or_more()
    {
        var published = new HashSet<string>(StringComparer.Ordinal);
        var imperfect = new List<string>();
        foreach (var resource in DemoCatalog.Resources)
        {
            // Related resources come earlier and are published by the time this one is submitted.
            Assert.All(resource.RelatedNames, name => Assert.Contains(name, published));
            var metadata = resource.Metadata with { RelatedCodes = resource.RelatedNames };
            var report = MetadataRules.Check(metadata, published);
            if (resource.State == DemoResourceState.Draft && report.Score < 90)
            {
                imperfect.Add(resource.Name);
                continue;
            }

            Assert.True(report.CanSubmit, $"{resource.Name}: {string.Join("; ", report.Blocking.Select(f => f.MessageEn))}");
            if (resource.State != DemoResourceState.Returned)
            {
                Assert.True(report.Score >= 90, $"{resource.Name} scores {report.Score}");
            }

            if (resource.Change is { } change)
            {
                var changed = change(metadata);
                Assert.Equal(resource.Name, changed.Name);
                Assert.Equal(100, MetadataRules.Check(changed, published).Score);
            }

            if (Listed.Contains(resource.State) || resource.State == DemoResourceState.Retired)
            {
                published.Add(resource.Name);
            }
        }

        Assert.Equal(["基础地理实体数据", "西湖区家庭医生签约信息"], imperfect);
        Assert.All(DemoCatalog.Resources.Where(r => r.State is DemoResourceState.Returned or DemoResourceState.Retired),
            r => Assert.False(string.IsNullOrWhiteSpace(r.Comment)));
    }

    [Fact]
    public void Resources_are_described_as_the_catalog_standard_asks()
    {
        foreach (var resource in DemoCatalog.Resources.Where(r => r.Name is not "基础地理实体数据"))
        {
            var m = resource.Metadata;
            Assert.True(m.Summary!.Length >= MetadataRules.MinSummaryLength, resource.Name);
            Assert.InRange(m.Fields.Count, 4, 12);
            Assert.All(m.Fields, f =>
            {
                Assert.Matches(FieldName(), f.Name);
                Assert.False(string.IsNullOrEmpty(f.Label));
                Assert.Contains(f.Type, new[] { "C", "N", "Y", "D", "T", "L", "M", "G", "B", "I", "F" });
                Assert.Equal(f.Type is "C" or "N", f.Length is not null);
            });
            Assert.Contains(m.Fields, f => f.IsKey);
            Assert.All(m.Fields.Where(f => f.Label!.Contains("身份号码", StringComparison.Ordinal)), f => Assert.Equal("L4", f.Grade));
            Assert.All(m.Fields.Where(f => f.Label!.EndsWith("姓名", StringComparison.Ordinal)), f => Assert.Contains(f.Grade, new[] { "L3", "L4" }));
            Assert.All(m.Fields.Where(f => f.Label == "统一社会信用代码"), f => Assert.Equal("L1", f.Grade));
            if (m.ShareType is ShareTypes.Conditional or ShareTypes.None && resource.State != DemoResourceState.Draft)
            {
                Assert.Matches("^《.+》", m.LegalBasis!);
            }
        }

        Assert.All(DemoCatalog.Resources.Where(r => r.Metadata.Name.Contains("监测", StringComparison.Ordinal)), r => Assert.Equal("L1", r.Metadata.Grade));
    }

    [Fact]
    public void The_resources_of_the_demo_datasets_describe_their_columns_exactly()
    {
        var linked = DemoCatalog.Resources.Where(r => r.DatasetKey is not null).ToDictionary(r => r.DatasetKey!, r => r);
        Assert.Equal(["常住人口基础信息", "企业登记基本信息"], new[] { linked[DemoPeople.ResourceKey].Name, linked[DemoEnterprises.ResourceKey].Name });
        Assert.Equal(("gat", "scjgj"), (linked[DemoPeople.ResourceKey].DepartmentShortCode, linked[DemoEnterprises.ResourceKey].DepartmentShortCode));
        AssertDescribes(DemoPeople.Columns, linked[DemoPeople.ResourceKey].Metadata.Fields);
        AssertDescribes(DemoEnterprises.Columns, linked[DemoEnterprises.ResourceKey].Metadata.Fields);
    }

    [Fact]
    public void Departments_without_a_printed_provider_admin_get_an_unprinted_cataloguer()
    {
        var printed = DemoDirectory.Users.Where(u => u.Role == Role.ProviderAdmin).Select(u => (u.RegionCode, u.DepartmentShortCode!)).ToHashSet();
        var providers = DemoCatalog.Resources.Select(r => (r.RegionCode, r.DepartmentShortCode)).ToHashSet();

        Assert.Equal(providers.Except(printed).Order(), DemoCatalog.Cataloguers.Select(c => (c.RegionCode, c.DepartmentShortCode)).Order());
        Assert.Equal(DemoCatalog.Cataloguers.Count, DemoCatalog.Cataloguers.Select(c => c.Username).Distinct().Count());
        Assert.DoesNotContain(DemoCatalog.Cataloguers, c => DemoDirectory.Users.Any(u => u.Username == c.Username));
    }

    /// <summary>Same names in the same order, same type letter, length, decimal places and nullability.</summary>
    internal static void AssertDescribes(IReadOnlyList<DatasetColumn> columns, IReadOnlyList<ResourceField> fields)
        => Assert.Equal(
            columns.Select(c => (c.Name, c.Type.Code().ToString(), c.Length, c.Scale, c.Nullable)),
            fields.Select(f => (f.Name, f.Type!, f.Length, f.Scale, f.Nullable)));

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex FieldName();
}
