using System.Text.Json;
using Gongshu.Security.Masking;
using Gongshu.Server.Catalog;
using Gongshu.Server.Http;
using Gongshu.Server.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongshu.Server.Security;

/// <summary>
/// The masking policy over HTTP (脱敏策略): read by admins, auditors and providers, replaced by
/// platform admins with the next version number. The body is the policy JSON of docs/MASKING.md;
/// every problem in it is a 400 naming the rule and field.
/// </summary>
public static class MaskingApi
{
    public sealed record PolicyResponse(int Version, string Fingerprint, long? SavedBy, DateTimeOffset? SavedAt, JsonElement Policy);

    public static void MapMasking(this RouteGroupBuilder api)
    {
        var policy = api.MapGroup("/security/masking-policy").WithTags("Security").RequireAuthorization();
        policy.MapGet("", async (HttpContext context, PlatformServices p, CancellationToken ct)
            => Response(await p.MaskingPolicies.GetAsync(context.Caller(), ct)));
        policy.MapGet("/history", async (HttpContext context, PlatformServices p, CancellationToken ct)
            => TypedResults.Ok((await p.MaskingPolicies.HistoryAsync(context.Caller(), ct)).Select(ToResponse).ToList()));
        policy.MapPut("", SaveAsync).Accepts<JsonElement>("application/json");
    }

    private static async Task<Ok<PolicyResponse>> SaveAsync(HttpContext context, PlatformServices platform, CancellationToken ct)
        => Response(await platform.MaskingPolicies.SaveAsync(context.Caller(), await RequestText.ReadAsync(context, 1024 * 1024, "policy", ct), ct));

    private static Ok<PolicyResponse> Response(SavedMaskingPolicy saved) => TypedResults.Ok(ToResponse(saved));

    private static PolicyResponse ToResponse(SavedMaskingPolicy saved)
        => new(saved.Version, saved.Fingerprint, saved.SavedBy, saved.SavedAt, JsonDocument.Parse(saved.Policy.ToJson()).RootElement.Clone());
}
