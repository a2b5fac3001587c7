using Gongshu.Audit;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Audit;

/// <summary>The group-commit writer: its kept connection, what happens when a batch fails, and SQLite's term index.</summary>
public class AuditWriterTests
{
    [Theory, AllDatabases]
    public async Task A_failed_group_commit_fails_its_callers_and_the_writer_goes_on_with_the_next_batch(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind);
        await bed.AppendAsync(3);

        // Added while the writer holds its connection and prepared statements: they must see it.
        await bed.ExecuteAsync(kind == DatabaseKind.Postgres
            ? """
              CREATE FUNCTION reject_mallory() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN
                  IF NEW.actor = 'mallory' THEN RAISE EXCEPTION 'mallory may not be logged'; END IF;
                  RETURN NEW;
              END;
              $$;
              CREATE TRIGGER reject_mallory BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION reject_mallory();
              """
            : """
              CREATE TRIGGER reject_mallory BEFORE INSERT ON audit_log WHEN NEW.actor = 'mallory'
              BEGIN
                  SELECT RAISE(ABORT, 'mallory may not be logged');
              END;
              """);

        var failure = await Assert.ThrowsAsync<GongshuException>(() =>
            bed.Log.AppendAsync(new AuditEntry { Actor = "mallory", Action = "user.login" }));
        await bed.AppendAsync(4, first: 3);

        Assert.Equal(("audit_write_failed", ErrorKind.Unavailable), (failure.Code, failure.Kind));
        Assert.Contains("mallory may not be logged", failure.Message, StringComparison.Ordinal);
        var result = await bed.VerifyAsync();
        Assert.True(result.Ok, result.Message);
        Assert.Equal(7, result.EntriesChecked);
        Assert.Equal(7, await bed.ScalarAsync<long>("SELECT seq FROM audit_head WHERE id = 1"));
        Assert.DoesNotContain(await bed.ReadAllAsync(), r => r.Actor == "mallory");
    }

    [Theory, AllDatabases]
    public async Task The_writer_extends_the_chain_from_wherever_others_left_its_head(DatabaseKind kind)
    {
        var everyFour = new AuditLogOptions { CheckpointInterval = 4 };
        await using var bed = await AuditTestBed.CreateAsync(kind, everyFour);
        await using var otherDatabase = bed.OpenAnotherHandle();
        await using var otherLog = new AuditLog(otherDatabase, bed.Keys, options: everyFour);

        await bed.AppendAsync(3);
        await otherLog.AppendAsync(AuditTestBed.Entry(100));
        await bed.AppendAsync(2, first: 3);
        await using (var connection = await bed.Database.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await bed.Log.AppendInTransactionAsync(connection, tx, AuditTestBed.Entry(101));
            await tx.CommitAsync();
        }

        await bed.AppendAsync(3, first: 5);
        await otherLog.AppendAsync(AuditTestBed.Entry(102));
        await bed.AppendAsync(1, first: 8);

        var result = await bed.VerifyAsync();
        Assert.True(result.Ok, result.Message);
        Assert.Equal(12, result.EntriesChecked);
        Assert.Equal([4L, 8L, 12L], await bed.CheckpointSeqsAsync());
        Assert.Equal(["user:2", "user:3", "user:4"], (await bed.ReadAllAsync()).Where(r => r.Seq is 4 or 7 or 11).Select(r => r.Actor));
    }

    [Theory, AllDatabases]
    public async Task Every_caller_of_a_large_concurrent_burst_returns_only_once_its_entry_is_stored(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind, new AuditLogOptions { CheckpointInterval = 500 });
        var found = 0;

        await Task.WhenAll(Enumerable.Range(0, 64).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                var entry = AuditTestBed.Entry((t * 40) + i) with { Actor = $"caller:{t}:{i}" };
                await bed.Log.AppendAsync(entry);

                // Returned, so committed: another connection sees it at once.
                var page = await new AuditSearch(bed.Database).SearchAsync(new AuditQuery { Actor = entry.Actor });
                if (page.Entries.Count == 1)
                {
                    Interlocked.Increment(ref found);
                }
            }
        })));

        Assert.Equal(64 * 40, found);
        var result = await bed.VerifyAsync();
        Assert.True(result.Ok, result.Message);
        Assert.Equal(64 * 40, result.EntriesChecked);
        Assert.True(bed.Log.GroupCommitStats.Commits < 64 * 40, "entries should share commits");
    }

    [Fact]
    public async Task SQLite_term_index_holds_exactly_the_entries_of_the_log()
    {
        await using var bed = await AuditTestBed.CreateAsync(DatabaseKind.Sqlite);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() => bed.AppendAsync(50, first: t * 50))));
        await using (var connection = await bed.Database.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await bed.Log.AppendInTransactionAsync(connection, tx, new AuditEntry { Actor = "user:9", Action = "grant.approve" });
            await tx.CommitAsync();
        }

        // With rank 1, FTS5 checks the index against the content it was built from (the view over audit_log).
        await bed.ExecuteAsync("INSERT INTO audit_terms (audit_terms, rank) VALUES ('integrity-check', 1)");
        var page = await new AuditSearch(bed.Database).SearchAsync(new AuditQuery { Actor = "user:9" });
        Assert.Equal(401, Assert.Single(page.Entries).Seq);
    }

    [Fact]
    public async Task SQLite_term_index_rebuilt_from_the_log_finds_the_same_entries()
    {
        await using var bed = await AuditTestBed.CreateAsync(DatabaseKind.Sqlite);
        await bed.AppendAsync(30);
        var search = new AuditSearch(bed.Database);
        var before = await search.SearchAsync(new AuditQuery { Actor = "user:3", Object = "resource:3" });

        await bed.ExecuteAsync("INSERT INTO audit_terms (audit_terms) VALUES ('rebuild')");
        var after = await search.SearchAsync(new AuditQuery { Actor = "user:3", Object = "resource:3" });

        Assert.NotEmpty(before.Entries);
        Assert.Equal(before.Entries.Select(e => e.Seq), after.Entries.Select(e => e.Seq));
    }
}
