using System.Text;
using Dapper;
using Gongshu.Collection.Loads;
using Gongshu.Identifiers;
using Gongshu.Security;
using Gongshu.Security.Encryption;
using Gongshu.Storage;
using Gongshu.Tests.CollectionTests;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Security.Encryption;

public sealed class EncryptionAtRestTests
{
    private static readonly string[] Names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴刚", "欧阳娜娜", "司马光"];

    [Theory, AllDatabases]
    public async Task Id_numbers_with_names_are_graded_L4_stored_unreadable_and_read_back_through_the_platform(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        var people = People(60);

        await h.LoadAsync(Csv(people), "people.csv");

        var grading = await h.Grading.GetAsync(h.Catalog.PoliceAdmin, h.Resource.Id);
        var id = grading.Fields.Single(f => f.Field == "id_number");
        var name = grading.Fields.Single(f => f.Field == "name");
        Assert.Equal((SensitiveType.IdentityNumber, DataGrade.L4, true, true), (id.EffectiveType, id.EffectiveGrade, id.RaisedByCombination, id.EncryptedAtRest));
        Assert.Equal((SensitiveType.PersonName, DataGrade.L4, true), (name.EffectiveType, name.EffectiveGrade, name.EncryptedAtRest));
        Assert.False(grading.Fields.Single(f => f.Field == "birth_date").EncryptedAtRest);
        Assert.Equal(DataGrade.L4, grading.Grade);

        // Raw database: ciphertext only, no trace of any number or name.
        var current = (await h.Collection.Datasets.GetCurrentAsync(h.Resource.Code))!;
        await using (var connection = await h.Catalog.Database.OpenConnectionAsync())
        {
            var raw = (await connection.QueryAsync<(byte[] Id, byte[] Name)>(
                $"SELECT id_number, name FROM {h.Catalog.Database.Dialect.Quote(current.TableName)}")).ToList();
            Assert.Equal(people.Count, raw.Count);
            foreach (var (rawId, rawName) in raw)
            {
                Assert.Equal(FieldCipher.Format, rawId[0]);
                Assert.DoesNotContain(people, p => Contains(rawId, p.Id) || Contains(rawName, p.Name));
            }
        }

        // The key's blind index is indexed for lookups; the name's is only scanned.
        Assert.Equal([$"ix_{current.TableName}_c3"], await IndexesAsync(h, current.TableName));

        // Through the platform: the values as loaded.
        Assert.Equal(people.Select(p => $"{p.Id}|{p.Name}|{p.Birth:yyyy-MM-dd}").Order(StringComparer.Ordinal), await h.RowsAsync());

        // Exact match through the blind index, with a lower-case x as people type it.
        var wanted = people.First(p => p.Id.EndsWith('X'));
        var found = await h.Collection.Datasets.ReadAsync(current, new DatasetRead(
            EqualsColumn: DatasetColumn.BlindIndexName("id_number"),
            EqualsValue: h.Encryption.BlindIndex(h.Resource.Code, "id_number", wanted.Id.ToLowerInvariant()))).ToListAsync();
        var revealed = new RowRevealer(h.Encryption, current).Reveal(Assert.Single(found).Values);
        Assert.Equal(wanted.Name, revealed[1]);
    }

    [Theory, AllDatabases]
    public async Task An_upsert_matches_encrypted_keys_by_their_blind_index(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        var people = People(30);
        await h.LoadAsync(Csv(people), "people.csv");

        var changed = people[3] with { Name = "钱多多" };
        var added = new Person(IdentityNumber.Create("330106", new DateOnly(2001, 2, 3), 555), "孙悟空", new DateOnly(2001, 2, 3));
        var load = await h.LoadAsync(Csv([changed, added]), "changes.csv", new LoadOptions { Mode = LoadMode.Upsert });

        Assert.Equal(2, load.RowsLoaded);
        var rows = await h.RowsAsync();
        Assert.Equal(31, rows.Count);
        Assert.Contains($"{changed.Id}|钱多多|{changed.Birth:yyyy-MM-dd}", rows);
        Assert.DoesNotContain($"{people[3].Id}|{people[3].Name}|{people[3].Birth:yyyy-MM-dd}", rows);
        Assert.Contains($"{added.Id}|孙悟空|2001-02-03", rows);
    }

    [Theory, AllDatabases]
    public async Task An_interrupted_rotation_leaves_every_value_readable_and_running_it_again_finishes_it(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        var people = People(2500);
        await h.LoadAsync(Csv(people), "people.csv");
        var expected = await h.RowsAsync();
        var rotation = new FieldKeyRotation(h.Encryption, h.Catalog.Clock);

        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            rotation.RotateAsync(new CancelAfter(stop, 1000), stop.Token));

        var keysInUse = await KeyIdsAsync(h);
        Assert.Equal([1, 2], keysInUse.Keys.Order());
        Assert.Equal(expected, await h.RowsAsync());
        Assert.Contains(await h.Encryption.StatusAsync(), k => k is { KeyId: 1, State: "retiring" });

        var finished = await rotation.RotateAsync();

        Assert.True(finished.Resumed);
        Assert.Equal(2, finished.ActiveKeyId);
        Assert.Equal([1], finished.RetiredKeys);
        Assert.Null(finished.NotFinishedBecause);
        Assert.Equal([2], (await KeyIdsAsync(h)).Keys);
        Assert.Equal(expected, await h.RowsAsync());

