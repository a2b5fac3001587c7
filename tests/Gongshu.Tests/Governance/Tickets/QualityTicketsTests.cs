using System.Text;
using Dapper;
using Gongshu.Calendar;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Governance.Tickets;
using Gongshu.Storage;
using Gongshu.Tests.CatalogTests;
using Gongshu.Tests.CollectionTests;
using Gongshu.Tests.Security.Encryption;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Governance.Tickets;

public sealed class QualityTicketsTests
{
    private const string IdRule = """{ "rules": [ { "field": "id_number", "rule": "identity_number" }, { "field": "name", "rule": "required", "ticketThreshold": 1 } ] }""";

    [Theory, AllDatabases]
    public async Task A_rule_over_its_threshold_opens_one_ticket_which_the_provider_fixes_and_the_platform_verifies(DatabaseKind kind)
    {
        await using var t = await TicketHarness.CreateAsync(kind);
        var h = t.Collection;
        await h.Rules.SaveAsync(h.Catalog.PoliceAdmin, h.Resource.Id, IdRule);

        // One ID number of three has a wrong check digit (33% > 5%); a missing name never opens one (threshold 1).
        await h.LoadAsync(t.CsvWithBadIds(3, bad: 1, blankName: true), "people.csv");
        var ticket = Assert.Single(await t.Tickets.ListAsync(h.Catalog.PoliceAdmin, new TicketQuery()));
        Assert.Equal((TicketOrigins.Rule, "id_number: identity_number", TicketStates.Open, h.Catalog.Police.Id),
            (ticket.Origin, ticket.Rule, ticket.State, ticket.ProviderId));
        Assert.Equal(0.05, ticket.Threshold);
        Assert.Equal(1.0 / 3, ticket.FailureRate!.Value, 6);

        // Opened on Saturday 1 March 2025 (Beijing): five working days end on Friday 7 March.
        Assert.Equal(new DateTimeOffset(2025, 3, 8, 0, 0, 0, WorkingCalendar.Beijing), ticket.DueAt);

        // A second bad load notes the new finding on the same ticket.
        await h.LoadAsync(t.CsvWithBadIds(4, bad: 2), "people.csv");
        ticket = Assert.Single(await t.Tickets.ListAsync(h.Catalog.Reviewer, new TicketQuery()));
        Assert.Equal(0.5, ticket.FailureRate);

        // Another department neither sees nor moves it.
        await AssertProblem(ErrorKind.NotFound, "ticket_not_found", () => t.Tickets.GetAsync(h.Catalog.MarketAdmin, ticket.Id));
        Assert.Empty(await t.Tickets.ListAsync(h.Catalog.MarketAdmin, new TicketQuery()));
        await AssertProblem(ErrorKind.Forbidden, "ticket_forbidden", () => t.Tickets.AcceptAsync(h.Catalog.Reviewer, ticket.Id, new TicketAction(null)));
        await AssertProblem(ErrorKind.Conflict, "ticket_state", () => t.Tickets.SubmitAsync(h.Catalog.PoliceAdmin, ticket.Id, new TicketAction("fixed")));

        await t.Tickets.AcceptAsync(h.Catalog.PoliceAdmin, ticket.Id, new TicketAction("正在核查"));
        await AssertProblem(ErrorKind.BadRequest, "text_required", () => t.Tickets.SubmitAsync(h.Catalog.PoliceAdmin, ticket.Id, new TicketAction(" ")));

        // Submitted while the data is still wrong: the re-check fails and the ticket reopens with a new deadline.
        h.Catalog.Clock.Advance(TimeSpan.FromDays(2));
        var failed = await t.Tickets.SubmitAsync(h.Catalog.PoliceAdmin, ticket.Id, new TicketAction("已整改"));
        Assert.Equal(TicketStates.Reopened, failed.State);
        Assert.Contains("2 of 4 values fail", failed.Events[^1].Comment);
        Assert.Equal(new DateTimeOffset(2025, 3, 11, 0, 0, 0, WorkingCalendar.Beijing), failed.DueAt);

        // Fixed for real: a good load, then the submission verifies.
        await t.Tickets.AcceptAsync(h.Catalog.PoliceAdmin, ticket.Id, new TicketAction(null));
        await h.LoadAsync(EncryptionAtRestTests.Csv(EncryptionAtRestTests.People(6)), "fixed.csv");
        var verified = await t.Tickets.SubmitAsync(h.Catalog.PoliceAdmin, ticket.Id, new TicketAction("重新导入了正确的数据"));
        Assert.Equal((TicketStates.Verified, 0.0), (verified.State, verified.FailureRate));
        Assert.NotNull(verified.VerifiedAt);
        Assert.Equal(["opened", "accepted", "submitted", "verification_failed", "accepted", "submitted", "verified"], verified.Events.Select(e => e.Action));
        Assert.Equal(["system", "101", "101", "system", "101", "101", "system"], verified.Events.Select(e => e.Actor));

        await AssertProblem(ErrorKind.Forbidden, "ticket_forbidden", () => t.Tickets.CloseAsync(h.Catalog.PoliceAdmin, ticket.Id, new TicketAction(null)));
        var closed = await t.Tickets.CloseAsync(h.Catalog.Reviewer, ticket.Id, new TicketAction(null));
        Assert.Equal((TicketStates.Closed, TicketResolutions.Rectified), (closed.State, closed.Resolution));
        await AssertProblem(ErrorKind.BadRequest, "text_required", () => t.Tickets.ReopenAsync(h.Catalog.Reviewer, ticket.Id, new TicketAction(null)));
        var reopened = await t.Tickets.ReopenAsync(h.Catalog.Reviewer, ticket.Id, new TicketAction("抽查仍有错误"));
        Assert.Equal((TicketStates.Reopened, (DateTimeOffset?)null, (string?)null), (reopened.State, reopened.ClosedAt, reopened.Resolution));

        var audit = await t.TicketAuditAsync();
        Assert.Equal(["opened", "accepted", "submitted", "verification_failed", "accepted", "submitted", "verified", "closed", "reopened"],
            audit.Select(a => a.Action["governance.ticket.".Length..]));
        Assert.All(audit, a => Assert.Equal($"ticket:{ticket.Id}", a.Object));
    }

