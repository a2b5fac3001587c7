using Dapper;
using Gongshu.Calendar;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Sharing;
using Gongshu.Storage;
using Gongshu.Tests.CatalogTests;
using Gongshu.Tests.Governance.Tickets;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Sharing;

public sealed class ShareApplicationsTests
{
    [Theory, AllDatabases]
    public async Task Conditional_data_with_L3_fields_needs_the_provider_then_the_platform_and_becomes_a_grant_with_signed_decisions(DatabaseKind kind)
    {
        await using var s = await SharingHarness.CreateAsync(kind);
        var h = s.Catalog;
        var filed = await s.Applications.ApplyAsync(s.MarketConsumer, s.Request(s.People.Id, "id_number", "name"));
        Assert.Equal((ApplicationStates.ProviderReview, true), (filed.State, filed.NeedsPlatform));
        Assert.Equal(new DateTimeOffset(2025, 3, 15, 0, 0, 0, WorkingCalendar.Beijing), filed.StageDueAt); // ten working days from Saturday 1 March

        await AssertProblem(ErrorKind.Forbidden, "decision_forbidden", () => s.Applications.DecideAsync(h.Reviewer, filed.Id, new ShareDecisionInput(true)));
        await AssertProblem(ErrorKind.NotFound, "application_not_found", () => s.Applications.GetAsync(s.BureauConsumer, filed.Id));
        var provided = await s.Applications.DecideAsync(h.PoliceAdmin, filed.Id, new ShareDecisionInput(true, DailyQuota: 500));
        Assert.Equal(ApplicationStates.PlatformReview, provided.State);
        await AssertProblem(ErrorKind.Forbidden, "decision_forbidden", () => s.Applications.DecideAsync(h.PoliceAdmin, filed.Id, new ShareDecisionInput(true)));
        var granted = await s.Applications.DecideAsync(h.Reviewer, filed.Id, new ShareDecisionInput(true, RateLimit: 20));
        Assert.Equal(ApplicationStates.Granted, granted.State);
        Assert.Equal(["provider", "platform"], granted.Decisions.Select(d => d.Stage));
        Assert.All(granted.Decisions, d => Assert.True(d.SignatureValid));
        Assert.Contains("decision=approved", granted.Decisions[1].SignedText);

        var grant = await s.Grants.GetAsync(s.MarketConsumer, granted.GrantId!.Value);
        Assert.Equal(["id_number", "name"], grant.Fields);
        Assert.Equal((500, 20, (string?)null), (grant.DailyQuota, grant.RateLimit, grant.AppKey));
        await AssertProblem(ErrorKind.Conflict, "application_decided", () => s.Applications.DecideAsync(h.Reviewer, filed.Id, new ShareDecisionInput(true)));

        // A decision altered in the database no longer verifies.
        await using (var connection = await h.Database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("UPDATE share_decisions SET signed_text = replace(signed_text, 'approved', 'refused') WHERE stage = 'platform'");
        }

        Assert.False((await s.Applications.GetAsync(h.Reviewer, filed.Id)).Decisions[1].SignatureValid);

        // The credential: shown once, rotated on request, refused to other departments and roles.
        await AssertProblem(ErrorKind.NotFound, "grant_not_found", () => s.Grants.IssueCredentialAsync(s.BureauConsumer, grant.Id));
        await AssertProblem(ErrorKind.Forbidden, "credential_forbidden", () => s.Grants.IssueCredentialAsync(h.PoliceAdmin, grant.Id));
        var credential = await s.Grants.IssueCredentialAsync(s.MarketConsumer, grant.Id);
        Assert.StartsWith("gsk_", credential.AppKey);
        Assert.Equal(43, credential.Secret.Length);
        await AssertProblem(ErrorKind.Conflict, "credential_issued", () => s.Grants.IssueCredentialAsync(s.MarketConsumer, grant.Id));
        var rotated = await s.Grants.IssueCredentialAsync(s.MarketConsumer, grant.Id, rotate: true);
        Assert.NotEqual(credential.AppKey, rotated.AppKey);
        Assert.NotNull((await s.Credentials.FindAsync(credential.AppKey))!.RevokedAt);

        await AssertProblem(ErrorKind.Forbidden, "revoke_forbidden", () => s.Grants.RevokeAsync(s.MarketConsumer, grant.Id, "x"));
        await AssertProblem(ErrorKind.BadRequest, "text_required", () => s.Grants.RevokeAsync(h.PoliceAdmin, grant.Id, " "));
        var revoked = await s.Grants.RevokeAsync(h.PoliceAdmin, grant.Id, "用途已结束");
        Assert.NotNull(revoked.RevokedAt);
        Assert.NotNull((await s.Credentials.FindAsync(rotated.AppKey))!.RevokedAt);

        var audit = await s.AuditAsync();
        Assert.Equal(["sharing.application.filed", "sharing.application.approved", "sharing.application.approved", "sharing.grant.created",
            "sharing.grant.credential_issued", "sharing.grant.credential_rotated", "sharing.grant.revoked"], audit);
        var notices = await s.Applications.NoticesAsync(s.MarketConsumer);
        Assert.Equal("granted", notices[0].Kind);

        // A public account placed in the consumer's organization acts for no department: it sees none of its sharing.
        var publicUser = s.MarketConsumer with { UserId = s.MarketConsumer.UserId + 1000, Roles = [Role.Public] };
        await AssertProblem(ErrorKind.NotFound, "application_not_found", () => s.Applications.GetAsync(publicUser, filed.Id));
        await AssertProblem(ErrorKind.NotFound, "grant_not_found", () => s.Grants.GetAsync(publicUser, grant.Id));
        Assert.Empty(await s.Applications.ListAsync(publicUser));
        Assert.Empty(await s.Grants.ListAsync(publicUser));
        Assert.Empty(await s.Applications.NoticesAsync(publicUser));
    }

