namespace Gongshu.Audit;

/// <summary>Whether the action recorded in an audit entry succeeded.</summary>
public enum AuditOutcome
{
    Success,
    Denied,
    Failed,
}

/// <summary>
/// One thing that happened: who (actor and organization), did what (action) to what (object),
/// why (purpose), with what result (outcome), from where (client address). The log adds the
/// sequence number, time and hash chain.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>User id, app key or <c>system</c>.</summary>
    public required string Actor { get; init; }

    public string? Organization { get; init; }

    /// <summary>A dotted verb, e.g. <c>user.login</c>, <c>dataset.switch</c>, <c>gateway.query</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The kind and id of the object acted on, e.g. <c>user:42</c>.</summary>
    public string? Object { get; init; }

    public string? Purpose { get; init; }

    public AuditOutcome Outcome { get; init; } = AuditOutcome.Success;

    public string? ClientAddress { get; init; }

    /// <summary>Small structured detail (JSON text); never secrets or whole data rows.</summary>
    public string? Detail { get; init; }
}

/// <summary>The append-only, hash-chained audit log.</summary>
public interface IAuditLog
{
    /// <summary>Appends an entry; when the task completes the entry is durable.</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken ct = default);

    /// <summary>
    /// Appends a signed request's entry and spends its nonce in one commit; false (and the nonce's
    /// refusal written instead) when the nonce was spent before.
    /// </summary>
    Task<bool> AppendSpendingNonceAsync(AuditEntry entry, RequestNonce nonce, CancellationToken ct = default);
}
