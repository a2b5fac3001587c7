using Gongshu.Audit;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.DirectoryTests;

public class AuthenticationServiceTests
{
    private const string Login = AuthenticationService.LoginAction;

    [Theory, AllDatabases]
    public async Task A_user_signs_in_with_password_and_totp(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        var created = await h.CreateUserAsync("zhangsan", h.Xihu!.Id, Role.ProviderAdmin);
        var seed = await h.EnrolTotpAsync(created.Id);
        h.Clock.Advance(TimeSpan.FromSeconds(30));

        var user = await h.Authentication.SignInAsync("ZhangSan", DirectoryHarness.GoodPassword, Totp.Compute(seed, h.Clock.GetUtcNow()), "192.0.2.7");

        Assert.Equal((created.Id, "zhangsan", h.Xihu.Id), (user.Id, user.Username, user.OrganizationId));
        Assert.Equal([Role.ProviderAdmin], user.Roles);
        Assert.True(user.TotpEnabled);
        Assert.False(user.MustEnrolTotp);
        Assert.Equal(h.Clock.GetUtcNow(), user.LastSignInAt);

        var entry = Assert.Single(h.Audit.Where(Login));
        Assert.Equal((AuditOutcome.Success, created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "192.0.2.7"),
            (entry.Outcome, entry.Actor, entry.ClientAddress));
    }

    [Theory, AllDatabases]
    public async Task Enrolment_gives_an_otpauth_uri_and_activates_only_with_a_valid_code(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        var user = await h.CreateUserAsync("zhangsan", h.Xihu!.Id, Role.Auditor);
        var enrolment = await h.Totp.BeginEnrolmentAsync(user.Id, Actor.ForUser(user));

        Assert.Equal(32, enrolment.SecretBase32.Length);
        Assert.Equal($"otpauth://totp/Gongshu:zhangsan?secret={enrolment.SecretBase32}&issuer=Gongshu", enrolment.Uri);

        // Not active yet: the password alone still signs in, flagged for enrolment.
        Assert.True((await h.Authentication.SignInAsync("zhangsan", DirectoryHarness.GoodPassword, null, null)).MustEnrolTotp);

        var seed = Base32.Decode(enrolment.SecretBase32);
        var wrong = await Assert.ThrowsAsync<GongshuException>(() => h.Totp.ConfirmEnrolmentAsync(user.Id, h.WrongCode(seed), Actor.ForUser(user)));
        Assert.Equal(("totp_invalid", "code"), (wrong.Code, wrong.Field));

        var code = Totp.Compute(seed, h.Clock.GetUtcNow());
        await h.Totp.ConfirmEnrolmentAsync(user.Id, code, Actor.ForUser(user));
        Assert.True((await h.Users.GetAsync(user.Id)).TotpEnabled);

        // The confirmation code was spent on enrolment.
        var reused = await Assert.ThrowsAsync<GongshuException>(() => h.Authentication.SignInAsync("zhangsan", DirectoryHarness.GoodPassword, code, null));
        Assert.Equal("totp_reused", reused.Code);
        Assert.Equal(["totp_invalid"], h.Audit.Reasons("user.totp_enrol"));
    }

    [Theory, AllDatabases]
    public async Task Totp_is_required_checked_and_never_accepted_twice(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        var user = await h.CreateUserAsync("zhangsan", h.Xihu!.Id, Role.Consumer);
        var seed = await h.EnrolTotpAsync(user.Id);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var code = Totp.Compute(seed, h.Clock.GetUtcNow());

        var missing = await Assert.ThrowsAsync<GongshuException>(() => h.Authentication.SignInAsync("zhangsan", DirectoryHarness.GoodPassword, null, null));
        Assert.Equal(("totp_required", ErrorKind.Unauthorized), (missing.Code, missing.Kind));

        var wrongCode = h.WrongCode(seed);
        var invalid = await Assert.ThrowsAsync<GongshuException>(() => h.Authentication.SignInAsync("zhangsan", DirectoryHarness.GoodPassword, wrongCode, null));
        Assert.Equal(("totp_invalid", ErrorKind.Unauthorized), (invalid.Code, invalid.Kind));

        await h.Authentication.SignInAsync("zhangsan", DirectoryHarness.GoodPassword, code, null);
        h.Clock.Advance(TimeSpan.FromSeconds(20));
        var reused = await Assert.ThrowsAsync<GongshuException>(() => h.Authentication.SignInAsync("zhangsan", DirectoryHarness.GoodPassword, code, null));
        Assert.Equal(("totp_reused", ErrorKind.Unauthorized), (reused.Code, reused.Kind));

        Assert.Equal(["totp_required", "totp_invalid", "totp_reused"], h.Audit.Reasons(Login));
        Assert.All(h.Audit.Where(Login), e => Assert.DoesNotContain(code, e.Detail ?? "", StringComparison.Ordinal));
    }

