using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Gongshu.Audit;
using Gongshu.Storage;

namespace Gongshu.Directories;

/// <summary>
/// Users: create, look up, list by organization, set roles, change or reset the password,
/// disable and unlock. Who may do which is the caller's check; every change and every refused
/// change is audited with the acting <see cref="Actor"/>.
/// </summary>
public sealed partial class UserService(Database database, IAuditLog audit, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>
    /// Creates a user in <paramref name="organizationId"/>. Usernames are 3–64 characters of
    /// letters, digits and <c>. _ - @</c>, unique regardless of case (<c>username_taken</c>).
    /// </summary>
    public Task<User> CreateAsync(
        string username, string displayName, long organizationId, IEnumerable<Role> roles, string password, Actor actor, CancellationToken ct = default)
        => audit.AuditFailureAsync(actor, "user.create", null, async () =>
        {
            username = username?.Trim() ?? "";
            if (!UsernamePattern().IsMatch(username))
            {
                throw GongshuException.Invalid("username", "The username must be 3–64 characters: letters, digits and '.', '_', '-', '@', starting with a letter or digit.");
            }

            displayName = displayName?.Trim() ?? "";
            if (displayName.Length is 0 or > 100)
            {
                throw GongshuException.Invalid("displayName", "The display name is required and at most 100 characters.");
            }

            var roleList = CheckRoles(roles);
            Passwords.EnsureStrong(password, username);

            DapperSetup.EnsureConfigured();
            var now = _clock.GetUtcNow();
            await using var connection = await database.OpenConnectionAsync(ct);
            var organizationExists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT count(*) FROM organizations WHERE id = @organizationId", new { organizationId }, cancellationToken: ct));
            if (organizationExists == 0)
            {
                throw new GongshuException(ErrorKind.NotFound, "organization_not_found", $"Organization {organizationId} was not found.", "organizationId");
            }

            var hash = Passwords.Hash(password);
            await using var tx = await connection.BeginTransactionAsync(ct);
            long id;
            try
            {
                id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                    INSERT INTO users (username, username_normalized, display_name, organization_id, password_hash, created_at, password_changed_at)
                    VALUES (@username, @normalized, @displayName, @organizationId, @hash, @now, @now)
                    RETURNING id
                    """, new { username, normalized = Normalize(username), displayName, organizationId, hash, now }, tx, cancellationToken: ct));
            }
            catch (DbException e) when (DirectoryStorage.IsUniqueViolation(e))
            {
                throw new GongshuException(ErrorKind.Conflict, "username_taken", $"The username '{username}' is already taken.", "username");
            }

            await WriteRolesAsync(connection, tx, id, roleList, ct);
            await tx.CommitAsync(ct);

            var user = new User(id, username, displayName, organizationId, roleList, false, false, now, null, null);
            await audit.AppendAsync(DirectoryStorage.Entry(actor, "user.create", ObjectName(id),
                detail: new { username, organizationId, roles = roleList.Select(r => r.Code()) }), ct);
            return user;
        }, ct);

    public async Task<User?> FindAsync(long id, CancellationToken ct = default)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        return await LoadAsync(connection, id, _clock.GetUtcNow(), ct);
    }

    /// <summary>The user, or a 404 <c>user_not_found</c>.</summary>
    public async Task<User> GetAsync(long id, CancellationToken ct = default)
        => await FindAsync(id, ct) ?? throw GongshuException.NotFound($"User {id}", "user_not_found");

    public async Task<User?> FindByUsernameAsync(string username, CancellationToken ct = default)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var id = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT id FROM users WHERE username_normalized = @normalized", new { normalized = Normalize(username) }, cancellationToken: ct));
        return id is null ? null : await LoadAsync(connection, id.Value, _clock.GetUtcNow(), ct);
    }

    /// <summary>The users of one organization (not of its children), by username.</summary>
    public async Task<IReadOnlyList<User>> ListByOrganizationAsync(long organizationId, CancellationToken ct = default)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(
            $"{SelectColumns} WHERE u.organization_id = @organizationId ORDER BY u.username_normalized", new { organizationId }, cancellationToken: ct));
        var roles = (await connection.QueryAsync<(long UserId, string Role)>(new CommandDefinition("""
            SELECT r.user_id, r.role FROM user_roles r JOIN users u ON u.id = r.user_id
            WHERE u.organization_id = @organizationId
            """, new { organizationId }, cancellationToken: ct)))
            .ToLookup(r => r.UserId, r => Roles.Parse(r.Role));
        var now = _clock.GetUtcNow();
        return rows.Select(r => r.ToUser(roles[r.Id], now)).ToList();
    }

    /// <summary>Replaces the user's roles with <paramref name="roles"/> (at least one).</summary>
    public Task<User> SetRolesAsync(long userId, IEnumerable<Role> roles, Actor actor, CancellationToken ct = default)
        => audit.AuditFailureAsync(actor, "user.set_roles", ObjectName(userId), async () =>
        {
            var roleList = CheckRoles(roles);
            await using var connection = await database.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            await EnsureExistsAsync(connection, tx, userId, ct);
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM user_roles WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct));
            await WriteRolesAsync(connection, tx, userId, roleList, ct);
            await tx.CommitAsync(ct);
            await audit.AppendAsync(DirectoryStorage.Entry(actor, "user.set_roles", ObjectName(userId),
                detail: new { roles = roleList.Select(r => r.Code()) }), ct);
            return await GetAsync(userId, ct);
        }, ct);

    /// <summary>
    /// The user changes their own password: the current one must be right
    /// (<c>invalid_credentials</c>, field <c>currentPassword</c>), the new one strong.
    /// </summary>
    public Task ChangePasswordAsync(long userId, string currentPassword, string newPassword, Actor actor, CancellationToken ct = default)
        => audit.AuditFailureAsync(actor, "user.change_password", ObjectName(userId), async () =>
        {
            DapperSetup.EnsureConfigured();
            await using var connection = await database.OpenConnectionAsync(ct);
            var row = await connection.QuerySingleOrDefaultAsync<(string? Username, string PasswordHash)>(new CommandDefinition(
                "SELECT username, password_hash FROM users WHERE id = @userId", new { userId }, cancellationToken: ct));
            if (row.Username is null)
            {
                throw GongshuException.NotFound($"User {userId}", "user_not_found");
            }

            if (!Passwords.Verify(row.PasswordHash, currentPassword ?? "", out _))
            {
                throw new GongshuException(ErrorKind.BadRequest, "invalid_credentials", "The current password is not right.", "currentPassword");
            }

            if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
            {
                throw GongshuException.Invalid("newPassword", "The new password must differ from the current one.", "weak_password");
            }

            Passwords.EnsureStrong(newPassword, row.Username, "newPassword");
            await StorePasswordAsync(connection, userId, newPassword, ct);
            await audit.AppendAsync(DirectoryStorage.Entry(actor, "user.change_password", ObjectName(userId)), ct);
            return true;
        }, ct);

    /// <summary>An administrator sets a new password (forgotten password); also lifts a lockout.</summary>
    public Task ResetPasswordAsync(long userId, string newPassword, Actor actor, CancellationToken ct = default)
        => audit.AuditFailureAsync(actor, "user.reset_password", ObjectName(userId), async () =>
        {
            DapperSetup.EnsureConfigured();
            await using var connection = await database.OpenConnectionAsync(ct);
            var username = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT username FROM users WHERE id = @userId", new { userId }, cancellationToken: ct))
                ?? throw GongshuException.NotFound($"User {userId}", "user_not_found");
            Passwords.EnsureStrong(newPassword, username);
            await StorePasswordAsync(connection, userId, newPassword, ct);
            await audit.AppendAsync(DirectoryStorage.Entry(actor, "user.reset_password", ObjectName(userId)), ct);
            return true;
        }, ct);

    /// <summary>A disabled user cannot sign in (<c>account_disabled</c>); their data and history stay.</summary>
    public Task SetDisabledAsync(long userId, bool disabled, Actor actor, CancellationToken ct = default)
        => UpdateAsync(userId, disabled ? "user.disable" : "user.enable",
            "UPDATE users SET disabled = @disabled WHERE id = @userId", new { userId, disabled }, actor, ct);

    /// <summary>Lifts a lockout before it runs out.</summary>
    public Task UnlockAsync(long userId, Actor actor, CancellationToken ct = default)
        => UpdateAsync(userId, "user.unlock",
            "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = @userId", new { userId }, actor, ct);

    internal static string Normalize(string username) => (username ?? "").Trim().ToLowerInvariant();

    internal static string ObjectName(long id) => $"user:{DirectoryStorage.Text(id)}";

    internal static async Task<User?> LoadAsync(DbConnection connection, long id, DateTimeOffset now, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"{SelectColumns} WHERE u.id = @id", new { id }, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        var roles = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT role FROM user_roles WHERE user_id = @id", new { id }, cancellationToken: ct));
        return row.ToUser(roles.Select(Roles.Parse), now);
    }

    private const string SelectColumns = """
        SELECT u.id, u.username, u.display_name AS DisplayName, u.organization_id AS OrganizationId, u.disabled,
               EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = u.id AND t.state = 'active') AS TotpEnabled,
               u.created_at AS CreatedAt, u.locked_until AS LockedUntil, u.last_sign_in_at AS LastSignInAt
        FROM users u
        """;

    private static List<Role> CheckRoles(IEnumerable<Role>? roles)
    {
        var list = (roles ?? []).Distinct().Order().ToList();
        if (list.Count == 0)
        {
            throw GongshuException.Invalid("roles", "Give the user at least one role.");
        }

        if (list.Any(r => !Enum.IsDefined(r)))
        {
            throw GongshuException.Invalid("roles", "Unknown role.", "unknown_role");
        }

        return list;
    }

    private static async Task WriteRolesAsync(DbConnection connection, DbTransaction tx, long userId, IEnumerable<Role> roles, CancellationToken ct)
    {
        foreach (var role in roles)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO user_roles (user_id, role) VALUES (@userId, @role)", new { userId, role = role.Code() }, tx, cancellationToken: ct));
        }
    }

    private static async Task EnsureExistsAsync(DbConnection connection, DbTransaction? tx, long userId, CancellationToken ct)
    {
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM users WHERE id = @userId", new { userId }, tx, cancellationToken: ct));
        if (exists == 0)
        {
            throw GongshuException.NotFound($"User {userId}", "user_not_found");
        }
    }

    private async Task StorePasswordAsync(DbConnection connection, long userId, string password, CancellationToken ct)
    {
        var hash = Passwords.Hash(password);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE users SET password_hash = @hash, password_changed_at = @now, failed_attempts = 0, locked_until = NULL
            WHERE id = @userId
            """, new { userId, hash, now = _clock.GetUtcNow() }, cancellationToken: ct));
    }

    private Task UpdateAsync(long userId, string action, string sql, object parameters, Actor actor, CancellationToken ct)
        => audit.AuditFailureAsync(actor, action, ObjectName(userId), async () =>
        {
            DapperSetup.EnsureConfigured();
            await using var connection = await database.OpenConnectionAsync(ct);
            if (await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: ct)) == 0)
            {
                throw GongshuException.NotFound($"User {userId}", "user_not_found");
            }

            await audit.AppendAsync(DirectoryStorage.Entry(actor, action, ObjectName(userId)), ct);
            return true;
        }, ct);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$")]
    private static partial Regex UsernamePattern();

    private sealed class UserRow
    {
        public long Id { get; set; }
        public string Username { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public long OrganizationId { get; set; }
        public bool Disabled { get; set; }
        public bool TotpEnabled { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? LockedUntil { get; set; }
        public DateTimeOffset? LastSignInAt { get; set; }

        public User ToUser(IEnumerable<Role> roles, DateTimeOffset now) => new(
            Id, Username, DisplayName, OrganizationId, roles.Order().ToList(), Disabled, TotpEnabled, CreatedAt,
            LockedUntil > now ? LockedUntil : null, LastSignInAt);
    }
}
