using Dapper;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Storage;

public class MigrationTests
{
    [Theory, AllDatabases]
    public async Task Rekeying_request_nonces_by_time_keeps_the_nonces_already_spent(DatabaseKind kind)
    {
        await using var test = await TestDatabase.CreateAsync(kind, migrate: false);
        var database = test.Database;
        DapperSetup.EnsureConfigured();

        // A database as it was before migration 0015, with a nonce spent.
        await using (var connection = await database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(kind == DatabaseKind.Postgres
                ? "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)"
                : "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
            foreach (var migration in Migrator.Available(kind).Where(m => m.Version < 15))
            {
                await connection.ExecuteAsync(migration.Sql);
                await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @Now)",
                    new { migration.Version, migration.Name, Now = DateTimeOffset.UtcNow });
            }

            await connection.ExecuteAsync("INSERT INTO request_nonces (app_key, nonce, request_at) VALUES ('gsk_before', 'spent-before-upgrade', @at)",
                new { at = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero) });
        }

        Assert.Equal(["0015_request_nonces_by_time"], (await Migrator.MigrateAsync(database)).Where(n => n.StartsWith("0015", StringComparison.Ordinal)));

        await using var after = await database.OpenConnectionAsync();
        var insert = "INSERT INTO request_nonces (app_key, nonce, request_at) VALUES ('gsk_before', 'spent-before-upgrade', @at) ON CONFLICT DO NOTHING";
        Assert.Equal(0, await after.ExecuteAsync(insert, new { at = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero) }));
        Assert.Equal(1, await after.ExecuteScalarAsync<long>("SELECT count(*) FROM request_nonces"));
    }
}
