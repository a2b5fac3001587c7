using System.Diagnostics;
using Gongshu.Collection.Sources.Database;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Xunit;

namespace Gongshu.Tests.CollectionTests.Sources.Database;

public class DatabaseSourceReaderTests
{
    private const string People = """
        CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, city TEXT, updated_at TEXT);
        INSERT INTO people VALUES (1, '张三', '杭州', '2024-01-01 08:00:00');
        INSERT INTO people VALUES (2, '李四', '', '2024-01-03 08:00:00');
        INSERT INTO people VALUES (3, '欧阳娜娜', NULL, '2024-01-02 08:00:00');
        """;

    [Theory, AllDatabases]
    public async Task A_table_is_pulled_row_by_row(DatabaseKind kind)
    {
        await using var db = await SourceDatabase.CreateAsync(kind);
        await db.ExecuteAsync(People);

        await using var reader = await DatabaseSourceReader.OpenAsync(db.Options(table: "people"));
        var records = (await reader.ReadAllAsync()).OrderBy(r => r.Position).ToList();

        Assert.Equal(["id", "name", "city", "updated_at"], reader.Columns);
        Assert.Equal([1L, 2L, 3L], records.Select(r => r.Position));
        Assert.Equal<object?>([1L, "张三", "杭州", "2024-01-01 08:00:00"], records.Single(r => (long)r.Values[0]! == 1).Values);
        Assert.Null(records.Single(r => (long)r.Values[0]! == 2).Values[2]);
        Assert.False(await reader.ReadAsync());
        Assert.Equal(0, reader.FieldCount);
    }

    [Theory, AllDatabases]
    public async Task A_select_statement_is_pulled(DatabaseKind kind)
    {
        await using var db = await SourceDatabase.CreateAsync(kind);
        await db.ExecuteAsync(People);

        await using var reader = await DatabaseSourceReader.OpenAsync(db.Options(query: """
            -- people outside Hangzhou; a ';' in a comment or string is no second statement
            WITH others AS (SELECT id, name FROM people WHERE city IS NULL OR city NOT IN ('杭州', ';'))
            SELECT id AS "编号", name /* ; */ FROM others ORDER BY id; -- done
            """));

        Assert.Equal(["编号", "name"], reader.Columns);
        var records = await reader.ReadAllAsync();
        Assert.Equal<object?>([2L, "李四", 3L, "欧阳娜娜"], records.SelectMany(r => r.Values));
    }

    [Theory, AllDatabases]
    public async Task A_watermark_pulls_only_rows_after_the_last_pull(DatabaseKind kind)
    {
        await using var db = await SourceDatabase.CreateAsync(kind);
        await db.ExecuteAsync(People);
        var options = db.Options(table: "people") with { WatermarkColumn = "updated_at" };

        object? watermark;
        await using (var first = await DatabaseSourceReader.OpenAsync(options))
        {
            Assert.Equal<object?>([1L, 3L, 2L], (await first.ReadAllAsync()).Select(r => r.Values[0]));
            watermark = first.Watermark;
        }

        Assert.Equal("2024-01-03 08:00:00", watermark);
        await db.ExecuteAsync("""
            INSERT INTO people VALUES (4, '王五', '宁波', '2024-01-05 08:00:00');
            INSERT INTO people VALUES (5, '赵六', '温州', '2024-01-04 08:00:00');
            UPDATE people SET city = '湖州', updated_at = '2024-01-06 08:00:00' WHERE id = 1;
            """);

        await using var next = await DatabaseSourceReader.OpenAsync(options with { WatermarkAfter = watermark });
        Assert.Equal<object?>([5L, 4L, 1L], (await next.ReadAllAsync()).Select(r => r.Values[0]));
        Assert.Equal("2024-01-06 08:00:00", next.Watermark);
    }

    [Theory, AllDatabases]
    public async Task A_watermark_applies_to_a_query_ending_in_a_comment(DatabaseKind kind)
    {
        await using var db = await SourceDatabase.CreateAsync(kind);
        await db.ExecuteAsync(People);

        await using var reader = await DatabaseSourceReader.OpenAsync(
            db.Options(query: "SELECT id, name FROM people -- every person") with { WatermarkColumn = "id", WatermarkAfter = 1L });

        Assert.Equal<object?>([2L, 3L], (await reader.ReadAllAsync()).Select(r => r.Values[0]));
        Assert.Equal(3L, reader.Watermark);
    }

