using System.Data.Common;
using Gongshu.Collection.Sources.Database;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gongshu.Tests.CollectionTests.Sources.Database;

/// <summary>
/// A department's database for one test: a throwaway schema on the test PostgreSQL server
/// (<c>GONGSHU_TEST_PG</c>), or a new SQLite file. The test writes its source tables here.
/// </summary>
public sealed class SourceDatabase : IAsyncDisposable
{
    private SourceDatabase(DatabaseKind kind, string connection, string? schema)
    {
        Kind = kind;
        Connection = connection;
        Schema = schema;
    }

    public DatabaseKind Kind { get; }

    /// <summary>What <see cref="DatabaseSourceOptions.Connection"/> takes: a connection string or a file path.</summary>
    public string Connection { get; }

    public string? Schema { get; }

    public static async Task<SourceDatabase> CreateAsync(DatabaseKind kind)
    {
        if (kind == DatabaseKind.Sqlite)
        {
            return new SourceDatabase(kind, Path.Combine(Path.GetTempPath(), $"gongshu-source-{Guid.NewGuid():N}.db"), null);
        }

        var schema = $"src_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", admin);
        await create.ExecuteNonQueryAsync();
        return new SourceDatabase(kind, $"{TestDatabase.AdminConnectionString};Search Path={schema}", schema);
    }

    public DatabaseSourceOptions Options(string? table = null, string? query = null) => new()
    {
        Kind = Kind,
        Connection = Connection,
        Table = table,
        Query = query,
    };

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Schema is not null)
        {
            await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA {Schema} CASCADE", admin);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
            File.Delete(Connection);
        }
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = Kind == DatabaseKind.Postgres
            ? new NpgsqlConnection(Connection)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Connection, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}
