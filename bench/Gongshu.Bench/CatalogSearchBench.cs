using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gongshu.Catalog.Search;
using Gongshu.Storage;
using Npgsql;

namespace Gongshu.Bench;

/// <summary>
/// Latency of <see cref="CatalogSearchIndex.SearchAsync"/> over a generated catalog (<see cref="SearchCorpus"/>,
/// 100,000 resources by default): typical portal queries, each with the facets a portal shows,
/// run one after another (the queries interleaved, so a burst of load elsewhere on the machine
/// hits them all alike), reporting p50/p95/p99 per query after a warm-up.
/// <code>
/// search [--db sqlite|pg|CONNECTION|FILE.db[,...]] [--docs 100000] [--runs 200] [--warmup 20] [--rounds 1]
///        [--only LABEL[,LABEL...]] [--dump FILE] [--keep]
/// </code>
/// <c>sqlite</c> is a new SQLite file in a temp folder, <c>pg</c> a new schema on <c>$GONGSHU_TEST_PG</c>
/// (bench/run.sh starts one); both are loaded with <see cref="CatalogSearchIndex.ReindexAllAsync"/>.
/// A file or connection string already holding --docs documents is searched as it is (no reload), so
/// with --keep a later run can measure the same index again.
/// </summary>
internal static class CatalogSearchBench
{
    /// <summary>What a portal's result page shows beside the hits.</summary>
    public static readonly IReadOnlyList<string> PortalFacets =
        [CatalogFacet.Provider, CatalogFacet.Grade, CatalogFacet.OpenType, CatalogFacet.Format, CatalogFacet.UpdateCycle, CatalogFacet.Classification];

    /// <summary>The public portal (and CKAN's package_search) sees only open and restricted resources.</summary>
    private static readonly IReadOnlyList<string> Public = ["open", "restricted"];

    public static readonly IReadOnlyList<(string Label, CatalogQuery Query)> Queries =
    [
        ("人口", Q("人口")),
        ("企业 信用", Q("企业 信用")),
        ("常住人口", Q("常住人口")),
        ("行政许可", Q("行政许可")),
        ("杭州 社保", Q("杭州 社保")),
        ("101 (code prefix)", Q("101")),
        ("企业信用评价结果", Q("企业信用评价结果")),
        ("杭州市西湖区常住人口基础信息", Q("杭州市西湖区常住人口基础信息")),
        ("no text (portal home)", Q(null)),
        ("no text, grade L1 + open", Q(null) with { Grades = ["L1"], OpenTypes = ["open"] }),
        ("no text, class 1 + Hangzhou", Q(null) with { ClassificationPrefix = "1", DivisionCodes = ["330100"], IncludeSubdivisions = true }),
        ("人口, grade L2 + 2 providers", Q("人口") with { Grades = ["L2"], ProviderIds = [1001, 1013] }),
        ("信用, public", Q("信用") with { OpenTypes = Public }),
        ("人口, public, page 5", Q("人口") with { OpenTypes = Public, Offset = 80 }),
        ("不存在的资源 (no hit)", Q("不存在的资源")),
        ("人口, no facets", Q("人口") with { Facets = [] }),
    ];

