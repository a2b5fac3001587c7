using System.Text.Encodings.Web;
using Gongshu.Directories;
using Gongshu.Server.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Gongshu.Server.Sessions;

/// <summary>
/// Authenticates requests signed with an app credential (the <c>X-Gongshu-*</c> headers). The
/// signature covers the path and query exactly as sent, so they are read from the raw request
/// target, not from the decoded route.
/// </summary>
public sealed class SignatureAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SignatureVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Signature";

    private GongshuException? _refusal;

    public static bool IsSigned(HttpRequest request) => request.Headers.ContainsKey(RequestSigning.KeyHeader);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!IsSigned(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var (path, query) = SplitTarget(Context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? Request.Path + Request.QueryString);

        // Hash the body, then rewind it for the endpoint; large bodies spill to a temp file. A
        // request that cannot have one (a GET without Content-Length) hashes as empty, unbuffered.
        string bodyHash;
        if (Context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            bodyHash = RequestSigning.EmptyBodyHash;
        }
        else
        {
            Request.EnableBuffering();
            bodyHash = await RequestSigning.BodyHashAsync(Request.Body, Context.RequestAborted);
            Request.Body.Position = 0;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in Request.Headers)
        {
            if (name.StartsWith("X-Gongshu-", StringComparison.OrdinalIgnoreCase))
            {
                headers[name] = value.ToString();
            }
        }

        try
        {
            var signed = new SignedRequest(Request.Method, path, query, bodyHash, headers, Context.Connection.RemoteIpAddress?.ToString());
            AppCredential credential;
            if (Context.GetEndpoint()?.Metadata.GetMetadata<SpendsNonceWithAudit>() is null)
            {
                credential = await verifier.VerifyAsync(signed, Context.RequestAborted);
            }
            else
            {
                (credential, var nonce) = await verifier.VerifyLeavingNonceAsync(signed, Context.RequestAborted);
                Context.Features.Set(new UnspentNonce(nonce));
            }

            return AuthenticateResult.Success(new AuthenticationTicket(Principals.ForApp(credential, SchemeName), SchemeName));
        }
        catch (GongshuException e)
        {
            _refusal = e;
            return AuthenticateResult.Fail(e.Message);
        }
    }

    /// <summary>A refused signature answers with the verifier's reason, e.g. <c>nonce_replayed</c>.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        => Problems.WriteAsync(Context, _refusal is { } e
            ? Problems.Describe(e)
            : Problems.Build(StatusCodes.Status401Unauthorized, "authentication_required", "Sign in, or sign the request with an app credential."));

    private static (string Path, string? Query) SplitTarget(string rawTarget)
    {
        var mark = rawTarget.IndexOf('?', StringComparison.Ordinal);
        return mark < 0 ? (rawTarget, null) : (rawTarget[..mark], rawTarget[(mark + 1)..]);
    }
}

/// <summary>
/// Endpoint metadata: the endpoint spends the request's nonce itself, with its audit entry in one
/// commit (<see cref="Gongshu.Audit.IAuditLog.AppendSpendingNonceAsync"/>), and sends nothing of
/// its answer before that. Only for endpoints that build their whole answer before sending it.
/// </summary>
public sealed class SpendsNonceWithAudit;

/// <summary>The nonce of a signed request to an endpoint marked <see cref="SpendsNonceWithAudit"/>, still to be spent.</summary>
public sealed record UnspentNonce(Gongshu.Audit.RequestNonce Nonce);
