using Gongshu.Security;
using Gongshu.Security.Grading;
using Gongshu.Server.Catalog;
using Gongshu.Server.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongshu.Server.Security;

/// <summary>
/// Classification and grading over HTTP (分类分级): what detection found in each field, the
/// grade in force, and the provider's confirmation or override. Another organization's grading
/// is not found: it would tell which of its fields are sensitive.
/// </summary>
public static class GradingApi
{
    public sealed record FieldGradeResponse(
        string Field,
        string? Label,
        string? DeclaredGrade,
        string DetectedType,
        string DetectedTypeLabel,
        double Confidence,
        int Sampled,
        int Matched,
        string? SuggestedGrade,
        bool RaisedByCombination,
        DateTimeOffset? ScannedAt,
        string? ConfirmedType,
        string? ConfirmedGrade,
        DateTimeOffset? ConfirmedAt,
        string Type,
        string Grade,
        bool EncryptedAtRest);

    public sealed record GradingResponse(long ResourceId, string Code, string Grade, string GradeLabel, IReadOnlyList<FieldGradeResponse> Fields);

    public static void MapGrading(this RouteGroupBuilder api)
    {
        var security = api.MapGroup("/security").WithTags("Security").RequireAuthorization();
        security.MapGet("/resources/{id:long}/grading", async (long id, HttpContext context, PlatformServices p, CancellationToken ct)
            => Response(await p.FieldGrading.GetAsync(context.Caller(), id, ct)));
        security.MapPost("/resources/{id:long}/scan", async (long id, HttpContext context, PlatformServices p, CancellationToken ct)
            => Response(await p.FieldGrading.ScanAsync(context.Caller(), id, ct)));
        security.MapPut("/resources/{id:long}/fields/{field}/grade", async (long id, string field, FieldConfirmation confirmation, HttpContext context, PlatformServices p, CancellationToken ct)
            => Response(await p.FieldGrading.ConfirmAsync(context.Caller(), id, field, confirmation, ct)));
    }

    private static Ok<GradingResponse> Response(ResourceGrading grading)
        => TypedResults.Ok(new GradingResponse(grading.ResourceId, grading.Code, grading.Grade.Code(), grading.Grade.Label(),
            grading.Fields.Select(f => new FieldGradeResponse(f.Field, f.Label, f.DeclaredGrade?.Code(), f.DetectedType.Code(), f.DetectedType.Label(),
                Math.Round(f.Confidence, 3), f.Sampled, f.Matched, f.SuggestedGrade?.Code(), f.RaisedByCombination, f.ScannedAt,
                f.ConfirmedType?.Code(), f.ConfirmedGrade?.Code(), f.ConfirmedAt, f.EffectiveType.Code(), f.EffectiveGrade.Code(), f.EncryptedAtRest)).ToList()));
}
