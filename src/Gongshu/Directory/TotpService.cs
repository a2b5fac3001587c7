using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Gongshu.Audit;
using Gongshu.Security;
using Gongshu.Storage;

namespace Gongshu.Directories;

/// <summary>What to show the user when enrolling: the secret to type in, or the URI to scan as a QR code.</summary>
public sealed record TotpEnrolment(string SecretBase32, string Uri, TotpAlgorithm Algorithm, int Digits);

/// <summary>How a presented TOTP code fared.</summary>
public enum TotpCheck
{
    Accepted,
    Invalid,
    Reused,
    NotEnrolled,
}

/// <summary>
/// TOTP second factor: enrolment (a new 20-byte seed, sealed with the master key, active only once
/// the user proves it with a code) and checking codes at sign-in. The last accepted time step is
/// stored per user, so a code, once accepted, is never accepted again.
/// </summary>
public sealed class TotpService(Database database, KeyStore keys, IAuditLog audit, TimeProvider? clock = null)
{
    /// <summary>The purpose the seed is sealed for: a seed cannot be unsealed as anything else.</summary>
    public const string SealPurpose = "totp";

    public const int SecretBytes = 20;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>
    /// Starts (or restarts) enrolment. Until confirmed, any earlier active seed keeps working,
    /// so a user who abandons re-enrolment is not locked out.
    /// </summary>
    public Task<TotpEnrolment> BeginEnrolmentAsync(long userId, Actor actor, TotpAlgorithm algorithm = TotpAlgorithm.Sha1, int digits = Totp.DefaultDigits, CancellationToken ct = default)
        => audit.AuditFailureAsync(actor, "user.totp_begin", UserService.ObjectName(userId), async () =>
        {
            if (digits is < 6 or > 8)
            {
                throw GongshuException.Invalid("digits", "TOTP codes have 6, 7 or 8 digits.");
            }

            if (!Enum.IsDefined(algorithm))
            {
                throw GongshuException.Invalid("algorithm", "The TOTP algorithm must be SHA1, SHA256 or SHA512.");
            }

            DapperSetup.EnsureConfigured();
            await using var connection = await database.OpenConnectionAsync(ct);
            var username = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT username FROM users WHERE id = @userId", new { userId }, cancellationToken: ct))
                ?? throw GongshuException.NotFound($"User {userId}", "user_not_found");

            var secret = RandomNumberGenerator.GetBytes(SecretBytes);
            var secretSealed = keys.Seal(secret, SealPurpose);
            await using (var tx = await connection.BeginTransactionAsync(ct))
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM user_totp WHERE user_id = @userId AND state = 'pending'", new { userId }, tx, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO user_totp (user_id, state, secret_sealed, algorithm, digits, created_at)
                    VALUES (@userId, 'pending', @secretSealed, @algorithm, @digits, @now)
                    """, new { userId, secretSealed, algorithm = algorithm.Name(), digits, now = _clock.GetUtcNow() }, tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
            }

            await audit.AppendAsync(DirectoryStorage.Entry(actor, "user.totp_begin", UserService.ObjectName(userId)), ct);
            var base32 = Base32.Encode(secret, padding: false);
            return new TotpEnrolment(base32, Totp.EnrolmentUri(username, base32, algorithm, digits), algorithm, digits);
        }, ct);

    /// <summary>
    /// Activates the pending seed when <paramref name="code"/> is right (<c>totp_invalid</c>, field
    /// <c>code</c>, otherwise; <c>totp_not_enrolling</c> when nothing is pending). The code used here
    /// cannot then be used to sign in.
    /// </summary>
    public Task ConfirmEnrolmentAsync(long userId, string code, Actor actor, CancellationToken ct = default)
        => audit.AuditFailureAsync(actor, "user.totp_enrol", UserService.ObjectName(userId), async () =>
        {
            DapperSetup.EnsureConfigured();
            await using var connection = await database.OpenConnectionAsync(ct);
            var pending = await FindSeedAsync(connection, userId, "pending", ct)
                ?? throw new GongshuException(ErrorKind.BadRequest, "totp_not_enrolling", "Start TOTP enrolment first: there is no pending secret to confirm.");
            var step = Totp.MatchStep(keys.Unseal(pending.SecretSealed, SealPurpose), code?.Trim(), _clock.GetUtcNow(), pending.Digits, Totp.ParseName(pending.Algorithm))
                ?? throw new GongshuException(ErrorKind.BadRequest, "totp_invalid",
                    "The code does not match. Check that the phone's clock is right and enter the code currently shown.", "code");

            await using (var tx = await connection.BeginTransactionAsync(ct))
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM user_totp WHERE user_id = @userId AND state = 'active'", new { userId }, tx, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE user_totp SET state = 'active', last_step = @step WHERE user_id = @userId AND state = 'pending'",
                    new { userId, step }, tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
            }

            await audit.AppendAsync(DirectoryStorage.Entry(actor, "user.totp_enrol", UserService.ObjectName(userId)), ct);
            return true;
        }, ct);

    /// <summary>Removes the user's seeds (lost phone); they must enrol again at the next sign-in.</summary>
    public Task RemoveAsync(long userId, Actor actor, CancellationToken ct = default)
        => audit.AuditFailureAsync(actor, "user.totp_remove", UserService.ObjectName(userId), async () =>
        {
            await using var connection = await database.OpenConnectionAsync(ct);
            var removed = await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM user_totp WHERE user_id = @userId", new { userId }, cancellationToken: ct));
            if (removed == 0)
            {
                throw new GongshuException(ErrorKind.NotFound, "totp_not_enrolled", $"User {userId} has no TOTP secret.");
            }

            await audit.AppendAsync(DirectoryStorage.Entry(actor, "user.totp_remove", UserService.ObjectName(userId)), ct);
            return true;
        }, ct);

    /// <summary>
    /// Checks a sign-in code against the active seed and, when accepted, records its time step
    /// (a conditional update, so two sign-ins racing with one code cannot both win).
    /// </summary>
    internal async Task<TotpCheck> CheckAsync(DbConnection connection, long userId, string code, DateTimeOffset now, CancellationToken ct)
    {
        var seed = await FindSeedAsync(connection, userId, "active", ct);
        if (seed is null)
        {
            return TotpCheck.NotEnrolled;
        }

        var step = Totp.MatchStep(keys.Unseal(seed.SecretSealed, SealPurpose), code.Trim(), now, seed.Digits, Totp.ParseName(seed.Algorithm));
        if (step is null)
        {
            return TotpCheck.Invalid;
        }

        if (seed.LastStep >= step)
        {
            return TotpCheck.Reused;
        }

        var updated = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE user_totp SET last_step = @step
            WHERE user_id = @userId AND state = 'active' AND (last_step IS NULL OR last_step < @step)
            """, new { userId, step }, cancellationToken: ct));
        return updated == 1 ? TotpCheck.Accepted : TotpCheck.Reused;
    }

    /// <summary>
    /// The active seed as it would be shown at enrolment, or null when none is active. Only for
    /// the demo seeder and local admin tools that print demo credentials, never over HTTP;
    /// audited as <c>user.totp_reveal</c>, since whoever holds the seed holds the second factor.
    /// </summary>
    internal async Task<TotpEnrolment?> RevealAsync(long userId, Actor actor, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var username = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT username FROM users WHERE id = @userId", new { userId }, cancellationToken: ct));
        if (username is null || await FindSeedAsync(connection, userId, "active", ct) is not { } seed)
        {
            return null;
        }

        var algorithm = Totp.ParseName(seed.Algorithm);
        var base32 = Base32.Encode(keys.Unseal(seed.SecretSealed, SealPurpose), padding: false);
        await audit.AppendAsync(DirectoryStorage.Entry(actor, "user.totp_reveal", UserService.ObjectName(userId)), ct);
        return new TotpEnrolment(base32, Totp.EnrolmentUri(username, base32, algorithm, seed.Digits), algorithm, seed.Digits);
    }

    internal static async Task<bool> IsEnabledAsync(DbConnection connection, long userId, CancellationToken ct)
        => await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM user_totp WHERE user_id = @userId AND state = 'active'", new { userId }, cancellationToken: ct)) > 0;

    private static Task<SeedRow?> FindSeedAsync(DbConnection connection, long userId, string state, CancellationToken ct)
        => connection.QuerySingleOrDefaultAsync<SeedRow?>(new CommandDefinition("""
            SELECT secret_sealed AS SecretSealed, algorithm, digits, last_step AS LastStep
            FROM user_totp WHERE user_id = @userId AND state = @state
            """, new { userId, state }, cancellationToken: ct));

    private sealed class SeedRow
    {
        public byte[] SecretSealed { get; set; } = [];
        public string Algorithm { get; set; } = "";
        public int Digits { get; set; }
        public long? LastStep { get; set; }
    }
}
