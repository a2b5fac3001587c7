using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gongshu.Security.Crypto;

namespace Gongshu.Directories;

/// <summary>The HMAC a client signs with; HMAC-SHA256 unless it asks for the national SM3.</summary>
public enum SignatureMethod
{
    HmacSha256,
    HmacSm3,
}

/// <summary>
/// The signed-request protocol shared by <see cref="RequestSigner"/> (clients) and
/// <see cref="SignatureVerifier"/> (server). The string to sign is, one per line:
/// METHOD, path as sent (percent-encoded), canonical query, hex SHA-256 of the body,
/// timestamp (Unix seconds), nonce. The signature is base64 of the HMAC of that string
/// under the UTF-8 bytes of the app secret.
/// </summary>
public static class RequestSigning
{
    public const string KeyHeader = "X-Gongshu-Key";
    public const string TimestampHeader = "X-Gongshu-Timestamp";
    public const string NonceHeader = "X-Gongshu-Nonce";
    public const string SignatureHeader = "X-Gongshu-Signature";
    public const string MethodHeader = "X-Gongshu-Signature-Method";

    /// <summary>How far a request's timestamp may be from the server's clock, either way.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    /// <summary>SHA-256 of an empty body, the body hash of every GET.</summary>
    public static readonly string EmptyBodyHash = BodyHash([]);

    public static string MethodName(this SignatureMethod method) => method == SignatureMethod.HmacSm3 ? "HMAC-SM3" : "HMAC-SHA256";

    /// <summary>Lower-case hex SHA-256 of the request body.</summary>
    public static string BodyHash(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>Lower-case hex SHA-256 of a body read from a stream (for the server, without buffering it twice).</summary>
    public static async Task<string> BodyHashAsync(Stream body, CancellationToken ct = default)
        => Convert.ToHexStringLower(await SHA256.HashDataAsync(body, ct));

    /// <summary>
    /// Parameters sorted by name then value (ordinal, after encoding), each name and value
    /// percent-decoded and re-encoded per RFC 3986 (unreserved characters kept, UTF-8, upper-case
    /// hex), joined with <c>&amp;</c>. A parameter without <c>=</c> gets an empty value.
    /// A leading <c>?</c> is ignored; <c>+</c> is a literal plus, not a space.
    /// </summary>
    public static string CanonicalQuery(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return "";
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var part in query.TrimStart('?').Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add((Encode(Uri.UnescapeDataString(name)), Encode(Uri.UnescapeDataString(value))));
        }

        return string.Join('&', pairs
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
    }

    public static string CanonicalString(string method, string path, string? query, string bodyHash, long timestamp, string nonce)
        => string.Join('\n',
            method.ToUpperInvariant(),
            path,
            CanonicalQuery(query),
            bodyHash.ToLowerInvariant(),
            timestamp.ToString(CultureInfo.InvariantCulture),
            nonce);

    public static byte[] Mac(SignatureMethod method, string secret, string canonical)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.UTF8.GetBytes(canonical);
        return method == SignatureMethod.HmacSm3 ? Sm3.Hmac(key, data) : HMACSHA256.HashData(key, data);
    }

    /// <summary>RFC 3986 percent-encoding: everything but <c>A–Z a–z 0–9 - . _ ~</c>, as UTF-8 bytes.</summary>
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}

/// <summary>
/// Signs requests for an app credential: the headers to add to one HTTP request. For clients,
/// tests and SDKs; the server side is <see cref="SignatureVerifier"/>.
/// </summary>
public sealed class RequestSigner(string appKey, string secret, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public string AppKey => appKey;

    /// <summary>
    /// The headers for a request to <paramref name="path"/> (exactly as it will be sent,
    /// percent-encoded) with query string <paramref name="query"/> and body <paramref name="body"/>.
    /// The nonce (22 random base64url characters) and timestamp (now) may be given for tests.
    /// </summary>
    public IReadOnlyDictionary<string, string> Sign(
        string method, string path, string? query, ReadOnlySpan<byte> body,
        SignatureMethod signatureMethod = SignatureMethod.HmacSha256, string? nonce = null, DateTimeOffset? timestamp = null)
    {
        var unixSeconds = (timestamp ?? _clock.GetUtcNow()).ToUnixTimeSeconds();
        nonce ??= CredentialService.Base64Url(RandomNumberGenerator.GetBytes(16));
        var canonical = RequestSigning.CanonicalString(method, path, query, RequestSigning.BodyHash(body), unixSeconds, nonce);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [RequestSigning.KeyHeader] = appKey,
            [RequestSigning.TimestampHeader] = unixSeconds.ToString(CultureInfo.InvariantCulture),
            [RequestSigning.NonceHeader] = nonce,
            [RequestSigning.SignatureHeader] = Convert.ToBase64String(RequestSigning.Mac(signatureMethod, secret, canonical)),
        };
        if (signatureMethod != SignatureMethod.HmacSha256)
        {
            headers[RequestSigning.MethodHeader] = signatureMethod.MethodName();
        }

        return headers;
    }
}
