using System.Data.Common;
using System.Reflection;
using Dapper;

namespace Gongshu.Storage;

/// <summary>
/// Applies the SQL migrations shipped in this assembly (<c>Storage/Migrations/{dialect}/NNNN_name.sql</c>),
/// each in its own transaction, in file-name order, recording them in <c>schema_migrations</c>.
/// </summary>
public static class Migrator
{
    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> Available(DatabaseKind kind)
    {
        var prefix = $"migrations/{(kind == DatabaseKind.Postgres ? "postgres" : "sqlite")}/";
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n =>
            {
                var fileName = n[prefix.Length..];
                var version = int.Parse(fileName[..4], System.Globalization.CultureInfo.InvariantCulture);
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new Migration(version, Path.GetFileNameWithoutExtension(fileName), reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)
            .ToList();
    }

    /// <summary>The migrations not yet applied to <paramref name="database"/>.</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(Database database, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        HashSet<int> applied;
        try
        {
            applied = (await connection.QueryAsync<int>(new CommandDefinition("SELECT version FROM schema_migrations", cancellationToken: ct))).ToHashSet();
        }
        catch (DbException)
        {
            applied = [];
        }

        return Available(database.Kind).Where(m => !applied.Contains(m.Version)).Select(m => m.Name).ToList();
    }

    /// <summary>Applies what is missing; returns the names applied now.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(Database database, CancellationToken ct = default)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await database.OpenConnectionAsync(ct);
        var createLedger = database.Kind == DatabaseKind.Postgres
            ? "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)"
            : "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
        await connection.ExecuteAsync(new CommandDefinition(createLedger, cancellationToken: ct));

        var applied = new List<string>();
        foreach (var migration in Available(database.Kind))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);

            // On PostgreSQL an advisory lock keeps two starting nodes from applying the same migration.
            if (database.Kind == DatabaseKind.Postgres)
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(7262011)", transaction: tx, cancellationToken: ct));
            }

            var done = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT count(*) FROM schema_migrations WHERE version = @Version", new { migration.Version }, tx, cancellationToken: ct));
            if (done > 0)
            {
                await tx.CommitAsync(ct);
                continue;
            }

            await ExecuteScriptAsync(connection, tx, migration.Sql, ct);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @Now)",
                new { migration.Version, migration.Name, Now = DateTimeOffset.UtcNow }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            applied.Add(migration.Name);
        }

        return applied;
    }

    private static async Task ExecuteScriptAsync(DbConnection connection, DbTransaction tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
