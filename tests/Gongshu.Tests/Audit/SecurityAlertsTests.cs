using Gongshu.Audit;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Audit;

public class SecurityAlertsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private sealed class Bed(AuditTestBed audit, ManualClock clock) : IAsyncDisposable
    {
        public AuditTestBed Audit => audit;

        public ManualClock Clock => clock;

        public SecurityAlerts Alerts { get; } = new(audit.Database);

        public Task<SecurityAlertReport> DayAsync() => Alerts.ComputeAsync(Start.AddHours(-1), clock.Now.AddMinutes(1));

        public async Task AppendAsync(string actor, string action, string? obj, AuditOutcome outcome, string? detail = null, string? address = "10.1.1.1")
        {
            await audit.Log.AppendAsync(new AuditEntry { Actor = actor, Action = action, Object = obj, Outcome = outcome, Detail = detail, ClientAddress = address });
            clock.Now = clock.Now.AddMinutes(1);
        }

        public ValueTask DisposeAsync() => audit.DisposeAsync();
    }

    private static async Task<Bed> CreateAsync(DatabaseKind kind)
    {
        var clock = new ManualClock(Start);
        return new Bed(await AuditTestBed.CreateAsync(kind, clock: clock), clock);
    }

    [Theory, AllDatabases]
    public async Task Six_failed_sign_ins_of_one_account_alert_as_a_lock_out_naming_the_account(DatabaseKind kind)
    {
        await using var bed = await CreateAsync(kind);
        var organizations = new OrganizationService(bed.Audit.Database, bed.Audit.Log, bed.Clock);
        var users = new UserService(bed.Audit.Database, bed.Audit.Log, bed.Clock);
        var sign = new AuthenticationService(bed.Audit.Database, new TotpService(bed.Audit.Database, bed.Audit.Keys, bed.Audit.Log, bed.Clock), bed.Audit.Log, bed.Clock);
        var zhejiang = await organizations.CreateRegionAsync("330000", Actor.System);
        var target = await users.CreateAsync("target.user", "被试账号", zhejiang.Id, [Role.Public], "Qiantang-2026", Actor.System);
        var other = await users.CreateAsync("other.user", "另一个账号", zhejiang.Id, [Role.Public], "Qiantang-2026", Actor.System);

        for (var i = 0; i < 6; i++)
        {
            await Assert.ThrowsAsync<GongshuException>(() => sign.SignInAsync("target.user", "wrong-password-" + i, null, "10.9.9.9"));
            bed.Clock.Now = bed.Clock.Now.AddMinutes(1);
        }

        await Assert.ThrowsAsync<GongshuException>(() => sign.SignInAsync("other.user", "one-typo", null, "10.9.9.8"));
        await sign.SignInAsync("other.user", "Qiantang-2026", null, "10.9.9.8");

        var report = await bed.DayAsync();

        var alert = Assert.Single(report.Alerts);
        Assert.Equal(SecurityAlertKind.AccountLocked, alert.Kind);
        Assert.Equal($"user:{target.Id}", alert.Subject);
        Assert.Equal("target.user", alert.Name);
        Assert.Equal(6, alert.Count);
        Assert.Equal(1, alert.Distinct);
        Assert.True(alert.First < alert.Last);
        Assert.Equal(($"user:{target.Id}", "user.login"), (alert.Search.Object, alert.Search.ActionPrefix));

        // The link finds exactly the entries the alert counted.
        var entries = await new AuditSearch(bed.Audit.Database).SearchAsync(alert.Search with { Outcome = AuditOutcome.Denied });
        Assert.Equal(6, entries.Entries.Count);
        Assert.DoesNotContain(report.Alerts, a => a.Subject == $"user:{other.Id}");
    }

    [Theory, AllDatabases]
    public async Task Three_failures_without_a_lock_alert_as_repeated_failures_and_two_do_not(DatabaseKind kind)
    {
        await using var bed = await CreateAsync(kind);
        const string failure = """{"reason":"invalid_credentials","username":"zhang","lockedUntil":null}""";
        for (var i = 0; i < 3; i++)
        {
            await bed.AppendAsync("7", "user.login", "user:7", AuditOutcome.Denied, failure);
        }

        for (var i = 0; i < 2; i++)
        {
            await bed.AppendAsync("8", "user.login", "user:8", AuditOutcome.Denied, failure.Replace("zhang", "li", StringComparison.Ordinal));
        }

        var report = await bed.DayAsync();

        var alert = Assert.Single(report.Alerts);
        Assert.Equal((SecurityAlertKind.FailedSignIns, "user:7", "zhang", 3L, 0L), (alert.Kind, alert.Subject, alert.Name, alert.Count, alert.Distinct));
    }

    [Theory, AllDatabases]
    public async Task Repeated_denied_and_not_found_accesses_by_one_actor_alert_as_probing_within_the_period_only(DatabaseKind kind)
    {
        await using var bed = await CreateAsync(kind);

        // Yesterday's probing is outside the period.
        for (var i = 0; i < 5; i++)
        {
            await bed.AppendAsync("gsk_old", "gateway.call", $"grant:{i}", AuditOutcome.Denied, """{"status":404}""");
        }

        bed.Clock.Now = bed.Clock.Now.AddDays(1);
        var dayStart = bed.Clock.Now;
        for (var i = 0; i < 4; i++)
        {
            await bed.AppendAsync("gsk_probe", "gateway.call", $"grant:{100 + i}", AuditOutcome.Denied, """{"status":404,"problem":"grant_not_found"}""");
        }

        await bed.AppendAsync("gsk_probe", "catalog.read", "resource:9", AuditOutcome.Denied, """{"reason":"resource_not_found"}""");
        await bed.AppendAsync("gsk_probe", "gateway.call", "grant:5", AuditOutcome.Success);
        for (var i = 0; i < 4; i++)
        {
            await bed.AppendAsync("12", "catalog.read", "resource:1", AuditOutcome.Denied);
        }

        var report = await bed.Alerts.ComputeAsync(dayStart, bed.Clock.Now);

        var alert = Assert.Single(report.Alerts);
        Assert.Equal((SecurityAlertKind.AccessProbing, "gsk_probe", 5L, 5L), (alert.Kind, alert.Subject, alert.Count, alert.Distinct));
        Assert.Equal(("gsk_probe", AuditOutcome.Denied), (alert.Search.Actor, alert.Search.Outcome));
        Assert.Equal(dayStart, alert.Search.From);
    }

    [Theory, AllDatabases]
    public async Task One_replayed_request_alerts_and_bad_signatures_alert_from_three(DatabaseKind kind)
    {
        await using var bed = await CreateAsync(kind);
        await bed.AppendAsync("gsk_replayer", "credential.verify", "credential:gsk_replayer", AuditOutcome.Denied, """{"reason":"nonce_replayed"}""");
        for (var i = 0; i < 3; i++)
        {
            await bed.AppendAsync("gsk_forger", "credential.verify", "credential:gsk_forger", AuditOutcome.Denied, """{"reason":"signature_invalid"}""");
        }

        for (var i = 0; i < 2; i++)
        {
            await bed.AppendAsync("gsk_clock", "credential.verify", "credential:gsk_clock", AuditOutcome.Denied, """{"reason":"timestamp_stale"}""");
        }

        var report = await bed.DayAsync();

        Assert.Equal(
            [(SecurityAlertKind.ReplayedRequests, "gsk_replayer", 1L), (SecurityAlertKind.BadSignatures, "gsk_forger", 3L)],
            report.Alerts.Select(a => (a.Kind, a.Subject, a.Count)));
        Assert.Equal("credential.verify", report.Alerts[0].Search.ActionPrefix);
    }

    [Theory, AllDatabases]
    public async Task The_last_chain_verification_in_the_period_is_reported_with_its_result(DatabaseKind kind)
    {
        await using var bed = await CreateAsync(kind);
        await bed.Audit.AppendAsync(3);
        Assert.Null((await bed.DayAsync()).LastVerification);

        var result = await bed.Audit.VerifyAsync();
        await bed.AppendAsync("21", SecurityAlerts.VerifyAction, null, AuditOutcome.Success,
            System.Text.Json.JsonSerializer.Serialize(new { result.Ok, result.EntriesChecked, result.CheckpointsChecked, result.Seq, kind = (string?)null }));
        await bed.AppendAsync("21", SecurityAlerts.VerifyAction, null, AuditOutcome.Failed, """{"Ok":false,"EntriesChecked":4,"CheckpointsChecked":0,"Seq":5,"kind":"Altered"}""");

        var last = (await bed.DayAsync()).LastVerification;

        Assert.NotNull(last);
        Assert.Equal((5L, "21", false, 4L, 5L), (last.Seq, last.Actor, last.Ok, last.EntriesChecked, last.BrokenAt));
        Assert.True(result.Ok);
        Assert.Equal(3, result.EntriesChecked);
    }

    [Theory, AllDatabases]
    public async Task A_period_that_ends_before_it_starts_is_refused(DatabaseKind kind)
    {
        await using var bed = await CreateAsync(kind);

        var error = await Assert.ThrowsAsync<GongshuException>(() => bed.Alerts.ComputeAsync(Start, Start.AddHours(-1)));

        Assert.Equal("to", error.Field);
    }
}