    [Theory, AllDatabases]
    public async Task Each_share_type_routes_its_own_way_and_a_refusal_needs_a_reason(DatabaseKind kind)
    {
        await using var s = await SharingHarness.CreateAsync(kind);
        var h = s.Catalog;

        // 无条件共享 with L1 fields: the compliance check grants it at once, signed by the platform.
        var enterprises = await s.Tickets.PublishEnterprisesAsync();
        var open = await s.Applications.ApplyAsync(s.PoliceConsumer, s.Request(enterprises.Id, "credit_code", "name") with { LegalBasis = null });
        Assert.Equal(ApplicationStates.Granted, open.State);
        Assert.Equal(("compliance", "system", true), (open.Decisions[0].Stage, open.Decisions[0].DecidedBy, open.Decisions[0].SignatureValid));
        Assert.NotNull(open.GrantId);

        // 有条件共享 of L2 fields only: the provider's approval is enough.
        var birthDates = await s.Applications.ApplyAsync(s.MarketConsumer, s.Request(s.People.Id, "birth_date"));
        Assert.False(birthDates.NeedsPlatform);
        await AssertProblem(ErrorKind.BadRequest, "text_required", () => s.Applications.DecideAsync(h.PoliceAdmin, birthDates.Id, new ShareDecisionInput(false)));
        var refused = await s.Applications.DecideAsync(h.PoliceAdmin, birthDates.Id, new ShareDecisionInput(false, "申请用途与出生日期无关"));
        Assert.Equal((ApplicationStates.Refused, "申请用途与出生日期无关"), (refused.State, refused.RefusalReason));
        Assert.Null(refused.GrantId);
        Assert.Equal("refused", (await s.Applications.NoticesAsync(s.MarketConsumer))[0].Kind);
        var again = await s.Applications.ApplyAsync(s.MarketConsumer, s.Request(s.People.Id, "birth_date"));
        Assert.Equal(ApplicationStates.Granted, (await s.Applications.DecideAsync(h.PoliceAdmin, again.Id, new ShareDecisionInput(true))).State);

        // 不予共享: the platform admins coordinate.
        var closed = await h.PublishAsync(CatalogHarness.Complete("在逃人员信息") with { ShareType = ShareTypes.None, ShareCondition = "涉及侦查秘密", ShareMethod = null });
        var coordination = await s.Applications.ApplyAsync(s.MarketConsumer, s.Request(closed.Id, "name"));
        Assert.Equal(ApplicationStates.Coordination, coordination.State);
        await AssertProblem(ErrorKind.Forbidden, "decision_forbidden", () => s.Applications.DecideAsync(h.PoliceAdmin, coordination.Id, new ShareDecisionInput(true)));
        Assert.Equal(ApplicationStates.Refused, (await s.Applications.DecideAsync(h.Reviewer, coordination.Id, new ShareDecisionInput(false, "法律禁止共享"))).State);

        var awaiting = await s.Applications.ListAsync(h.PoliceAdmin, awaitingMe: true);
        Assert.Empty(awaiting);
        Assert.Equal(3, (await s.Applications.ListAsync(s.MarketConsumer)).Count);

        // Paging backwards: each page starts below the last id of the one before.
        var first = await s.Applications.ListAsync(s.MarketConsumer, limit: 2);
        Assert.Equal([coordination.Id, again.Id], first.Select(a => a.Id));
        var next = await s.Applications.ListAsync(s.MarketConsumer, limit: 2, before: first[^1].Id);
        Assert.Equal([refused.Id], next.Select(a => a.Id));
        Assert.Empty(await s.Applications.ListAsync(s.MarketConsumer, before: refused.Id));
    }

