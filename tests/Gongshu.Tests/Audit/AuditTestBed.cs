using System.Data.Common;
using Dapper;
using Gongshu.Audit;
using Gongshu.Security;
using Gongshu.Storage;
using Gongshu.Tests.Support;

namespace Gongshu.Tests.Audit;

/// <summary>A migrated database, a key store and an audit log for one test, plus the tools of a tamperer.</summary>
internal sealed class AuditTestBed : IAsyncDisposable
{
    private readonly TestDatabase _test;

    private AuditTestBed(TestDatabase test, KeyStore keys, AuditLog log)
    {
        _test = test;
        Keys = keys;
        Log = log;
    }

    public Database Database => _test.Database;

    public DatabaseKind Kind => _test.Database.Kind;

    public KeyStore Keys { get; }

    public AuditLog Log { get; }

    public static async Task<AuditTestBed> CreateAsync(DatabaseKind kind, AuditLogOptions? options = null, TimeProvider? clock = null)
    {
        var test = await TestDatabase.CreateAsync(kind);
        var keys = KeyStore.Open(NewKeyDirectory(), createMissing: true);
        return new AuditTestBed(test, keys, new AuditLog(test.Database, keys, clock, options));
    }

    public static string NewKeyDirectory()
        => Path.Combine(Path.GetTempPath(), "gongshu-tests", Guid.NewGuid().ToString("N"), "keys");

    /// <summary>A second, independent handle on the same database, as another process would have.</summary>
    public Database OpenAnotherHandle() => Database.Open(_test.ConnectionOrPath, Path.GetTempPath());

    public static AuditEntry Entry(int i) => new()
    {
        Actor = $"user:{i % 7}",
        Organization = i % 2 == 0 ? "330100 杭州市数据资源管理局" : null,
        Action = i % 3 == 0 ? "dataset.switch" : "gateway.query",
        Object = $"resource:{i % 11}",
        Purpose = i % 5 == 0 ? null : "办理企业开办 \"一件事\"",
        Outcome = i % 13 == 0 ? AuditOutcome.Denied : AuditOutcome.Success,
        ClientAddress = "10.0.0." + (i % 250),
        Detail = $$"""{"rows":{{i}},"fields":["姓名","身份证号"]}""",
    };

    public async Task AppendAsync(int count, int first = 0)
    {
        for (var i = first; i < first + count; i++)
        {
            await Log.AppendAsync(Entry(i));
        }
    }

    public Task<AuditVerification> VerifyAsync() => AuditVerifier.VerifyAsync(Database, Keys.AuditSigningKey);

    public async Task<int> ExecuteAsync(string sql, object? parameters = null)
    {
        DapperSetup.EnsureConfigured();
        await using var connection = await Database.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql, parameters);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException("no value");
    }

    public async Task<List<long>> CheckpointSeqsAsync()
    {
        await using var connection = await Database.OpenConnectionAsync();
        return (await connection.QueryAsync<long>("SELECT seq FROM audit_checkpoints ORDER BY seq")).ToList();
    }

    /// <summary>What someone with the database's owner account can do: switch the append-only triggers off.</summary>
    public async Task RemoveProtectionAsync()
    {
        if (Kind == DatabaseKind.Postgres)
        {
            await ExecuteAsync("ALTER TABLE audit_log DISABLE TRIGGER ALL; ALTER TABLE audit_checkpoints DISABLE TRIGGER ALL");
        }
        else
        {
            await ExecuteAsync("""
                DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
                DROP TRIGGER audit_checkpoints_no_update; DROP TRIGGER audit_checkpoints_no_delete;
                """);
        }
    }

    /// <summary>Every stored entry, oldest first, as the log's own search returns them.</summary>
    public async Task<List<AuditRecord>> ReadAllAsync()
    {
        var all = new List<AuditRecord>();
        var search = new AuditSearch(Database);
        long? before = null;
        do
        {
            var page = await search.SearchAsync(new AuditQuery { BeforeSeq = before, Limit = AuditQuery.MaxLimit });
            all.AddRange(page.Entries);
            before = page.NextBeforeSeq;
        }
        while (before is not null);

        all.Reverse();
        return all;
    }

    /// <summary>Inserts a row exactly as given, bypassing the log (as a forger would).</summary>
    public Task InsertRowAsync(long seq, DateTimeOffset at, AuditEntry entry, byte[] prevHash, byte[] hash)
        => ExecuteAsync("""
            INSERT INTO audit_log (seq, at, actor, organization, action, object, purpose, outcome, client_address, detail, prev_hash, hash)
            VALUES (@seq, @at, @Actor, @Organization, @Action, @Object, @Purpose, @outcome, @ClientAddress, @Detail, @prevHash, @hash)
            """,
            new
            {
                seq, at, entry.Actor, entry.Organization, entry.Action, entry.Object, entry.Purpose,
                outcome = AuditChain.OutcomeText(entry.Outcome), entry.ClientAddress, entry.Detail, prevHash, hash,
            });

    public Task SetHeadAsync(long seq, byte[] hash)
        => ExecuteAsync("UPDATE audit_head SET seq = @seq, hash = @hash WHERE id = 1", new { seq, hash });

    public static AuditEntry ToEntry(AuditRecord record) => new()
    {
        Actor = record.Actor,
        Organization = record.Organization,
        Action = record.Action,
        Object = record.Object,
        Purpose = record.Purpose,
        Outcome = Enum.Parse<AuditOutcome>(record.Outcome, ignoreCase: true),
        ClientAddress = record.ClientAddress,
        Detail = record.Detail,
    };

    public async ValueTask DisposeAsync()
    {
        await Log.DisposeAsync();
        await _test.DisposeAsync();
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

internal static class DbExceptions
{
    public static async Task<DbException> ThrowsAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (DbException e)
        {
            return e;
        }

        throw new Xunit.Sdk.XunitException("Expected the database to refuse the statement, but it ran.");
    }
}