    [Theory, AllDatabases]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_error(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        await h.CreateUserAsync("zhangsan", h.Xihu!.Id, Role.Public);

        var wrong = await Assert.ThrowsAsync<GongshuException>(() => h.Authentication.SignInAsync("zhangsan", "Wrong-Password-1", null, "192.0.2.1"));
        var unknown = await Assert.ThrowsAsync<GongshuException>(() => h.Authentication.SignInAsync("nobody", "Wrong-Password-1", null, "192.0.2.1"));

        Assert.Equal(("invalid_credentials", ErrorKind.Unauthorized), (wrong.Code, wrong.Kind));
        Assert.Equal((wrong.Code, wrong.Kind, wrong.Message, wrong.Field), (unknown.Code, unknown.Kind, unknown.Message, unknown.Field));

        var denied = h.Audit.Where(Login, AuditOutcome.Denied);
        Assert.Equal(2, denied.Count);
        Assert.Equal("anonymous", denied[1].Actor);
        Assert.All(denied, e => Assert.DoesNotContain("Wrong-Password-1", e.Detail!, StringComparison.Ordinal));
    }

    [Theory, AllDatabases]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        await h.CreateUserAsync("zhangsan", h.Xihu!.Id, Role.Public);

        for (var i = 0; i < 5; i++)
        {
            var failure = await Assert.ThrowsAsync<GongshuException>(() => h.Authentication.SignInAsync("zhangsan", $"Wrong-Password-{i}", null, null));
            Assert.Equal("invalid_credentials", failure.Code);
        }

        var locked = await Assert.ThrowsAsync<GongshuException>(() => h.Authentication.SignInAsync("zhangsan", DirectoryHarness.GoodPassword, null, null));
        Assert.Equal(("account_locked", ErrorKind.Forbidden), (locked.Code, locked.Kind));
        Assert.Contains("2025-03-01 08:15:00 UTC", locked.Message, StringComparison.Ordinal);
        Assert.Equal(h.Clock.GetUtcNow().AddMinutes(15), (await h.Users.FindByUsernameAsync("zhangsan"))!.LockedUntil);

        h.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal("account_locked", (await Assert.ThrowsAsync<GongshuException>(() =>
            h.Authentication.SignInAsync("zhangsan", DirectoryHarness.GoodPassword, null, null))).Code);

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var user = await h.Authentication.SignInAsync("zhangsan", DirectoryHarness.GoodPassword, null, null);
        Assert.Null(user.LockedUntil);

        Assert.Equal([.. Enumerable.Repeat("invalid_credentials", 5), "account_locked", "account_locked"], h.Audit.Reasons(Login));
        Assert.Single(h.Audit.Where(Login, AuditOutcome.Success));
    }

    [Theory, AllDatabases]
    public async Task A_success_resets_the_failure_count_and_totp_failures_count_too(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        var user = await h.CreateUserAsync("zhangsan", h.Xihu!.Id, Role.Consumer);
        var seed = await h.EnrolTotpAsync(user.Id);

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                await Assert.ThrowsAsync<GongshuException>(() => h.Authentication.SignInAsync("zhangsan", "Wrong-Password-1", null, null));
            }

            h.Clock.Advance(TimeSpan.FromSeconds(30));
            await h.Authentication.SignInAsync("zhangsan", DirectoryHarness.GoodPassword, Totp.Compute(seed, h.Clock.GetUtcNow()), null);
        }

        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<GongshuException>(() => h.Authentication.SignInAsync("zhangsan", DirectoryHarness.GoodPassword, h.WrongCode(seed), null));
        }

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var locked = await Assert.ThrowsAsync<GongshuException>(() =>
            h.Authentication.SignInAsync("zhangsan", DirectoryHarness.GoodPassword, Totp.Compute(seed, h.Clock.GetUtcNow()), null));
        Assert.Equal("account_locked", locked.Code);
    }

    [Theory, AllDatabases]
    public async Task A_disabled_account_cannot_sign_in(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        var user = await h.CreateUserAsync("zhangsan", h.Xihu!.Id, Role.Public);
        await h.Users.SetDisabledAsync(user.Id, true, Actor.System);

        var error = await Assert.ThrowsAsync<GongshuException>(() => h.Authentication.SignInAsync("zhangsan", DirectoryHarness.GoodPassword, null, null));
        Assert.Equal(("account_disabled", ErrorKind.Forbidden), (error.Code, error.Kind));

        // A wrong password still gets the generic answer: the account's state is not revealed to guessers.
        Assert.Equal("invalid_credentials", (await Assert.ThrowsAsync<GongshuException>(() =>
            h.Authentication.SignInAsync("zhangsan", "Wrong-Password-1", null, null))).Code);
        Assert.Equal(["account_disabled", "invalid_credentials"], h.Audit.Reasons(Login));
    }

    [Theory, AllDatabases]
    public async Task The_totp_seed_is_stored_sealed(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        var user = await h.CreateUserAsync("zhangsan", h.Xihu!.Id, Role.Consumer);
        var seed = await h.EnrolTotpAsync(user.Id);

        await using var connection = await h.Database.OpenConnectionAsync();
        var stored = await Dapper.SqlMapper.ExecuteScalarAsync<byte[]>(connection, "SELECT secret_sealed FROM user_totp WHERE user_id = @Id", new { user.Id });
        Assert.NotNull(stored);
        Assert.Equal(-1, stored.AsSpan().IndexOf(seed));
        Assert.Equal(seed, h.Keys.Unseal(stored, TotpService.SealPurpose));
    }
}