    [Theory, AllDatabases]
    public async Task Bad_applications_are_refused_whole_and_name_the_field(DatabaseKind kind)
    {
        await using var s = await SharingHarness.CreateAsync(kind);
        var h = s.Catalog;
        var id = s.People.Id;
        await AssertProblem(ErrorKind.BadRequest, "unknown_field", () => s.Applications.ApplyAsync(s.MarketConsumer, s.Request(id, "salary")));
        await AssertProblem(ErrorKind.BadRequest, "fields_missing", () => s.Applications.ApplyAsync(s.MarketConsumer, s.Request(id)));
        await AssertProblem(ErrorKind.BadRequest, "duplicate_field", () => s.Applications.ApplyAsync(s.MarketConsumer, s.Request(id, "name", "name")));
        await AssertProblem(ErrorKind.BadRequest, "text_required", () => s.Applications.ApplyAsync(s.MarketConsumer, s.Request(id, "name") with { Purpose = " " }));
        await AssertProblem(ErrorKind.BadRequest, "text_required", () => s.Applications.ApplyAsync(s.MarketConsumer, s.Request(id, "name") with { LegalBasis = null }));
        await AssertProblem(ErrorKind.BadRequest, "invalid_period", () => s.Applications.ApplyAsync(s.MarketConsumer,
            s.Request(id, "name") with { PeriodFrom = new DateOnly(2025, 2, 1) }));
        await AssertProblem(ErrorKind.BadRequest, "invalid_period", () => s.Applications.ApplyAsync(s.MarketConsumer,
            s.Request(id, "name") with { PeriodTo = new DateOnly(2026, 6, 1) }));
        await AssertProblem(ErrorKind.BadRequest, "invalid_calls", () => s.Applications.ApplyAsync(s.MarketConsumer, s.Request(id, "name") with { ExpectedDailyCalls = 0 }));
        await AssertProblem(ErrorKind.Forbidden, "apply_forbidden", () => s.Applications.ApplyAsync(h.MarketAdmin, s.Request(id, "name")));
        await AssertProblem(ErrorKind.Conflict, "own_resource", () => s.Applications.ApplyAsync(s.PoliceConsumer, s.Request(id, "name")));
        await AssertProblem(ErrorKind.NotFound, "grant_not_found", () => s.Applications.ApplyAsync(s.MarketConsumer, s.Request(id, "name") with { RenewsGrantId = 999 }));
        await AssertProblem(ErrorKind.BadRequest, "invalid_quota", () => s.Applications.DecideAsync(h.PoliceAdmin, 1, new ShareDecisionInput(true, DailyQuota: 0)));
        Assert.Equal(0, await h.CountAsync("share_applications"));

        await s.Applications.ApplyAsync(s.MarketConsumer, s.Request(id, "name"));
        await AssertProblem(ErrorKind.Conflict, "application_pending", () => s.Applications.ApplyAsync(s.MarketConsumer, s.Request(id, "birth_date")));
        Assert.Equal(1, await h.CountAsync("share_applications"));
    }

