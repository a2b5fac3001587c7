using Gongshu.Server.Http;
using Gongshu.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongshu.Server.Health;

public static class HealthApi
{
    public sealed record HealthReport(string Status, string Database, long MillisecondsToDatabase);

    /// <summary><c>/healthz</c>: 200 when the database answers, 503 when it does not.</summary>
    public static void MapHealth(this IEndpointRouteBuilder routes)
        => routes.MapGet("/healthz", CheckAsync).WithTags("Health").AllowAnonymous();

    private static async Task<Results<Ok<HealthReport>, ProblemHttpResult>> CheckAsync(Database database, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await using var connection = await database.OpenConnectionAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            return Problems.Create(503, "database_unavailable", $"The database does not answer ({e.GetType().Name}).");
        }

        return TypedResults.Ok(new HealthReport("ok", database.Kind.ToString(), started.ElapsedMilliseconds));
    }
}