    [Theory, AllDatabases]
    public async Task A_consumer_reports_a_wrong_record_by_its_key_and_only_whoever_may_see_the_record_sees_the_key(DatabaseKind kind)
    {
        await using var t = await TicketHarness.CreateAsync(kind);
        var h = t.Collection;
        var open = await t.PublishEnterprisesAsync();
        await h.LoadAsync(TicketHarness.EnterprisesCsv(("91330100MA27XK5T1A", "杭州云栖科技有限公司"), ("91330100MA2H0A2B3C", "杭州西溪数据有限公司")),
            "enterprises.csv", caller: h.Catalog.MarketAdmin, resourceId: open.Id);

        var key = new Dictionary<string, string> { ["credit_code"] = "91330100MA2H0A2B3C" };
        var ticket = await t.Tickets.ReportAsync(t.PoliceConsumer, open.Id, new CorrectionRequest(key, "name", "杭州西溪数据科技有限公司", "企业已更名"));
        Assert.Equal((TicketOrigins.Correction, "name", TicketStates.Open, h.Catalog.Market.Id, h.Catalog.Police.Id),
            (ticket.Origin, ticket.Field, ticket.State, ticket.ProviderId, ticket.ReporterOrganizationId));
        Assert.Equal(("91330100MA2H0A2B3C", "杭州西溪数据科技有限公司"), (ticket.RecordKey!["credit_code"], ticket.Correction));
        Assert.Equal("credit_code=913301********2B3C", ticket.RecordKeyMasked);

        // The auditor sees the ticket masked; a department that neither provides nor reported the data does not see it.
        var audited = await t.Tickets.GetAsync(t.Auditor, ticket.Id);
        Assert.Equal(((IReadOnlyDictionary<string, string>?)null, (string?)null, ticket.RecordKeyMasked), (audited.RecordKey, audited.Correction, audited.RecordKeyMasked));
        await AssertProblem(ErrorKind.NotFound, "ticket_not_found", () => t.Tickets.GetAsync(t.BureauConsumer, ticket.Id));
        Assert.False(await t.StoredAnywhereAsync("91330100MA2H0A2B3C"));

        // The provider says it is fixed before it is: the re-check reopens it. Then the real fix verifies, and the reporter closes it.
        await t.Tickets.AcceptAsync(h.Catalog.MarketAdmin, ticket.Id, new TicketAction(null));
        var stillWrong = await t.Tickets.SubmitAsync(h.Catalog.MarketAdmin, ticket.Id, new TicketAction("已核实"));
        Assert.Equal(TicketStates.Reopened, stillWrong.State);
        Assert.Contains("is still", stillWrong.Events[^1].Comment);
        await t.Tickets.AcceptAsync(h.Catalog.MarketAdmin, ticket.Id, new TicketAction(null));
        await h.LoadAsync(TicketHarness.EnterprisesCsv(("91330100MA27XK5T1A", "杭州云栖科技有限公司"), ("91330100MA2H0A2B3C", "杭州西溪数据科技有限公司")),
            "enterprises.csv", caller: h.Catalog.MarketAdmin, resourceId: open.Id);
        Assert.Equal(TicketStates.Verified, (await t.Tickets.SubmitAsync(h.Catalog.MarketAdmin, ticket.Id, new TicketAction("已按纠错更新"))).State);
        await AssertProblem(ErrorKind.NotFound, "ticket_not_found", () => t.Tickets.CloseAsync(t.BureauConsumer, ticket.Id, new TicketAction(null)));
        Assert.Equal(TicketStates.Closed, (await t.Tickets.CloseAsync(t.PoliceConsumer, ticket.Id, new TicketAction("确认"))).State);

        var kpi = await t.Tickets.KpiAsync(h.Catalog.Reviewer);
        Assert.Equal(((long?)null, 1, 1, 100.0), (kpi[0].OrganizationId, kpi[0].Opened, kpi[0].Rectified, kpi[0].RectificationRate));
    }