        // The retired key can go: a keyring holding only key 2 starts and reads everything.
        var keyFile = Path.Combine(h.Catalog.Keys.Directory, FieldKeyring.FileName);
        File.WriteAllLines(keyFile, File.ReadAllLines(keyFile).Where(l => !l.StartsWith("1 ", StringComparison.Ordinal)));
        var reopened = await FieldEncryption.OpenAsync(h.Catalog.Database, FieldKeyring.Open(h.Catalog.Keys.Directory), h.Catalog.Keys);
        var current = (await h.Collection.Datasets.GetCurrentAsync(h.Resource.Code))!;
        var revealer = new RowRevealer(reopened, current);
        var count = 0;
        await foreach (var row in h.Collection.Datasets.ReadAsync(current))
        {
            Assert.IsType<string>(revealer.Reveal(row.Values)[0]);
            count++;
        }

        Assert.Equal(people.Count, count);

        // New loads seal with the new key.
        await h.LoadAsync(Csv(People(5)), "people.csv");
        Assert.Equal([2], (await KeyIdsAsync(h)).Keys);
    }

    [Theory, AllDatabases]
    public async Task A_rotation_does_not_retire_the_old_key_while_a_load_that_may_use_it_is_running(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        await h.LoadAsync(Csv(People(20)), "people.csv");
        var running = await h.Collection.Datasets.CreateVersionAsync(h.Resource.Code, [new DatasetColumn("x", FieldType.Character)]);
        var rotation = new FieldKeyRotation(h.Encryption, h.Catalog.Clock);

        var first = await rotation.RotateAsync();

        Assert.Equal((2, 40L), (first.ActiveKeyId, first.ValuesReencrypted));
        Assert.Empty(first.RetiredKeys);
        Assert.Contains("run the rotation again", first.NotFinishedBecause, StringComparison.Ordinal);
        Assert.Contains(await h.Encryption.StatusAsync(), k => k is { KeyId: 1, State: "retiring" });

        await h.Collection.Datasets.AbandonAsync(running);
        var second = await rotation.RotateAsync();

        Assert.Equal((true, 0L, 1), (second.Resumed, second.ValuesReencrypted, second.RetiredKeys.Single()));
    }

    [Theory, AllDatabases]
    public async Task Rejects_of_a_resource_with_encrypted_fields_keep_no_source_text_and_a_blank_sample_never_lowers_a_grade(DatabaseKind kind)
    {
        await using var h = await CollectionHarness.CreateAsync(kind);
        var people = People(30);
        var csv = Encoding.UTF8.GetString(Csv(people)) + $"{people[0].Id},坏行,1990-13-45\n";

        var load = await h.LoadAsync(Encoding.UTF8.GetBytes(csv), "people.csv");

        Assert.Equal(1, load.RowsRejected);
        var reject = Assert.Single(await h.Collection.RejectsAsync(h.Catalog.PoliceAdmin, load.Id).ToListAsync());
        Assert.Equal((32L, "birth_date", (string?)null), (reject.Line, reject.Field, reject.Record));

        // A later file whose names are all blank: detection sees nothing there, the name stays L4 and encrypted.
        await h.LoadAsync(Encoding.UTF8.GetBytes("id_number,name,birth_date\n" + string.Concat(people.Select(p => $"{p.Id},,{p.Birth:yyyy-MM-dd}\n"))), "blank.csv");
        var name = (await h.Grading.GetAsync(h.Catalog.PoliceAdmin, h.Resource.Id)).Fields.Single(f => f.Field == "name");
        Assert.Equal((SensitiveType.PersonName, DataGrade.L4, true), (name.DetectedType, name.EffectiveGrade, name.EncryptedAtRest));
    }

    internal sealed record Person(string Id, string Name, DateOnly Birth);

    internal static List<Person> People(int count)
    {
        var start = new DateOnly(1950, 1, 1);
        return Enumerable.Range(0, count).Select(i =>
        {
            var birth = start.AddDays(i * 13 % 20000);
            return new Person(IdentityNumber.Create(i % 2 == 0 ? "330106" : "330102", birth, i % 1000), Names[i % Names.Length], birth);
        }).ToList();
    }

    internal static byte[] Csv(IEnumerable<Person> people)
        => Encoding.UTF8.GetBytes("id_number,name,birth_date\n" + string.Concat(people.Select(p => $"{p.Id},{p.Name},{p.Birth:yyyy-MM-dd}\n")));

    private static async Task<List<string>> IndexesAsync(CollectionHarness h, string table)
    {
        await using var connection = await h.Catalog.Database.OpenConnectionAsync();
        var sql = h.Catalog.Database.Kind == DatabaseKind.Postgres
            ? "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = @table AND indexname LIKE 'ix_%' ORDER BY 1"
            : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = @table AND name LIKE 'ix_%' ORDER BY 1";
        return (await connection.QueryAsync<string>(sql, new { table })).ToList();
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;

    // Which keys the current version's values are sealed with, and how many each.
    private static async Task<Dictionary<int, int>> KeyIdsAsync(CollectionHarness h)
    {
        var current = (await h.Collection.Datasets.GetCurrentAsync(h.Resource.Code))!;
        await using var connection = await h.Catalog.Database.OpenConnectionAsync();
        var values = await connection.QueryAsync<byte[]>($"SELECT id_number FROM {h.Catalog.Database.Dialect.Quote(current.TableName)}");
        return values.GroupBy(v => FieldCipher.KeyIdOf(v)).ToDictionary(g => g.Key, g => g.Count());
    }

    private sealed class CancelAfter(CancellationTokenSource stop, long values) : IProgress<RotationProgress>
    {
        public void Report(RotationProgress value)
        {
            if (value.ValuesReencrypted >= values)
            {
                stop.Cancel();
            }
        }
    }
}
