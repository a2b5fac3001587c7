using System.Text.RegularExpressions;
using Dapper;
using Gongshu.Audit;
using Gongshu.Directories;
using Gongshu.Storage;

namespace Gongshu.Opening;

/// <summary>What a member of the public gives to register; the contact is optional (a mobile number or an e-mail address).</summary>
public sealed record PublicRegistrationRequest(string? Username, string? DisplayName, string? Password, string? Contact);

/// <summary>
/// Self-registration of the public (社会公众): an account with the public role only, placed where
/// the demo places its citizen — in the top region of the organization tree (the province), the
/// platform's own level; nothing of a department's is reachable from there.
/// </summary>
public sealed partial class PublicRegistration(Database database, UserService users, IAuditLog audit, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<User> RegisterAsync(PublicRegistrationRequest request, string? clientAddress, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Checked before the account is created: a bad contact must not leave an account behind.
        var (mobile, email) = ReadContact(request.Contact);
        var home = await HomeOrganizationAsync(ct);
        var actor = new Actor("anonymous", null, clientAddress);
        var user = await users.CreateAsync(request.Username ?? "", request.DisplayName ?? "", home, [Role.Public], request.Password ?? "", actor, ct);

        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO public_contacts (user_id, mobile, email, registered_at) VALUES (@Id, @mobile, @email, @now)",
            new { user.Id, mobile, email, now = _clock.GetUtcNow() }, cancellationToken: ct));
        await audit.AppendAsync(Actor.ForUser(user, clientAddress).Entry("user.register", $"user:{user.Id}", AuditOutcome.Success,
            new { username = user.Username, contact = mobile is not null ? "mobile" : email is not null ? "email" : null }), ct);
        return user;
    }

    /// <summary>The organization new public accounts join: the first top-level region.</summary>
    public async Task<long> HomeOrganizationAsync(CancellationToken ct = default)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT min(id) FROM organizations WHERE parent_id IS NULL AND kind <> 'department'", cancellationToken: ct))
            ?? throw new GongshuException(ErrorKind.Unavailable, "registration_unavailable", "Registration opens once the platform has its region set up.");
    }

    private static (string? Mobile, string? Email) ReadContact(string? contact)
    {
        var text = contact?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        if (MobilePattern().IsMatch(text))
        {
            return (text, null);
        }

        if (text.Length <= 254 && EmailPattern().IsMatch(text))
        {
            return (null, text);
        }

        throw GongshuException.Invalid("contact", "Give an 11-digit mobile number (1 then 3–9, e.g. 13812345678) or an e-mail address, or leave it empty.", "invalid_contact");
    }

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex MobilePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
