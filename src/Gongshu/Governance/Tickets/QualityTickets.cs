using System.Globalization;
using System.Text;
using System.Text.Json;
using Gongshu.Audit;
using Gongshu.Calendar;
using Gongshu.Catalog;
using Gongshu.Collection;
using Gongshu.Collection.Conversion;
using Gongshu.Delivery;
using Gongshu.Directories;
using Gongshu.Security;
using Gongshu.Security.Encryption;
using Gongshu.Sharing;
using Gongshu.Storage;

namespace Gongshu.Governance.Tickets;

/// <summary>
/// Problem tickets (问题数据工单): data problems sent back to the department that provides the data
/// (谁提供谁负责) and followed until the platform has re-checked the fix. The platform opens them
/// from rule findings (<see cref="FindingTickets"/>); consumers open them for a wrong record
/// (数据纠错). Who may do what:
/// <list type="bullet">
/// <item>the provider's admins accept a ticket (rectifying) and submit the fix, which the platform verifies at once;</item>
/// <item>platform admins verify again, close verified tickets, reopen and dismiss (with a reason);</item>
/// <item>the reporter's organization closes or reopens its own verified correction;</item>
/// <item>auditors read every ticket, with the record key and correction masked.</item>
/// </list>
/// Anyone else gets 404 for a ticket. Every step is a ticket event and an audit entry.
/// </summary>
public sealed class QualityTickets(Database database, CatalogService catalog, QualityRules rules, FieldEncryption encryption, KeyStore keys,
    IAuditLog audit, TimeProvider? clock = null)
{
    private const string SealPurpose = "gongshu/quality-ticket";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly TicketStore _store = new(database);
    private readonly DatasetStore _datasets = new(database, clock);
    private readonly WorkingCalendars _calendars = new(database, audit, clock);

    public static string AuditObject(long ticketId) => $"ticket:{ticketId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// A consumer reports a wrong record (数据纠错): the record by its key fields, the field that is
    /// wrong and the value it should hold. The record must exist in the data in force. Open to
    /// whoever may receive the data without approval (无条件共享 or 无条件开放) and to the data's own
    /// managers; data shared on approval needs a grant first.
    /// </summary>
    public async Task<QualityTicket> ReportAsync(CatalogCaller caller, long resourceId, CorrectionRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var resource = await catalog.GetAsync(caller, resourceId, CatalogView.Published, ct);
        var metadata = resource.Version.Metadata;
        if (!caller.Has(Role.Consumer) && !caller.Has(Role.ProviderAdmin) && !caller.Has(Role.PlatformAdmin))
        {
            throw new GongshuException(ErrorKind.Forbidden, "correction_forbidden", "Corrections come from departments' users (需求方 or 数源单位).");
        }

        var keyFields = metadata.Fields.Where(f => f.IsKey).Select(f => f.Name).ToList();
        if (!caller.ManagesDataOf(resource.ProviderId) && metadata.ShareType != ShareTypes.Unconditional && metadata.OpenType != OpenTypes.Open
            && !await ShareGrants.CoversAsync(database, caller.OrganizationId, resource.Id, [.. keyFields, request.Field ?? ""],
                WorkingCalendar.DayOf(_clock.GetUtcNow()), ct))
        {
            throw new GongshuException(ErrorKind.Forbidden, "correction_forbidden",
                $"Resource {resource.Code} is shared on approval only: a correction names a record, which needs an active grant of its key fields and the field corrected.");
        }

        if (keyFields.Count == 0)
        {
            throw new GongshuException(ErrorKind.Conflict, "no_record_key", $"Resource {resource.Code} declares no key fields, so a record cannot be named; report the problem to its provider directly.");
        }

        var key = request.Key ?? throw GongshuException.Invalid("key", $"Name the record by its key: {string.Join(", ", keyFields)}.", "key_missing");
        foreach (var name in key.Keys.Where(k => !keyFields.Contains(k)))
        {
            throw GongshuException.Invalid($"key.{name}", $"'{name}' is not a key field of resource {resource.Code}; its key is {string.Join(", ", keyFields)}.", "unknown_key_field");
        }

        foreach (var name in keyFields.Where(k => !key.ContainsKey(k)))
        {
            throw GongshuException.Invalid($"key.{name}", $"The key needs '{name}'.", "key_missing");
        }

        var field = metadata.Fields.FirstOrDefault(f => f.Name == request.Field)
            ?? throw GongshuException.Invalid("field", $"'{request.Field}' is not a field of resource {resource.Code}.", "unknown_field");
        var description = InputText.Read(request.Description, "description", required: true)!;
        var column = CollectionService.DatasetColumns(resource).First(c => c.Name == field.Name);
        if (!FieldConverter.For(column).TryConvert(request.Correction, out var corrected, out var reason))
        {
            throw GongshuException.Invalid("correction", $"'{field.Name}' is {column.Type}: {reason}.", "invalid_correction");
        }

        var correction = corrected is null ? "" : FieldValueText.ToText(corrected);
        var version = await _datasets.GetCurrentAsync(resource.Code, ct);
        var found = version is null ? [] : await new RecordLookup(_datasets, encryption, version).FindAsync(key, 1, ct);
        var keyText = string.Join(", ", keyFields.Select(k => $"{k}={QualityRules.MaskSample(key[k])}"));
        if (found.Count == 0)
        {
            // Failed attempts are kept too: a run of them is someone probing which records exist.
            await audit.AppendAsync(caller.Actor.Entry("governance.ticket.reported", resource.AuditObject, AuditOutcome.Failed,
                new { code = resource.Code, key = keyText, problem = "record_not_found" }), CancellationToken.None);
            throw GongshuException.NotFound($"A record of resource {resource.Code} with {keyText}", "record_not_found");
        }

        var now = _clock.GetUtcNow();
        var row = new TicketRow
        {
            ResourceId = resource.Id,
            ProviderId = resource.ProviderId,
            Origin = TicketOrigins.Correction,
            Field = field.Name,
            RecordKeyMasked = keyText,
            RecordKeySealed = keys.Seal(JsonSerializer.SerializeToUtf8Bytes(keyFields.ToDictionary(k => k, k => key[k])), SealPurpose),
            CorrectionMasked = QualityRules.MaskSample(correction),
            CorrectionSealed = keys.Seal(Encoding.UTF8.GetBytes(correction), SealPurpose),
            Description = description,
            State = TicketStates.Open,
            OpenedBy = caller.UserId,
            ReporterOrganizationId = caller.OrganizationId,
            OpenedAt = now,
            DueAt = await DeadlineAsync(now, ct),
        };
        row.Id = await _store.InsertAsync(row, caller.Actor, ct);
        await audit.AppendAsync(caller.Actor.Entry("governance.ticket.opened", AuditObject(row.Id), AuditOutcome.Success, new
        {
            code = resource.Code,
            origin = row.Origin,
            field = row.Field,
            key = keyText,
            due = row.DueAt,
        }), CancellationToken.None);
        return await GetAsync(caller, row.Id, ct);
    }

    /// <summary>One ticket with its events; 404 for anyone who may not see it.</summary>
    public async Task<QualityTicket> GetAsync(CatalogCaller caller, long ticketId, CancellationToken ct = default)
    {
        var row = await RequireVisibleAsync(caller, ticketId, ct);
        return View(caller, row, await _store.EventsAsync(row.Id, ct));
    }

    /// <summary>The tickets the caller may see, newest first (without their events).</summary>
    public async Task<IReadOnlyList<QualityTicket>> ListAsync(CatalogCaller caller, TicketQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > 500)
        {
            throw GongshuException.Invalid("limit", "The limit must be between 1 and 500.");
        }

        if (query.State is { } wanted && !TicketStates.All.Contains(wanted))
        {
            throw GongshuException.Invalid("state", $"'{wanted}' is not a ticket state; use one of {string.Join(", ", TicketStates.All)}.", "unknown_state");
        }

        var where = new List<string>();
        if (!caller.OverseesAll)
        {
            where.Add(caller.Has(Role.ProviderAdmin) ? "(t.provider_id = @Org OR t.reporter_org_id = @Org)" : "t.reporter_org_id = @Org");
        }

        if (query.State is not null)
        {
            where.Add("t.state = @State");
        }

        if (query.ResourceId is not null)
        {
            where.Add("t.resource_id = @ResourceId");
        }

        if (query.ProviderId is not null)
        {
            where.Add("t.provider_id = @ProviderId");
        }

        if (query.BeforeId is not null)
        {
            where.Add("t.id < @BeforeId");
        }

        if (query.Overdue is { } overdue)
        {
            var late = $"(t.state IN ({SqlDialect.Literals(TicketStates.AwaitingProvider)}) AND t.due_at <= @Now)";
            where.Add(overdue ? late : $"NOT {late}");
        }

        var rows = await _store.ListAsync(where.Count == 0 ? "1 = 1" : string.Join(" AND ", where),
            new { Org = caller.OrganizationId, query.State, query.ResourceId, query.ProviderId, query.BeforeId, Now = _clock.GetUtcNow() }, query.Limit, ct);
        return [.. rows.Select(r => View(caller, r, []))];
    }

    /// <summary>The provider's admins take the ticket on (open or reopened → rectifying).</summary>
    public Task<QualityTicket> AcceptAsync(CatalogCaller caller, long ticketId, TicketAction action, CancellationToken ct = default)
        => ActAsync(caller, ticketId, action, "accepted", [TicketStates.Open, TicketStates.Reopened], ProviderOnly,
            (row, now) => Task.FromResult(new TicketChange("accepted", TicketStates.Rectifying, now, Comment(action))), ct);

    /// <summary>
    /// The provider's admins say the data is fixed (rectifying → submitted), with a comment on what
    /// they changed; the platform then re-checks the new data at once (see <see cref="VerifyAsync"/>).
    /// </summary>
    public async Task<QualityTicket> SubmitAsync(CatalogCaller caller, long ticketId, TicketAction action, CancellationToken ct = default)
    {
        var comment = InputText.Read(action?.Comment, "comment", required: true);
        await ActAsync(caller, ticketId, action!, "submitted", [TicketStates.Rectifying], ProviderOnly,
            (row, now) => Task.FromResult(new TicketChange("submitted", TicketStates.Submitted, now, comment)), ct);
        return await VerifyAsync(caller, ticketId, new TicketAction(null), ct);
    }

    /// <summary>
    /// The platform re-checks a submitted ticket on the data in force (submitted → verified, or
    /// reopened with a new deadline when the problem is still there): a rule ticket's rule must
    /// fail on no more than its threshold; a correction's record must now hold the corrected value.
    /// Platform admins and the provider's admins may ask for it again, e.g. after the next load.
    /// </summary>
    public Task<QualityTicket> VerifyAsync(CatalogCaller caller, long ticketId, TicketAction action, CancellationToken ct = default)
        => ActAsync(caller, ticketId, action, "verified", [TicketStates.Submitted], (c, row) => c.ManagesDataOf(row.ProviderId),
            async (row, now) =>
            {
                var (passed, finding, resultId, rate) = await RecheckAsync(row, ct);
                return passed
                    ? new TicketChange("verified", TicketStates.Verified, now, finding, ResultId: resultId, FailureRate: rate)
                    : new TicketChange("verification_failed", TicketStates.Reopened, now, finding,
                        DueAt: await DeadlineAsync(now, ct),
                        ResultId: resultId, FailureRate: rate);
            }, ct, actor: Actor.System);

    /// <summary>Closes a verified ticket as rectified: platform admins, or the reporter's organization for its correction.</summary>
    public Task<QualityTicket> CloseAsync(CatalogCaller caller, long ticketId, TicketAction action, CancellationToken ct = default)
        => ActAsync(caller, ticketId, action, "closed", [TicketStates.Verified], AdminOrReporter,
            (row, now) => Task.FromResult(new TicketChange("closed", TicketStates.Closed, now, Comment(action), TicketResolutions.Rectified)), ct);

    /// <summary>Reopens a verified or closed ticket (a reason is required), with a new deadline: platform admins, or the reporter's organization.</summary>
    public async Task<QualityTicket> ReopenAsync(CatalogCaller caller, long ticketId, TicketAction action, CancellationToken ct = default)
    {
        var reason = InputText.Read(action?.Comment, "comment", required: true);
        return await ActAsync(caller, ticketId, action!, "reopened", [TicketStates.Verified, TicketStates.Closed], AdminOrReporter,
            async (row, now) => row.Resolution == TicketResolutions.Dismissed
                ? throw new GongshuException(ErrorKind.Conflict, "ticket_dismissed", $"Ticket {row.Id} was dismissed; report the problem again instead.")
                : new TicketChange("reopened", TicketStates.Reopened, now, reason,
                    DueAt: await DeadlineAsync(now, ct)), ct);
    }

    /// <summary>Closes an unfinished ticket without a fix (a mistaken report, a rule that was wrong): platform admins, with a reason.</summary>
    public async Task<QualityTicket> DismissAsync(CatalogCaller caller, long ticketId, TicketAction action, CancellationToken ct = default)
    {
        var reason = InputText.Read(action?.Comment, "comment", required: true);
        return await ActAsync(caller, ticketId, action!, "dismissed", [.. TicketStates.Unfinished], (c, _) => c.Has(Role.PlatformAdmin),
            (row, now) => Task.FromResult(new TicketChange("dismissed", TicketStates.Closed, now, reason, TicketResolutions.Dismissed)), ct);
    }

    /// <summary>
    /// 问题数据整改率 and the deadline board, per providing department and for the whole platform
    /// (organization id null), over the tickets opened in [from, to): platform admins and auditors
    /// see every department, a provider's admins their own.
    /// </summary>
    public async Task<IReadOnlyList<TicketKpi>> KpiAsync(CatalogCaller caller, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var everyone = caller.OverseesAll;
        if (!everyone && !caller.Has(Role.ProviderAdmin))
        {
            throw new GongshuException(ErrorKind.Forbidden, "kpi_forbidden", "Ticket figures are for platform admins, auditors and providers' admins.");
        }

        var where = new List<string> { "t.opened_at >= @From", "t.opened_at < @To" };
        if (!everyone)
        {
            where.Add("t.provider_id = @Org");
        }

        var rows = await _store.ListAsync(string.Join(" AND ", where),
            new { From = from ?? DateTimeOffset.UnixEpoch, To = to ?? DateTimeOffset.MaxValue.AddYears(-1), Org = caller.OrganizationId }, int.MaxValue, ct);
        var calendar = await _calendars.GetAsync(ct);
        var now = _clock.GetUtcNow();
        var names = await new OrganizationService(database, audit, _clock).FindManyAsync(rows.Select(r => r.ProviderId), ct);
        var kpis = rows.GroupBy(r => r.ProviderId)
            .Select(g => Kpi(g.Key, names.TryGetValue(g.Key, out var o) ? o.Name : "", g.ToList(), calendar, now))
            .OrderBy(k => k.RectificationRate ?? 2).ThenBy(k => k.OrganizationId)
            .ToList();
        if (everyone)
        {
            kpis.Insert(0, Kpi(null, "全平台", rows, calendar, now));
        }

        return kpis;
    }

    private static TicketKpi Kpi(long? organizationId, string name, IReadOnlyCollection<TicketRow> rows, WorkingCalendar calendar, DateTimeOffset now)
    {
        var dismissed = rows.Count(r => r.Resolution == TicketResolutions.Dismissed);
        var rectified = rows.Where(r => r.State == TicketStates.Verified || r.Resolution == TicketResolutions.Rectified).ToList();
        var counted = rows.Count - dismissed;
        return new TicketKpi(organizationId, name, rows.Count, dismissed, rectified.Count,
            rectified.Count(r => r.VerifiedAt <= r.DueAt),
            rows.Count(r => TicketStates.Unfinished.Contains(r.State)),
            rows.Count(r => IsOverdue(r, now)),
            counted == 0 ? null : Math.Round(100.0 * rectified.Count / counted, 1),
            rectified.Count(r => r.VerifiedAt is not null) == 0 ? null
                : Math.Round(rectified.Where(r => r.VerifiedAt is not null).Average(r => calendar.WorkingDaysBetween(r.OpenedAt, r.VerifiedAt!.Value)), 1));
    }

    // A provider's time to fix a ticket opened or reopened at <paramref name="from"/>.
    private async Task<DateTimeOffset> DeadlineAsync(DateTimeOffset from, CancellationToken ct)
        => (await _calendars.GetAsync(ct)).Deadline(from, FindingTickets.RectifyWorkingDays);

    private static bool IsOverdue(TicketRow row, DateTimeOffset now) => TicketStates.AwaitingProvider.Contains(row.State) && row.DueAt <= now;

    private static bool ProviderOnly(CatalogCaller caller, TicketRow row) => caller.AdministersProvider(row.ProviderId);

    private static bool AdminOrReporter(CatalogCaller caller, TicketRow row)
        => caller.Has(Role.PlatformAdmin) || (row.Origin == TicketOrigins.Correction && row.ReporterOrganizationId == caller.OrganizationId);

    // Checks who may act and from which state, moves the ticket, and audits the step.
    private async Task<QualityTicket> ActAsync(CatalogCaller caller, long ticketId, TicketAction action, string name, string[] from,
        Func<CatalogCaller, TicketRow, bool> may, Func<TicketRow, DateTimeOffset, Task<TicketChange>> change, CancellationToken ct, Actor? actor = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        var row = await RequireVisibleAsync(caller, ticketId, ct);
        if (!may(caller, row))
        {
            throw new GongshuException(ErrorKind.Forbidden, "ticket_forbidden", $"You may not do '{name}' on ticket {row.Id}; see docs/GOVERNANCE.md for who does what.");
        }

        if (!from.Contains(row.State))
        {
            throw new GongshuException(ErrorKind.Conflict, "ticket_state",
                $"Ticket {row.Id} is {row.State}; '{name}' applies to a ticket that is {string.Join(" or ", from)}.");
        }

        var step = await change(row, _clock.GetUtcNow());
        if (!await _store.MoveAsync(row.Id, row.State, step, actor ?? caller.Actor, ct))
        {
            throw new GongshuException(ErrorKind.Conflict, "ticket_changed", $"Ticket {row.Id} changed a moment ago; reload it and try again.");
        }

        await audit.AppendAsync((actor ?? caller.Actor).Entry($"governance.ticket.{step.Action}", AuditObject(row.Id), AuditOutcome.Success, new
        {
            code = row.ResourceCode,
            from = row.State,
            to = step.State,
            comment = step.Comment,
            by = actor is null ? null : caller.Actor.Id,
            due = step.DueAt,
        }), CancellationToken.None);
        return await GetAsync(caller, row.Id, ct);
    }

    private async Task<(bool Passed, string Finding, long? ResultId, double? Rate)> RecheckAsync(TicketRow row, CancellationToken ct)
    {
        var resource = (await catalog.GetPublishedAsync([row.ResourceId], ct)).SingleOrDefault();
        if (resource is null)
        {
            return (false, "The resource is no longer published, so its data cannot be checked.", null, null);
        }

        if (row.Origin == TicketOrigins.Rule)
        {
            LoadQuality result;
            try
            {
                result = (await rules.CheckCurrentAsync(resource, ct)).Result;
            }
            catch (GongshuException e) when (e.Kind is ErrorKind.Conflict or ErrorKind.BadRequest)
            {
                return (false, $"The data could not be checked: {e.Message}", null, null);
            }

            var outcome = result.Rules.FirstOrDefault(r => r.Description == row.Rule);
            if (outcome is null)
            {
                return (false, $"The rules in force no longer include '{row.Rule}'; a platform admin may dismiss the ticket.", result.Id, null);
            }

            var passed = outcome.Checked == 0 || outcome.FailureRate <= (row.Threshold ?? 0);
            return (passed, string.Create(CultureInfo.InvariantCulture,
                $"Re-checked {result.RowsChecked:N0} rows: {outcome.Failed:N0} of {outcome.Checked:N0} values fail ({outcome.FailureRate:P1}; the threshold is {row.Threshold:P1})."),
                result.Id, outcome.FailureRate);
        }

        var key = JsonSerializer.Deserialize<Dictionary<string, string>>(keys.Unseal(row.RecordKeySealed!, SealPurpose))!;
        var correction = Encoding.UTF8.GetString(keys.Unseal(row.CorrectionSealed!, SealPurpose));
        if (await _datasets.GetCurrentAsync(resource.Code, ct) is not { } version)
        {
            return (false, "The resource has no data in force.", null, null);
        }

        var lookup = new RecordLookup(_datasets, encryption, version);
        var ordinal = lookup.Fields.ToList().FindIndex(c => c.Name == row.Field);
        var found = ordinal < 0 ? [] : await lookup.FindAsync(key, 1, ct);
        if (found.Count == 0)
        {
            return (false, $"The record {row.RecordKeyMasked} is not in the data in force (version {version.Id}).", null, null);
        }

        var now = found[0].Values[ordinal] is { } value ? FieldValueText.ToText(value) : "";
        return now == correction
            ? (true, $"The record now holds the corrected {row.Field} (version {version.Id}).", null, null)
            : (false, $"The record's {row.Field} is still {QualityRules.MaskSample(now)}, not the correction (version {version.Id}).", null, null);
    }

    private async Task<TicketRow> RequireVisibleAsync(CatalogCaller caller, long ticketId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var row = await _store.FindAsync(ticketId, ct);
        if (row is null || !(caller.OverseesAll || caller.AdministersProvider(row.ProviderId)
            || row.ReporterOrganizationId == caller.OrganizationId))
        {
            throw GongshuException.NotFound($"Ticket {ticketId}", "ticket_not_found");
        }

        return row;
    }

    // The record key and correction in full only for who may see the record itself.
    private QualityTicket View(CatalogCaller caller, TicketRow row, IReadOnlyList<TicketEvent> events)
    {
        var full = caller.ManagesDataOf(row.ProviderId) || row.ReporterOrganizationId == caller.OrganizationId;
        return new QualityTicket(row.Id, row.ResourceId, row.ResourceCode, row.ProviderId, row.Origin, row.Rule, row.Threshold, row.FailureRate, row.ResultId,
            row.Field,
            full && row.RecordKeySealed is { } sealedKey ? JsonSerializer.Deserialize<Dictionary<string, string>>(keys.Unseal(sealedKey, SealPurpose)) : null,
            row.RecordKeyMasked,
            full && row.CorrectionSealed is { } sealedCorrection ? Encoding.UTF8.GetString(keys.Unseal(sealedCorrection, SealPurpose)) : null,
            row.CorrectionMasked, row.Description, row.State, row.Resolution, row.OpenedBy, row.ReporterOrganizationId,
            row.OpenedAt, row.DueAt, row.UpdatedAt, row.VerifiedAt, row.ClosedAt, (int)row.Revision, IsOverdue(row, _clock.GetUtcNow()), events);
    }

    private static string? Comment(TicketAction? action) => InputText.Read(action?.Comment, "comment", required: false);
}
