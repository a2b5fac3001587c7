using System.Globalization;
using Dapper;
using Gongshu.Storage;

namespace Gongshu.Demo;

/// <summary>
/// The <c>demo.seeded_at</c> row of <c>platform_settings</c>: written once the whole demo exists,
/// so its presence means "nothing left to create". <c>demo.catalog_seeded_at</c> says the same of
/// the demo catalog, which a demo seeded before the catalog existed gets on its next run.
/// </summary>
internal static class DemoMarker
{
    public const string Key = "demo.seeded_at";
    public const string CatalogKey = "demo.catalog_seeded_at";

    public static Task<DateTimeOffset?> FindAsync(Database database, CancellationToken ct) => FindAsync(database, Key, ct);

    public static Task<DateTimeOffset> SetAsync(Database database, DateTimeOffset now, CancellationToken ct) => SetAsync(database, Key, now, ct);

    public static async Task<DateTimeOffset?> FindAsync(Database database, string key, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var value = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT value FROM platform_settings WHERE key = @key", new { key }, cancellationToken: ct));
        return value is null ? null : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    /// <summary>Records the seeding time unless a concurrent run did first; returns the time stored.</summary>
    public static async Task<DateTimeOffset> SetAsync(Database database, string key, DateTimeOffset now, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO platform_settings (key, value, updated_at) VALUES (@key, @value, @now)
                ON CONFLICT (key) DO NOTHING
                """, new { key, value = now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), now }, cancellationToken: ct));
        }

        return await FindAsync(database, key, ct) ?? now;
    }
}