    [Theory, AllDatabases]
    public async Task A_record_whose_key_is_stored_encrypted_is_found_through_its_blind_index(DatabaseKind kind)
    {
        await using var t = await TicketHarness.CreateAsync(kind);
        var h = t.Collection;
        var people = EncryptionAtRestTests.People(5);
        await h.LoadAsync(EncryptionAtRestTests.Csv(people), "people.csv");
        Assert.True((await h.Grading.GetAsync(h.Catalog.PoliceAdmin, h.Resource.Id)).Fields.Single(f => f.Field == "id_number").EncryptedAtRest);

        // People data is shared on approval only: a consumer cannot name its records, the platform's admins can.
        var key = new Dictionary<string, string> { ["id_number"] = people[2].Id };
        await AssertProblem(ErrorKind.Forbidden, "correction_forbidden",
            () => t.Tickets.ReportAsync(t.BureauConsumer, h.Resource.Id, new CorrectionRequest(key, "name", "王小明", "户籍姓名已变更")));
        var ticket = await t.Tickets.ReportAsync(h.Catalog.Reviewer, h.Resource.Id, new CorrectionRequest(key, "name", "王小明", "户籍姓名已变更"));
        Assert.Equal($"id_number={people[2].Id[..6]}********{people[2].Id[^4..]}", ticket.RecordKeyMasked);
        Assert.False(await t.StoredAnywhereAsync(people[2].Id));

        await t.Tickets.AcceptAsync(h.Catalog.PoliceAdmin, ticket.Id, new TicketAction(null));
        people[2] = people[2] with { Name = "王小明" };
        await h.LoadAsync(EncryptionAtRestTests.Csv(people), "people.csv");
        Assert.Equal(TicketStates.Verified, (await t.Tickets.SubmitAsync(h.Catalog.PoliceAdmin, ticket.Id, new TicketAction("已更正"))).State);
        await AssertProblem(ErrorKind.NotFound, "record_not_found", () => t.Tickets.ReportAsync(h.Catalog.Reviewer, h.Resource.Id,
            new CorrectionRequest(new Dictionary<string, string> { ["id_number"] = EncryptionAtRestTests.People(9)[8].Id }, "name", "张三", "姓名错误")));
    }