    private static CatalogQuery Q(string? text) => new() { Text = text, Facets = PortalFacets, Limit = 20 };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine("""
                usage: Gongshu.Bench search [--db sqlite|pg|CONNECTION|FILE.db[,...]] [--docs N] [--runs R] [--warmup W] [--rounds K]
                                            [--only LABEL[,LABEL...]] [--dump FILE] [--keep]
                  --db      sqlite: a new SQLite file; pg: a new schema on $GONGSHU_TEST_PG (default: both when it is set);
                            or a PostgreSQL connection string / SQLite file, loaded unless it already holds --docs documents
                  --docs    generated documents to index (default 100000)
                  --runs    timed searches of each query per round, after the warm-up (default 200)
                  --warmup  untimed searches of each query first (default 20)
                  --rounds  rounds of --runs; the table gives the median of the rounds' percentiles (default 1)
                  --only    run only the queries whose label starts with one of these
                  --dump    write every query's total, hit ids and facet counts to FILE.{engine}.txt (to compare two builds)
                  --keep    keep the new database (print where) to search it again later
                """);
            return 0;
        }

        var options = Parse(args);
        var queries = Queries.Where(q => options.Only.Count == 0 || options.Only.Any(o => q.Label.StartsWith(o, StringComparison.Ordinal))).ToList();
        Console.WriteLine($"search bench: {SearchCorpus.Describe(options.Docs)}; {queries.Count} queries × {options.Runs} runs × {options.Rounds} round(s) "
            + $"after {options.Warmup} warm-up; {Environment.ProcessorCount} cores; load average {Load.Average()}");
        foreach (var db in options.Databases)
        {
            await RunOnAsync(db, queries, options);
        }

        Console.WriteLine($"process peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB; load average {Load.Average()}");
        return 0;
    }

    private static async Task RunOnAsync(string db, List<(string Label, CatalogQuery Query)> queries, Options options)
    {
        var work = Path.Combine(Path.GetTempPath(), "gongshu-bench-search", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        string? schema = null;
        var keep = options.Keep;
        try
        {
            var target = db;
            if (db == "sqlite")
            {
                target = Path.Combine(work, "search.db");
            }
            else if (db == "pg")
            {
                var server = Environment.GetEnvironmentVariable("GONGSHU_TEST_PG")
                    ?? throw new InvalidOperationException("--db pg needs GONGSHU_TEST_PG (bench/run.sh starts a throwaway PostgreSQL).");
                schema = $"bench_search_{Guid.NewGuid():N}";
                await ExecuteAsync(server, $"CREATE SCHEMA {schema}");
                target = $"{server};Search Path={schema}";
            }

            await using var database = Database.Open(target, work);
            await Migrator.MigrateAsync(database);
            var index = new CatalogSearchIndex(database);
            var engine = database.Kind == DatabaseKind.Postgres ? "PostgreSQL" : "SQLite";

            var existing = await CountAsync(database);
            if (existing != options.Docs)
            {
                var load = Stopwatch.StartNew();
                var loadBefore = Load.Average();
                var count = await index.ReindexAllAsync(SearchCorpus.DocumentsAsync(options.Docs));
                Console.WriteLine($"{engine}: indexed {count:N0} documents in {load.Elapsed.TotalSeconds:F1} s (ReindexAllAsync, one transaction; load {loadBefore} → {Load.Average()})");
            }
            else
            {
                Console.WriteLine($"{engine}: {database.DisplayName} already holds {existing:N0} documents; searching it as it is");
            }

            if (database.Kind == DatabaseKind.Postgres)
            {
                // What autovacuum does on its own shortly after a bulk load (statistics, hint bits, visibility map).
                await using var connection = await database.OpenConnectionAsync();
                foreach (var table in new[] { "catalog_search", "catalog_search_grams", "catalog_search_tags" })
                {
                    await using var vacuum = connection.CreateCommand();
                    vacuum.CommandText = $"VACUUM ANALYZE {table}";
                    await vacuum.ExecuteNonQueryAsync();
                }
            }

            if (options.Dump is { } dump)
            {
                await DumpAsync(index, queries, $"{dump}.{engine.ToLowerInvariant()}.txt");
            }

            var hits = new Dictionary<string, long>();
            foreach (var (label, query) in queries)
            {
                hits[label] = (await index.SearchAsync(query)).Total;
                for (var i = 1; i < options.Warmup; i++)
                {
                    await index.SearchAsync(query);
                }
            }

            var rounds = new List<Dictionary<string, (double P50, double P95, double P99, double Max)>>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                var loadBefore = Load.Average();
                var samples = queries.ToDictionary(q => q.Label, _ => new List<double>(options.Runs));
                for (var run = 0; run < options.Runs; run++)
                {
                    foreach (var (label, query) in queries)
                    {
                        var started = Stopwatch.GetTimestamp();
                        await index.SearchAsync(query);
                        samples[label].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }

                rounds.Add(samples.ToDictionary(s => s.Key, s => Percentiles(s.Value)));
                Console.WriteLine($"{engine} round {round}: load {loadBefore} → {Load.Average()}");
            }

            Console.WriteLine();
            Console.WriteLine($"{engine}, {options.Docs:N0} documents, {options.Runs} runs × {rounds.Count} round(s) per query, limit 20, "
                + $"{(rounds.Count > 1 ? "median of the rounds" : "one round")}:");
            Console.WriteLine();
            Console.WriteLine("| query | facets | hits | p50 ms | p95 ms | p99 ms | max ms |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var (label, query) in queries)
            {
                double Median(Func<(double P50, double P95, double P99, double Max), double> pick)
                {
                    var values = rounds.Select(r => pick(r[label])).Order().ToList();
                    return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {label} | {query.Facets.Count} | {hits[label]:N0} | {Median(r => r.P50):F1} | {Median(r => r.P95):F1} | {Median(r => r.P99):F1} | {Median(r => r.Max):F1} |"));
            }

            Console.WriteLine();
            if (keep)
            {
                Console.WriteLine($"kept: --db \"{(database is SqliteDatabase file ? file.FilePath : target)}\"");
                if (database is SqliteDatabase)
                {
                    work = "";
                }

                schema = null;
            }
        }
        finally
        {
            if (schema is not null)
            {
                await ExecuteAsync(Environment.GetEnvironmentVariable("GONGSHU_TEST_PG")!, $"DROP SCHEMA {schema} CASCADE");
            }

            if (work.Length > 0)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>Everything a search returns but timings, one query a block, so two builds can be diffed.</summary>
    private static async Task DumpAsync(CatalogSearchIndex index, List<(string Label, CatalogQuery Query)> queries, string path)
    {
        var text = new StringBuilder();
        foreach (var (label, query) in queries)
        {
            foreach (var variant in new[] { query, query with { Sort = CatalogSort.Name }, query with { Facets = CatalogFacet.All, Limit = 100 } })
            {
                var result = await index.SearchAsync(variant);
                text.AppendLine(CultureInfo.InvariantCulture, $"## {label} sort={variant.Sort} limit={variant.Limit} facets={string.Join(',', variant.Facets)}");
                text.AppendLine(CultureInfo.InvariantCulture, $"total {result.Total}");
                text.AppendLine("hits " + string.Join(' ', result.Hits.Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.ResourceId}:{h.Score}:{string.Join('|', h.Tags)}"))));
                foreach (var (facet, counts) in result.Facets.OrderBy(f => f.Key, StringComparer.Ordinal))
                {
                    text.AppendLine($"{facet}: " + string.Join(' ', counts.Select(c => $"{c.Value}={c.Count}{(c.Label is null ? "" : $"({c.Label})")}")));
                }
            }
        }

        await File.WriteAllTextAsync(path, text.ToString());
        Console.WriteLine($"results written to {path}");
    }

    private static (double P50, double P95, double P99, double Max) Percentiles(List<double> samples)
    {
        var sorted = samples.Order().ToArray();
        double At(double q) => sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
        return (At(0.50), At(0.95), At(0.99), sorted[^1]);
    }

    private static async Task<long> CountAsync(Database database)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM catalog_search";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed record Options(string[] Databases, int Docs, int Runs, int Warmup, int Rounds, IReadOnlyList<string> Only, string? Dump, bool Keep);

    private static Options Parse(string[] args)
    {
        var options = new Options(
            Environment.GetEnvironmentVariable("GONGSHU_TEST_PG") is null ? ["sqlite"] : ["sqlite", "pg"], 100_000, 200, 20, 1, [], null, false);
        static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--keep")
            {
                options = options with { Keep = true };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{args[i]} needs a value (see search --help)");
            }

            var value = args[++i];
            options = args[i - 1] switch
            {
                "--db" => options with { Databases = value.Contains(';', StringComparison.Ordinal) ? [value] : value.Split(',') },
                "--docs" => options with { Docs = Int(value) },
                "--runs" => options with { Runs = Int(value) },
                "--warmup" => options with { Warmup = Int(value) },
                "--rounds" => options with { Rounds = Int(value) },
                "--only" => options with { Only = value.Split(',') },
                "--dump" => options with { Dump = value },
                _ => throw new ArgumentException($"unknown option {args[i - 1]} (see search --help)"),
            };
        }

        return options;
    }
}

/// <summary>The machine's load average, printed beside every measurement (the benchmark machine is shared).</summary>
internal static class Load
{
    public static string Average()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
