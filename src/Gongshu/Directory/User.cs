namespace Gongshu.Directories;

/// <summary>A person who signs in. Never carries the password hash or the TOTP seed.</summary>
public sealed record User(
    long Id,
    string Username,
    string DisplayName,
    long OrganizationId,
    IReadOnlyList<Role> Roles,
    bool Disabled,
    bool TotpEnabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LockedUntil,
    DateTimeOffset? LastSignInAt)
{
    /// <summary>Every role above public user signs in with a second factor (DESIGN.md §5).</summary>
    public bool RequiresTotp => Roles.Any(r => r != Role.Public);

    /// <summary>
    /// Signed in with the password alone but must enrol TOTP before doing anything else:
    /// the web layer limits such a session to the enrolment page.
    /// </summary>
    public bool MustEnrolTotp => RequiresTotp && !TotpEnabled;

    public bool HasRole(Role role) => Roles.Contains(role);

    // Two reads of the same user are equal: roles compare by content, not by list instance.
    public bool Equals(User? other)
        => other is not null
            && (Id, Username, DisplayName, OrganizationId, Disabled, TotpEnabled, CreatedAt, LockedUntil, LastSignInAt)
                == (other.Id, other.Username, other.DisplayName, other.OrganizationId, other.Disabled, other.TotpEnabled, other.CreatedAt, other.LockedUntil, other.LastSignInAt)
            && Roles.SequenceEqual(other.Roles);

    public override int GetHashCode() => HashCode.Combine(Id, Username, OrganizationId);
}
