using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Dapper;
using Gongshu.Audit;
using Gongshu.Security;
using Gongshu.Storage;

namespace Gongshu.Directories;

/// <summary>
/// What the verifier needs from an HTTP request, with no web-framework types: the method, the
/// path exactly as sent (raw, percent-encoded — in ASP.NET Core <c>IHttpRequestFeature.RawTarget</c>
/// up to the <c>?</c>), the raw query string, the hex SHA-256 of the body
/// (<see cref="RequestSigning.BodyHashAsync"/>) and the request headers.
/// </summary>
public sealed record SignedRequest(
    string Method,
    string Path,
    string? QueryString,
    string BodySha256,
    IReadOnlyDictionary<string, string> Headers,
    string? ClientAddress = null);

/// <summary>
/// Checks signed requests, in this order: headers present and well-formed (<c>signature_missing</c>),
/// key known (<c>credential_unknown</c>), not revoked (<c>credential_revoked</c>) or expired
/// (<c>credential_expired</c>), timestamp within the window (<c>timestamp_stale</c>), signature
/// (<c>signature_invalid</c>), nonce not seen before for this key and timestamp (<c>nonce_replayed</c>). All are
/// 401s and each is audited as <c>credential.verify</c>, Denied. The nonce is recorded only after
/// the signature holds, so nobody without the secret can spend a client's nonces.
/// </summary>
public sealed partial class SignatureVerifier(Database database, KeyStore keys, IAuditLog audit, TimeProvider? clock = null, TimeSpan? window = null)
    : IAsyncDisposable
{
    /// <summary>
    /// How long a credential read from the database is reused. Revoking it through this process
    /// takes effect on the next request (<see cref="Forget"/>); another process sharing the
    /// database sees a revocation within this time.
    /// </summary>
    public static readonly TimeSpan CredentialCacheTime = TimeSpan.FromSeconds(2);

    private readonly NonceLog _nonces = new(database);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CachedCredential> _credentials = new(StringComparer.Ordinal);

    public const string VerifyAction = "credential.verify";

    // Every request carries its refusal in case its nonce was spent: serialized once, not per request.
    private static readonly string ReplayedDetail = System.Text.Json.JsonSerializer.Serialize(new { reason = "nonce_replayed" });

    private static readonly long PruneEveryTicks = TimeSpan.FromMinutes(1).Ticks;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly TimeSpan _window = window ?? RequestSigning.DefaultWindow;
    private long _nextPruneTicks;

    /// <summary>The credential the request was signed with (its last-used time updated), or a <see cref="GongshuException"/>.</summary>
    public async Task<AppCredential> VerifyAsync(SignedRequest request, CancellationToken ct = default)
        => (await VerifyAsync(request, spendNonce: true, ct)).Credential;

    /// <summary>
    /// As <see cref="VerifyAsync(SignedRequest, CancellationToken)"/>, but the nonce is not spent
    /// here: the caller spends it with the request's audit entry, in one commit
    /// (<see cref="AuditLog.AppendSpendingNonceAsync"/>), and must answer nothing before that
    /// returned true. For answers made in full before they are sent, such as a gateway lookup.
    /// </summary>
    public Task<(AppCredential Credential, RequestNonce Nonce)> VerifyLeavingNonceAsync(SignedRequest request, CancellationToken ct = default)
        => VerifyAsync(request, spendNonce: false, ct)!;

    /// <summary>The refusal of a request whose nonce was spent before.</summary>
    public static GongshuException NonceReplayed() => Refused("nonce_replayed", "This nonce has already been used: every request needs a new one.");

    private async Task<(AppCredential Credential, RequestNonce Nonce)> VerifyAsync(SignedRequest request, bool spendNonce, CancellationToken ct)
    {
        // The web handler already gives a case-insensitive dictionary; others are copied into one.
        var headers = request.Headers is Dictionary<string, string> { Comparer: var comparer } given && ReferenceEquals(comparer, StringComparer.OrdinalIgnoreCase)
            ? given
            : new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        headers.TryGetValue(RequestSigning.KeyHeader, out var appKey);

        // Only a well-formed key goes into the audit log as the actor: the header is the caller's text.
        var refusal = new Actor(appKey is not null && AppKeyPattern().IsMatch(appKey) ? appKey : "anonymous", null, request.ClientAddress);

        var parsed = Parse(headers);
        if (parsed.Error is { } malformed)
        {
            throw await DenyAsync(refusal, null, new GongshuException(ErrorKind.Unauthorized, "signature_missing", malformed.Message, malformed.Header), ct);
        }

        DapperSetup.EnsureConfigured();
        var now = _clock.GetUtcNow();
        var cached = await CredentialAsync(parsed.AppKey, now, ct);
        if (cached is null)
        {
            throw await DenyAsync(refusal, null, Refused("credential_unknown", "The app key is not known."), ct);
        }

        var credential = cached.Credential;

        refusal = refusal with { OrganizationId = credential.OrganizationId };
        var obj = CredentialService.ObjectName(credential.AppKey);
        if (credential.RevokedAt is not null)
        {
            throw await DenyAsync(refusal, obj, Refused("credential_revoked", "This app credential has been revoked."), ct);
        }

        if (credential.ExpiresAt <= now)
        {
            throw await DenyAsync(refusal, obj, Refused("credential_expired", "This app credential has expired."), ct);
        }

        var requestTime = DateTimeOffset.FromUnixTimeSeconds(parsed.Timestamp);
        if ((now - requestTime).Duration() > _window)
        {
            throw await DenyAsync(refusal, obj, Refused("timestamp_stale",
                $"The request timestamp is more than {_window.TotalMinutes:0} minutes from the server's clock ({now.ToUnixTimeSeconds()}); check the client's clock."), ct);
        }

        var secret = cached.Secret;
        var canonical = RequestSigning.CanonicalString(request.Method, request.Path, request.QueryString, request.BodySha256, parsed.Timestamp, parsed.Nonce);
        if (!CryptographicOperations.FixedTimeEquals(RequestSigning.Mac(parsed.Method, secret, canonical), parsed.Signature))
        {
            throw await DenyAsync(refusal, obj, Refused("signature_invalid",
                "The signature does not match the request. Sign the method, raw path, canonical query, body hash, timestamp and nonce with the app secret."), ct);
        }

        await PruneNoncesAsync(now, ct);
        var nonce = new RequestNonce(parsed.AppKey, parsed.Nonce, requestTime,
            DirectoryStorage.Entry(refusal, VerifyAction, obj, AuditOutcome.Denied) with { Detail = ReplayedDetail });
        if (spendNonce && !await _nonces.RecordAsync(parsed.AppKey, parsed.Nonce, requestTime, ct))
        {
            throw await DenyAsync(refusal, obj, NonceReplayed(), ct);
        }

        // Only written once a minute per credential: the gateway's hot path should not rewrite a row per request.
        if (credential.LastUsedAt is not { } used || used < now - TimeSpan.FromMinutes(1))
        {
            await using var connection = await database.OpenConnectionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE app_credentials SET last_used_at = @now
                WHERE id = @Id AND (last_used_at IS NULL OR last_used_at < @stale)
                """, new { credential.Id, now, stale = now - TimeSpan.FromMinutes(1) }, cancellationToken: ct));
            _credentials[parsed.AppKey] = cached with { Credential = credential with { LastUsedAt = now } };
        }

        return (credential with { LastUsedAt = credential.LastUsedAt > now - TimeSpan.FromMinutes(1) ? credential.LastUsedAt : now }, nonce);
    }

    /// <summary>
    /// Forgets nonces whose request time is outside the window: such a request would be refused
    /// as stale anyway, so its nonce can no longer be replayed. Runs at most once a minute.
    /// </summary>
    private async Task PruneNoncesAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPruneTicks, now.UtcTicks + PruneEveryTicks, due) != due)
        {
            return;
        }

        await using var connection = await database.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM request_nonces WHERE request_at < @cutoff", new { cutoff = now - _window }, cancellationToken: ct));
    }

    /// <summary>Drops a credential from the cache, so its revocation applies to the very next request.</summary>
    public void Forget(string appKey) => _credentials.TryRemove(appKey, out _);

    // The credential and its unsealed secret, read at most every CredentialCacheTime.
    private async Task<CachedCredential?> CredentialAsync(string appKey, DateTimeOffset now, CancellationToken ct)
    {
        if (_credentials.TryGetValue(appKey, out var cached) && now - cached.ReadAt < CredentialCacheTime && now >= cached.ReadAt)
        {
            return cached;
        }

        await using var connection = await database.OpenConnectionAsync(ct);
        var found = await CredentialService.FindWithSecretAsync(connection, appKey, ct);
        if (found is null)
        {
            _credentials.TryRemove(appKey, out _);
            return null;
        }

        cached = new CachedCredential(found.Value.Credential, System.Text.Encoding.ASCII.GetString(keys.Unseal(found.Value.SecretSealed, CredentialService.SealPurpose)), now);
        _credentials[appKey] = cached;
        return cached;
    }

    public ValueTask DisposeAsync() => _nonces.DisposeAsync();

    private sealed record CachedCredential(AppCredential Credential, string Secret, DateTimeOffset ReadAt);

    private static ParsedHeaders Parse(Dictionary<string, string> headers)
    {
        static ParsedHeaders Bad(string header, string message) => new() { Error = (header, message) };

        if (!headers.TryGetValue(RequestSigning.KeyHeader, out var appKey) || !AppKeyPattern().IsMatch(appKey))
        {
            return Bad(RequestSigning.KeyHeader, $"Signed requests need the {RequestSigning.KeyHeader} header with the app key (gsk_…).");
        }

        if (!headers.TryGetValue(RequestSigning.TimestampHeader, out var timestampText) || !TimestampPattern().IsMatch(timestampText))
        {
            return Bad(RequestSigning.TimestampHeader, $"Signed requests need the {RequestSigning.TimestampHeader} header: the time in Unix seconds.");
        }

        if (!headers.TryGetValue(RequestSigning.NonceHeader, out var nonce) || !NoncePattern().IsMatch(nonce))
        {
            return Bad(RequestSigning.NonceHeader, $"Signed requests need the {RequestSigning.NonceHeader} header: 16–64 characters of A–Z, a–z, 0–9, '_' and '-', new for every request.");
        }

        var method = SignatureMethod.HmacSha256;
        if (headers.TryGetValue(RequestSigning.MethodHeader, out var methodText))
        {
            if (string.Equals(methodText, "HMAC-SM3", StringComparison.OrdinalIgnoreCase))
            {
                method = SignatureMethod.HmacSm3;
            }
            else if (!string.Equals(methodText, "HMAC-SHA256", StringComparison.OrdinalIgnoreCase))
            {
                return Bad(RequestSigning.MethodHeader, $"{RequestSigning.MethodHeader} must be HMAC-SHA256 or HMAC-SM3.");
            }
        }

        var signature = new byte[32];
        if (!headers.TryGetValue(RequestSigning.SignatureHeader, out var signatureText)
            || !Convert.TryFromBase64String(signatureText, signature, out var written) || written != 32)
        {
            return Bad(RequestSigning.SignatureHeader, $"Signed requests need the {RequestSigning.SignatureHeader} header: the base64 HMAC (32 bytes).");
        }

        return new ParsedHeaders
        {
            AppKey = appKey,
            Timestamp = long.Parse(timestampText, CultureInfo.InvariantCulture),
            Nonce = nonce,
            Method = method,
            Signature = signature,
        };
    }

    private static GongshuException Refused(string code, string message) => new(ErrorKind.Unauthorized, code, message);

    private async Task<GongshuException> DenyAsync(Actor actor, string? obj, GongshuException error, CancellationToken ct)
    {
        await audit.AppendAsync(DirectoryStorage.Entry(actor, VerifyAction, obj, AuditOutcome.Denied, new { reason = error.Code }), ct);
        return error;
    }

    [GeneratedRegex("^gsk_[a-z2-7]{20}$")]
    private static partial Regex AppKeyPattern();

    [GeneratedRegex("^[0-9]{1,12}$")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{16,64}$")]
    private static partial Regex NoncePattern();

    private sealed class ParsedHeaders
    {
        public (string Header, string Message)? Error { get; init; }
        public string AppKey { get; init; } = "";
        public long Timestamp { get; init; }
        public string Nonce { get; init; } = "";
        public SignatureMethod Method { get; init; }
        public byte[] Signature { get; init; } = [];
    }
}
