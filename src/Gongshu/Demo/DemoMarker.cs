using System.Globalization;
using Dapper;
using Gongshu.Storage;

namespace Gongshu.Demo;

/// <summary>
/// The <c>demo.seeded_at</c> row of <c>platform_settings</c>: written once the whole demo exists,
/// so its presence means "nothing left to create".
/// </summary>
internal static class DemoMarker
{
    public const string Key = "demo.seeded_at";

    public static async Task<DateTimeOffset?> FindAsync(Database database, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var value = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT value FROM platform_settings WHERE key = @Key", new { Key }, cancellationToken: ct));
        return value is null ? null : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    /// <summary>Records the seeding time unless a concurrent run did first; returns the time stored.</summary>
    public static async Task<DateTimeOffset> SetAsync(Database database, DateTimeOffset now, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO platform_settings (key, value, updated_at) VALUES (@Key, @value, @now)
                ON CONFLICT (key) DO NOTHING
                """, new { Key, value = now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), now }, cancellationToken: ct));
        }

        return await FindAsync(database, ct) ?? now;
    }
}
