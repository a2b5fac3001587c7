using Dapper;
using Gongshu.Audit;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.DirectoryTests;

public class UserServiceTests
{
    [Theory, AllDatabases]
    public async Task A_created_user_has_its_organization_roles_and_a_hashed_password(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        var user = await h.Users.CreateAsync("Zhang.San", "张三", h.Xihu!.Id, [Role.ProviderAdmin, Role.Consumer], DirectoryHarness.GoodPassword, Actor.System);

        Assert.Equal(("Zhang.San", "张三", h.Xihu.Id), (user.Username, user.DisplayName, user.OrganizationId));
        Assert.Equal([Role.ProviderAdmin, Role.Consumer], user.Roles);
        Assert.True(user.MustEnrolTotp);
        Assert.Equal(user, await h.Users.GetAsync(user.Id));
        Assert.Equal(user.Id, (await h.Users.FindByUsernameAsync("zhang.san"))!.Id);
        Assert.Equal([user.Id], (await h.Users.ListByOrganizationAsync(h.Xihu.Id)).Select(u => u.Id));
        Assert.Empty(await h.Users.ListByOrganizationAsync(h.Hangzhou!.Id));

        await using var connection = await h.Database.OpenConnectionAsync();
        var hash = await connection.ExecuteScalarAsync<string>("SELECT password_hash FROM users WHERE id = @Id", new { user.Id });
        Assert.DoesNotContain(DirectoryHarness.GoodPassword, hash!, StringComparison.Ordinal);

        var created = Assert.Single(h.Audit.Where("user.create", AuditOutcome.Success));
        Assert.Equal($"user:{user.Id}", created.Object);
        Assert.DoesNotContain(DirectoryHarness.GoodPassword, created.Detail!, StringComparison.Ordinal);
    }

    [Theory, AllDatabases]
    public async Task Usernames_are_unique_regardless_of_case(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        await h.CreateUserAsync("lisi", h.Xihu!.Id);
        var error = await Assert.ThrowsAsync<GongshuException>(() => h.CreateUserAsync("LiSi", h.Hangzhou!.Id));
        Assert.Equal(("username_taken", "username", ErrorKind.Conflict), (error.Code, error.Field, error.Kind));
    }

    [Theory]
    [InlineData("short1A")]
    [InlineData("alllowercaseletters")]
    [InlineData("12345678901234")]
    [InlineData("wangwu-Password1")]
    public async Task A_weak_password_is_refused_naming_the_field(string password)
    {
        await using var h = await DirectoryHarness.CreateAsync(DatabaseKind.Sqlite);
        var error = await Assert.ThrowsAsync<GongshuException>(() =>
            h.Users.CreateAsync("wangwu", "王五", h.Xihu!.Id, [Role.Consumer], password, Actor.System));
        Assert.Equal(("weak_password", "password", ErrorKind.BadRequest), (error.Code, error.Field, error.Kind));
        Assert.Null(await h.Users.FindByUsernameAsync("wangwu"));
        Assert.Equal(["weak_password"], h.Audit.Reasons("user.create"));
    }

    [Theory, AllDatabases]
    public async Task Bad_input_names_its_field(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        Assert.Equal("username", (await Assert.ThrowsAsync<GongshuException>(() =>
            h.Users.CreateAsync("张三", "张三", h.Xihu!.Id, [Role.Consumer], DirectoryHarness.GoodPassword, Actor.System))).Field);
        Assert.Equal("roles", (await Assert.ThrowsAsync<GongshuException>(() =>
            h.Users.CreateAsync("zhangsan", "张三", h.Xihu!.Id, [], DirectoryHarness.GoodPassword, Actor.System))).Field);
        var noOrg = await Assert.ThrowsAsync<GongshuException>(() =>
            h.Users.CreateAsync("zhangsan", "张三", 9999, [Role.Consumer], DirectoryHarness.GoodPassword, Actor.System));
        Assert.Equal(("organization_not_found", "organizationId"), (noOrg.Code, noOrg.Field));
    }

    [Theory, AllDatabases]
    public async Task Roles_can_be_replaced_and_passwords_changed(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        var user = await h.CreateUserAsync("zhaoliu", h.Xihu!.Id, Role.Consumer);
        var admin = new Actor("1", h.Zhejiang!.Id, "10.0.0.1");

        var updated = await h.Users.SetRolesAsync(user.Id, [Role.Auditor, Role.PlatformAdmin, Role.Auditor], admin);
        Assert.Equal([Role.PlatformAdmin, Role.Auditor], updated.Roles);

        var wrong = await Assert.ThrowsAsync<GongshuException>(() =>
            h.Users.ChangePasswordAsync(user.Id, "not-the-password", "Another-Pass-42", Actor.ForUser(user)));
        Assert.Equal(("invalid_credentials", "currentPassword"), (wrong.Code, wrong.Field));
        var weak = await Assert.ThrowsAsync<GongshuException>(() =>
            h.Users.ChangePasswordAsync(user.Id, DirectoryHarness.GoodPassword, "weak", Actor.ForUser(user)));
        Assert.Equal(("weak_password", "newPassword"), (weak.Code, weak.Field));

        await h.Users.ChangePasswordAsync(user.Id, DirectoryHarness.GoodPassword, "Another-Pass-42", Actor.ForUser(user));
        Assert.Equal(user.Id, (await h.Authentication.SignInAsync("zhaoliu", "Another-Pass-42", null, null)).Id);

        var roleChange = Assert.Single(h.Audit.Where("user.set_roles", AuditOutcome.Success));
        Assert.Equal(("1", "10.0.0.1"), (roleChange.Actor, roleChange.ClientAddress));
        Assert.Single(h.Audit.Where("user.change_password", AuditOutcome.Success));
        Assert.Equal(["invalid_credentials", "weak_password"], h.Audit.Reasons("user.change_password"));
    }
}
