using System.Data.Common;
using Dapper;
using Gongshu.Directories;
using Gongshu.Storage;

namespace Gongshu.Governance.Tickets;

/// <summary>
/// The rows of <c>quality_tickets</c> and their events. Each state change is one transaction that
/// moves the ticket only from the state the caller saw (so two people acting at once cannot both
/// win) and appends its event.
/// </summary>
internal sealed class TicketStore(Database database)
{
    private static readonly string Unfinished = SqlDialect.Literals(TicketStates.Unfinished);

    public const string Columns = """
        t.id, t.resource_id AS ResourceId, r.code AS ResourceCode, t.provider_id AS ProviderId, t.origin, t.rule, t.threshold,
        t.failure_rate AS FailureRate, t.result_id AS ResultId, t.field, t.record_key_masked AS RecordKeyMasked,
        t.record_key_sealed AS RecordKeySealed, t.correction_masked AS CorrectionMasked, t.correction_sealed AS CorrectionSealed,
        t.description, t.state, t.resolution, t.opened_by AS OpenedBy, t.reporter_org_id AS ReporterOrganizationId,
        t.opened_at AS OpenedAt, t.due_at AS DueAt, t.updated_at AS UpdatedAt, t.verified_at AS VerifiedAt, t.closed_at AS ClosedAt, t.revision
        """;

    public async Task<long> InsertAsync(TicketRow row, Actor actor, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO quality_tickets (resource_id, provider_id, origin, rule, threshold, failure_rate, result_id, field,
                record_key_masked, record_key_sealed, correction_masked, correction_sealed, description, state, opened_by,
                reporter_org_id, opened_at, due_at, updated_at, revision)
            VALUES (@ResourceId, @ProviderId, @Origin, @Rule, @Threshold, @FailureRate, @ResultId, @Field,
                @RecordKeyMasked, @RecordKeySealed, @CorrectionMasked, @CorrectionSealed, @Description, @State, @OpenedBy,
                @ReporterOrganizationId, @OpenedAt, @DueAt, @OpenedAt, 1)
            RETURNING id
            """, row, tx, cancellationToken: ct));
        await AppendEventAsync(connection, tx, id, "opened", null, TicketStates.Open, actor, row.Description, row.OpenedAt, ct);
        await tx.CommitAsync(ct);
        return id;
    }

    public async Task<TicketRow?> FindAsync(long id, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<TicketRow>(new CommandDefinition(
            $"SELECT {Columns} FROM quality_tickets t JOIN catalog_resources r ON r.id = t.resource_id WHERE t.id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>The unfinished ticket about a rule of a resource, if there is one.</summary>
    public async Task<TicketRow?> FindUnfinishedRuleAsync(long resourceId, string rule, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<TicketRow>(new CommandDefinition($"""
            SELECT {Columns} FROM quality_tickets t JOIN catalog_resources r ON r.id = t.resource_id
            WHERE t.resource_id = @resourceId AND t.origin = 'rule' AND t.rule = @rule AND t.state IN ({Unfinished})
            """, new { resourceId, rule }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<TicketRow>> ListAsync(string where, object parameters, int limit, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<TicketRow>(new CommandDefinition(
            $"SELECT {Columns} FROM quality_tickets t JOIN catalog_resources r ON r.id = t.resource_id WHERE {where} ORDER BY t.id DESC LIMIT {limit}",
            parameters, cancellationToken: ct))];
    }

    public async Task<IReadOnlyList<TicketEvent>> EventsAsync(long ticketId, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(long Seq, string Action, string? FromState, string ToState, string Actor, long? OrganizationId, string? Comment, DateTimeOffset At)>(
            new CommandDefinition("""
                SELECT seq, action, from_state, to_state, actor, organization_id, comment, at
                FROM quality_ticket_events WHERE ticket_id = @ticketId ORDER BY seq
                """, new { ticketId }, cancellationToken: ct));
        return [.. rows.Select(e => new TicketEvent((int)e.Seq, e.Action, e.FromState, e.ToState, e.Actor, e.OrganizationId, e.Comment, e.At))];
    }

    /// <summary>
    /// Moves a ticket from <paramref name="from"/> to <paramref name="change"/>'s state; false when
    /// it was no longer in that state (someone else acted first), and then nothing is written.
    /// </summary>
    public async Task<bool> MoveAsync(long id, string from, TicketChange change, Actor actor, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var moved = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE quality_tickets SET state = @State, resolution = @Resolution, updated_at = @At, revision = revision + 1,
                due_at = COALESCE(@DueAt, due_at),
                verified_at = CASE WHEN @State = 'verified' THEN @At WHEN @State = 'reopened' THEN NULL ELSE verified_at END,
                closed_at = CASE WHEN @State = 'closed' THEN @At ELSE NULL END,
                result_id = COALESCE(@ResultId, result_id), failure_rate = COALESCE(@FailureRate, failure_rate)
            WHERE id = @id AND state = @from
            """, new { id, from, change.State, change.Resolution, change.At, change.DueAt, change.ResultId, change.FailureRate }, tx, cancellationToken: ct));
        if (moved != 1)
        {
            return false;
        }

        await AppendEventAsync(connection, tx, id, change.Action, from, change.State, actor, change.Comment, change.At, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Records a later finding about an unfinished rule ticket without moving it.</summary>
    public async Task NoteFindingAsync(long id, long resultId, double failureRate, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE quality_tickets SET result_id = @resultId, failure_rate = @failureRate, updated_at = @at WHERE id = @id",
            new { id, resultId, failureRate, at }, cancellationToken: ct));
    }

    private static Task AppendEventAsync(DbConnection connection, DbTransaction tx, long ticketId, string action, string? from, string to, Actor actor,
        string? comment, DateTimeOffset at, CancellationToken ct)
        => connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO quality_ticket_events (ticket_id, seq, action, from_state, to_state, actor, organization_id, comment, at)
            VALUES (@ticketId, (SELECT COALESCE(MAX(seq), 0) + 1 FROM quality_ticket_events WHERE ticket_id = @ticketId),
                @action, @from, @to, @Id, @OrganizationId, @comment, @at)
            """, new { ticketId, action, from, to, actor.Id, actor.OrganizationId, comment, at }, tx, cancellationToken: ct));
}

/// <summary>A state change: the action's name for the event, the new state and what changes with it.</summary>
internal sealed record TicketChange(string Action, string State, DateTimeOffset At, string? Comment = null, string? Resolution = null,
    DateTimeOffset? DueAt = null, long? ResultId = null, double? FailureRate = null);

/// <summary>A row of <c>quality_tickets</c> as stored (sealed values still sealed).</summary>
internal sealed class TicketRow
{
    public long Id { get; set; }
    public long ResourceId { get; set; }
    public string ResourceCode { get; set; } = "";
    public long ProviderId { get; set; }
    public string Origin { get; set; } = "";
    public string? Rule { get; set; }
    public double? Threshold { get; set; }
    public double? FailureRate { get; set; }
    public long? ResultId { get; set; }
    public string? Field { get; set; }
    public string? RecordKeyMasked { get; set; }
    public byte[]? RecordKeySealed { get; set; }
    public string? CorrectionMasked { get; set; }
    public byte[]? CorrectionSealed { get; set; }
    public string Description { get; set; } = "";
    public string State { get; set; } = "";
    public string? Resolution { get; set; }
    public long? OpenedBy { get; set; }
    public long? ReporterOrganizationId { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public long Revision { get; set; }
}
