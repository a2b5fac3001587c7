using System.Diagnostics;
using System.Globalization;
using Gongshu.Security;
using Gongshu.Security.Encryption;
using Gongshu.Sharing.Query;
using Gongshu.Storage;

namespace Gongshu.Bench;

/// <summary>
/// The gateway query on SQLite: how many filters per second are parsed, bound and compiled to SQL
/// (no database round trip), and how long one keyset page of 100 rows takes from a version of
/// --rows rows, first and deep (90 % of the way through the matching rows) — in row order,
/// filtered, sorted by an indexed field, and sorted by a field without an index. The baseline is the same page read by
/// row id through <see cref="DatasetStore.ReadAsync"/>.
/// <code>
/// query [--rows 1000000] [--runs 20] [--seconds 2]
/// </code>
/// </summary>
internal static class QueryBench
{
    private static readonly string[] Filters =
    [
        "county = '330102'",
        "county = '330102' and age >= 18 and age < 60 and birth_date >= '1990-01-01'",
        "(name ^= '王' or name ^= '李') and not married = true and income > 1000.50 and registered_at < '2024-01-01 00:00:00'",
        "county in (" + string.Join(", ", Enumerable.Range(0, 100).Select(i => $"'{330100 + i}'")) + ") and age != null",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine("""
                usage: Gongshu.Bench query [--rows N] [--runs R] [--seconds S]
                  --rows     rows in the dataset version (default 1000000)
                  --runs     timed pages per case, given as best and median (default 20)
                  --seconds  time per filter for parse+bind+compile (default 2)
                """);
            return 0;
        }

        var rows = int.Parse(BulkAppendBench.Arg(args, "--rows") ?? "1000000", CultureInfo.InvariantCulture);
        var runs = int.Parse(BulkAppendBench.Arg(args, "--runs") ?? "20", CultureInfo.InvariantCulture);
        var seconds = double.Parse(BulkAppendBench.Arg(args, "--seconds") ?? "2", CultureInfo.InvariantCulture);
        Console.WriteLine($"query: {rows:N0} rows on SQLite, {runs} pages per case; {Environment.ProcessorCount} cores; .NET {Environment.Version}; load average {Load.Average()}");

        var work = Directory.CreateTempSubdirectory("gongshu-bench-query-");
        try
        {
            await using var database = Database.Open(Path.Combine(work.FullName, "query.db"), work.FullName);
            await Migrator.MigrateAsync(database);
            var keys = KeyStore.Open(Path.Combine(work.FullName, "keys"), createMissing: true);
            var encryption = await FieldEncryption.OpenAsync(database, FieldKeyring.Open(keys.Directory), keys);
            var query = new DatasetQuery(database, encryption, keys.DeriveKey(DatasetQuery.CursorKeyPurpose));
            var store = new DatasetStore(database);
            DatasetColumn[] columns =
            [
                new("id_number", FieldType.Character, 18),
                new("name", FieldType.Character, 40, Indexed: true),
                new("age", FieldType.Integer),
                new("income", FieldType.Currency),
                new("birth_date", FieldType.Date),
                new("registered_at", FieldType.DateTime),
                new("married", FieldType.Logical),
                new("county", FieldType.Character, 6),
            ];
            var version = await store.CreateVersionAsync("bench/people", columns);
            var watch = Stopwatch.StartNew();
            await store.BulkAppendAsync(version, People(rows));
            Console.WriteLine($"  loaded {rows:N0} rows in {watch.Elapsed.TotalSeconds:F1} s");

            var fields = new QueryFields(columns);
            foreach (var filter in Filters)
            {
                var parse = Repeat(seconds, () => FilterParser.Parse(filter)!);
                var bind = Repeat(seconds, () => FilterBinder.Bind(FilterParser.Parse(filter)!, fields));
                var plan = Repeat(seconds, () => query.Plan(version, new QueryRequest(filter)));
                Console.WriteLine($"  {filter.Length,4}-character filter: parse {parse:N0}/s, parse+bind {bind:N0}/s, parse+bind+compile (whole plan) {plan:N0}/s");
            }

            var deepRow = rows / 10 * 9;
            var baseline = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                var timer = Stopwatch.StartNew();
                var read = 0;
                await foreach (var _ in store.ReadAsync(version, new DatasetRead(Limit: 100, AfterRowId: deepRow)))
                {
                    read++;
                }

                baseline.Add(timer.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine($"  baseline, 100 rows by row id through DatasetStore.ReadAsync: {baseline.Min():F2} ms best, {BulkAppendBench.Median(baseline):F2} ms median");

            (string Name, QueryRequest Request, bool Deep)[] cases =
            [
                ("row order", new QueryRequest(), true),
                ("filtered, row order", new QueryRequest("county = '330102' and age >= 30"), true),
                ("sorted by indexed name", new QueryRequest(Sort: "name"), true),
                ("sorted by -birth_date (no index: every page scans and sorts)", new QueryRequest(Sort: "-birth_date"), false),
            ];
            foreach (var (name, request, deep) in cases)
            {
                var first = await TimePagesAsync(query, version, request, runs);
                var line = $"  {name}: first page {first.Min():F2} ms best, {BulkAppendBench.Median(first):F2} median";
                if (deep)
                {
                    var (cursor, position) = await DeepCursorAsync(query, version, request);
                    var later = await TimePagesAsync(query, version, request with { Cursor = cursor }, runs);
                    line += $"; page after row {position:N0}: {later.Min():F2} ms best, {BulkAppendBench.Median(later):F2} median";
                }

                Console.WriteLine(line);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }

        Console.WriteLine($"process peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB; load average {Load.Average()}");
        return 0;
    }

    private static double Repeat(double seconds, Func<object> work)
    {
        work();
        var timer = Stopwatch.StartNew();
        long count = 0;
        while (timer.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 100; i++)
            {
                work();
            }

            count += 100;
        }

        return count / timer.Elapsed.TotalSeconds;
    }

