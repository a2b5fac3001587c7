using System.Diagnostics;
using System.Globalization;
using Gongshu.Audit;
using Gongshu.Security;
using Gongshu.Storage;
using Npgsql;

namespace Gongshu.Bench;

/// <summary>
/// Sustained <see cref="AuditLog.AppendAsync"/> throughput with many concurrent appenders (each
/// awaits its entry before writing the next, as request handlers do), then the time to verify
/// the whole log.
/// <code>
/// audit [--db sqlite|pg|CONNECTION|FILE.db[,...]] [--entries 1000000] [--concurrency 64[,256...]]
///       [--runs 1] [--checkpoint 10000] [--keys DIR]
/// </code>
/// <c>sqlite</c> (the default) is a new SQLite file in a temp folder for each run; <c>pg</c> a new
/// schema on the server named by <c>$GONGSHU_TEST_PG</c> (bench/run.sh starts one) for each run.
/// A connection string or file is used as it is, so with --keys DIR a later run with --entries 0
/// verifies the same log again. Every database × concurrency pair runs --runs times; the summary
/// gives the median of each measure.
/// </summary>
internal static class AuditBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine("""
                usage: Gongshu.Bench audit [--db sqlite|pg|CONNECTION|FILE.db[,...]] [--entries N] [--concurrency C[,C...]]
                                           [--runs R] [--checkpoint N] [--keys DIR]
                  --db           sqlite: a new SQLite file per run (default); pg: a new schema per run on $GONGSHU_TEST_PG;
                                 or a PostgreSQL connection string / SQLite file, used as is
                  --entries      entries appended per run (default 1000000); 0 only verifies
                  --concurrency  concurrent appenders, each awaiting its entry before the next (default 64)
                  --runs         runs of each database × concurrency, reported with their median (default 1)
                  --checkpoint   sign a checkpoint every N entries (default 10000)
                  --keys         keep the signing key in DIR (to verify the same log again later)
                """);
            return 0;
        }

        var options = Parse(args);
        Console.WriteLine($"audit bench: {options.Entries:N0} entries per run, concurrency {string.Join(", ", options.Concurrency)}, "
            + $"{options.Runs} run(s) each; {Environment.ProcessorCount} cores; load average {LoadAverage()}");
        var results = new List<RunResult>();
        var ok = true;
        foreach (var db in options.Databases)
        {
            foreach (var concurrency in options.Concurrency)
            {
                for (var run = 1; run <= options.Runs; run++)
                {
                    var result = await RunOnceAsync(db, concurrency, options);
                    results.Add(result);
                    ok &= result.Verified;
                    Console.WriteLine($"  {result.Engine,-10} {concurrency,4} appenders, run {run}: {result.Throughput,8:N0} entries/s "
                        + $"(slowest tenth {result.SlowestTenth:N0}/s), {result.MeanBatch,6:F1} per commit, p50/p99 {result.P50Ms:F2}/{result.P99Ms:F2} ms, "
                        + $"verify {result.VerifySeconds:F2} s, load {result.LoadBefore} → {result.LoadAfter}{(result.Verified ? "" : " VERIFY FAILED")}");
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| database | appenders | runs | append entries/s (median) | slowest tenth of the run, entries/s | entries per commit | latency p50 / p99 | verify {options.Entries:N0} entries |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in results.GroupBy(r => (r.Engine, r.Concurrency)))
        {
            var runs = group.ToList();
            Console.WriteLine($"| {group.Key.Engine} | {group.Key.Concurrency} | {runs.Count} | {Median(runs, r => r.Throughput):N0} ({string.Join(", ", runs.Select(r => r.Throughput.ToString("N0", CultureInfo.InvariantCulture)))}) "
                + $"| {Median(runs, r => r.SlowestTenth):N0} | {Median(runs, r => r.MeanBatch):F1} | {Median(runs, r => r.P50Ms):F2} / {Median(runs, r => r.P99Ms):F2} ms "
                + $"| {Median(runs, r => r.VerifySeconds):F2} s ({string.Join(", ", runs.Select(r => r.VerifySeconds.ToString("F2", CultureInfo.InvariantCulture)))}) |");
        }

        Console.WriteLine($"process peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB; load average {LoadAverage()}");
        return ok ? 0 : 1;
    }

    private sealed record RunResult(
        string Engine, int Concurrency, double Throughput, double SlowestTenth, double MeanBatch, double P50Ms, double P99Ms,
        double VerifySeconds, bool Verified, string LoadBefore, string LoadAfter);

    private static async Task<RunResult> RunOnceAsync(string db, int concurrency, Options options)
    {
        var work = Path.Combine(Path.GetTempPath(), "gongshu-bench-audit", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        string? schema = null;
        var loadBefore = LoadAverage();
        try
        {
            var target = db;
            if (db == "sqlite")
            {
                target = Path.Combine(work, "audit.db");
            }
            else if (db == "pg")
            {
                var server = Environment.GetEnvironmentVariable("GONGSHU_TEST_PG")
                    ?? throw new InvalidOperationException("--db pg needs GONGSHU_TEST_PG (bench/run.sh starts a throwaway PostgreSQL).");
                schema = $"bench_{Guid.NewGuid():N}";
                await ExecuteAsync(server, $"CREATE SCHEMA {schema}");
                target = $"{server};Search Path={schema}";
            }

            await using var database = Database.Open(target, work);
            await Migrator.MigrateAsync(database);
            var keys = KeyStore.Open(options.Keys ?? Path.Combine(work, "keys"), createMissing: true);

            var entries = options.Entries;
            var latencies = new long[entries];
            var finished = new long[entries];
            var next = -1L;
            var started = Stopwatch.GetTimestamp();
            (long Commits, long Entries) groupCommits;
            await using (var log = new AuditLog(database, keys, options: new AuditLogOptions { CheckpointInterval = options.Checkpoint }))
            {
                var appenders = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
                {
                    long i;
                    while ((i = Interlocked.Increment(ref next)) < entries)
                    {
                        var begin = Stopwatch.GetTimestamp();
                        await log.AppendAsync(Entry(i));
                        var end = Stopwatch.GetTimestamp();
                        latencies[i] = end - begin;
                        finished[i] = end;
                    }
                }));
                await Task.WhenAll(appenders);
                groupCommits = log.GroupCommitStats;
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var verify = Stopwatch.StartNew();
            var result = await AuditVerifier.VerifyAsync(database, keys.AuditSigningKey);
            verify.Stop();
            if (!result.Ok)
            {
                Console.WriteLine($"  verify: {result.Message}");
            }

            Array.Sort(latencies);
            Array.Sort(finished);
            double Ms(double quantile) => latencies.Length == 0 ? 0 : latencies[(int)(quantile * (latencies.Length - 1))] * 1000.0 / Stopwatch.Frequency;

            // Sustained: the slowest of ten consecutive stretches of the run, by entries completed.
            var slowest = double.MaxValue;
            var tenth = entries / 10;
            for (var k = 0; tenth > 0 && k < 10; k++)
            {
                var from = k == 0 ? started : finished[(k * tenth) - 1];
                var to = finished[((k + 1) * tenth) - 1];
                slowest = Math.Min(slowest, tenth / Stopwatch.GetElapsedTime(from, to).TotalSeconds);
            }

            var engine = database.Kind == DatabaseKind.Postgres ? "PostgreSQL" : "SQLite";
            return new RunResult(engine, concurrency, entries / seconds, tenth > 0 ? slowest : 0,
                (double)groupCommits.Entries / Math.Max(1, groupCommits.Commits), Ms(0.50), Ms(0.99),
                verify.Elapsed.TotalSeconds, result.Ok, loadBefore, LoadAverage());
        }
        finally
        {
            if (schema is not null)
            {
                await ExecuteAsync(Environment.GetEnvironmentVariable("GONGSHU_TEST_PG")!, $"DROP SCHEMA {schema} CASCADE");
            }

            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string LoadAverage()
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

    private static double Median(List<RunResult> runs, Func<RunResult, double> value)
    {
        var sorted = runs.Select(value).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static AuditEntry Entry(long i) => new()
    {
        Actor = $"user:{i % 5_000}",
        Organization = "330100 杭州市数据资源管理局",
        Action = (i % 4) switch { 0 => "gateway.query", 1 => "dataset.download", 2 => "user.login", _ => "grant.approve" },
        Object = $"resource:{i % 2_000}",
        Purpose = "办理企业开办",
        Outcome = i % 50 == 0 ? AuditOutcome.Denied : AuditOutcome.Success,
        ClientAddress = $"10.{i % 256}.{(i / 256) % 256}.7",
        Detail = $$"""{"rows":{{i % 1000}},"fields":["姓名","身份证号","手机号"]}""",
    };

    private sealed record Options(string[] Databases, string? Keys, int Entries, int[] Concurrency, int Runs, int Checkpoint);

    private static Options Parse(string[] args)
    {
        var options = new Options(["sqlite"], null, 1_000_000, [64], 1, 10_000);
        static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                // A connection string holds no commas Gongshu needs; a list of targets is comma-separated.
                "--db" => options with { Databases = value.Contains(';', StringComparison.Ordinal) ? [value] : value.Split(',') },
                "--keys" => options with { Keys = value },
                "--entries" => options with { Entries = Int(value) },
                "--concurrency" => options with { Concurrency = [.. value.Split(',').Select(Int)] },
                "--runs" => options with { Runs = Int(value) },
                "--checkpoint" => options with { Checkpoint = Int(value) },
                _ => throw new ArgumentException($"unknown option {args[i]} (see audit --help)"),
            };
        }

        return options;
    }
}
