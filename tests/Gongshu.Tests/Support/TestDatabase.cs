using System.Reflection;
using Gongshu.Storage;
using Npgsql;
using Xunit.Sdk;

namespace Gongshu.Tests.Support;

/// <summary>Runs a theory once on SQLite and once on PostgreSQL.</summary>
public sealed class AllDatabasesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        yield return [DatabaseKind.Sqlite];
        yield return [DatabaseKind.Postgres];
    }
}

/// <summary>
/// A migrated database of its own for one test: a new SQLite file, or a new schema on the
/// PostgreSQL server named by <c>GONGSHU_TEST_PG</c> (./test.sh starts one). A test that needs
/// PostgreSQL fails when none is configured rather than skipping.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _schema;
    private readonly string? _directory;

    private TestDatabase(Database database, string? schema, string? directory)
    {
        Database = database;
        _schema = schema;
        _directory = directory;
    }

    public Database Database { get; }

    /// <summary>A connection string (PostgreSQL) or file path (SQLite) that opens this same database.</summary>
    public string ConnectionOrPath => Database switch
    {
        SqliteDatabase s => s.FilePath,
        _ => $"{AdminConnectionString};Search Path={_schema}",
    };

    public string? DataDirectory => _directory;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("GONGSHU_TEST_PG") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "PostgreSQL tests need GONGSHU_TEST_PG (a connection string). Run ./test.sh, which starts a throwaway server.");

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind, bool migrate = true)
    {
        TestDatabase test;
        if (kind == DatabaseKind.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "gongshu-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            test = new TestDatabase(new SqliteDatabase(Path.Combine(directory, "gongshu.db")), null, directory);
        }
        else
        {
            var schema = $"t_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(AdminConnectionString))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", admin);
                await create.ExecuteNonQueryAsync();
            }

            test = new TestDatabase(new PostgresDatabase($"{AdminConnectionString};Search Path={schema}"), schema, null);
        }

        if (migrate)
        {
            await Migrator.MigrateAsync(test.Database);
        }

        return test;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (_schema is not null)
        {
            await using var admin = new NpgsqlConnection(AdminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA {_schema} CASCADE", admin);
            await drop.ExecuteNonQueryAsync();
        }

        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is removed with the temp folder later.
            }
        }
    }
}
