using Dapper;
using Gongshu.Storage;

namespace Gongshu.Security.Encryption;

/// <summary>What a rotation did: the key now active, values re-encrypted, and whether the old keys could be retired.</summary>
public sealed record RotationResult(int ActiveKeyId, bool Resumed, long ValuesReencrypted, IReadOnlyList<int> RetiredKeys, string? NotFinishedBecause);

/// <summary>Progress of a rotation: the dataset table being worked on and the values re-encrypted so far.</summary>
public sealed record RotationProgress(string TableName, long ValuesReencrypted);

/// <summary>
/// Field-key rotation (<c>gongshu keys rotate</c>): a new key becomes active, then every stored
/// value sealed with an older key is re-encrypted with it, in small committed batches. Each value
/// names its key, so an interrupted rotation leaves every value readable (the old key stays in
/// the keyring) and running it again carries on where it stopped. Old keys are marked retired
/// only once no value needs them; until then `keys status` shows them as retiring.
/// </summary>
public sealed class FieldKeyRotation(FieldEncryption encryption, TimeProvider? clock = null)
{
    private const int BatchSize = 1000;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<RotationResult> RotateAsync(IProgress<RotationProgress>? progress = null, CancellationToken ct = default)
    {
        var database = encryption.Database;
        var (activeKeyId, resumed) = await BeginAsync(database, ct);

        // Loads under way now may have read the old key before the switch, and their rows stay
        // invisible to this pass until they commit: they are checked again at the end.
        var store = new DatasetStore(database, _clock);
        var versions = await store.ListLiveVersionsAsync(ct);
        var inFlight = InFlight(versions);
        long reencrypted = 0;
        foreach (var version in Protected(versions))
        {
            reencrypted += await ReencryptVersionAsync(database, version, activeKeyId, reencrypted, progress, ct);
        }

        var live = await store.ListLiveVersionsAsync(ct);
        var stillRunning = InFlight(live).Intersect(inFlight).ToList();
        if (stillRunning.Count > 0)
        {
            return new RotationResult(activeKeyId, resumed, reencrypted, [],
                $"{stillRunning.Count} load(s) were running; run the rotation again when they finish to re-encrypt what they wrote and retire the old keys.");
        }

        // Those loads have finished: their rows are visible now, so one more pass over them.
        foreach (var version in Protected(live).Where(v => inFlight.Contains(v.Id)))
        {
            reencrypted += await ReencryptVersionAsync(database, version, activeKeyId, reencrypted, progress, ct);
        }

        await using var connection = await database.OpenConnectionAsync(ct);
        var retiring = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT key_id FROM field_keys WHERE state = 'retiring' ORDER BY key_id", cancellationToken: ct))).Select(k => (int)k).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE field_keys SET state = 'retired', retired_at = @now WHERE state = 'retiring'", new { now = _clock.GetUtcNow() }, cancellationToken: ct));
        return new RotationResult(activeKeyId, resumed, reencrypted, retiring, null);
    }

    // Resumes an unfinished rotation, or makes a new key active (the newest in the keyring if the
    // database does not know it yet — e.g. added to GONGSHU_FIELD_KEYS — else a generated one).
    private async Task<(int ActiveKeyId, bool Resumed)> BeginAsync(Database database, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var known = (await connection.QueryAsync<(long KeyId, string State)>(new CommandDefinition(
            "SELECT key_id, state FROM field_keys", cancellationToken: ct))).ToList();
        var active = (int)known.Single(k => k.State == "active").KeyId;
        if (known.Any(k => k.State == "retiring"))
        {
            return (active, true);
        }

        var keyring = encryption.Keyring;
        var next = keyring.NewestKeyId > known.Max(k => k.KeyId) ? keyring.NewestKeyId : keyring.AddKey();
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE field_keys SET state = 'retiring' WHERE state = 'active'", transaction: tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO field_keys (key_id, check_value, state, created_at) VALUES (@next, @check, 'active', @now)",
            new { next, check = keyring.CheckValue(next), now = _clock.GetUtcNow() }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (next, false);
    }

    private static HashSet<long> InFlight(IEnumerable<DatasetVersion> versions)
        => versions.Where(v => v.State is "loading" or "ready").Select(v => v.Id).ToHashSet();

    private static IEnumerable<DatasetVersion> Protected(IEnumerable<DatasetVersion> versions)
        => versions.Where(v => v.Columns.Any(c => c.Protection == ColumnProtection.Encrypted));

    private async Task<long> ReencryptVersionAsync(Database database, DatasetVersion version, int activeKeyId, long before,
        IProgress<RotationProgress>? progress, CancellationToken ct)
    {
        long done = 0;
        foreach (var column in version.Columns.Where(c => c.Protection == ColumnProtection.Encrypted))
        {
            done += await ReencryptColumnAsync(database, version, column, activeKeyId,
                count => progress?.Report(new RotationProgress(version.TableName, before + done + count)), ct);
        }

        return done;
    }

    private async Task<long> ReencryptColumnAsync(Database database, DatasetVersion version, DatasetColumn column, int activeKeyId,
        Action<long> report, CancellationToken ct)
    {
        var q = database.Dialect.Quote;
        var cipher = encryption.Cipher(version.ResourceKey, column.Name, activeKeyId);
        var select = $"SELECT \"_row_id\", {q(column.Name)} FROM {q(version.TableName)} WHERE \"_row_id\" > @after AND {q(column.Name)} IS NOT NULL ORDER BY \"_row_id\" LIMIT {BatchSize}";
        var update = $"UPDATE {q(version.TableName)} SET {q(column.Name)} = @value WHERE \"_row_id\" = @rowId";
        long after = 0, done = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            await using var connection = await database.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var batch = (await connection.QueryAsync<(long RowId, byte[] Value)>(new CommandDefinition(
                select, new { after }, tx, cancellationToken: ct))).ToList();
            if (batch.Count == 0)
            {
                return done;
            }

            var stale = batch.Where(r => FieldCipher.KeyIdOf(r.Value) != activeKeyId)
                .Select(r => new { rowId = r.RowId, value = cipher.Encrypt(cipher.Decrypt(r.Value)) }).ToList();
            if (stale.Count > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(update, stale, tx, cancellationToken: ct));
            }

            // Each batch commits on its own: an interruption loses at most one batch of work, never a value.
            await tx.CommitAsync(ct);
            done += stale.Count;
            after = batch[^1].RowId;
            report(done);
        }
    }

}