    [Theory]
    [InlineData("DELETE FROM people")]
    [InlineData("  /* a comment */ update people set name = 'x'")]
    [InlineData("SELECT 1; DROP TABLE people")]
    [InlineData("SELECT 1;\n-- fine so far\nDELETE FROM people;")]
    [InlineData("SELECT 'unterminated")]
    [InlineData("SELECT 1 /* never closed")]
    [InlineData("")]
    [InlineData("EXPLAIN ANALYZE SELECT 1")]
    public async Task Anything_but_one_select_statement_is_refused(string query)
    {
        var options = new DatabaseSourceOptions { Kind = DatabaseKind.Postgres, Connection = "Host=never.invalid", Query = query };

        var e = await Assert.ThrowsAsync<GongshuException>(() => DatabaseSourceReader.OpenAsync(options));

        Assert.Equal(ErrorKind.BadRequest, e.Kind);
        Assert.Equal("query", e.Field);
    }

    [Theory]
    [InlineData("people; DROP TABLE people")]
    [InlineData("\"people\"")]
    [InlineData("a.b.c")]
    [InlineData("1people")]
    public async Task A_table_name_that_is_not_a_plain_name_is_refused(string table)
    {
        var options = new DatabaseSourceOptions { Kind = DatabaseKind.Sqlite, Connection = "none.db", Table = table };

        var e = await Assert.ThrowsAsync<GongshuException>(() => DatabaseSourceReader.OpenAsync(options));

        Assert.Equal("table", e.Field);
    }

    [Theory, AllDatabases]
    public async Task The_source_cannot_be_written_through_a_query(DatabaseKind kind)
    {
        await using var db = await SourceDatabase.CreateAsync(kind);
        await db.ExecuteAsync(People);

        var e = await Assert.ThrowsAsync<GongshuException>(async () =>
        {
            await using var reader = await DatabaseSourceReader.OpenAsync(db.Options(query: "WITH gone AS (DELETE FROM people RETURNING id) SELECT * FROM gone"));
            await reader.ReadAllAsync();
        });

        Assert.Equal("source_query_failed", e.Code);
        await using var check = await DatabaseSourceReader.OpenAsync(db.Options(table: "people"));
        Assert.Equal(3, (await check.ReadAllAsync()).Count);
    }

    [Theory, AllDatabases]
    public async Task A_missing_table_is_a_refused_query(DatabaseKind kind)
    {
        await using var db = await SourceDatabase.CreateAsync(kind);
        await db.ExecuteAsync(People);

        var e = await Assert.ThrowsAsync<GongshuException>(() => DatabaseSourceReader.OpenAsync(db.Options(table: "persons")));

        Assert.Equal("source_query_failed", e.Code);
        Assert.Equal("table", e.Field);
        Assert.Contains("persons", e.Message);
    }

    [Fact]
    public async Task Postgres_types_are_read_as_source_values()
    {
        await using var db = await SourceDatabase.CreateAsync(DatabaseKind.Postgres);
        await db.ExecuteAsync("""
            CREATE TABLE "人口" (
                a bigint, b integer, c smallint, d numeric(12, 2), e real, f double precision,
                g timestamp, h timestamptz, i date, j boolean, k bytea, l text, m varchar(10),
                n uuid, o integer[], p jsonb, q time, r numeric, s text, t numeric, u numeric(40, 3));
            INSERT INTO "人口" VALUES (
                9007199254740993, 42, 7, 1234.56, 1.1, 2.5,
                '2024-05-06 07:08:09.123', '2024-05-06 07:08:09+08', '1990-01-31', true, '\x0102ff', '浙江', '',
                '0f8fad5b-d9cb-469f-a165-70867728950e', '{1,2,3}', '{"k": "值"}', '08:30:00', 'NaN', NULL,
                -123456789012345678901234567890123.000456, 0.5);
            """);

        await using var reader = await DatabaseSourceReader.OpenAsync(db.Options(table: $"{db.Schema}.人口"));
        var record = Assert.Single(await reader.ReadAllAsync());

        Assert.Equal<object?>(
        [
            9007199254740993L, 42L, 7L, 1234.56m, 1.1, 2.5,
            new DateTime(2024, 5, 6, 7, 8, 9, 123), new DateTime(2024, 5, 5, 23, 8, 9, DateTimeKind.Utc), new DateOnly(1990, 1, 31),
            true, new byte[] { 1, 2, 255 }, "浙江", null,
            "0f8fad5b-d9cb-469f-a165-70867728950e", "[1,2,3]", """{"k": "值"}""", "08:30:00", "NaN", null,
            "-123456789012345678901234567890123.000456", 0.500m,
        ], record.Values);
    }