    [Theory, AllDatabases]
    public async Task A_correction_about_a_missing_record_or_with_bad_values_is_refused_and_nothing_is_saved(DatabaseKind kind)
    {
        await using var t = await TicketHarness.CreateAsync(kind);
        var h = t.Collection;
        var open = await t.PublishEnterprisesAsync();
        await h.LoadAsync(TicketHarness.EnterprisesCsv(("91330100MA27XK5T1A", "杭州云栖科技有限公司")), "enterprises.csv", caller: h.Catalog.MarketAdmin, resourceId: open.Id);
        var absent = "91330100MA0000000X";
        var present = "91330100MA27XK5T1A";
        Dictionary<string, string> Key(string id) => new() { ["credit_code"] = id };

        await AssertProblem(ErrorKind.NotFound, "record_not_found",
            () => t.Tickets.ReportAsync(t.PoliceConsumer, open.Id, new CorrectionRequest(Key(absent), "name", "张三", "姓名错误")));
        await AssertProblem(ErrorKind.NotFound, "record_not_found",
            () => t.Tickets.ReportAsync(t.PoliceConsumer, open.Id, new CorrectionRequest(Key("' OR 1=1 --"), "name", "张三", "姓名错误")));
        await AssertProblem(ErrorKind.BadRequest, "unknown_key_field",
            () => t.Tickets.ReportAsync(t.PoliceConsumer, open.Id, new CorrectionRequest(new Dictionary<string, string> { ["name"] = "张三" }, "name", "李四", "x")));
        await AssertProblem(ErrorKind.BadRequest, "key_missing",
            () => t.Tickets.ReportAsync(t.PoliceConsumer, open.Id, new CorrectionRequest(null, "name", "李四", "x")));
        await AssertProblem(ErrorKind.BadRequest, "unknown_field",
            () => t.Tickets.ReportAsync(t.PoliceConsumer, open.Id, new CorrectionRequest(Key(present), "salary", "1", "x")));
        await AssertProblem(ErrorKind.BadRequest, "invalid_correction",
            () => t.Tickets.ReportAsync(t.PoliceConsumer, open.Id, new CorrectionRequest(Key(present), "registered_on", "not a date", "x")));
        await AssertProblem(ErrorKind.BadRequest, "text_required",
            () => t.Tickets.ReportAsync(t.PoliceConsumer, open.Id, new CorrectionRequest(Key(present), "name", "李四", "")));

        // The public does not file corrections (its channel is the portal's feedback).
        await AssertProblem(ErrorKind.Forbidden, "correction_forbidden",
            () => t.Tickets.ReportAsync(h.Catalog.Citizen, open.Id, new CorrectionRequest(Key(present), "name", "李四", "x")));

        Assert.Equal(0, await h.Catalog.CountAsync("quality_tickets"));
        Assert.Equal(0, await h.Catalog.CountAsync("quality_ticket_events"));
        var probes = (await t.TicketAuditAsync()).Where(a => a.Action == "governance.ticket.reported").ToList();
        Assert.Equal(2, probes.Count);
        Assert.All(probes, p => Assert.Equal("failed", p.Outcome));
    }

