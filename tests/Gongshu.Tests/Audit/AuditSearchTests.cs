using Gongshu.Audit;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Audit;

public class AuditSearchTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static async Task<AuditTestBed> LogWithHistoryAsync(DatabaseKind kind)
    {
        var clock = new ManualClock(Start);
        var bed = await AuditTestBed.CreateAsync(kind, clock: clock);
        (string Actor, string Action, AuditOutcome Outcome)[] history =
        [
            ("user:1", "user.login", AuditOutcome.Success),
            ("user:2", "user.login", AuditOutcome.Denied),
            ("user:1", "dataset.switch", AuditOutcome.Success),
            ("app:42", "gateway.query", AuditOutcome.Success),
            ("user:1", "username.change", AuditOutcome.Success),
            ("user:1", "User.login", AuditOutcome.Failed),
            ("user:1", "user.logout", AuditOutcome.Success),
        ];
        foreach (var (actor, action, outcome) in history)
        {
            await bed.Log.AppendAsync(new AuditEntry
            {
                Actor = actor,
                Organization = actor == "app:42" ? "330100" : "330000",
                Action = action,
                Object = actor == "app:42" ? "resource:7" : "session",
                Outcome = outcome,
            });
            clock.Now = clock.Now.AddHours(1);
        }

        return bed;
    }

    [Theory, AllDatabases]
    public async Task Search_filters_by_actor_and_action_prefix_newest_first(DatabaseKind kind)
    {
        await using var bed = await LogWithHistoryAsync(kind);
        var search = new AuditSearch(bed.Database);

        var page = await search.SearchAsync(new AuditQuery { Actor = "user:1", ActionPrefix = "user." });

        Assert.Equal([7L, 1L], page.Entries.Select(e => e.Seq));
        Assert.Equal(["user.logout", "user.login"], page.Entries.Select(e => e.Action));
        Assert.Null(page.NextBeforeSeq);
    }

    [Theory, AllDatabases]
    public async Task Search_filters_by_organization_object_outcome_and_time(DatabaseKind kind)
    {
        await using var bed = await LogWithHistoryAsync(kind);
        var search = new AuditSearch(bed.Database);

        var byObject = await search.SearchAsync(new AuditQuery { Organization = "330100", Object = "resource:7" });
        var denied = await search.SearchAsync(new AuditQuery { Outcome = AuditOutcome.Denied });
        var window = await search.SearchAsync(new AuditQuery { From = Start.AddHours(2), To = Start.AddHours(4) });

        Assert.Equal([4L], byObject.Entries.Select(e => e.Seq));
        Assert.Equal(("user:2", "denied"), (denied.Entries.Single().Actor, denied.Entries.Single().Outcome));
        Assert.Equal([4L, 3L], window.Entries.Select(e => e.Seq));
        Assert.Equal(Start.AddHours(3), window.Entries[0].At);
    }

    [Theory, AllDatabases]
    public async Task Search_by_actor_organization_and_object_matches_the_whole_value_exactly(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind);
        var longActor = "app:" + new string('长', 996);
        (string Actor, string? Organization, string? Object)[] rows =
        [
            ("user:1", "330100 杭州市数据资源管理局", "resource:7"),
            ("user:10", "330100 杭州市数据资源管理局", "resource:77"),
            ("USER:1", "330100", "resource:7"),
            ("user:1 ", null, ""),
            ("张三 \"引号\" 'x' OR 1=1", "330100 杭州市", null),
            (longActor, "330100", "resource:7"),
        ];
        foreach (var (actor, organization, obj) in rows)
        {
            await bed.Log.AppendAsync(new AuditEntry { Actor = actor, Organization = organization, Object = obj, Action = "gateway.query" });
        }

        var search = new AuditSearch(bed.Database);
        async Task Expect(long[] seqs, AuditQuery query)
            => Assert.Equal(seqs, (await search.SearchAsync(query)).Entries.Select(e => e.Seq));

        await Expect([1L], new AuditQuery { Actor = "user:1" });
        await Expect([3L], new AuditQuery { Actor = "USER:1" });
        await Expect([4L], new AuditQuery { Actor = "user:1 " });
        await Expect([5L], new AuditQuery { Actor = "张三 \"引号\" 'x' OR 1=1" });
        await Expect([6L], new AuditQuery { Actor = longActor });
        await Expect([], new AuditQuery { Actor = "user:" });
        await Expect([2L, 1L], new AuditQuery { Organization = "330100 杭州市数据资源管理局" });
        await Expect([6L, 3L], new AuditQuery { Organization = "330100" });
        await Expect([6L, 3L, 1L], new AuditQuery { Object = "resource:7" });
        await Expect([4L], new AuditQuery { Object = "" });
        await Expect([3L], new AuditQuery { Organization = "330100", Object = "resource:7", Actor = "USER:1" });
        await Expect([6L], new AuditQuery { Organization = "330100", Object = "resource:7", BeforeSeq = 7, Limit = 1 });
    }

    [Theory, AllDatabases]
    public async Task Search_by_actor_pages_newest_first_and_combines_with_the_other_filters(DatabaseKind kind)
    {
        await using var bed = await LogWithHistoryAsync(kind);
        var search = new AuditSearch(bed.Database);

        var seen = new List<long>();
        long? before = null;
        do
        {
            var page = await search.SearchAsync(new AuditQuery { Actor = "user:1", BeforeSeq = before, Limit = 2 });
            seen.AddRange(page.Entries.Select(e => e.Seq));
            before = page.NextBeforeSeq;
        }
        while (before is not null);
        var narrowed = await search.SearchAsync(new AuditQuery
        {
            Actor = "user:1", Object = "session", Outcome = AuditOutcome.Success, ActionPrefix = "user", From = Start.AddHours(1), To = Start.AddHours(6),
        });

        Assert.Equal([7L, 6, 5, 3, 1], seen);
        Assert.Equal([5L], narrowed.Entries.Select(e => e.Seq));
    }

    [Theory, AllDatabases]
    public async Task An_entry_appended_in_a_transaction_is_found_by_its_actor(DatabaseKind kind)
    {
        await using var bed = await LogWithHistoryAsync(kind);
        await using (var connection = await bed.Database.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await bed.Log.AppendInTransactionAsync(connection, tx, new AuditEntry { Actor = "user:9", Action = "grant.approve", Object = "grant:1" });
            await tx.CommitAsync();
        }

        var page = await new AuditSearch(bed.Database).SearchAsync(new AuditQuery { Actor = "user:9", Object = "grant:1" });

        Assert.Equal(8, Assert.Single(page.Entries).Seq);
    }

    [Theory, AllDatabases]
    public async Task Search_pages_through_everything_with_the_seq_cursor(DatabaseKind kind)
    {
        await using var bed = await LogWithHistoryAsync(kind);
        var search = new AuditSearch(bed.Database);

        var seen = new List<long>();
        long? before = null;
        var pages = 0;
        do
        {
            var page = await search.SearchAsync(new AuditQuery { BeforeSeq = before, Limit = 3 });
            seen.AddRange(page.Entries.Select(e => e.Seq));
            before = page.NextBeforeSeq;
            pages++;
        }
        while (before is not null);

        Assert.Equal([7L, 6, 5, 4, 3, 2, 1], seen);
        Assert.Equal(3, pages);
    }

    [Theory, AllDatabases]
    public async Task Search_treats_filter_text_as_data_not_sql(DatabaseKind kind)
    {
        await using var bed = await LogWithHistoryAsync(kind);
        var search = new AuditSearch(bed.Database);

        var page = await search.SearchAsync(new AuditQuery { Actor = "user:1' OR '1'='1", ActionPrefix = "%" });

        Assert.Empty(page.Entries);
        Assert.True((await bed.VerifyAsync()).Ok);
    }

    [Theory, AllDatabases]
    public async Task Search_refuses_a_limit_above_500_naming_the_field(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind);
        var search = new AuditSearch(bed.Database);

        var error = await Assert.ThrowsAsync<GongshuException>(() => search.SearchAsync(new AuditQuery { Limit = 501 }));

        Assert.Equal(("limit", ErrorKind.BadRequest), (error.Field, error.Kind));
    }

    [Theory, AllDatabases]
    public async Task Checkpoints_are_listed_newest_first_with_a_signature_the_audit_key_verifies(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind, new AuditLogOptions { CheckpointInterval = 10 });
        await bed.AppendAsync(25);

        var checkpoints = await new AuditSearch(bed.Database).CheckpointsAsync(10);

        Assert.Equal([20L, 10L], checkpoints.Select(c => c.Seq));
        var newest = checkpoints[0];
        Assert.Equal(bed.Keys.AuditSigningKey.PublicKeyHex, newest.Signer, ignoreCase: true);
        Assert.True(bed.Keys.AuditSigningKey.Verify(AuditChain.CheckpointMessage(newest.Seq, Convert.FromHexString(newest.Hash)), Convert.FromHexString(newest.Signature)));
    }
}
