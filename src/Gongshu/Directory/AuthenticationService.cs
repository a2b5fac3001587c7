using System.Data.Common;
using System.Globalization;
using Dapper;
using Gongshu.Audit;
using Gongshu.Storage;

namespace Gongshu.Directories;

/// <summary>When repeated failures lock an account, and for how long.</summary>
public sealed class LockoutOptions
{
    /// <summary>Consecutive failed sign-ins (wrong password or wrong TOTP code) that lock the account.</summary>
    public int MaxFailedAttempts { get; init; } = 5;

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Password + TOTP sign-in with lockout. Every attempt is audited as <c>user.login</c>; a refusal
/// carries its error code as the reason, never the password or the code.
/// </summary>
public sealed class AuthenticationService(Database database, TotpService totp, IAuditLog audit, TimeProvider? clock = null, LockoutOptions? lockout = null)
{
    public const string LoginAction = "user.login";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly LockoutOptions _lockout = lockout ?? new LockoutOptions();

    /// <summary>
    /// Signs a user in. Failures (all <see cref="GongshuException"/>): <c>invalid_credentials</c>
    /// (401, the same for an unknown user and a wrong password), <c>totp_required</c>,
    /// <c>totp_invalid</c>, <c>totp_reused</c> (401), <c>account_locked</c> (403, says until when),
    /// <c>account_disabled</c> (403). A user whose roles need TOTP but who has not enrolled yet
    /// signs in with <see cref="User.MustEnrolTotp"/> set.
    /// </summary>
    public async Task<User> SignInAsync(string username, string password, string? totpCode, string? clientAddress, CancellationToken ct = default)
    {
        DapperSetup.EnsureConfigured();
        var now = _clock.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(ct);
        var account = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition("""
            SELECT id, organization_id AS OrganizationId, password_hash AS PasswordHash, disabled, locked_until AS LockedUntil
            FROM users WHERE username_normalized = @normalized
            """, new { normalized = UserService.Normalize(username) }, cancellationToken: ct));

        if (account is null)
        {
            // Spend the hashing time anyway: the reply must not tell who has an account.
            Passwords.VerifyDecoy(password ?? "");
            throw await DenyAsync(null, username, clientAddress, InvalidCredentials(), ct);
        }

        var actor = new Actor(DirectoryStorage.Text(account.Id), account.OrganizationId, clientAddress);
        if (account.LockedUntil > now)
        {
            throw await DenyAsync(actor, username, clientAddress, Locked(account.LockedUntil.Value), ct);
        }

        if (!Passwords.Verify(account.PasswordHash, password ?? "", out var rehash))
        {
            throw await FailAsync(connection, account.Id, actor, username, InvalidCredentials(), now, ct);
        }

        // Checked only after the password, so a guesser learns nothing about the account's state.
        if (account.Disabled)
        {
            throw await DenyAsync(actor, username, clientAddress,
                new GongshuException(ErrorKind.Forbidden, "account_disabled", "This account is disabled. Ask your platform administrator."), ct);
        }

        if (await TotpService.IsEnabledAsync(connection, account.Id, ct))
        {
            if (string.IsNullOrWhiteSpace(totpCode))
            {
                throw await DenyAsync(actor, username, clientAddress,
                    new GongshuException(ErrorKind.Unauthorized, "totp_required", "Enter the 6-digit code from your authenticator app.", "totpCode"), ct);
            }

            var check = await totp.CheckAsync(connection, account.Id, totpCode, now, ct);
            if (check == TotpCheck.Invalid)
            {
                throw await FailAsync(connection, account.Id, actor, username,
                    new GongshuException(ErrorKind.Unauthorized, "totp_invalid", "The authenticator code is not right. Check the phone's clock and try the current code.", "totpCode"), now, ct);
            }

            if (check == TotpCheck.Reused)
            {
                throw await FailAsync(connection, account.Id, actor, username,
                    new GongshuException(ErrorKind.Unauthorized, "totp_reused", "This authenticator code has already been used. Wait for the next one.", "totpCode"), now, ct);
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = @now WHERE id = @Id",
            new { account.Id, now }, cancellationToken: ct));
        if (rehash)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE users SET password_hash = @hash WHERE id = @Id", new { account.Id, hash = Passwords.Hash(password!) }, cancellationToken: ct));
        }

        var user = await UserService.LoadAsync(connection, account.Id, now, ct)
            ?? throw GongshuException.NotFound($"User {account.Id}", "user_not_found");
        await audit.AppendAsync(DirectoryStorage.Entry(actor, LoginAction, UserService.ObjectName(user.Id),
            detail: new { username = user.Username, mustEnrolTotp = user.MustEnrolTotp }), ct);
        return user;
    }

    private static GongshuException InvalidCredentials()
        => new(ErrorKind.Unauthorized, "invalid_credentials", "The username or password is not right.");

    private static GongshuException Locked(DateTimeOffset until)
        => new(ErrorKind.Forbidden, "account_locked",
            $"Too many failed sign-ins: the account is locked until {until.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC.");

    /// <summary>Counts a failed attempt (locking the account at the limit), audits it and returns the error to throw.</summary>
    private async Task<GongshuException> FailAsync(DbConnection connection, long userId, Actor actor, string username, GongshuException error, DateTimeOffset now, CancellationToken ct)
    {
        var lockedUntil = now + _lockout.Duration;

        // One statement, so concurrent failures are all counted; the counter restarts when the lock is set.
        var remaining = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            UPDATE users SET
                failed_attempts = CASE WHEN failed_attempts + 1 >= @max THEN 0 ELSE failed_attempts + 1 END,
                locked_until = CASE WHEN failed_attempts + 1 >= @max THEN @lockedUntil ELSE locked_until END
            WHERE id = @userId
            RETURNING failed_attempts
            """, new { userId, max = _lockout.MaxFailedAttempts, lockedUntil }, cancellationToken: ct));
        var locked = remaining == 0;
        await audit.AppendAsync(DirectoryStorage.Entry(actor, LoginAction, UserService.ObjectName(userId), AuditOutcome.Denied,
            new { reason = error.Code, username, lockedUntil = locked ? lockedUntil : (DateTimeOffset?)null }), ct);
        return error;
    }

    private async Task<GongshuException> DenyAsync(Actor? actor, string username, string? clientAddress, GongshuException error, CancellationToken ct)
    {
        var who = actor ?? new Actor("anonymous", null, clientAddress);
        await audit.AppendAsync(DirectoryStorage.Entry(who, LoginAction, actor is null ? null : $"user:{actor.Id}", AuditOutcome.Denied,
            new { reason = error.Code, username }), ct);
        return error;
    }

    private sealed class AccountRow
    {
        public long Id { get; set; }
        public long OrganizationId { get; set; }
        public string PasswordHash { get; set; } = "";
        public bool Disabled { get; set; }
        public DateTimeOffset? LockedUntil { get; set; }
    }
}