    [Theory, AllDatabases]
    public async Task Deadlines_remind_the_reviewer_then_escalate_to_the_platform_and_count_against_the_kpi(DatabaseKind kind)
    {
        await using var s = await SharingHarness.CreateAsync(kind);
        var h = s.Catalog;
        var filed = await s.Applications.ApplyAsync(s.MarketConsumer, s.Request(s.People.Id, "birth_date"));
        Assert.Equal((0, 0), await s.Applications.SweepDeadlinesAsync());

        // Thursday 13 March, 10:00 in Beijing: one working day (Friday) is left.
        h.Clock.Set(new DateTimeOffset(2025, 3, 13, 10, 0, 0, WorkingCalendar.Beijing));
        Assert.Equal((1, 0), await s.Applications.SweepDeadlinesAsync());
        Assert.Equal("reminder", (await s.Applications.NoticesAsync(h.PoliceAdmin))[0].Kind);
        Assert.Equal((0, 0), await s.Applications.SweepDeadlinesAsync());

        h.Clock.Set(new DateTimeOffset(2025, 3, 15, 0, 0, 0, WorkingCalendar.Beijing));
        Assert.Equal((0, 1), await s.Applications.SweepDeadlinesAsync());
        Assert.Equal("escalation", (await s.Applications.NoticesAsync(h.Reviewer))[0].Kind);
        Assert.Empty(await s.Applications.NoticesAsync(s.MarketConsumer));
        Assert.True((await s.Applications.GetAsync(s.MarketConsumer, filed.Id)).Overdue);

        var kpi = await s.Applications.KpiAsync(h.Reviewer);
        Assert.Equal((1, 0, 1, 1, 0.0), (kpi.Filed, kpi.Granted, kpi.Pending, kpi.PendingOverdue, kpi.SatisfactionRate));

        // Granted on Monday 17 March: eleven working days after filing.
        h.Clock.Set(new DateTimeOffset(2025, 3, 17, 9, 0, 0, WorkingCalendar.Beijing));
        await s.Applications.DecideAsync(h.PoliceAdmin, filed.Id, new ShareDecisionInput(true));
        kpi = await s.Applications.KpiAsync(h.Reviewer);
        Assert.Equal((1, 100.0, 11.0), (kpi.Granted, kpi.SatisfactionRate, kpi.AverageApprovalWorkingDays));
        await AssertProblem(ErrorKind.Forbidden, "kpi_forbidden", () => s.Applications.KpiAsync(h.PoliceAdmin));

        var withdrawn = await s.Applications.ApplyAsync(s.MarketConsumer, s.Request(s.People.Id, "name") with { PeriodFrom = new DateOnly(2025, 3, 17), PeriodTo = new DateOnly(2025, 12, 31) });
        await AssertProblem(ErrorKind.Forbidden, "withdraw_forbidden", () => s.Applications.WithdrawAsync(h.PoliceAdmin, withdrawn.Id));
        Assert.Equal(ApplicationStates.Withdrawn, (await s.Applications.WithdrawAsync(s.MarketConsumer, withdrawn.Id)).State);
    }

