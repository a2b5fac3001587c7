using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Gongshu.Directories;

/// <summary>The HMAC behind a TOTP code. Authenticator apps all support SHA-1; some SHA-256/512.</summary>
public enum TotpAlgorithm
{
    Sha1,
    Sha256,
    Sha512,
}

/// <summary>
/// Time-based one-time passwords, RFC 6238 (HOTP of RFC 4226 over 30-second time steps
/// counted from the Unix epoch).
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;
    public const int DefaultDigits = 6;

    /// <summary>Steps either side of now that are still accepted, for clock drift and typing time.</summary>
    public const int DefaultWindow = 1;

    public static long TimeStep(DateTimeOffset time) => Math.DivRem(time.ToUnixTimeSeconds(), StepSeconds).Quotient;

    public static string Compute(ReadOnlySpan<byte> secret, DateTimeOffset time, int digits = DefaultDigits, TotpAlgorithm algorithm = TotpAlgorithm.Sha1)
        => Compute(secret, TimeStep(time), digits, algorithm);

    /// <summary>The code for time step <paramref name="step"/>, zero-padded to <paramref name="digits"/> (6–8).</summary>
    public static string Compute(ReadOnlySpan<byte> secret, long step, int digits = DefaultDigits, TotpAlgorithm algorithm = TotpAlgorithm.Sha1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 8);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> mac = stackalloc byte[64];
        var length = algorithm switch
        {
            TotpAlgorithm.Sha1 => HMACSHA1.HashData(secret, counter, mac),
            TotpAlgorithm.Sha256 => HMACSHA256.HashData(secret, counter, mac),
            TotpAlgorithm.Sha512 => HMACSHA512.HashData(secret, counter, mac),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };

        // Dynamic truncation (RFC 4226 §5.3): 31 bits from the offset in the last nibble.
        var offset = mac[length - 1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(mac[offset..]) & 0x7fffffff;
        var modulus = digits switch { 6 => 1_000_000, 7 => 10_000_000, _ => 100_000_000 };
        return (binary % modulus).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// The latest time step within ±<paramref name="window"/> of <paramref name="now"/> whose code is
    /// <paramref name="code"/>, or null. Every step in the window is checked, in constant time per code.
    /// </summary>
    public static long? MatchStep(ReadOnlySpan<byte> secret, string? code, DateTimeOffset now, int digits = DefaultDigits,
        TotpAlgorithm algorithm = TotpAlgorithm.Sha1, int window = DefaultWindow)
    {
        if (code is null || code.Length != digits || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var current = TimeStep(now);
        long? match = null;
        for (var step = current - window; step <= current + window; step++)
        {
            var expected = Compute(secret, step, digits, algorithm);
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                match = step;
            }
        }

        return match;
    }

    /// <summary>The name used in <c>otpauth://</c> URIs and in the database.</summary>
    public static string Name(this TotpAlgorithm algorithm) => algorithm switch
    {
        TotpAlgorithm.Sha1 => "SHA1",
        TotpAlgorithm.Sha256 => "SHA256",
        TotpAlgorithm.Sha512 => "SHA512",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    internal static TotpAlgorithm ParseName(string name) => name switch
    {
        "SHA256" => TotpAlgorithm.Sha256,
        "SHA512" => TotpAlgorithm.Sha512,
        _ => TotpAlgorithm.Sha1,
    };

    /// <summary>
    /// The <c>otpauth://totp/</c> URI for authenticator apps (as a QR code): issuer Gongshu,
    /// algorithm and digits only when they differ from the defaults every app assumes.
    /// </summary>
    public static string EnrolmentUri(string username, string secretBase32, TotpAlgorithm algorithm = TotpAlgorithm.Sha1, int digits = DefaultDigits)
    {
        var uri = $"otpauth://totp/Gongshu:{Uri.EscapeDataString(username)}?secret={secretBase32}&issuer=Gongshu";
        if (algorithm != TotpAlgorithm.Sha1)
        {
            uri += $"&algorithm={algorithm.Name()}";
        }

        if (digits != DefaultDigits)
        {
            uri += $"&digits={digits}";
        }

        return uri;
    }
}
