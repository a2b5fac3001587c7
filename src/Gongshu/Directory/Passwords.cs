using Microsoft.AspNetCore.Identity;

namespace Gongshu.Directories;

/// <summary>
/// Password hashing with ASP.NET Core Identity's hasher (PBKDF2-HMAC-SHA512, salted, versioned
/// format) and the platform's password policy.
/// </summary>
public static class Passwords
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 128;

    // The default hasher ignores the user object; a marker instance keeps the API honest.
    private static readonly PasswordHasher<Marker> Hasher = new();
    private static readonly Marker Owner = new();

    // A real hash to verify against when the user is unknown, so the reply takes as long as for a known one.
    private static readonly Lazy<string> DecoyHash = new(() => Hasher.HashPassword(Owner, Guid.NewGuid().ToString()));

    /// <summary>
    /// Refuses a password that is too short, too long, of one character class only, or that
    /// contains the username; the error names the field <paramref name="field"/>.
    /// </summary>
    public static void EnsureStrong(string? password, string? username, string field = "password")
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            throw Weak(field, $"The password must be at least {MinimumLength} characters long.");
        }

        if (password.Length > MaximumLength)
        {
            throw Weak(field, $"The password must be at most {MaximumLength} characters long.");
        }

        var classes = (password.Any(char.IsLower) ? 1 : 0)
            + (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0)
            + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0)
            + (password.Any(c => char.IsLetter(c) && !char.IsLower(c) && !char.IsUpper(c)) ? 1 : 0);
        if (classes < 2)
        {
            throw Weak(field, "The password must mix at least two kinds of characters: lower-case, upper-case, digits, symbols or Chinese characters.");
        }

        if (!string.IsNullOrEmpty(username) && password.Contains(username, StringComparison.OrdinalIgnoreCase))
        {
            throw Weak(field, "The password must not contain the username.");
        }
    }

    public static string Hash(string password) => Hasher.HashPassword(Owner, password);

    /// <summary>Checks a password; <paramref name="rehash"/> is set when the stored hash uses weaker parameters than today's.</summary>
    public static bool Verify(string storedHash, string password, out bool rehash)
    {
        var result = Hasher.VerifyHashedPassword(Owner, storedHash, password);
        rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return result != PasswordVerificationResult.Failed;
    }

    /// <summary>Spends the time of one verification and fails, for unknown users.</summary>
    public static void VerifyDecoy(string password)
        => Hasher.VerifyHashedPassword(Owner, DecoyHash.Value, password);

    private static GongshuException Weak(string field, string message) => GongshuException.Invalid(field, message, "weak_password");

    private sealed class Marker;
}
