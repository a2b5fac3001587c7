using Dapper;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Storage;

public class DatasetStoreTests
{
    private static readonly DatasetColumn[] PeopleColumns =
    [
        new("id_number", FieldType.Character, 18, Nullable: false),
        new("name", FieldType.Character, 50),
        new("birth_date", FieldType.Date),
        new("registered_at", FieldType.DateTime),
        new("income", FieldType.Currency),
        new("score", FieldType.Double),
        new("children", FieldType.Integer),
        new("married", FieldType.Logical),
        new("photo", FieldType.General),
        new("remark", FieldType.Memo),
    ];

    private static object?[] Person(int i) =>
    [
        $"33010619900101{i:D4}",
        i % 2 == 0 ? "张三" : "欧阳娜娜",
        new DateOnly(1990, 1, 1).AddDays(i),
        new DateTime(2023, 5, 6, 7, 8, 9).AddMinutes(i),
        1234.56m + i,
        0.5 + i,
        (long)(i % 4),
        i % 3 == 0,
        i % 5 == 0 ? null : new byte[] { 1, 2, (byte)i },
        "浙江省杭州市西湖区文三路" + i + "号",
    ];

    private static async IAsyncEnumerable<object?[]> People(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Person(i);
        }

        await Task.CompletedTask;
    }

    [Theory, AllDatabases]
    public async Task The_current_versions_of_many_resources_are_read_together_and_those_without_data_are_left_out(DatabaseKind kind)
    {
        await using var test = await TestDatabase.CreateAsync(kind);
        var store = new DatasetStore(test.Database);
        foreach (var (key, rows) in new[] { ("330000/a", 3), ("330000/b", 5) })
        {
            var version = await store.CreateVersionAsync(key, PeopleColumns);
            await store.BulkAppendAsync(version, People(rows));
            await store.SwitchCurrentAsync(version);
        }

        await store.CreateVersionAsync("330000/loading", PeopleColumns);

        var current = await store.GetCurrentManyAsync(["330000/a", "330000/b", "330000/loading", "330000/none"]);

        Assert.Equal(["330000/a", "330000/b"], current.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((3L, 5L), (current["330000/a"].RowCount, current["330000/b"].RowCount));
        Assert.NotNull(current["330000/b"].SwitchedAt);
        Assert.Empty(await store.GetCurrentManyAsync([]));
    }

    [Theory, AllDatabases]
    public async Task A_loaded_version_becomes_visible_only_after_the_switch(DatabaseKind kind)
    {
        await using var test = await TestDatabase.CreateAsync(kind);
        var store = new DatasetStore(test.Database);

        var version = await store.CreateVersionAsync("330000/people", PeopleColumns);
        Assert.Null(await store.GetCurrentAsync("330000/people"));

        var written = await store.BulkAppendAsync(version, People(2500));
        Assert.Equal(2500, written);
        Assert.Null(await store.GetCurrentAsync("330000/people"));

        await store.SwitchCurrentAsync(version);
        var current = await store.GetCurrentAsync("330000/people");
        Assert.NotNull(current);
        Assert.Equal(version.Id, current.Id);
        Assert.Equal(2500, current.RowCount);
        Assert.Equal("current", current.State);
        Assert.Equal(PeopleColumns, current.Columns);
    }

    [Theory, AllDatabases]
    public async Task Bulk_append_keeps_every_type_and_chinese_text_exactly(DatabaseKind kind)
    {
        await using var test = await TestDatabase.CreateAsync(kind);
        var store = new DatasetStore(test.Database);
        var version = await store.CreateVersionAsync("people", PeopleColumns);
        await store.BulkAppendAsync(version, People(1001));

        await using var connection = await test.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id_number, name, birth_date, income, score, children, married, photo, remark FROM {version.TableName} ORDER BY _row_id LIMIT 2 OFFSET 999";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var expected = Person(999);
        Assert.Equal(expected[0], reader.GetString(0));
        Assert.Equal("欧阳娜娜", reader.GetString(1));
        Assert.Equal((DateOnly)expected[2]!, DateOnly.FromDateTime(reader.GetDateTime(2)));
        Assert.Equal(2233.56m, reader.GetDecimal(3));
        Assert.Equal(999.5, reader.GetDouble(4));
        Assert.Equal(3L, reader.GetInt64(5));
        Assert.True(reader.GetBoolean(6));
        Assert.Equal(new byte[] { 1, 2, 231 }, (byte[])reader.GetValue(7));
        Assert.Equal("浙江省杭州市西湖区文三路999号", reader.GetString(8));
        Assert.True(await reader.ReadAsync());
        Assert.True(await reader.IsDBNullAsync(7));
    }

    [Theory, AllDatabases]
    public async Task Reads_give_every_type_back_by_key_and_in_pages_and_a_read_left_midway_holds_nothing(DatabaseKind kind)
    {
        await using var test = await TestDatabase.CreateAsync(kind);
        var store = new DatasetStore(test.Database);
        var version = await store.CreateVersionAsync("people", PeopleColumns);
        await store.BulkAppendAsync(version, People(300));

        // Every row, in two pages: each value comes back as it went in, of its column's type.
        var rows = new List<DatasetRow>();
        await foreach (var row in store.ReadAsync(version, new DatasetRead(Limit: 200)))
        {
            rows.Add(row);
        }

        await foreach (var row in store.ReadAsync(version, new DatasetRead(AfterRowId: rows[^1].RowId)))
        {
            rows.Add(row);
        }

        Assert.Equal(300, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(Person(i), rows[i].Values);
            Assert.Equal(Person(i).Select(v => v?.GetType()), rows[i].Values.Select(v => v?.GetType()));
        }

        // By key, text and whole number alike, the same statements run again and again.
        for (var i = 0; i < 3; i++)
        {
            var byId = await ToListAsync(store.ReadAsync(version, new DatasetRead(EqualsColumn: "id_number", EqualsValue: "330106199001010123")));
            Assert.Equal(Person(123), Assert.Single(byId).Values);
            Assert.Equal(75, (await ToListAsync(store.ReadAsync(version, new DatasetRead(EqualsColumn: "children", EqualsValue: 3L)))).Count);
            Assert.Empty(await ToListAsync(store.ReadAsync(version, new DatasetRead(EqualsColumn: "id_number", EqualsValue: "'; DROP TABLE dataset_versions; --"))));
        }

        // A read abandoned after its first row leaves nothing running: the table can be dropped.
        await foreach (var row in store.ReadAsync(version))
        {
            Assert.Equal(Person(0), row.Values);
            break;
        }

        await using var connection = await test.Database.OpenConnectionAsync();
        await connection.ExecuteAsync($"DROP TABLE {version.TableName}");
    }

    private static async Task<List<DatasetRow>> ToListAsync(IAsyncEnumerable<DatasetRow> rows)
    {
        var list = new List<DatasetRow>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }

    [Theory, AllDatabases]
    public async Task A_new_version_replaces_the_old_and_the_old_is_dropped_later(DatabaseKind kind)
    {
        await using var test = await TestDatabase.CreateAsync(kind);
        var store = new DatasetStore(test.Database);

        var first = await store.CreateVersionAsync("r", PeopleColumns);
        await store.BulkAppendAsync(first, People(10));
        await store.SwitchCurrentAsync(first);
        var second = await store.CreateVersionAsync("r", PeopleColumns);
        await store.BulkAppendAsync(second, People(20));
        await store.SwitchCurrentAsync(second);
        var third = await store.CreateVersionAsync("r", PeopleColumns);
        await store.BulkAppendAsync(third, People(30));
        await store.SwitchCurrentAsync(third);

        var dropped = await store.DropAbandonedVersionsAsync(keepSuperseded: 1);

        Assert.Equal([first.TableName], dropped);
        var states = (await store.ListVersionsAsync("r")).Select(v => (v.Id, v.State)).ToList();
        Assert.Equal([(second.Id, "superseded"), (third.Id, "current")], states);
        Assert.Equal(30, (await store.GetCurrentAsync("r"))!.RowCount);
    }

    [Theory, AllDatabases]
    public async Task A_writer_disposed_without_completing_leaves_the_previous_version_serving(DatabaseKind kind)
    {
        await using var test = await TestDatabase.CreateAsync(kind);
        var store = new DatasetStore(test.Database);
        var first = await store.CreateVersionAsync("r", PeopleColumns);
        await store.BulkAppendAsync(first, People(5));
        await store.SwitchCurrentAsync(first);

        var broken = await store.CreateVersionAsync("r", PeopleColumns);
        await using (var writer = await store.OpenWriterAsync(broken))
        {
            for (var i = 0; i < 1000; i++)
            {
                writer.WriteRow(Person(i));
            }
        }

        var error = await Assert.ThrowsAsync<GongshuException>(() => store.SwitchCurrentAsync(broken));
        Assert.Equal("version_not_ready", error.Code);
        Assert.Equal(first.Id, (await store.GetCurrentAsync("r"))!.Id);

        await using var connection = await test.Database.OpenConnectionAsync();
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {broken.TableName}"));

        var dropped = await store.DropAbandonedVersionsAsync(startup: true);
        if (kind == DatabaseKind.Sqlite)
        {
            Assert.Equal([broken.TableName], dropped);
        }
        else
        {
            // On a shared server another node might still be loading it: it waits for its lease to lapse.
            Assert.Empty(dropped);
        }
    }

    [Theory, AllDatabases]
    public async Task A_column_name_that_is_not_a_plain_identifier_is_refused(DatabaseKind kind)
    {
        await using var test = await TestDatabase.CreateAsync(kind);
        var store = new DatasetStore(test.Database);
        var error = await Assert.ThrowsAsync<GongshuException>(() =>
            store.CreateVersionAsync("r", [new DatasetColumn("name\"; DROP TABLE dataset_versions; --", FieldType.Character)]));
        Assert.Equal("invalid_identifier", error.Code);
        Assert.Empty(await store.ListVersionsAsync("r"));
    }

    [Fact]
    public void Field_type_codes_round_trip_through_the_national_letters()
    {
        Assert.Equal("CNYDTLMGBIF", string.Concat(Enum.GetValues<FieldType>().Select(t => t.Code())));
        Assert.Equal(FieldType.Date, FieldTypes.FromCode('d'));
        Assert.Equal("unknown_field_type", Assert.Throws<GongshuException>(() => FieldTypes.FromCode('Z')).Code);
    }
}
