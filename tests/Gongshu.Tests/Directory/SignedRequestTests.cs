using System.Text;
using Dapper;
using Gongshu.Audit;
using Gongshu.Directories;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.DirectoryTests;

public class SignedRequestTests
{
    private const string Verify = SignatureVerifier.VerifyAction;
    private const string Path = "/api/v1/gateway/%E4%BA%BA%E5%8F%A3/query";
    private const string Query = "size=10&name=%E5%BC%A0%E4%B8%89&page=2";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"idNumber":"11010519491231002X"}""");

    [Fact]
    public void The_canonical_query_sorts_by_name_then_value_and_encodes_per_RFC_3986()
    {
        Assert.Equal("a=1&a=2&b=&c=%E5%BC%A0%20%2B~", RequestSigning.CanonicalQuery("?c=张 %2B~&a=2&b&a=1&"));
        Assert.Equal("", RequestSigning.CanonicalQuery(null));
        Assert.Equal(
            "GET\n/x\na=1\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n1700000000\nnonce-0123456789ab",
            RequestSigning.CanonicalString("get", "/x", "a=1", RequestSigning.EmptyBodyHash, 1700000000, "nonce-0123456789ab"));
    }

    [Theory, AllDatabases]
    public async Task An_issued_credential_verifies_requests_signed_with_either_method(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        var owner = await h.CreateUserAsync("app-owner", h.Hangzhou!.Id, Role.Consumer);
        var issued = await h.Credentials.IssueAsync(h.Hangzhou.Id, owner.Id, "人口库查询", h.Clock.GetUtcNow().AddDays(90), Actor.ForUser(owner));

        Assert.Matches("^gsk_[a-z2-7]{20}$", issued.Credential.AppKey);
        Assert.Equal(43, issued.Secret.Length);
        Assert.Null(issued.Credential.LastUsedAt);

        var signer = new RequestSigner(issued.Credential.AppKey, issued.Secret, h.Clock);
        var sha = await h.Verifier.VerifyAsync(Signed(signer, "POST", Query, Body));
        var sm3 = await h.Verifier.VerifyAsync(Signed(signer, "POST", Query, Body, SignatureMethod.HmacSm3));

        Assert.Equal((issued.Credential.AppKey, h.Hangzhou.Id, (long?)owner.Id), (sha.AppKey, sha.OrganizationId, sha.OwnerUserId));
        Assert.Equal(sha.AppKey, sm3.AppKey);
        Assert.Equal(h.Clock.GetUtcNow(), (await h.Credentials.FindAsync(sha.AppKey))!.LastUsedAt);
        Assert.Empty(h.Audit.Where(Verify));

        var listed = Assert.Single(await h.Credentials.ListAsync(h.Hangzhou.Id));
        Assert.Equal(("人口库查询", issued.Credential.Fingerprint), (listed.Label, listed.Fingerprint));
        Assert.Single(h.Audit.Where("credential.issue", AuditOutcome.Success));
        Assert.All(h.Audit.Entries, e => Assert.DoesNotContain(issued.Secret, e.Detail ?? "", StringComparison.Ordinal));
    }

    [Theory, AllDatabases]
    public async Task The_secret_is_not_stored_in_plain_text(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        var issued = await h.Credentials.IssueAsync(h.Xihu!.Id, null, "test", null, Actor.System);

        await using var connection = await h.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM app_credentials";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var secretBytes = Encoding.ASCII.GetBytes(issued.Secret);
        var rawSecret = Convert.FromBase64String(issued.Secret.Replace('-', '+').Replace('_', '/') + "=");
        for (var i = 0; i < reader.FieldCount; i++)
        {
            switch (reader.IsDBNull(i) ? null : reader.GetValue(i))
            {
                case byte[] bytes:
                    Assert.Equal(-1, bytes.AsSpan().IndexOf(secretBytes));
                    Assert.Equal(-1, bytes.AsSpan().IndexOf(rawSecret));
                    break;
                case { } value:
                    Assert.DoesNotContain(issued.Secret, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!, StringComparison.Ordinal);
                    break;
            }
        }
    }

    [Theory, AllDatabases]
    public async Task Tampering_with_body_path_query_or_method_invalidates_the_signature(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        var signer = await IssueSignerAsync(h);

        Task Tampered(Func<SignedRequest, SignedRequest> change)
            => Refused(h, change(Signed(signer, "POST", Query, Body)), "signature_invalid");

        await Tampered(r => r with { BodySha256 = RequestSigning.BodyHash(Encoding.UTF8.GetBytes("""{"idNumber":"440524188001010014"}""")) });
        await Tampered(r => r with { Path = "/api/v1/gateway/%E6%B3%95%E4%BA%BA/query" });
        await Tampered(r => r with { QueryString = "size=1000&name=%E5%BC%A0%E4%B8%89&page=2" });
        await Tampered(r => r with { Method = "DELETE" });
        await Tampered(r => r with { Headers = With(r.Headers, RequestSigning.MethodHeader, "HMAC-SM3") });

        // The same parameters in another order are the same request.
        await h.Verifier.VerifyAsync(Signed(signer, "POST", Query, Body) with { QueryString = "page=2&name=%E5%BC%A0%E4%B8%89&size=10" });

        Assert.Equal(Enumerable.Repeat("signature_invalid", 5), h.Audit.Reasons(Verify));
    }

    [Theory, AllDatabases]
    public async Task Stale_timestamps_replayed_nonces_and_missing_headers_are_refused(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        var signer = await IssueSignerAsync(h);
        var now = h.Clock.GetUtcNow();

        await Refused(h, Signed(signer, "GET", null, [], timestamp: now.AddMinutes(-6)), "timestamp_stale");
        await Refused(h, Signed(signer, "GET", null, [], timestamp: now.AddMinutes(6)), "timestamp_stale");
        await h.Verifier.VerifyAsync(Signed(signer, "GET", null, [], timestamp: now.AddMinutes(-4)));

        var once = Signed(signer, "GET", null, [], nonce: "replay-me-0123456789");
        await h.Verifier.VerifyAsync(once);
        await Refused(h, once, "nonce_replayed");

        var signed = Signed(signer, "GET", null, []);
        await Refused(h, signed with { Headers = Without(signed.Headers, RequestSigning.SignatureHeader) }, "signature_missing");
        await Refused(h, signed with { Headers = Without(signed.Headers, RequestSigning.KeyHeader) }, "signature_missing");
        await Refused(h, signed with { Headers = With(signed.Headers, RequestSigning.NonceHeader, "short") }, "signature_missing");
        await Refused(h, signed with { Headers = With(signed.Headers, RequestSigning.TimestampHeader, "yesterday") }, "signature_missing");
        await Refused(h, signed with { Headers = With(signed.Headers, RequestSigning.MethodHeader, "HMAC-MD5") }, "signature_missing");
        await Refused(h, signed with { Headers = With(signed.Headers, RequestSigning.KeyHeader, "gsk_aaaaaaaaaaaaaaaaaaaa") }, "credential_unknown");

        Assert.Equal(
            ["timestamp_stale", "timestamp_stale", "nonce_replayed", "signature_missing", "signature_missing", "signature_missing",
             "signature_missing", "signature_missing", "credential_unknown"],
            h.Audit.Reasons(Verify));
        Assert.Equal("anonymous", h.Audit.Where(Verify)[4].Actor);
        Assert.Equal(signer.AppKey, h.Audit.Where(Verify)[2].Actor);
    }

    [Theory, AllDatabases]
    public async Task Nonces_are_forgotten_once_their_requests_would_be_stale(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        var signer = await IssueSignerAsync(h);
        await h.Verifier.VerifyAsync(Signed(signer, "GET", null, []));
        h.Clock.Advance(TimeSpan.FromMinutes(6));
        await h.Verifier.VerifyAsync(Signed(signer, "GET", null, []));

        await using var connection = await h.Database.OpenConnectionAsync();
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM request_nonces"));
    }

    [Theory, AllDatabases]
    public async Task Revoked_and_expired_credentials_are_refused_at_once(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        var revoked = await h.Credentials.IssueAsync(h.Xihu!.Id, null, "to revoke", null, Actor.System);
        var expiring = await h.Credentials.IssueAsync(h.Xihu.Id, null, "short-lived", h.Clock.GetUtcNow().AddHours(1), Actor.System);
        var revokedSigner = new RequestSigner(revoked.Credential.AppKey, revoked.Secret, h.Clock);
        var expiringSigner = new RequestSigner(expiring.Credential.AppKey, expiring.Secret, h.Clock);

        await h.Verifier.VerifyAsync(Signed(revokedSigner, "GET", null, []));
        var after = await h.Credentials.RevokeAsync(revoked.Credential.AppKey, Actor.System);
        Assert.Equal(h.Clock.GetUtcNow(), after.RevokedAt);
        await Refused(h, Signed(revokedSigner, "GET", null, []), "credential_revoked");

        await h.Verifier.VerifyAsync(Signed(expiringSigner, "GET", null, []));
        h.Clock.Advance(TimeSpan.FromHours(1));
        await Refused(h, Signed(expiringSigner, "GET", null, []), "credential_expired");

        Assert.Equal(["credential_revoked", "credential_expired"], h.Audit.Reasons(Verify));
        Assert.All(h.Audit.Where(Verify), e => Assert.Equal(h.Xihu.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Organization));
        Assert.Single(h.Audit.Where("credential.revoke", AuditOutcome.Success));
    }

    [Theory, AllDatabases]
    public async Task Issuing_checks_its_input(DatabaseKind kind)
    {
        await using var h = await DirectoryHarness.CreateAsync(kind);
        var elsewhere = await h.CreateUserAsync("elsewhere", h.Zhejiang!.Id);

        Assert.Equal("label", (await Assert.ThrowsAsync<GongshuException>(() =>
            h.Credentials.IssueAsync(h.Xihu!.Id, null, " ", null, Actor.System))).Field);
        Assert.Equal("expiresAt", (await Assert.ThrowsAsync<GongshuException>(() =>
            h.Credentials.IssueAsync(h.Xihu!.Id, null, "x", h.Clock.GetUtcNow(), Actor.System))).Field);
        Assert.Equal("owner_not_in_organization", (await Assert.ThrowsAsync<GongshuException>(() =>
            h.Credentials.IssueAsync(h.Xihu!.Id, elsewhere.Id, "x", null, Actor.System))).Code);
        Assert.Equal("organization_not_found", (await Assert.ThrowsAsync<GongshuException>(() =>
            h.Credentials.IssueAsync(9999, null, "x", null, Actor.System))).Code);
        Assert.Equal("credential_not_found", (await Assert.ThrowsAsync<GongshuException>(() =>
            h.Credentials.RevokeAsync("gsk_aaaaaaaaaaaaaaaaaaaa", Actor.System))).Code);
        Assert.Equal(4, h.Audit.Where("credential.issue", AuditOutcome.Failed).Count);
        Assert.Single(h.Audit.Where("credential.revoke", AuditOutcome.Failed));
    }

    private static async Task<RequestSigner> IssueSignerAsync(DirectoryHarness h)
    {
        var issued = await h.Credentials.IssueAsync(h.Hangzhou!.Id, null, "gateway client", null, Actor.System);
        return new RequestSigner(issued.Credential.AppKey, issued.Secret, h.Clock);
    }

    /// <summary>A request to <see cref="Path"/> as the server would see it, signed by <paramref name="signer"/>.</summary>
    private static SignedRequest Signed(RequestSigner signer, string method, string? query, byte[] body,
        SignatureMethod signatureMethod = SignatureMethod.HmacSha256, string? nonce = null, DateTimeOffset? timestamp = null)
        => new(method, Path, query, RequestSigning.BodyHash(body), signer.Sign(method, Path, query, body, signatureMethod, nonce, timestamp), "198.51.100.9");

    private static async Task Refused(DirectoryHarness h, SignedRequest request, string code)
    {
        var error = await Assert.ThrowsAsync<GongshuException>(() => h.Verifier.VerifyAsync(request));
        Assert.Equal((code, ErrorKind.Unauthorized), (error.Code, error.Kind));
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> headers, string name, string value)
        => new(headers, StringComparer.OrdinalIgnoreCase) { [name] = value };

    private static Dictionary<string, string> Without(IReadOnlyDictionary<string, string> headers, string name)
    {
        var copy = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        copy.Remove(name);
        return copy;
    }
}
