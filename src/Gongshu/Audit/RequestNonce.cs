namespace Gongshu.Audit;

/// <summary>
/// A signed request's nonce, to be spent in the same commit as the request's audit entry
/// (<see cref="AuditLog.AppendSpendingNonceAsync"/>): one durable write per call instead of two,
/// and still nothing answered before its nonce is on disk.
/// </summary>
/// <param name="AppKey">The credential the request was signed with.</param>
/// <param name="Nonce">The request's nonce, unique per credential for as long as it is kept.</param>
/// <param name="RequestAt">The signed timestamp; nonces are pruned once it leaves the freshness window.</param>
/// <param name="Replayed">Written instead of the call's entry when the nonce turns out to be spent already.</param>
public sealed record RequestNonce(string AppKey, string Nonce, DateTimeOffset RequestAt, AuditEntry Replayed)
{
    /// <summary>One row of <c>request_nonces</c>, bound in this order by both writers.</summary>
    internal const string SqliteInsertSql = "INSERT INTO request_nonces (app_key, nonce, request_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";

    /// <summary>A batch's nonces as three arrays; returns the ones that were new.</summary>
    internal const string PostgresInsertSql = """
        INSERT INTO request_nonces (app_key, nonce, request_at)
        SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
        ON CONFLICT DO NOTHING
        RETURNING app_key, nonce
        """;
}