    [Theory, AllDatabases]
    public async Task Deadlines_count_working_days_of_the_platform_calendar_and_late_tickets_show_as_overdue(DatabaseKind kind)
    {
        await using var t = await TicketHarness.CreateAsync(kind);
        var h = t.Collection;

        // Monday 3 March is made a holiday and Sunday 9 March a working day (调休).
        await t.Calendars.SaveAsync(h.Catalog.Reviewer, new CalendarSchedule([new DateOnly(2025, 3, 3)], [new DateOnly(2025, 3, 9)]));
        await AssertProblem(ErrorKind.Forbidden, "calendar_forbidden", () => t.Calendars.SaveAsync(h.Catalog.PoliceAdmin, new CalendarSchedule([], [])));
        await AssertProblem(ErrorKind.BadRequest, "calendar_not_weekend",
            () => t.Calendars.SaveAsync(h.Catalog.Reviewer, new CalendarSchedule([], [new DateOnly(2025, 3, 10)])));

        await h.Rules.SaveAsync(h.Catalog.PoliceAdmin, h.Resource.Id, IdRule);
        await h.LoadAsync(t.CsvWithBadIds(2, bad: 1), "people.csv");
        var ticket = Assert.Single(await t.Tickets.ListAsync(h.Catalog.PoliceAdmin, new TicketQuery()));
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 0, 0, 0, WorkingCalendar.Beijing), ticket.DueAt); // Tue–Fri and the working Sunday
        Assert.False(ticket.Overdue);

        h.Catalog.Clock.Set(new DateTimeOffset(2025, 3, 10, 0, 0, 0, WorkingCalendar.Beijing));
        Assert.True((await t.Tickets.GetAsync(h.Catalog.PoliceAdmin, ticket.Id)).Overdue);
        Assert.Single(await t.Tickets.ListAsync(h.Catalog.Reviewer, new TicketQuery(Overdue: true)));
        Assert.Empty(await t.Tickets.ListAsync(h.Catalog.Reviewer, new TicketQuery(Overdue: false)));

        var kpi = await t.Tickets.KpiAsync(h.Catalog.Reviewer);
        Assert.Equal((1, 0, 1, 1, 0.0), (kpi[0].Opened, kpi[0].Rectified, kpi[0].Unfinished, kpi[0].Overdue, kpi[0].RectificationRate));
        Assert.Equal((h.Catalog.Police.Id, "浙江省公安厅"), (kpi[1].OrganizationId, kpi[1].Organization));
        var own = Assert.Single(await t.Tickets.KpiAsync(h.Catalog.PoliceAdmin));
        Assert.Equal(h.Catalog.Police.Id, own.OrganizationId);
        await AssertProblem(ErrorKind.Forbidden, "kpi_forbidden", () => t.Tickets.KpiAsync(h.Catalog.PoliceConsumer));

        // A dismissed ticket leaves the rate's denominator: nothing left to rectify.
        await t.Tickets.DismissAsync(h.Catalog.Reviewer, ticket.Id, new TicketAction("规则配置有误"));
        kpi = await t.Tickets.KpiAsync(h.Catalog.Reviewer);
        Assert.Equal((1, 1, (double?)null), (kpi[0].Opened, kpi[0].Dismissed, kpi[0].RectificationRate));
        await AssertProblem(ErrorKind.Conflict, "ticket_dismissed", () => t.Tickets.ReopenAsync(h.Catalog.Reviewer, ticket.Id, new TicketAction("x")));
    }

    [Fact]
    public void Working_days_skip_weekends_and_holidays_and_count_the_weekends_worked()
    {
        var saturday = new DateTimeOffset(2025, 3, 1, 16, 0, 0, WorkingCalendar.Beijing);
        var plain = new WorkingCalendar();
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 0, 0, 0, WorkingCalendar.Beijing), plain.Deadline(saturday, 1));
        Assert.Equal(new DateTimeOffset(2025, 3, 15, 0, 0, 0, WorkingCalendar.Beijing), plain.Deadline(saturday, 10));

        // 2025-03-01T23:30 UTC is already Sunday 07:30 in Beijing.
        Assert.Equal(new DateOnly(2025, 3, 2), WorkingCalendar.DayOf(new DateTimeOffset(2025, 3, 1, 23, 30, 0, TimeSpan.Zero)));

        var adjusted = new WorkingCalendar([new DateOnly(2025, 3, 4)], [new DateOnly(2025, 3, 2)]);
        Assert.True(adjusted.IsWorkingDay(new DateOnly(2025, 3, 2)));
        Assert.False(adjusted.IsWorkingDay(new DateOnly(2025, 3, 4)));
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 0, 0, 0, WorkingCalendar.Beijing), adjusted.Deadline(saturday, 2)); // Sunday and Monday
        Assert.Equal(5, adjusted.WorkingDaysBetween(saturday, new DateTimeOffset(2025, 3, 7, 9, 0, 0, WorkingCalendar.Beijing))); // Sun, Mon, Wed, Thu, Fri
        Assert.Throws<ArgumentOutOfRangeException>(() => plain.Deadline(saturday, 0));
        var conflict = Assert.Throws<GongshuException>(() => new WorkingCalendar([new DateOnly(2025, 3, 2)], [new DateOnly(2025, 3, 2)]));
        Assert.Equal("calendar_conflict", conflict.Code);
    }

    private static async Task AssertProblem<T>(ErrorKind kind, string code, Func<Task<T>> act)
    {
        var e = await Assert.ThrowsAsync<GongshuException>(act);
        Assert.Equal((kind, code), (e.Kind, e.Code));
    }
}

