using System.Data.Common;
using Dapper;
using Gongshu.Storage;

namespace Gongshu.Catalog;

/// <summary>
/// One catalog change: a connection and its transaction. Disposing without committing rolls
/// everything back, so a refused change leaves nothing behind.
/// </summary>
internal sealed class CatalogWork : IAsyncDisposable
{
    private CatalogWork(DatabaseKind kind, DbConnection connection, DbTransaction transaction)
    {
        Kind = kind;
        Connection = connection;
        Transaction = transaction;
    }

    public DatabaseKind Kind { get; }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public static async Task<CatalogWork> BeginAsync(Database database, CancellationToken ct)
    {
        DapperSetup.EnsureConfigured();
        var connection = await database.OpenConnectionAsync(ct);
        try
        {
            return new CatalogWork(database.Kind, connection, await connection.BeginTransactionAsync(ct));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task<ResourceRow?> LockAsync(long resourceId, CancellationToken ct)
        => CatalogStore.LockResourceAsync(Connection, Transaction, Kind, resourceId, ct);

    public async Task<bool> OrganizationExistsAsync(long organizationId, CancellationToken ct)
        => await Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM organizations WHERE id = @organizationId", new { organizationId }, Transaction, cancellationToken: ct)) > 0;

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
