using Gongshu.Audit;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.DirectoryTests;

public class OrganizationServiceTests
{
    [Theory, AllDatabases]
    public async Task Regions_form_a_tree_by_division_code_with_departments_under_them(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        var zhejiang = h.Zhejiang!;
        var hangzhou = h.Hangzhou!;
        var xihu = h.Xihu!;
        Assert.Equal(("浙江省", OrganizationKind.Province, (long?)null), (zhejiang.Name, zhejiang.Kind, zhejiang.ParentId));
        Assert.Equal(("杭州市", OrganizationKind.City, (long?)zhejiang.Id), (hangzhou.Name, hangzhou.Kind, hangzhou.ParentId));
        Assert.Equal(("西湖区", OrganizationKind.County, (long?)hangzhou.Id), (xihu.Name, xihu.Kind, xihu.ParentId));

        var police = await h.Organizations.CreateDepartmentAsync(zhejiang.Id, "gat", "浙江省公安厅", null, Actor.System);
        var market = await h.Organizations.CreateDepartmentAsync(hangzhou.Id, "scjg", "杭州市市场监督管理局", "91350100M000100Y43", Actor.System);
        Assert.Equal(OrganizationKind.Department, police.Kind);
        Assert.Equal("330100", market.DivisionCode);
        Assert.Equal("91350100M000100Y43", (await h.Organizations.GetAsync(market.Id)).CreditCode);

        Assert.Equal([hangzhou.Id, police.Id], (await h.Organizations.ListChildrenAsync(zhejiang.Id)).Select(o => o.Id));
        Assert.Equal([zhejiang.Id], (await h.Organizations.ListChildrenAsync(null)).Select(o => o.Id));
        Assert.Equal([zhejiang.Id, hangzhou.Id, xihu.Id, police.Id, market.Id], await h.Organizations.GetSubtreeIdsAsync(zhejiang.Id));
        Assert.Equal([hangzhou.Id, xihu.Id, market.Id], await h.Organizations.GetSubtreeIdsAsync(hangzhou.Id));

        Assert.True(await h.Organizations.IsWithinAsync(xihu.Id, zhejiang.Id));
        Assert.True(await h.Organizations.IsWithinAsync(market.Id, hangzhou.Id));
        Assert.True(await h.Organizations.IsWithinAsync(xihu.Id, xihu.Id));
        Assert.False(await h.Organizations.IsWithinAsync(police.Id, hangzhou.Id));
        Assert.False(await h.Organizations.IsWithinAsync(zhejiang.Id, xihu.Id));
        Assert.False(await h.Organizations.IsWithinAsync(9999, zhejiang.Id));
        Assert.Equal(hangzhou.Id, (await h.Organizations.FindRegionAsync("330100"))!.Id);

        var many = await h.Organizations.FindManyAsync([market.Id, police.Id, 9999, police.Id]);
        Assert.Equal([police.Id, market.Id], many.Keys.Order());
        Assert.Equal(await h.Organizations.GetAsync(market.Id), many[market.Id]);
        Assert.Empty(await h.Organizations.FindManyAsync([]));

        Assert.Equal(5, h.Audit.Where("organization.create", AuditOutcome.Success).Count);
    }

    [Theory, AllDatabases]
    public async Task Unknown_divisions_missing_parents_and_duplicates_are_refused_and_audited(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);

        var unknown = await Assert.ThrowsAsync<GongshuException>(() => h.Organizations.CreateRegionAsync("339999", Actor.System));
        Assert.Equal(("unknown_division", "divisionCode", ErrorKind.BadRequest), (unknown.Code, unknown.Field, unknown.Kind));

        var orphan = await Assert.ThrowsAsync<GongshuException>(() => h.Organizations.CreateRegionAsync("320102", Actor.System));
        Assert.Equal(("parent_not_found", ErrorKind.NotFound), (orphan.Code, orphan.Kind));
        Assert.Contains("南京市", orphan.Message, StringComparison.Ordinal);

        var twice = await Assert.ThrowsAsync<GongshuException>(() => h.Organizations.CreateRegionAsync("330106", Actor.System));
        Assert.Equal(("organization_exists", ErrorKind.Conflict), (twice.Code, twice.Kind));

        await h.Organizations.CreateDepartmentAsync(h.Zhejiang!.Id, "gat", "浙江省公安厅", null, Actor.System);
        var sameCode = await Assert.ThrowsAsync<GongshuException>(() => h.Organizations.CreateDepartmentAsync(h.Zhejiang.Id, "gat", "另一个厅", null, Actor.System));
        Assert.Equal(("organization_exists", "shortCode"), (sameCode.Code, sameCode.Field));

        var noParent = await Assert.ThrowsAsync<GongshuException>(() => h.Organizations.CreateDepartmentAsync(9999, "gat", "浙江省公安厅", null, Actor.System));
        Assert.Equal(("parent_not_found", "parentId"), (noParent.Code, noParent.Field));

        var badCredit = await Assert.ThrowsAsync<GongshuException>(() => h.Organizations.CreateDepartmentAsync(h.Zhejiang.Id, "sjj", "浙江省大数据局", "91350100M000100Y44", Actor.System));
        Assert.Equal(("invalid_credit_code", "creditCode"), (badCredit.Code, badCredit.Field));

        var badSlug = await Assert.ThrowsAsync<GongshuException>(() => h.Organizations.CreateDepartmentAsync(h.Zhejiang.Id, "公安", "浙江省公安厅", null, Actor.System));
        Assert.Equal("shortCode", badSlug.Field);

        Assert.Equal(
            ["unknown_division", "parent_not_found", "organization_exists", "organization_exists", "parent_not_found", "invalid_credit_code", "invalid_input"],
            h.Audit.Reasons("organization.create"));
    }

    [Theory, AllDatabases]
    public async Task Municipality_districts_sit_directly_under_the_municipality(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind, withTree: false);
        var beijing = await h.Organizations.CreateRegionAsync("110000", Actor.System);
        var dongcheng = await h.Organizations.CreateRegionAsync("110101", Actor.System);
        Assert.Equal(beijing.Id, dongcheng.ParentId);

        var grouping = await Assert.ThrowsAsync<GongshuException>(() => h.Organizations.CreateRegionAsync("110100", Actor.System));
        Assert.Equal("division_is_grouping", grouping.Code);
    }
}