/// <summary>The collection harness with tickets, the calendar, and a consumer and an auditor of other departments.</summary>
internal sealed class TicketHarness : IAsyncDisposable
{
    private TicketHarness(CollectionHarness collection)
    {
        Collection = collection;
        var c = collection.Catalog;
        Tickets = new QualityTickets(c.Database, c.Catalog, collection.Rules, collection.Encryption, c.Keys, c.AuditLog, c.Clock);
        Calendars = new WorkingCalendars(c.Database, c.AuditLog, c.Clock);
    }

    public CollectionHarness Collection { get; }

    public QualityTickets Tickets { get; }

    public WorkingCalendars Calendars { get; }

    /// <summary>A consumer of the police department (which provides people data, not enterprise data).</summary>
    public CatalogCaller PoliceConsumer => Collection.Catalog.PoliceConsumer;

    /// <summary>A consumer in the data bureau: neither provider nor reporter of anything here.</summary>
    public CatalogCaller BureauConsumer => new(303, Collection.Catalog.DataBureau.Id, [Role.Consumer]);

    public CatalogCaller Auditor => new(302, Collection.Catalog.DataBureau.Id, [Role.Auditor]);

    public static async Task<TicketHarness> CreateAsync(DatabaseKind kind) => new(await CollectionHarness.CreateAsync(kind));

    /// <summary>The market department's enterprise register (L1): shared without conditions and open to the public.</summary>
    public Task<CatalogResource> PublishEnterprisesAsync()
        => Collection.Catalog.PublishAsync(Collection.Catalog.MarketAdmin, CatalogHarness.Complete("企业登记基本信息") with
        {
            Summary = "全省企业的统一社会信用代码、名称和成立日期，按日更新。",
            Keywords = ["企业", "登记"],
            Fields =
            [
                new ResourceField { Name = "credit_code", Label = "统一社会信用代码", Type = "C", Length = 18, Description = "18 位代码", IsKey = true, Nullable = false, Grade = "L1" },
                new ResourceField { Name = "name", Label = "企业名称", Type = "C", Length = 100, Description = "登记名称", Grade = "L1" },
                new ResourceField { Name = "registered_on", Label = "成立日期", Type = "D", Description = "成立日期", Grade = "L1" },
            ],
            ShareType = ShareTypes.Unconditional,
            ShareCondition = null,
            LegalBasis = "《企业信息公示暂行条例》",
            OpenType = OpenTypes.Open,
        }, "102001");

    public static byte[] EnterprisesCsv(params (string Code, string Name)[] enterprises)
        => Encoding.UTF8.GetBytes("credit_code,name,registered_on\n" + string.Concat(enterprises.Select(e => $"{e.Code},{e.Name},2020-05-01\n")));

    /// <summary>People with the first <paramref name="bad"/> ID numbers given a wrong check digit.</summary>
    public byte[] CsvWithBadIds(int count, int bad, bool blankName = false)
    {
        var people = EncryptionAtRestTests.People(count).Select((p, i) => i < bad
            ? p with { Id = p.Id[..17] + (p.Id[17] == '0' ? '1' : '0') }
            : p with { Name = blankName && i == count - 1 ? "" : p.Name });
        return EncryptionAtRestTests.Csv(people);
    }

    public async Task<List<AuditLine>> TicketAuditAsync()
    {
        await using var connection = await Collection.Catalog.Database.OpenConnectionAsync();
        return (await connection.QueryAsync<AuditLine>(
            "SELECT action, outcome, actor, object, detail FROM audit_log WHERE action LIKE 'governance.ticket.%' ORDER BY seq")).ToList();
    }

    /// <summary>Whether a value appears in the clear in the tickets or their events.</summary>
    public async Task<bool> StoredAnywhereAsync(string value)
    {
        await using var connection = await Collection.Catalog.Database.OpenConnectionAsync();
        var texts = await connection.QueryAsync<string>("""
            SELECT COALESCE(record_key_masked, '') || COALESCE(correction_masked, '') || description FROM quality_tickets
            UNION ALL SELECT COALESCE(comment, '') FROM quality_ticket_events
            """);
        var blobs = await connection.QueryAsync<byte[]>("SELECT record_key_sealed FROM quality_tickets WHERE record_key_sealed IS NOT NULL");
        return texts.Any(t => t.Contains(value, StringComparison.Ordinal)) || blobs.Any(b => Encoding.UTF8.GetString(b).Contains(value, StringComparison.Ordinal));
    }

    public ValueTask DisposeAsync() => Collection.DisposeAsync();
}
