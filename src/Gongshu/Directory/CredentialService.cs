using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Gongshu.Audit;
using Gongshu.Security;
using Gongshu.Security.Crypto;
using Gongshu.Storage;

namespace Gongshu.Directories;

/// <summary>
/// An app credential as anyone may see it: never the secret. <see cref="Fingerprint"/> is the
/// SM3 hash (hex) of the secret, so its holder can tell which secret a credential has.
/// </summary>
public sealed record AppCredential(
    long Id,
    string AppKey,
    long OrganizationId,
    long? OwnerUserId,
    string Label,
    string Fingerprint,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt)
{
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>A newly issued credential and its secret, which is shown this once and never again.</summary>
public sealed record IssuedCredential(AppCredential Credential, string Secret);

/// <summary>
/// App keys and secrets for API clients (and later gateway grants). Verifying an HMAC signature
/// needs the secret itself, so it is stored sealed with the master key (SM4-GCM, purpose
/// <c>app-secret</c>), which lives outside the database, plus an SM3 fingerprint for display.
/// </summary>
public sealed class CredentialService(Database database, KeyStore keys, IAuditLog audit, TimeProvider? clock = null)
{
    public const string SealPurpose = "app-secret";
    public const string KeyPrefix = "gsk_";

    private const string KeyAlphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>
    /// Issues a credential for <paramref name="organizationId"/>, optionally held by a user of that
    /// organization, optionally expiring. The key is <c>gsk_</c> + 20 Base32 characters; the secret
    /// is 32 random bytes in base64url (43 characters), returned only here.
    /// </summary>
    public Task<IssuedCredential> IssueAsync(long organizationId, long? ownerUserId, string label, DateTimeOffset? expiresAt, Actor actor, CancellationToken ct = default)
        => audit.AuditFailureAsync(actor, "credential.issue", null, async () =>
        {
            label = label?.Trim() ?? "";
            if (label.Length is 0 or > 100)
            {
                throw GongshuException.Invalid("label", "The label is required (what the credential is for) and at most 100 characters.");
            }

            var now = _clock.GetUtcNow();
            if (expiresAt <= now)
            {
                throw GongshuException.Invalid("expiresAt", "The expiry must be in the future.");
            }

            DapperSetup.EnsureConfigured();
            await using var connection = await database.OpenConnectionAsync(ct);
            var organizationExists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT count(*) FROM organizations WHERE id = @organizationId", new { organizationId }, cancellationToken: ct));
            if (organizationExists == 0)
            {
                throw new GongshuException(ErrorKind.NotFound, "organization_not_found", $"Organization {organizationId} was not found.", "organizationId");
            }

            if (ownerUserId is { } owner)
            {
                var ownerOrganization = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                    "SELECT organization_id FROM users WHERE id = @owner", new { owner }, cancellationToken: ct))
                    ?? throw new GongshuException(ErrorKind.NotFound, "user_not_found", $"User {owner} was not found.", "ownerUserId");
                if (ownerOrganization != organizationId)
                {
                    throw GongshuException.Invalid("ownerUserId", "The owner must belong to the credential's organization.", "owner_not_in_organization");
                }
            }

            var appKey = KeyPrefix + new string(RandomNumberGenerator.GetItems<char>(KeyAlphabet, 20));
            var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
            var secretBytes = Encoding.ASCII.GetBytes(secret);
            var secretSealed = keys.Seal(secretBytes, SealPurpose);
            var fingerprint = Sm3.HashHex(secretBytes);

            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                INSERT INTO app_credentials (app_key, organization_id, owner_user_id, label, secret_sealed, fingerprint, created_at, expires_at)
                VALUES (@appKey, @organizationId, @ownerUserId, @label, @secretSealed, @fingerprint, @now, @expiresAt)
                RETURNING id
                """, new { appKey, organizationId, ownerUserId, label, secretSealed, fingerprint, now, expiresAt }, cancellationToken: ct));

            var credential = new AppCredential(id, appKey, organizationId, ownerUserId, label, fingerprint, now, expiresAt, null, null);
            await audit.AppendAsync(DirectoryStorage.Entry(actor, "credential.issue", ObjectName(appKey),
                detail: new { organizationId, ownerUserId, label, expiresAt, fingerprint }), ct);
            return new IssuedCredential(credential, secret);
        }, ct);

    /// <summary>Raised after a revocation is committed, with the app key (the signature check forgets its cached copy).</summary>
    public event Action<string>? Revoked;

    /// <summary>Revokes a credential; the next request signed with it is refused (<c>credential_revoked</c>).</summary>
    public Task<AppCredential> RevokeAsync(string appKey, Actor actor, CancellationToken ct = default)
        => audit.AuditFailureAsync(actor, "credential.revoke", ObjectName(appKey), async () =>
        {
            DapperSetup.EnsureConfigured();
            await using var connection = await database.OpenConnectionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE app_credentials SET revoked_at = @now WHERE app_key = @appKey AND revoked_at IS NULL",
                new { appKey, now = _clock.GetUtcNow() }, cancellationToken: ct));
            var credential = (await FindRowAsync(connection, appKey, ct))?.ToCredential()
                ?? throw GongshuException.NotFound($"Credential {appKey}", "credential_not_found");
            Revoked?.Invoke(appKey);
            await audit.AppendAsync(DirectoryStorage.Entry(actor, "credential.revoke", ObjectName(appKey)), ct);
            return credential;
        }, ct);

    public async Task<AppCredential?> FindAsync(string appKey, CancellationToken ct = default)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        return (await FindRowAsync(connection, appKey, ct))?.ToCredential();
    }

    /// <summary>The credentials of an organization, newest first, revoked and expired ones included.</summary>
    public async Task<IReadOnlyList<AppCredential>> ListAsync(long organizationId, CancellationToken ct = default)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<CredentialRow>(new CommandDefinition(
            $"{SelectColumns} WHERE organization_id = @organizationId ORDER BY id DESC", new { organizationId }, cancellationToken: ct));
        return rows.Select(r => r.ToCredential()).ToList();
    }

    internal static string ObjectName(string appKey) => $"credential:{appKey}";

    /// <summary>The credential with its sealed secret, for the signature verifier only.</summary>
    internal static async Task<(AppCredential Credential, byte[] SecretSealed)?> FindWithSecretAsync(DbConnection connection, string appKey, CancellationToken ct)
        => await FindRowAsync(connection, appKey, ct) is { } row ? (row.ToCredential(), row.SecretSealed) : null;

    internal static string Base64Url(ReadOnlySpan<byte> bytes)
        => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private const string SelectColumns = """
        SELECT id, app_key AS AppKey, organization_id AS OrganizationId, owner_user_id AS OwnerUserId, label,
               secret_sealed AS SecretSealed, fingerprint, created_at AS CreatedAt, expires_at AS ExpiresAt,
               revoked_at AS RevokedAt, last_used_at AS LastUsedAt
        FROM app_credentials
        """;

    private static Task<CredentialRow?> FindRowAsync(DbConnection connection, string appKey, CancellationToken ct)
        => connection.QuerySingleOrDefaultAsync<CredentialRow?>(new CommandDefinition(
            $"{SelectColumns} WHERE app_key = @appKey", new { appKey }, cancellationToken: ct));

    private sealed class CredentialRow
    {
        public long Id { get; set; }
        public string AppKey { get; set; } = "";
        public long OrganizationId { get; set; }
        public long? OwnerUserId { get; set; }
        public string Label { get; set; } = "";
        public byte[] SecretSealed { get; set; } = [];
        public string Fingerprint { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? ExpiresAt { get; set; }
        public DateTimeOffset? RevokedAt { get; set; }
        public DateTimeOffset? LastUsedAt { get; set; }

        public AppCredential ToCredential()
            => new(Id, AppKey, OrganizationId, OwnerUserId, Label, Fingerprint, CreatedAt, ExpiresAt, RevokedAt, LastUsedAt);
    }
}
