using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Gongshu.Audit;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gongshu.Directories;

/// <summary>Small helpers shared by the directory services.</summary>
internal static class DirectoryStorage
{
    /// <summary>A unique index refused the row: someone else got there first.</summary>
    public static bool IsUniqueViolation(DbException e) => e switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,

        // 2067 SQLITE_CONSTRAINT_UNIQUE, 1555 SQLITE_CONSTRAINT_PRIMARYKEY.
        SqliteException lite => lite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    public static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The audit entry for <paramref name="action"/> done by <paramref name="actor"/>.</summary>
    public static AuditEntry Entry(Actor actor, string action, string? obj, AuditOutcome outcome = AuditOutcome.Success, object? detail = null) => new()
    {
        Actor = actor.Id,
        Organization = actor.OrganizationId is { } org ? Text(org) : null,
        Action = action,
        Object = obj,
        Outcome = outcome,
        ClientAddress = actor.ClientAddress,
        Detail = detail is null ? null : JsonSerializer.Serialize(detail),
    };

    /// <summary>
    /// Runs a change and, when it is refused with a <see cref="GongshuException"/>, audits the
    /// refusal (outcome Failed, the error code as reason) before passing the error on. The change
    /// itself audits its success.
    /// </summary>
    public static async Task<T> AuditFailureAsync<T>(this IAuditLog audit, Actor actor, string action, string? obj, Func<Task<T>> change, CancellationToken ct)
    {
        try
        {
            return await change();
        }
        catch (GongshuException e)
        {
            await audit.AppendAsync(Entry(actor, action, obj, AuditOutcome.Failed, new { reason = e.Code, field = e.Field }), ct);
            throw;
        }
    }
}
