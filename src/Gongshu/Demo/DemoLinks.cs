using Dapper;
using Gongshu.Storage;

namespace Gongshu.Demo;

/// <summary>
/// Which catalog resource describes which demo dataset: a <c>platform_settings</c> row
/// <c>dataset.catalog_code.&lt;dataset resource key&gt;</c> whose value is the resource code
/// (信息资源代码), e.g. <c>dataset.catalog_code.demo.people</c> = <c>101001/00001</c>. The resource's
/// fields are the dataset's columns (same names, type letters, lengths and nullability), so a
/// capability that serves or checks the data can go from either one to the other. The seeder
/// writes the row once the resource is published.
/// </summary>
public static class DemoLinks
{
    public const string KeyPrefix = "dataset.catalog_code.";

    public static string KeyOf(string datasetKey) => KeyPrefix + datasetKey;

    /// <summary>The code of the resource that describes <paramref name="datasetKey"/>, or null.</summary>
    public static async Task<string?> FindCodeAsync(Database database, string datasetKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT value FROM platform_settings WHERE key = @key", new { key = KeyOf(datasetKey) }, cancellationToken: ct));
    }

    /// <summary>Every link: dataset resource key → resource code.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ListAsync(Database database, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Key, string Value)>(new CommandDefinition(
            "SELECT key, value FROM platform_settings WHERE key LIKE @prefix ORDER BY key", new { prefix = KeyPrefix + "%" }, cancellationToken: ct));
        return rows.Where(r => r.Key.StartsWith(KeyPrefix, StringComparison.Ordinal))
            .ToDictionary(r => r.Key[KeyPrefix.Length..], r => r.Value, StringComparer.Ordinal);
    }

    internal static async Task SetAsync(Database database, string datasetKey, string code, DateTimeOffset now, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO platform_settings (key, value, updated_at) VALUES (@key, @code, @now)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """, new { key = KeyOf(datasetKey), code, now }, cancellationToken: ct));
    }
}