    [Theory, AllDatabases]
    public async Task A_department_holding_a_grant_of_the_key_and_the_field_may_report_a_correction_and_no_other(DatabaseKind kind)
    {
        await using var s = await SharingHarness.CreateAsync(kind);
        var h = s.Catalog;
        var people = Gongshu.Tests.Security.Encryption.EncryptionAtRestTests.People(4);
        await s.Tickets.Collection.LoadAsync(Gongshu.Tests.Security.Encryption.EncryptionAtRestTests.Csv(people), "people.csv");
        var correction = new Gongshu.Governance.Tickets.CorrectionRequest(new Dictionary<string, string> { ["id_number"] = people[1].Id }, "name", "王小明", "户籍姓名已变更");
        await AssertProblem(ErrorKind.Forbidden, "correction_forbidden", () => s.Tickets.Tickets.ReportAsync(s.MarketConsumer, s.People.Id, correction));

        // A grant of birth dates only names no record by ID number: still refused.
        var dates = await s.Applications.ApplyAsync(s.MarketConsumer, s.Request(s.People.Id, "birth_date"));
        await s.Applications.DecideAsync(h.PoliceAdmin, dates.Id, new ShareDecisionInput(true));
        await AssertProblem(ErrorKind.Forbidden, "correction_forbidden", () => s.Tickets.Tickets.ReportAsync(s.MarketConsumer, s.People.Id, correction));

        var names = await s.Applications.ApplyAsync(s.MarketConsumer, s.Request(s.People.Id, "id_number", "name"));
        await s.Applications.DecideAsync(h.PoliceAdmin, names.Id, new ShareDecisionInput(true));
        var granted = await s.Applications.DecideAsync(h.Reviewer, names.Id, new ShareDecisionInput(true));
        var ticket = await s.Tickets.Tickets.ReportAsync(s.MarketConsumer, s.People.Id, correction);
        Assert.Equal((Gongshu.Governance.Tickets.TicketStates.Open, s.MarketConsumer.OrganizationId), (ticket.State, ticket.ReporterOrganizationId));

        // Once the grant is revoked, the department is back to having no view of the records.
        await s.Grants.RevokeAsync(h.PoliceAdmin, granted.GrantId!.Value, "停止共享");
        await AssertProblem(ErrorKind.Forbidden, "correction_forbidden", () => s.Tickets.Tickets.ReportAsync(s.MarketConsumer, s.People.Id,
            correction with { Key = new Dictionary<string, string> { ["id_number"] = people[2].Id } }));
    }

    private static async Task AssertProblem<T>(ErrorKind kind, string code, Func<Task<T>> act)
    {
        var e = await Assert.ThrowsAsync<GongshuException>(act);
        Assert.Equal((kind, code), (e.Kind, e.Code));
    }
}

/// <summary>The ticket harness (catalog, collection, an enterprise register) with sharing's services.</summary>
internal sealed class SharingHarness : IAsyncDisposable
{
    private SharingHarness(TicketHarness tickets)
    {
        Tickets = tickets;
        var c = tickets.Collection.Catalog;
        Credentials = new CredentialService(c.Database, c.Keys, c.AuditLog, c.Clock);
        Applications = new ShareApplications(c.Database, c.Catalog, tickets.Collection.Grading, c.Keys, c.AuditLog, tickets.Calendars, c.Clock);
        Grants = new ShareGrants(c.Database, Credentials, c.AuditLog, c.Clock);
    }

    public TicketHarness Tickets { get; }

    public CatalogHarness Catalog => Tickets.Collection.Catalog;

    /// <summary>The police department's people resource (有条件共享; L3 ID numbers and names, L2 birth dates).</summary>
    public CatalogResource People => Tickets.Collection.Resource;

    public CredentialService Credentials { get; }

    public ShareApplications Applications { get; }

    public ShareGrants Grants { get; }

    /// <summary>A real user (credentials are issued to one) of the market department with the consumer role.</summary>
    public CatalogCaller MarketConsumer { get; private set; } = null!;

    public CatalogCaller PoliceConsumer => Catalog.PoliceConsumer;

    public CatalogCaller BureauConsumer => Tickets.BureauConsumer;

    public static async Task<SharingHarness> CreateAsync(DatabaseKind kind)
    {
        var s = new SharingHarness(await TicketHarness.CreateAsync(kind));
        var c = s.Catalog;
        var user = await new UserService(c.Database, c.AuditLog, c.Clock).CreateAsync("scjg.consumer", "市场监管局需求方", c.Market.Id, [Role.Consumer],
            "Consumer#2025-pass", Actor.System);
        s.MarketConsumer = CatalogCaller.ForUser(user);
        return s;
    }

    public ShareRequest Request(long resourceId, params string[] fields)
        => new(resourceId, fields, "企业开办一件事", "核验法定代表人身份", "《优化营商环境条例》", new DateOnly(2025, 3, 1), new DateOnly(2025, 12, 31), 1000);

    public async Task<List<string>> AuditAsync()
    {
        await using var connection = await Catalog.Database.OpenConnectionAsync();
        return (await connection.QueryAsync<string>("SELECT action FROM audit_log WHERE action LIKE 'sharing.%' ORDER BY seq")).ToList();
    }

    public ValueTask DisposeAsync() => Tickets.DisposeAsync();
}