    private static async Task<List<double>> TimePagesAsync(DatasetQuery query, DatasetVersion version, QueryRequest request, int runs)
    {
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var timer = Stopwatch.StartNew();
            await using var page = await query.OpenAsync(version, request with { Limit = "100" });
            var read = 0;
            await foreach (var _ in page.ReadAsync())
            {
                read++;
            }

            times.Add(timer.Elapsed.TotalMilliseconds);
            if (read == 0)
            {
                throw new InvalidOperationException("A timed page held no rows.");
            }
        }

        return times;
    }

    // Walks every page of 100 rows; returns the cursor 90 % of the way through and its row position.
    private static async Task<(string Cursor, long Position)> DeepCursorAsync(DatasetQuery query, DatasetVersion version, QueryRequest request)
    {
        var cursors = new List<(string Cursor, long Position)>();
        string? cursor = null;
        long seen = 0;
        do
        {
            await using var page = await query.OpenAsync(version, request with { Limit = "100", Cursor = cursor });
            seen += await page.ReadAsync().CountAsync();
            cursor = page.NextCursor;
            if (cursor is not null)
            {
                cursors.Add((cursor, seen));
            }
        }
        while (cursor is not null);
        return cursors[Math.Max(0, (cursors.Count * 9 / 10) - 1)];
    }

    private static async IAsyncEnumerable<object?[]> People(int count)
    {
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
        string[] given = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋"];
        var random = new Random(7);
        for (var i = 0; i < count; i++)
        {
            yield return
            [
                $"330106{19400101 + i % 500000:D8}{i % 10000:D4}",
                surnames[random.Next(surnames.Length)] + given[random.Next(given.Length)] + (i % 97).ToString(CultureInfo.InvariantCulture),
                i % 50 == 0 ? null : (long)random.Next(0, 100),
                Math.Round((decimal)random.NextDouble() * 20000m, 2),
                new DateOnly(1940, 1, 1).AddDays(random.Next(0, 25000)),
                new DateTime(2020, 1, 1).AddSeconds(random.Next(0, 150_000_000)),
                random.Next(3) == 0,
                (330100 + random.Next(0, 20)).ToString(CultureInfo.InvariantCulture),
            ];
        }

        await Task.CompletedTask;
    }
}
