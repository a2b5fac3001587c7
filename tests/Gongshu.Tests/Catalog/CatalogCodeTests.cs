using Gongshu.Catalog;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;
using static Gongshu.Tests.CatalogTests.CatalogLifecycleTests;

namespace Gongshu.Tests.CatalogTests;

public class CatalogCodeTests
{
    [Theory, AllDatabases]
    public async Task Codes_count_up_per_classification_and_are_never_given_out_again_after_retirement(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var first = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", CatalogHarness.Complete("人口一"));
        var second = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", CatalogHarness.Complete("人口二"));
        var licence = await h.Catalog.CreateDraftAsync(h.MarketAdmin, "105003001", CatalogHarness.Complete("营业执照"));
        var theme = await h.Catalog.CreateDraftAsync(h.MarketAdmin, " 201 ", CatalogHarness.Complete("公共服务事项"));
        Assert.Equal(["101001/00001", "101001/00002", "105003001/00001", "201/00001"], new[] { first, second, licence, theme }.Select(r => r.Code));
        Assert.Equal("201", theme.ClassificationCode);

        // Retiring the newest resource does not free its number: the counter never goes back.
        await h.Catalog.SubmitAsync(h.PoliceAdmin, second.Id);
        await h.Catalog.ApproveAsync(h.Reviewer, second.Id);
        await h.Catalog.RetireAsync(h.PoliceAdmin, second.Id);
        var third = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101001", CatalogHarness.Complete("人口二"));
        Assert.Equal("101001/00003", third.Code);
        Assert.Equal("101001/00002", (await h.Catalog.GetAsync(h.PoliceAdmin, second.Id, CatalogView.Working)).Code);
    }

    [Theory, AllDatabases]
    public async Task Providers_cataloguing_at_the_same_time_get_distinct_codes(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var created = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() =>
            h.Catalog.CreateDraftAsync(i % 2 == 0 ? h.PoliceAdmin : h.MarketAdmin, "104003", CatalogHarness.Complete($"行政许可 {i}")))));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"104003/{i:D5}"), created.Select(r => r.Code).Order());
    }

    [Theory, AllDatabases]
    public async Task Unknown_classifications_and_whole_classes_are_refused(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var unknown = await AssertRefused("unknown_classification", ErrorKind.BadRequest,
            () => h.Catalog.CreateDraftAsync(h.PoliceAdmin, "199999", CatalogHarness.Complete()));
        Assert.Equal("classificationCode", unknown.Field);
        await AssertRefused("classification_too_broad", ErrorKind.BadRequest,
            () => h.Catalog.CreateDraftAsync(h.PoliceAdmin, "1", CatalogHarness.Complete()));
        Assert.Equal(0, await h.CountAsync("catalog_resources"));

        var classifications = await new Classifications(h.Database).ListAsync();
        Assert.Contains(new Classification("101", "1", 2, "人口"), classifications);
        Assert.Equal(["人口", "法人", "自然资源和空间地理", "社会信用", "电子证照"],
            classifications.Where(c => c.ParentCode == "1").Select(c => c.Name));
        Assert.Equal(new Classification("105003001", "105003", 4, "营业执照"), await new Classifications(h.Database).FindAsync("105003001"));
    }

    [Theory, AllDatabases]
    public async Task Names_are_unique_among_a_providers_live_resources(DatabaseKind kind)
    {
        await using var h = await CatalogHarness.CreateAsync(kind);
        var published = await h.PublishAsync(CatalogHarness.Complete("户籍人口信息"));

        var twice = await AssertRefused("resource_name_taken", ErrorKind.Conflict,
            () => h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101002", CatalogHarness.Complete("户籍人口信息")));
        Assert.Equal("name", twice.Field);

        // Another provider may use the name.
        await h.Catalog.CreateDraftAsync(h.MarketAdmin, "101002", CatalogHarness.Complete("户籍人口信息"));

        // While a renaming change is reviewed, both the published and the new name stay taken.
        var other = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101002", CatalogHarness.Complete("流动人口信息"));
        await h.Catalog.UpdateDraftAsync(h.PoliceAdmin, published.Id, CatalogHarness.Complete("户籍人口基本信息"));
        await AssertRefused("resource_name_taken", ErrorKind.Conflict,
            () => h.Catalog.UpdateDraftAsync(h.PoliceAdmin, other.Id, CatalogHarness.Complete("户籍人口信息")));
        await AssertRefused("resource_name_taken", ErrorKind.Conflict,
            () => h.Catalog.UpdateDraftAsync(h.PoliceAdmin, other.Id, CatalogHarness.Complete("户籍人口基本信息")));
        Assert.Equal("流动人口信息", (await h.Catalog.GetAsync(h.PoliceAdmin, other.Id, CatalogView.Working)).Version.Metadata.Name);

        // Once approved, the old name is free; once retired, so is the new one.
        await h.Catalog.SubmitAsync(h.PoliceAdmin, published.Id);
        await h.Catalog.ApproveAsync(h.Reviewer, published.Id);
        await h.Catalog.UpdateDraftAsync(h.PoliceAdmin, other.Id, CatalogHarness.Complete("户籍人口信息"));
        await h.Catalog.RetireAsync(h.PoliceAdmin, published.Id);
        var reused = await h.Catalog.CreateDraftAsync(h.PoliceAdmin, "101002", CatalogHarness.Complete("户籍人口基本信息"));
        // The refused first creation took no number: its transaction rolled the counter back.
        Assert.Equal("101002/00003", reused.Code);
    }
}
