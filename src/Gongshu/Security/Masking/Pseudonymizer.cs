using System.Buffers;
using System.Text;
using Gongshu.Security.Crypto;

namespace Gongshu.Security.Masking;

/// <summary>
/// Pseudonymization (假名化, GB/T 37964): a value becomes <c>ps_</c> and 32 hex digits, the first
/// 128 bits of HMAC-SM3 under a scope key. Within one scope the same value always gives the same
/// token, so a consumer can still join, count and group on the column; tokens from different
/// scopes cannot be linked to each other, and without the key a token cannot be turned back into
/// its value, nor checked against a guess. The caller chooses the scope — one per grant, or one
/// per consumer so that the consumer's deliveries join — and derives its key with
/// <see cref="DeriveScopeKey"/>. Thread-safe.
/// </summary>
public sealed class Pseudonymizer
{
    public const string TokenPrefix = "ps_";

    /// <summary>Characters in a token: the prefix and 16 bytes in hex.</summary>
    public const int TokenLength = 35;

    private const int MinimumKeyLength = 16;
    private const int StackLimit = 512;

    private readonly HmacSm3 _mac;

    public Pseudonymizer(ReadOnlySpan<byte> scopeKey)
    {
        if (scopeKey.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"A pseudonymization key has at least {MinimumKeyLength} bytes; derive one with DeriveScopeKey.", nameof(scopeKey));
        }

        _mac = new HmacSm3(scopeKey);
    }

    /// <summary>
    /// The key of one pseudonymization scope: HMAC-SM3 under the platform's key of a label and
    /// <paramref name="scope"/> (e.g. <c>grant:42</c> or <c>consumer:7</c>). The platform key never
    /// leaves the key store; a scope key cannot be turned back into it or into another scope's.
    /// </summary>
    public static byte[] DeriveScopeKey(ReadOnlySpan<byte> platformKey, string scope)
    {
        if (platformKey.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"The platform key has at least {MinimumKeyLength} bytes.", nameof(platformKey));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        return new HmacSm3(platformKey).Compute(Encoding.UTF8.GetBytes("gongshu/pseudonym-scope/v1\n" + scope));
    }

    /// <summary>
    /// The token of <paramref name="value"/>. Surrounding blanks do not count, and neither does the
    /// case of letters where it carries no meaning (身份证号 x/X, codes, plates, passports upper;
    /// e-mail lower), so the spellings of one value give one token.
    /// </summary>
    public string Token(ReadOnlySpan<char> value, SensitiveType type = SensitiveType.None)
    {
        value = value.Trim();
        var size = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = size <= StackLimit ? stackalloc byte[size] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            var bytes = buffer[..Encoding.UTF8.GetBytes(value, buffer)];
            var fold = type switch
            {
                SensitiveType.IdentityNumber or SensitiveType.CreditCode or SensitiveType.PlateNumber or SensitiveType.PassportNumber or SensitiveType.BankCard => (From: (byte)'a', By: -32),
                SensitiveType.Email => (From: (byte)'A', By: 32),
                _ => (From: (byte)0, By: 0),
            };
            if (fold.By != 0)
            {
                // ASCII letters only: UTF-8 bytes of other characters are never in A–Z or a–z.
                foreach (ref var b in bytes)
                {
                    if ((uint)(b - fold.From) < 26)
                    {
                        b = (byte)(b + fold.By);
                    }
                }
            }

            Span<byte> mac = stackalloc byte[HmacSm3.MacSize];
            _mac.Compute(bytes, mac);
            return string.Create(TokenLength, mac, static (span, mac) =>
            {
                TokenPrefix.CopyTo(span);
                Convert.TryToHexStringLower(mac[..16], span[TokenPrefix.Length..], out _);
            });
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
