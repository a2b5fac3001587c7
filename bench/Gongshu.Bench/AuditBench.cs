using System.Diagnostics;
using System.Globalization;
using Gongshu.Audit;
using Gongshu.Security;
using Gongshu.Storage;

namespace Gongshu.Bench;

/// <summary>
/// Sustained <see cref="AuditLog.AppendAsync"/> throughput with many concurrent appenders (each
/// awaits its entry before writing the next, as request handlers do), then the time to verify
/// the whole log.
/// <c>audit --db "Host=...;Database=..." | path/to/file.db  --entries 1000000 --concurrency 64 [--checkpoint 10000] [--keys DIR]</c>;
/// without --db, a new SQLite file in a temp folder. --keys DIR keeps the signing key, so that
/// a later run with --entries 0 can verify the same log again.
/// </summary>
internal static class AuditBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args);
        var work = Path.Combine(Path.GetTempPath(), "gongshu-bench-audit", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            await using var database = Database.Open(options.Db ?? Path.Combine(work, "audit.db"), work);
            await Migrator.MigrateAsync(database);
            var keys = KeyStore.Open(options.Keys ?? Path.Combine(work, "keys"), createMissing: true);

            Console.WriteLine($"audit bench: {database.DisplayName}, {options.Entries:N0} entries, {options.Concurrency} concurrent appenders");
            var latencies = new long[options.Entries];
            var next = -1L;
            var append = Stopwatch.StartNew();
            (long Commits, long Entries) groupCommits;
            await using (var log = new AuditLog(database, keys, options: new AuditLogOptions { CheckpointInterval = options.Checkpoint }))
            {
                var appenders = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
                {
                    long i;
                    while ((i = Interlocked.Increment(ref next)) < options.Entries)
                    {
                        var started = Stopwatch.GetTimestamp();
                        await log.AppendAsync(Entry(i));
                        latencies[i] = Stopwatch.GetTimestamp() - started;
                    }
                }));
                await Task.WhenAll(appenders);
                append.Stop();
                groupCommits = log.GroupCommitStats;
            }

            var verify = Stopwatch.StartNew();
            var result = await AuditVerifier.VerifyAsync(database, keys.AuditSigningKey);
            verify.Stop();

            Array.Sort(latencies);
            double Ms(double quantile) => latencies.Length == 0 ? 0 : latencies[(int)(quantile * (latencies.Length - 1))] * 1000.0 / Stopwatch.Frequency;
            var rate = options.Entries / append.Elapsed.TotalSeconds;
            Console.WriteLine();
            Console.WriteLine("| measure | value |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| append: entries | {options.Entries:N0} |");
            Console.WriteLine($"| append: concurrent appenders | {options.Concurrency} |");
            Console.WriteLine($"| append: wall time | {append.Elapsed.TotalSeconds:F2} s |");
            Console.WriteLine($"| append: throughput | {rate:N0} entries/s |");
            Console.WriteLine($"| append: group commits (mean entries each) | {groupCommits.Commits:N0} ({(double)groupCommits.Entries / Math.Max(1, groupCommits.Commits):F1}) |");
            Console.WriteLine($"| append: latency p50 / p99 | {Ms(0.50):F2} ms / {Ms(0.99):F2} ms |");
            Console.WriteLine($"| verify: entries / checkpoints | {result.EntriesChecked:N0} / {result.CheckpointsChecked:N0} |");
            Console.WriteLine($"| verify: time | {verify.Elapsed.TotalSeconds:F2} s ({result.EntriesChecked / verify.Elapsed.TotalSeconds:N0} entries/s) |");
            Console.WriteLine($"| verify: result | {(result.Ok ? "ok" : "BROKEN")}: {result.Message} |");
            Console.WriteLine($"| process peak working set | {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB |");
            return result.Ok ? 0 : 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
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

    private sealed record Options(string? Db, string? Keys, int Entries, int Concurrency, int Checkpoint);

    private static Options Parse(string[] args)
    {
        var options = new Options(null, null, 1_000_000, 64, 10_000);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--db" => options with { Db = value },
                "--keys" => options with { Keys = value },
                "--entries" => options with { Entries = int.Parse(value, CultureInfo.InvariantCulture) },
                "--concurrency" => options with { Concurrency = int.Parse(value, CultureInfo.InvariantCulture) },
                "--checkpoint" => options with { Checkpoint = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options;
    }
}
