using System.Security.Cryptography;
using Gongshu.Audit;
using Gongshu.Security.Crypto;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Audit;

/// <summary>Someone with full access to the database, but not to the key, edits the log directly.</summary>
public class AuditTamperingTests
{
    private static readonly AuditLogOptions EveryTen = new() { CheckpointInterval = 10 };

    [Theory, AllDatabases]
    public async Task Changing_an_entry_in_the_database_is_reported_as_altered_naming_it(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind, EveryTen);
        await bed.AppendAsync(25);
        await bed.RemoveProtectionAsync();

        await bed.ExecuteAsync("UPDATE audit_log SET actor = 'mallory' WHERE seq = 17");
        var result = await bed.VerifyAsync();

        Assert.False(result.Ok);
        Assert.Equal((AuditProblemKind.Altered, 17L), (result.Kind, result.Seq));
        Assert.Equal("entry 17 was altered: its content no longer matches its hash", result.Message);
        Assert.Equal(16, result.EntriesChecked);
    }

    [Theory, AllDatabases]
    public async Task Changing_only_an_entry_time_is_reported_as_altered(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind, EveryTen);
        await bed.AppendAsync(5);
        await bed.RemoveProtectionAsync();

        await bed.ExecuteAsync("UPDATE audit_log SET at = @at WHERE seq = 3", new { at = DateTimeOffset.UtcNow.AddDays(-1) });
        var result = await bed.VerifyAsync();

        Assert.Equal((AuditProblemKind.Altered, 3L), (result.Kind, result.Seq));
    }

    [Theory, AllDatabases]
    public async Task Deleting_a_middle_entry_is_reported_as_removed_naming_it(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind, EveryTen);
        await bed.AppendAsync(25);
        await bed.RemoveProtectionAsync();

        await bed.ExecuteAsync("DELETE FROM audit_log WHERE seq = 12");
        var result = await bed.VerifyAsync();

        Assert.Equal((AuditProblemKind.Removed, 12L), (result.Kind, result.Seq));
        Assert.Equal("entry 12 was removed: the log goes from entry 11 to entry 13", result.Message);
    }

    [Theory, AllDatabases]
    public async Task Deleting_the_first_entries_is_reported_as_removed_naming_the_first(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind, EveryTen);
        await bed.AppendAsync(25);
        await bed.RemoveProtectionAsync();

        await bed.ExecuteAsync("DELETE FROM audit_log WHERE seq <= 3");
        var result = await bed.VerifyAsync();

        Assert.Equal((AuditProblemKind.Removed, 1L), (result.Kind, result.Seq));
        Assert.Equal("entries 1–3 were removed: the log starts at entry 4", result.Message);
    }

    [Theory, AllDatabases]
    public async Task A_forged_entry_inserted_with_the_tail_rechained_is_caught_by_the_next_signed_checkpoint(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind, EveryTen);
        await bed.AppendAsync(25);
        await bed.Log.DisposeAsync();
        var original = await bed.ReadAllAsync();
        await bed.RemoveProtectionAsync();

        // Slip a forged entry in as seq 8, renumber everything after it and recompute every hash:
        // the chain itself is perfect again, but the forger cannot re-sign the checkpoints.
        await bed.ExecuteAsync("DELETE FROM audit_log WHERE seq >= 8");
        var prev = Convert.FromHexString(original[6].Hash);
        var forged = new AuditEntry { Actor = "user:3", Action = "grant.approve", Object = "grant:99" };
        var rewritten = new[] { (forged, original[7].At) }.Concat(original.Skip(7).Select(r => (AuditTestBed.ToEntry(r), r.At)));
        var seq = 8L;
        foreach (var (entry, at) in rewritten)
        {
            var hash = AuditChain.ComputeHash(prev, seq, at, entry);
            await bed.InsertRowAsync(seq, at, entry, prev, hash);
            (prev, seq) = (hash, seq + 1);
        }

        await bed.SetHeadAsync(seq - 1, prev);
        var result = await bed.VerifyAsync();

        Assert.Equal((AuditProblemKind.CheckpointInvalid, 10L), (result.Kind, result.Seq));
        Assert.StartsWith("entry 10 does not match the checkpoint signed at", result.Message, StringComparison.Ordinal);
        Assert.Equal((10L, 0), (result.EntriesChecked, result.CheckpointsChecked));
    }

    [Theory, AllDatabases]
    public async Task A_forged_entry_that_does_not_link_to_the_chain_is_reported_as_inserted(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind, EveryTen);
        await bed.AppendAsync(15);

        // Inserting is what the log itself does, so no trigger stops it; the chain does.
        var entry = new AuditEntry { Actor = "user:3", Action = "dataset.export" };
        var prev = RandomNumberGenerator.GetBytes(32);
        var at = AuditChain.ToStoredPrecision(DateTimeOffset.UtcNow);
        await bed.InsertRowAsync(16, at, entry, prev, AuditChain.ComputeHash(prev, 16, at, entry));
        var result = await bed.VerifyAsync();

        Assert.Equal((AuditProblemKind.Inserted, 16L), (result.Kind, result.Seq));
        Assert.Contains("entry 16 was inserted", result.Message, StringComparison.Ordinal);
    }

    [Theory, AllDatabases]
    public async Task Deleting_the_tail_after_a_checkpoint_is_reported_as_truncated(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind, EveryTen);
        await bed.AppendAsync(25);
        var kept = (await bed.ReadAllAsync())[14];
        await bed.RemoveProtectionAsync();

        // Cut the log after entry 15 and make the chain head agree: only the signed checkpoint at 20 remembers.
        await bed.ExecuteAsync("DELETE FROM audit_log WHERE seq > 15");
        await bed.SetHeadAsync(15, Convert.FromHexString(kept.Hash));
        var result = await bed.VerifyAsync();

        Assert.Equal((AuditProblemKind.Truncated, 16L), (result.Kind, result.Seq));
        Assert.Contains("it ends at entry 15", result.Message, StringComparison.Ordinal);
        Assert.Contains("entries 16–20 were removed", result.Message, StringComparison.Ordinal);
        Assert.Equal(15, result.EntriesChecked);
    }

    [Theory, AllDatabases]
    public async Task Deleting_unsigned_entries_at_the_tail_is_caught_by_the_chain_head(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind, EveryTen);
        await bed.AppendAsync(15);
        await bed.RemoveProtectionAsync();

        await bed.ExecuteAsync("DELETE FROM audit_log WHERE seq > 12");
        var result = await bed.VerifyAsync();

        Assert.Equal((AuditProblemKind.Truncated, 13L), (result.Kind, result.Seq));
        Assert.Contains("the chain head records entry 15", result.Message, StringComparison.Ordinal);
    }

    [Theory, AllDatabases]
    public async Task A_checkpoint_signed_with_another_key_is_reported_as_invalid(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind, new AuditLogOptions { CheckpointInterval = 0 });
        await bed.AppendAsync(12);
        var entry12 = (await bed.ReadAllAsync())[11];
        var hash = Convert.FromHexString(entry12.Hash);
        var otherKey = Sm2KeyPair.Generate();

        await bed.ExecuteAsync(
            "INSERT INTO audit_checkpoints (seq, hash, signature, signed_at, signer) VALUES (12, @hash, @signature, @now, @signer)",
            new { hash, signature = otherKey.Sign(AuditChain.CheckpointMessage(12, hash)), now = DateTimeOffset.UtcNow, signer = bed.Keys.AuditSigningKey.PublicKeyHex });
        var result = await bed.VerifyAsync();

        Assert.Equal((AuditProblemKind.CheckpointInvalid, 12L), (result.Kind, result.Seq));
        Assert.Equal("the checkpoint at entry 12 is invalid: its signature does not verify with the audit key", result.Message);
    }

    [Theory, AllDatabases]
    public async Task Verifying_with_a_different_public_key_rejects_the_first_checkpoint(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind, EveryTen);
        await bed.AppendAsync(25);

        var result = await AuditVerifier.VerifyAsync(bed.Database, Sm2KeyPair.Generate());

        Assert.Equal((AuditProblemKind.CheckpointInvalid, 10L), (result.Kind, result.Seq));
    }

    [Theory, AllDatabases]
    public async Task A_forged_checkpoint_beyond_the_end_is_invalid_rather_than_a_truncation(DatabaseKind kind)
    {
        await using var bed = await AuditTestBed.CreateAsync(kind, new AuditLogOptions { CheckpointInterval = 0 });
        await bed.AppendAsync(5);

        await bed.ExecuteAsync(
            "INSERT INTO audit_checkpoints (seq, hash, signature, signed_at, signer) VALUES (9, @hash, @signature, @now, 'x')",
            new { hash = new byte[32], signature = new byte[70], now = DateTimeOffset.UtcNow });
        var result = await bed.VerifyAsync();

        Assert.Equal((AuditProblemKind.CheckpointInvalid, 9L), (result.Kind, result.Seq));
        Assert.Equal(5, result.EntriesChecked);
    }
}
