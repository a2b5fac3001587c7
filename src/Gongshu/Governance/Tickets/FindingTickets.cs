using System.Globalization;
using Gongshu.Audit;
using Gongshu.Calendar;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Governance.Rules;
using Gongshu.Storage;

namespace Gongshu.Governance.Tickets;

/// <summary>
/// Opens the platform's own tickets from a load's or a check's findings: one per rule whose failure
/// rate passed its threshold, addressed to the resource's provider (谁提供谁负责). A rule that already
/// has an unfinished ticket gets the new finding noted on it instead of a second ticket.
/// </summary>
internal sealed class FindingTickets(Database database, IAuditLog audit, TimeProvider clock)
{
    /// <summary>Working days a provider has to fix a problem, from the day the ticket opens (or reopens).</summary>
    public const int RectifyWorkingDays = 5;

    private readonly TicketStore _store = new(database);
    private readonly WorkingCalendars _calendars = new(database, audit, clock);

    public async Task OpenAsync(CatalogResource resource, long resultId, RuleSet rules, IReadOnlyList<RuleOutcome> outcomes, CancellationToken ct)
    {
        WorkingCalendar? calendar = null;
        foreach (var (rule, outcome) in rules.Rules.Zip(outcomes))
        {
            var threshold = rules.ThresholdOf(rule);
            if (outcome.Checked == 0 || outcome.FailureRate <= threshold)
            {
                continue;
            }

            var now = clock.GetUtcNow();
            if (await _store.FindUnfinishedRuleAsync(resource.Id, rule.Description, ct) is { } unfinished)
            {
                await _store.NoteFindingAsync(unfinished.Id, resultId, outcome.FailureRate, now, ct);
                continue;
            }

            calendar ??= await _calendars.GetAsync(ct);
            var description = string.Create(CultureInfo.InvariantCulture,
                $"{outcome.Description}: {outcome.Failed:N0} of {outcome.Checked:N0} values failed ({outcome.FailureRate:P1}), above the threshold of {threshold:P1}.");
            var row = new TicketRow
            {
                ResourceId = resource.Id,
                ProviderId = resource.ProviderId,
                Origin = TicketOrigins.Rule,
                Rule = rule.Description,
                Threshold = threshold,
                FailureRate = outcome.FailureRate,
                ResultId = resultId,
                Field = rule.Field,
                Description = description,
                State = TicketStates.Open,
                OpenedAt = now,
                DueAt = calendar.Deadline(now, RectifyWorkingDays),
            };
            try
            {
                row.Id = await _store.InsertAsync(row, Actor.System, ct);
            }
            catch (System.Data.Common.DbException e) when (DirectoryStorage.IsUniqueViolation(e))
            {
                continue; // a concurrent check opened it a moment ago
            }

            await audit.AppendAsync(Actor.System.Entry("governance.ticket.opened", QualityTickets.AuditObject(row.Id), AuditOutcome.Success, new
            {
                code = resource.Code,
                origin = row.Origin,
                rule = row.Rule,
                failureRate = outcome.FailureRate,
                threshold,
                result = resultId,
                due = row.DueAt,
            }), CancellationToken.None);
        }
    }
}