    [Fact]
    public async Task Sqlite_storage_classes_are_read_as_source_values()
    {
        await using var db = await SourceDatabase.CreateAsync(DatabaseKind.Sqlite);
        await db.ExecuteAsync("""
            CREATE TABLE t (a INTEGER, b REAL, c TEXT, d BLOB, e NUMERIC, f DATE);
            INSERT INTO t VALUES (9007199254740993, 1.25, '西湖', x'0102ff', 12.5, '2024-01-31');
            """);

        await using var reader = await DatabaseSourceReader.OpenAsync(db.Options(table: "main.t"));

        var record = Assert.Single(await reader.ReadAllAsync());
        Assert.Equal<object?>([9007199254740993L, 1.25, "西湖", new byte[] { 1, 2, 255 }, 12.5, "2024-01-31"], record.Values);
    }

    [Fact]
    public async Task A_query_running_past_its_statement_timeout_is_stopped()
    {
        await using var db = await SourceDatabase.CreateAsync(DatabaseKind.Postgres);

        var e = await Assert.ThrowsAsync<GongshuException>(async () =>
        {
            await using var reader = await DatabaseSourceReader.OpenAsync(
                db.Options(query: "SELECT pg_sleep(5)") with { StatementTimeout = TimeSpan.FromMilliseconds(200) });
            await reader.ReadAllAsync();
        });

        Assert.Equal("source_query_failed", e.Code);
        Assert.Contains("statement timeout", e.Message);
    }

    [Fact]
    public async Task Stopping_early_does_not_drain_a_large_result()
    {
        await using var db = await SourceDatabase.CreateAsync(DatabaseKind.Postgres);

        // A set-returning function in the select list streams its rows: 50 million would take minutes to drain.
        var reader = await DatabaseSourceReader.OpenAsync(db.Options(query: "SELECT generate_series(1, 50000000) AS g, md5('x') AS h"));
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await reader.ReadAsync());
        }

        Assert.Equal(10, reader.Position);
        var clock = Stopwatch.StartNew();
        await reader.DisposeAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Stopping took {clock.Elapsed}.");
    }

    [Fact]
    public async Task An_unknown_host_is_unreachable_and_the_message_keeps_the_password()
    {
        var options = new DatabaseSourceOptions
        {
            Kind = DatabaseKind.Postgres,
            Connection = "Host=db.never.invalid;Username=reader;Password=Qiantang-Secret-7;Database=census;Timeout=5",
            Table = "people",
        };

        var e = await Assert.ThrowsAsync<GongshuException>(() => DatabaseSourceReader.OpenAsync(options));

        Assert.Equal("source_unreachable", e.Code);
        Assert.Contains("db.never.invalid", e.Message);
        Assert.DoesNotContain("Qiantang-Secret-7", e.Message);
    }

    [Fact]
    public async Task A_refused_connection_is_unreachable()
    {
        var port = System.Net.Sockets.TcpListener.Create(0);
        port.Start();
        var closed = ((System.Net.IPEndPoint)port.LocalEndpoint).Port;
        port.Stop();
        var options = new DatabaseSourceOptions
        {
            Kind = DatabaseKind.Postgres,
            Connection = $"Host=127.0.0.1;Port={closed};Username=reader;Password=Qiantang-Secret-7;Timeout=5",
            Table = "people",
        };

        var e = await Assert.ThrowsAsync<GongshuException>(() => DatabaseSourceReader.OpenAsync(options));

        Assert.Equal("source_unreachable", e.Code);
        Assert.DoesNotContain("Qiantang-Secret-7", e.Message);
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_unreachable()
    {
        var options = new DatabaseSourceOptions
        {
            Kind = DatabaseKind.Postgres,
            Connection = $"{TestDatabase.AdminConnectionString};Database=no_such_db_{Guid.NewGuid():N};Password=Qiantang-Secret-7",
            Table = "people",
        };

        var e = await Assert.ThrowsAsync<GongshuException>(() => DatabaseSourceReader.OpenAsync(options));

        Assert.Equal("source_unreachable", e.Code);
        Assert.Contains("does not exist", e.Message);
        Assert.DoesNotContain("Qiantang-Secret-7", e.Message);
    }

    [Fact]
    public async Task A_missing_sqlite_file_is_unreachable()
    {
        var options = new DatabaseSourceOptions { Kind = DatabaseKind.Sqlite, Connection = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.db"), Table = "people" };

        var e = await Assert.ThrowsAsync<GongshuException>(() => DatabaseSourceReader.OpenAsync(options));

        Assert.Equal("source_unreachable", e.Code);
        Assert.False(File.Exists(options.Connection));
    }
}
