using System.Globalization;
using Gongshu.Security;
using Gongshu.Security.Encryption;
using Gongshu.Sharing.Query;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.Sharing.Query;

/// <summary>One person of the test data, as the oracle the query results are checked against.</summary>
internal sealed record Person(string IdNumber, string? Name, long? Age, decimal Income, DateOnly BirthDate, DateTime RegisteredAt, bool? Married, string County, double Score);

/// <summary>
/// A migrated database holding one dataset version of <see cref="People"/>, the ID number stored
/// encrypted with its blind index, and a <see cref="DatasetQuery"/> over it.
/// </summary>
internal sealed class QueryHarness : IAsyncDisposable
{
    public const string ResourceKey = "330000/people";

    public static readonly DatasetColumn[] Fields =
    [
        new("id_number", FieldType.Character, 18, Nullable: false),
        new("name", FieldType.Character, 40),
        new("age", FieldType.Integer),
        new("income", FieldType.Currency),
        new("birth_date", FieldType.Date),
        new("registered_at", FieldType.DateTime),
        new("married", FieldType.Logical),
        new("county", FieldType.Character, 6),
        new("score", FieldType.Double),
    ];

    // Case variants, LIKE wildcards, quotes and an injection string as data, so literal matching shows.
    private static readonly string?[] Names =
    [
        "abc", "ABC", "abd", "a%b", "a%c", "a_b", "axb", "ab", "张三", "张三丰", "欧阳娜娜", "O'Brien",
        "' OR '1'='1", "100%", "under_score", null, "Zoe", "zoe", "_x", "%y",
    ];

    private readonly TestDatabase _test;
    private readonly string _directory;

    private QueryHarness(TestDatabase test, string directory, FieldEncryption encryption, DatasetVersion version, IReadOnlyList<Person> people, byte[] cursorKey)
    {
        (_test, _directory, Encryption, Version, People) = (test, directory, encryption, version, people);
        Query = new DatasetQuery(test.Database, encryption, cursorKey);
    }

    public Database Database => _test.Database;

    public FieldEncryption Encryption { get; }

    public DatasetVersion Version { get; }

    public IReadOnlyList<Person> People { get; }

    public DatasetQuery Query { get; }

    public DatasetStore Datasets => new(_test.Database);

    public static async Task<QueryHarness> CreateAsync(DatabaseKind kind, int count = 97)
    {
        var test = await TestDatabase.CreateAsync(kind);
        var directory = Directory.CreateTempSubdirectory("gongshu-query-keys-").FullName;
        var keys = KeyStore.Open(directory, createMissing: true);
        var encryption = await FieldEncryption.OpenAsync(test.Database, FieldKeyring.Open(directory), keys);
        var people = Enumerable.Range(0, count).Select(Make).ToList();
        var version = await LoadAsync(test.Database, encryption, people);
        return new QueryHarness(test, directory, encryption, version, people, keys.DeriveKey(DatasetQuery.CursorKeyPurpose));
    }

    /// <summary>A new version of the same people (a reload).</summary>
    public Task<DatasetVersion> ReloadAsync() => LoadAsync(_test.Database, Encryption, People);

    private static async Task<DatasetVersion> LoadAsync(Database database, FieldEncryption encryption, IReadOnlyList<Person> people)
    {
        var store = new DatasetStore(database);
        var stored = ProtectedColumns.Stored(Fields, new HashSet<string> { "id_number" }, new HashSet<string> { "id_number" });
        var version = await store.CreateVersionAsync(ResourceKey, stored);
        var protector = new RowProtector(encryption, ResourceKey, stored, await encryption.ActiveKeyIdAsync());
        await store.BulkAppendAsync(version, Rows(people, protector));
        return version;
    }

    private static async IAsyncEnumerable<object?[]> Rows(IReadOnlyList<Person> people, RowProtector protector)
    {
        foreach (var p in people)
        {
            var row = new object?[protector.StoredWidth];
            object?[] fields = [p.IdNumber, p.Name, p.Age, p.Income, p.BirthDate, p.RegisteredAt, p.Married, p.County, p.Score];
            fields.CopyTo(row, 0);
            protector.Protect(row);
            yield return row;
        }

        await Task.CompletedTask;
    }

    private static Person Make(int i) => new(
        $"330106199001{i:D5}" + (i % 7 == 0 ? "X" : (i % 10).ToString(CultureInfo.InvariantCulture)),
        Names[i % Names.Length],
        i % 9 == 4 ? null : 20 + i % 37,
        1000.25m + i * 37.5m % 900,
        new DateOnly(1990, 1, 1).AddDays(i * 3 % 70),
        new DateTime(2023, 5, 6, 7, 8, 9).AddMinutes(i * 13 % 200).AddTicks(i % 3 == 0 ? 5_000_000 : 0),
        i % 5 == 0 ? null : i % 2 == 0,
        (i % 4) switch { 0 => "330102", 1 => "330105", 2 => "330106", _ => "330110" },
        i * 0.25 % 7);

    /// <summary>One page: the rows (row id and values) and the next cursor.</summary>
    public async Task<(List<DatasetRow> Rows, string? Next)> PageAsync(QueryRequest request, QueryAccess? access = null)
    {
        await using var page = await Query.OpenAsync(Version, request, access);
        var rows = await page.ReadAsync().ToListAsync();
        return (rows, page.NextCursor);
    }

    /// <summary>Every page of a query, following the cursors; the ID numbers in order.</summary>
    public async Task<(List<string> Ids, int Pages)> AllPagesAsync(QueryRequest request, QueryAccess? access = null)
    {
        var ids = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var (rows, next) = await PageAsync(request with { Cursor = cursor, Fields = "id_number" }, access);
            ids.AddRange(rows.Select(r => (string)r.Values[0]!));
            pages++;
            cursor = next;
        }
        while (cursor is not null);
        return (ids, pages);
    }

    /// <summary>The ID numbers a filter returns (all of them, in row order).</summary>
    public async Task<List<string>> IdsAsync(string filter, QueryAccess? access = null)
    {
        var (rows, next) = await PageAsync(new QueryRequest(Filter: filter, Fields: "id_number", Limit: "1000"), access);
        Assert.Null(next);
        return rows.Select(r => (string)r.Values[0]!).ToList();
    }

    public List<string> Expected(Func<Person, bool> match) => People.Where(match).Select(p => p.IdNumber).ToList();

    /// <summary>Everything the database holds that a query must not change: every stored row, and the tables.</summary>
    public async Task<string> SnapshotAsync()
    {
        var rows = new List<string>();
        await foreach (var row in Datasets.ReadAsync(Version))
        {
            rows.Add(row.RowId + ":" + string.Join("|", row.Values.Select(v => v switch
            {
                null => "∅",
                byte[] b => Convert.ToBase64String(b),
                _ => FieldValueText.ToText(v),
            })));
        }

        await using var connection = await _test.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = _test.Database.Kind == DatabaseKind.Postgres
            ? "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = current_schema()"
            : "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)";
        var tables = (string?)await command.ExecuteScalarAsync();
        command.CommandText = "SELECT count(*) FROM dataset_versions";
        var versions = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        return $"{tables}\n{versions}\n{string.Join("\n", rows)}";
    }

    public async ValueTask DisposeAsync()
    {
        await _test.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
