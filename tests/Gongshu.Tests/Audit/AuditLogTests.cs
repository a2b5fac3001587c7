using Dapper;
using Gongshu.Audit;
using Gongshu.Security;
using Gongshu.Security.Crypto;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Audit;

public class AuditLogTests
{
    [Theory, AllDatabases]
    public async Task Appended_entries_verify_as_one_unbroken_chain(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind);
        await bed.AppendAsync(25);

        var result = await bed.VerifyAsync();

        Assert.True(result.Ok, result.Message);
        Assert.Equal(25, result.EntriesChecked);
        Assert.Null(result.Kind);
        var records = await bed.ReadAllAsync();
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), records.Select(r => r.Seq));
        Assert.Equal("330100 杭州市数据资源管理局", records[0].Organization);
        Assert.Equal(AuditTestBed.Entry(24).Detail, records[^1].Detail);
    }

    [Theory, AllDatabases]
    public async Task Entries_are_hashed_as_the_documented_canonical_form(DatabaseKind kind)
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 3, 1, 8, 30, 15, TimeSpan.FromHours(8)).AddTicks(1_234_567));
        await using var bed = await AuditTestBed.CreateAsync(kind, clock: clock);
        await bed.Log.AppendAsync(AuditTestBed.Entry(1));
        await bed.Log.AppendAsync(AuditTestBed.Entry(2));

        var records = await bed.ReadAllAsync();
        var at = AuditChain.ToStoredPrecision(clock.Now);
        Assert.Equal(at, records[0].At);
        var first = AuditChain.ComputeHash(AuditChain.GenesisHash, 1, at, AuditTestBed.Entry(1));
        var second = AuditChain.ComputeHash(first, 2, at, AuditTestBed.Entry(2));
        Assert.Equal(Convert.ToHexStringLower(first), records[0].Hash);
        Assert.Equal(Convert.ToHexStringLower(second), records[1].Hash);
    }

    [Theory, AllDatabases]
    public async Task Many_concurrent_appenders_in_two_processes_produce_one_gapless_valid_chain(DatabaseKind kind)
    {
        var options = new AuditLogOptions { CheckpointInterval = 1_000 };
        await using var bed = await AuditTestBed.CreateAsync(kind, options);
        await using var otherDatabase = bed.OpenAnotherHandle();
        await using var otherLog = new AuditLog(otherDatabase, bed.Keys, options: options);

        var appenders = Enumerable.Range(0, 50).Select(t => Task.Run(async () =>
        {
            var log = t % 2 == 0 ? bed.Log : otherLog;
            for (var i = 0; i < 200; i++)
            {
                await log.AppendAsync(AuditTestBed.Entry((t * 200) + i));
            }
        }));
        var inTransaction = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await using var connection = await otherDatabase.OpenConnectionAsync();
                await using var tx = await connection.BeginTransactionAsync();
                await otherLog.AppendInTransactionAsync(connection, tx, AuditTestBed.Entry(i));
                await tx.CommitAsync();
            }
        });
        await Task.WhenAll([.. appenders, inTransaction]);

        var result = await bed.VerifyAsync();

        Assert.True(result.Ok, result.Message);
        Assert.Equal(10_050, result.EntriesChecked);
        Assert.Equal(10_050, await bed.ScalarAsync<long>("SELECT max(seq) FROM audit_log"));
        Assert.Equal(10_050, await bed.ScalarAsync<long>("SELECT count(*) FROM audit_log"));
        Assert.True(result.CheckpointsChecked >= 10, $"{result.CheckpointsChecked} checkpoints");
    }

    [Theory, AllDatabases]
    public async Task A_nonce_is_spent_once_with_its_entry_and_every_replay_writes_its_refusal_instead(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind);
        await using var otherDatabase = bed.OpenAnotherHandle();
        await using var otherLog = new AuditLog(otherDatabase, bed.Keys);
        var now = DateTimeOffset.UtcNow;
        static AuditEntry Refusal(int n) => new() { Actor = "gsk_replayer", Action = "credential.verify", Outcome = AuditOutcome.Denied, Detail = $"{{\"nonce\":{n}}}" };

        // 100 nonces, each sent three times at once: twice to one process, once to the other.
        var attempts = Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
        {
            var n = i % 100;
            var log = i < 200 ? bed.Log : otherLog;
            var nonce = new RequestNonce("gsk_replayer", $"nonce-{n:D4}-abcdefghijkl", now, Refusal(n));
            return (N: n, Spent: await log.AppendSpendingNonceAsync(AuditTestBed.Entry(n), nonce));
        })).ToList();
        var results = await Task.WhenAll(attempts);

        Assert.All(results.GroupBy(r => r.N), g => Assert.Equal(1, g.Count(r => r.Spent)));
        var records = await bed.ReadAllAsync();
        Assert.Equal(300, records.Count);
        Assert.Equal(100, records.Count(r => r.Action != "credential.verify"));
        Assert.Equal(200, records.Count(r => r.Action == "credential.verify" && r.Outcome == "denied"));
        Assert.Equal(100, await bed.ScalarAsync<long>("SELECT count(*) FROM request_nonces WHERE app_key = 'gsk_replayer'"));
        var result = await bed.VerifyAsync();
        Assert.True(result.Ok, result.Message);

        // Spent in an earlier commit: a replay still; a new nonce is spent.
        Assert.False(await bed.Log.AppendSpendingNonceAsync(AuditTestBed.Entry(1), new RequestNonce("gsk_replayer", "nonce-0001-abcdefghijkl", now, Refusal(1))));
        Assert.True(await bed.Log.AppendSpendingNonceAsync(AuditTestBed.Entry(1), new RequestNonce("gsk_replayer", "nonce-0100-abcdefghijkl", now, Refusal(100))));
    }

    [Theory, AllDatabases]
    public async Task An_entry_appended_in_a_rolled_back_transaction_leaves_no_trace(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind);
        await bed.AppendAsync(3);

        await using (var connection = await bed.Database.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            var seq = await bed.Log.AppendInTransactionAsync(connection, tx, new AuditEntry { Actor = "user:9", Action = "grant.approve" });
            Assert.Equal(4, seq);
            await tx.RollbackAsync();
        }

        await bed.Log.AppendAsync(new AuditEntry { Actor = "user:1", Action = "user.login" });

        var result = await bed.VerifyAsync();
        Assert.True(result.Ok, result.Message);
        Assert.Equal(4, result.EntriesChecked);
        var last = (await bed.ReadAllAsync())[^1];
        Assert.Equal((4L, "user.login"), (last.Seq, last.Action));
    }

    [Theory, AllDatabases]
    public async Task An_entry_appended_in_a_transaction_commits_together_with_the_change_it_records(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind);
        await bed.ExecuteAsync("CREATE TABLE grants (id integer PRIMARY KEY, state text NOT NULL)");

        await using (var connection = await bed.Database.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("INSERT INTO grants (id, state) VALUES (1, 'approved')", transaction: tx);
            await bed.Log.AppendInTransactionAsync(connection, tx, new AuditEntry { Actor = "user:9", Action = "grant.approve", Object = "grant:1" });
            await tx.CommitAsync();
        }

        Assert.Equal("approved", await bed.ScalarAsync<string>("SELECT state FROM grants WHERE id = 1"));
        var entry = Assert.Single(await bed.ReadAllAsync());
        Assert.Equal("grant:1", entry.Object);
        Assert.True((await bed.VerifyAsync()).Ok);
    }

    [Theory, AllDatabases]
    public async Task A_checkpoint_is_signed_every_interval_and_when_the_log_closes(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind, new AuditLogOptions { CheckpointInterval = 100 });
        await bed.AppendAsync(250);
        await bed.Log.DisposeAsync();

        Assert.Equal([100L, 200L, 250L], await bed.CheckpointSeqsAsync());
        var result = await bed.VerifyAsync();
        Assert.True(result.Ok, result.Message);
        Assert.Equal((3, 250L), (result.CheckpointsChecked, result.LastCheckpointSeq));
    }

    [Theory, AllDatabases]
    public async Task Checkpointing_an_already_signed_head_adds_nothing(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind, new AuditLogOptions { CheckpointInterval = 0 });
        Assert.Null(await bed.Log.CheckpointAsync());
        await bed.AppendAsync(5);

        Assert.Equal(5, await bed.Log.CheckpointAsync());
        Assert.Equal(5, await bed.Log.CheckpointAsync());
        Assert.Equal([5L], await bed.CheckpointSeqsAsync());
    }

    [Theory, AllDatabases]
    public async Task An_entry_that_breaks_the_rules_is_refused_to_its_caller_and_not_written(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind);

        var notJson = await Assert.ThrowsAsync<GongshuException>(() =>
            bed.Log.AppendAsync(new AuditEntry { Actor = "user:1", Action = "user.login", Detail = "{not json" }));
        var noActor = await Assert.ThrowsAsync<GongshuException>(() =>
            bed.Log.AppendAsync(new AuditEntry { Actor = " ", Action = "user.login" }));
        var nul = await Assert.ThrowsAsync<GongshuException>(() =>
            bed.Log.AppendAsync(new AuditEntry { Actor = "user:1", Action = "user.login", Object = "a\0b" }));
        await bed.Log.AppendAsync(new AuditEntry { Actor = "user:1", Action = "user.login" });

        Assert.Equal(("detail", "invalid_input"), (notJson.Field, notJson.Code));
        Assert.Equal("actor", noActor.Field);
        Assert.Equal("object", nul.Field);
        Assert.Equal(1, (await bed.VerifyAsync()).EntriesChecked);
    }

    [Theory, AllDatabases]
    public async Task Appending_after_the_log_is_closed_is_refused(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind);
        await bed.Log.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => bed.Log.AppendAsync(new AuditEntry { Actor = "user:1", Action = "user.login" }));
    }

    [Theory, AllDatabases]
    public async Task The_database_refuses_to_update_delete_or_truncate_audit_entries(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind);
        await bed.AppendAsync(3);
        await bed.Log.CheckpointAsync();

        var update = await DbExceptions.ThrowsAsync(() => bed.ExecuteAsync("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2"));
        var delete = await DbExceptions.ThrowsAsync(() => bed.ExecuteAsync("DELETE FROM audit_log WHERE seq = 3"));
        var checkpoint = await DbExceptions.ThrowsAsync(() => bed.ExecuteAsync("DELETE FROM audit_checkpoints"));

        Assert.Contains("append-only: UPDATE on audit_log", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only: DELETE on audit_log", delete.Message, StringComparison.Ordinal);
        Assert.Contains("append-only: DELETE on audit_checkpoints", checkpoint.Message, StringComparison.Ordinal);
        if (kind == DatabaseKind.Postgres)
        {
            var truncate = await DbExceptions.ThrowsAsync(() => bed.ExecuteAsync("TRUNCATE audit_log"));
            Assert.Contains("append-only: TRUNCATE on audit_log", truncate.Message, StringComparison.Ordinal);
        }

        var result = await bed.VerifyAsync();
        Assert.True(result.Ok, result.Message);
        Assert.Equal(3, result.EntriesChecked);
    }

    [Theory, AllDatabases]
    public async Task Verification_reports_its_progress(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind);
        await bed.AppendAsync(30);
        var reported = new List<long>();

        await AuditVerifier.VerifyAsync(bed.Database, bed.Keys.AuditSigningKey, new SynchronousProgress(reported.Add));

        Assert.Equal(30, reported[^1]);
    }

    [Fact]
    public async Task A_key_store_reopened_on_the_same_folder_verifies_the_checkpoints_it_signed()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var keyDirectory = AuditTestBed.NewKeyDirectory();
        await using (var log = new AuditLog(test.Database, KeyStore.Open(keyDirectory, createMissing: true)))
        {
            await log.AppendAsync(new AuditEntry { Actor = "system", Action = "platform.start" });
        }

        var reopened = KeyStore.Open(keyDirectory, createMissing: false);
        var result = await AuditVerifier.VerifyAsync(test.Database, Sm2KeyPair.FromPublicKeyHex(reopened.AuditSigningKey.PublicKeyHex));

        Assert.True(result.Ok, result.Message);
        Assert.Equal(1, result.CheckpointsChecked);
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
