using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gongshu.Server.Http;
using Gongshu.Server.Platform;
using Gongshu.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gongshu.Bench;

/// <summary>
/// Throughput of CKAN's <c>package_search</c> over HTTP, as harvesters call it: the real web
/// server in this process on a free loopback port, over a published catalog of
/// <see cref="SearchCorpus"/> resources (100,000 by default, <see cref="PublishedCatalog"/>), driven
/// by <c>wrk</c> (Debian package <c>wrk</c>) with a fixed number of connections, each sending its
/// next request as soon as the last is answered. Four scenarios: the harvester's first page, a
/// free-text query, the same with two facets, and a rotation through 22 typical queries
/// (bench/wrk/package_search_mix.lua). Each is run untimed first (--warmup seconds), then each is timed.
/// <code>
/// ckan [--db sqlite|pg|CONNECTION|FILE.db[,...]] [--docs 100000] [--duration 20] [--warmup 10]
///      [--connections 16] [--threads 1] [--only a,b,c,d] [--keep]
/// </code>
/// <c>sqlite</c> is a new SQLite file in a temp folder, <c>pg</c> a new schema on <c>$GONGSHU_TEST_PG</c>
/// (bench/run.sh starts one). A file or connection string whose catalog already holds --docs published
/// resources is served as it is (with <c>--data</c>, the folder holding its keys), so with --keep a later
/// run (another build) measures the same catalog again. The server and wrk share the machine's cores.
/// </summary>
internal static partial class CkanBench
{
    private sealed record Scenario(string Key, string Label, string Path, string? Script = null);

    private const string Search = "/api/3/action/package_search";

    private static readonly Scenario[] Scenarios =
    [
        new("a", "`rows=10` (harvester's first page)", $"{Search}?rows=10"),
        new("b", "`q=人口&rows=10`", $"{Search}?q=%E4%BA%BA%E5%8F%A3&rows=10"),
        new("c", "`q=人口&rows=10&facet.field=[\"organization\",\"res_format\"]`",
            $"{Search}?q=%E4%BA%BA%E5%8F%A3&rows=10&facet.field=%5B%22organization%22%2C%22res_format%22%5D"),
        new("d", "22 typical queries in turn (package_search_mix.lua)", $"{Search}?rows=10", "package_search_mix.lua"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine("""
                usage: Gongshu.Bench ckan [--db sqlite|pg|CONNECTION|FILE.db[,...]] [--data DIR] [--docs N] [--duration S] [--warmup S]
                                          [--connections C] [--threads T] [--only a,b,c,d] [--keep]
                  --db           sqlite: a new SQLite file; pg: a new schema on $GONGSHU_TEST_PG (default: both when it is set);
                                 or a PostgreSQL connection string / SQLite file, seeded unless it already holds --docs resources
                  --data         the platform's data folder (keys), never removed; give it with an existing --db (default: a new temp folder)
                  --docs         published resources to generate (default 100000)
                  --duration     seconds wrk runs each scenario, timed (default 20)
                  --warmup       seconds wrk runs each scenario untimed before the first is timed (default 10: the server needs some 30 s of load to reach its pace)
                  --connections  open connections, each with one request in flight (wrk -c, default 16)
                  --threads      wrk threads (wrk -t, default 1)
                  --only         scenarios to run, in this order: a rows=10, b q=人口, c q=人口 with facets, d the mix (default all)
                  --keep         keep the new database (and the new data folder) and print where, to serve them again later
                Needs wrk (apt-get install wrk). bench/run.sh ckan runs it with the server GC, as Gongshu.Server runs.
                """);
            return 0;
        }

        var options = Parse(args);
        var scenarios = options.Only.Count == 0 ? [.. Scenarios] : options.Only.Select(key => Scenarios.FirstOrDefault(s => s.Key == key)
            ?? throw new ArgumentException($"--only takes a, b, c or d, not '{key}'")).ToList();
        Console.WriteLine($"ckan bench: {SearchCorpus.Describe(options.Docs)}; wrk -t{options.Threads} -c{options.Connections} -d{options.Duration}s "
            + $"after {options.Warmup} s untimed; {Environment.ProcessorCount} cores; {(GCSettings.IsServerGC ? "server" : "workstation")} GC; "
            + $"load average {Load.Average()}");
        foreach (var db in options.Databases)
        {
            await RunOnAsync(db, scenarios, options);
        }

        Console.WriteLine($"process peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB; load average {Load.Average()}");
        return 0;
    }

    private static async Task RunOnAsync(string db, List<Scenario> scenarios, Options options)
    {
        // A folder of its own is removed afterwards unless --keep; a --data folder never is.
        var work = options.Data ?? Path.Combine(Path.GetTempPath(), "gongshu-bench-ckan", Guid.NewGuid().ToString("N"));
        var ownsWork = options.Data is null;
        Directory.CreateDirectory(work);
        string? schema = null;
        try
        {
            var target = db;
            if (db == "sqlite")
            {
                target = Path.Combine(work, "gongshu.db");
            }
            else if (db == "pg")
            {
                var server = Environment.GetEnvironmentVariable("GONGSHU_TEST_PG")
                    ?? throw new InvalidOperationException("--db pg needs GONGSHU_TEST_PG (bench/run.sh starts a throwaway PostgreSQL).");
                schema = $"bench_ckan_{Guid.NewGuid():N}";
                await ExecuteAsync(server, $"CREATE SCHEMA {schema}");
                target = $"{server};Search Path={schema}";
            }

            var settings = new PlatformSettings { DataDirectory = work, Connection = target, Host = "127.0.0.1", Port = 0 };
            await using var platform = await PlatformServices.OpenAsync(settings, migrate: true);
            var engine = platform.Database.Kind == DatabaseKind.Postgres ? "PostgreSQL" : "SQLite";
            var existing = await PublishedCatalog.CountAsync(platform.Database);
            if (existing == 0)
            {
                var loadBefore = Load.Average();
                Console.WriteLine($"{engine}: publishing {options.Docs:N0} resources…");
                await PublishedCatalog.SeedAsync(platform.Database, platform.Organizations, platform.Catalog, platform.CatalogSearch, options.Docs,
                    Console.WriteLine);
                Console.WriteLine($"{engine}: seeded (load {loadBefore} → {Load.Average()})");
            }
            else if (existing == options.Docs)
            {
                Console.WriteLine($"{engine}: {platform.Database.DisplayName} already holds {existing:N0} published resources; serving it as it is");
            }
            else
            {
                throw new InvalidOperationException($"{platform.Database.DisplayName} holds {existing:N0} published resources, not --docs {options.Docs:N0}.");
            }

            // The collection scheduler checks for stale data as the server starts: raise those alerts
            // (and their audit entries) now, as a running platform would have, rather than while timing.
            var stale = Stopwatch.StartNew();
            var (raised, _) = await platform.CollectionSources.CheckStaleAsync();
            Console.WriteLine($"{engine}: {raised:N0} stale-data alerts raised ({stale.Elapsed.TotalSeconds:F0} s)");
            if (platform.Database.Kind == DatabaseKind.Postgres)
            {
                await VacuumAsync(platform.Database);
            }

            GC.Collect();
            await using var app = GongshuWebApp.Build(platform, builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
            await app.StartAsync();
            var url = app.ListeningUrl();
            var organization = await FirstOrganizationAsync(url);
            var postmaster = await CpuTime.PostmasterAsync(platform.Database);
            Console.WriteLine($"{engine}: serving {url}; the mix filters on {organization}");

            // Every scenario untimed first, so the code they share is compiled at its final tier before any is timed.
            var counts = new Dictionary<Scenario, long>();
            foreach (var scenario in scenarios.Distinct())
            {
                counts[scenario] = await CheckAsync(url, scenario);
                if (options.Warmup > 0)
                {
                    await WrkAsync(url, scenario, organization, options, options.Warmup, postmaster);
                }
            }

            var results = new List<(Scenario Scenario, long Count, WrkResult Result)>();
            foreach (var scenario in scenarios)
            {
                var count = counts[scenario];
                var result = await WrkAsync(url, scenario, organization, options, options.Duration, postmaster);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {scenario.Key}: {result.RequestsPerSecond:N0} req/s, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms, "
                    + $"per request {result.ServerCpuMs:F2} ms CPU in the server + {result.DatabaseCpuMs:F2} ms in PostgreSQL, {result.AllocatedKb:N0} KB allocated; "
                    + $"load {result.LoadBefore} → {result.LoadAfter}"));
                results.Add((scenario, count, result));
            }

            await app.StopAsync();
            Console.WriteLine();
            Console.WriteLine($"{engine}, {options.Docs:N0} published resources, wrk -t{options.Threads} -c{options.Connections} -d{options.Duration}s --latency:");
            Console.WriteLine();
            var postgres = platform.Database.Kind == DatabaseKind.Postgres;
            Console.WriteLine($"| scenario | count | req/s | p50 ms | p99 ms | errors | server CPU ms/req |{(postgres ? " PostgreSQL CPU ms/req |" : "")} KB allocated/req | load average before → after |");
            Console.WriteLine($"|---|---:|---:|---:|---:|---:|---:|{(postgres ? "---:|" : "")}---:|---|");
            foreach (var (scenario, count, r) in results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {scenario.Key}: {scenario.Label} | {(scenario.Script is null ? count.ToString("N0", CultureInfo.InvariantCulture) : "—")} | {r.RequestsPerSecond:N0} "
                    + $"| {r.P50Ms:F2} | {r.P99Ms:F2} | {r.Errors} | {r.ServerCpuMs:F2} |{(postgres ? string.Create(CultureInfo.InvariantCulture, $" {r.DatabaseCpuMs:F2} |") : "")} "
                    + $"{r.AllocatedKb:N0} | {r.LoadBefore} → {r.LoadAfter} |"));
            }

            Console.WriteLine();
            if (options.Keep)
            {
                Console.WriteLine($"kept: --db \"{(platform.Database is SqliteDatabase file ? file.FilePath : target)}\" --data \"{work}\"");
            }
        }
        finally
        {
            if (schema is not null && !options.Keep)
            {
                await ExecuteAsync(Environment.GetEnvironmentVariable("GONGSHU_TEST_PG")!, $"DROP SCHEMA {schema} CASCADE");
            }

            if (ownsWork && !options.Keep)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>Asks once, as a client would, and refuses to time an answer that is not a successful search.</summary>
    private static async Task<long> CheckAsync(string url, Scenario scenario)
    {
        using var client = new HttpClient();
        var response = await client.GetAsync(url + scenario.Path);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        if (!response.IsSuccessStatusCode || !json.RootElement.GetProperty("success").GetBoolean())
        {
            throw new InvalidOperationException($"{scenario.Path} answered {(int)response.StatusCode}: {body}");
        }

        return json.RootElement.GetProperty("result").GetProperty("count").GetInt64();
    }

    /// <summary>The organization with the most open resources, for the mix's organization filter.</summary>
    private static async Task<string> FirstOrganizationAsync(string url)
    {
        using var client = new HttpClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync($"{url}/api/3/action/organization_list?sort=package_count%20desc&limit=1"));
        return json.RootElement.GetProperty("result")[0].GetString()!;
    }

    /// <summary>What wrk measured, with the CPU time this process (the server) and PostgreSQL spent per request meanwhile.</summary>
    private sealed record WrkResult(long Requests, double RequestsPerSecond, double P50Ms, double P99Ms, long Errors, string LoadBefore, string LoadAfter)
    {
        public double ServerCpuMs { get; init; }

        public double DatabaseCpuMs { get; init; }

        public double AllocatedKb { get; init; }
    }

    private static async Task<WrkResult> WrkAsync(string url, Scenario scenario, string organization, Options options, int seconds, int? postmaster)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { $"-t{options.Threads}", $"-c{options.Connections}", $"-d{seconds}s", "--latency" })
        {
            start.ArgumentList.Add(arg);
        }

        if (scenario.Script is { } script)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(ScriptPath(script));
        }

        start.ArgumentList.Add(url + scenario.Path);
        if (scenario.Script is not null)
        {
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(organization);
        }

        var loadBefore = Load.Average();
        var cpuBefore = CpuTime.Sample(postmaster);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("wrk is not installed (apt-get install -y wrk).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var text = await output;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {await errors}{text}");
            }

            var (server, database) = CpuTime.Since(cpuBefore, postmaster);
            var result = ParseWrk(text, loadBefore, Load.Average());
            return result with
            {
                ServerCpuMs = server.TotalMilliseconds / result.Requests,
                DatabaseCpuMs = database.TotalMilliseconds / result.Requests,
                AllocatedKb = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1024.0 / result.Requests,
            };
        }
    }

    /// <summary>Reads wrk's summary: <c>Requests/sec:</c>, the <c>--latency</c> distribution, non-2xx answers and socket errors.</summary>
    private static WrkResult ParseWrk(string text, string loadBefore, string loadAfter)
    {
        double Latency(string percentile)
        {
            var match = Regex.Match(text, $@"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            if (!match.Success)
            {
                throw new InvalidOperationException($"No {percentile}% latency in wrk's output:\n{text}");
            }

            var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
        }

        var rate = RequestsPerSecond().Match(text);
        var requests = Requests().Match(text);
        if (!rate.Success || !requests.Success)
        {
            throw new InvalidOperationException($"No Requests/sec in wrk's output:\n{text}");
        }

        long errors = 0;
        if (Non2xx().Match(text) is { Success: true } non2xx)
        {
            errors += long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        if (SocketErrors().Match(text) is { Success: true } socket)
        {
            errors += Enumerable.Range(1, 4).Sum(g => long.Parse(socket.Groups[g].Value, CultureInfo.InvariantCulture));
        }

        return new WrkResult(long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            Latency("50"), Latency("99"), errors, loadBefore, loadAfter);
    }

    [GeneratedRegex(@"(\d+) requests in ")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    /// <summary>bench/wrk/NAME, found from the build output up.</summary>
    internal static string ScriptPath(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "bench", "wrk", name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"bench/wrk/{name} was not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>What autovacuum does on its own shortly after a bulk load (statistics, hint bits, visibility map).</summary>
    private static async Task VacuumAsync(Database database)
    {
        await using var connection = await database.OpenConnectionAsync();
        foreach (var table in new[] { "catalog_resources", "catalog_resource_versions", "catalog_fields", "catalog_search", "catalog_search_grams", "catalog_search_tags", "organizations" })
        {
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = $"VACUUM ANALYZE {table}";
            await vacuum.ExecuteNonQueryAsync();
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed record Options(string[] Databases, string? Data, int Docs, int Duration, int Warmup, int Connections, int Threads,
        IReadOnlyList<string> Only, bool Keep);

    private static Options Parse(string[] args)
    {
        var options = new Options(
            Environment.GetEnvironmentVariable("GONGSHU_TEST_PG") is null ? ["sqlite"] : ["sqlite", "pg"], null, 100_000, 20, 10, 16, 1, [], false);
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
                throw new ArgumentException($"{args[i]} needs a value (see ckan --help)");
            }

            var value = args[++i];
            options = args[i - 1] switch
            {
                "--db" => options with { Databases = value.Contains(';', StringComparison.Ordinal) ? [value] : value.Split(',') },
                "--data" => options with { Data = value },
                "--docs" => options with { Docs = Int(value) },
                "--duration" => options with { Duration = Int(value) },
                "--warmup" => options with { Warmup = Int(value) },
                "--connections" => options with { Connections = Int(value) },
                "--threads" => options with { Threads = Int(value) },
                "--only" => options with { Only = value.Split(',') },
                _ => throw new ArgumentException($"unknown option {args[i - 1]} (see ckan --help)"),
            };
        }

        return options;
    }
}

/// <summary>
/// CPU time used by this process (the web server, in process) and by the PostgreSQL server it uses
/// (the postmaster and its children, from /proc): the cost of a request apart from whatever else
/// shares the cores.
/// </summary>
internal static class CpuTime
{
    /// <summary>Clock ticks per second of /proc/PID/stat (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The postmaster of the server behind <paramref name="database"/>; null for SQLite.</summary>
    public static async Task<int?> PostmasterAsync(Database database)
    {
        if (database.Kind != DatabaseKind.Postgres)
        {
            return null;
        }

        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_backend_pid()";
        var backend = Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        return Stat(backend) is { } stat ? stat.Parent : null;
    }

    public static (TimeSpan Server, TimeSpan Database) Sample(int? postmaster)
        => (Process.GetCurrentProcess().TotalProcessorTime, TimeSpan.FromSeconds(PostgresTicks(postmaster) / TicksPerSecond));

    public static (TimeSpan Server, TimeSpan Database) Since((TimeSpan Server, TimeSpan Database) before, int? postmaster)
    {
        var now = Sample(postmaster);
        return (now.Server - before.Server, now.Database - before.Database);
    }

    private static long PostgresTicks(int? postmaster)
    {
        if (postmaster is not { } root)
        {
            return 0;
        }

        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid)
                && Stat(pid) is { } stat && (pid == root || stat.Parent == root))
            {
                ticks += stat.Ticks;
            }
        }

        return ticks;
    }

    /// <summary>A process's parent and the CPU ticks it has used (utime + stime), or null once it has ended.</summary>
    private static (int Parent, long Ticks)? Stat(int pid)
    {
        try
        {
            // After "(comm) ": state, ppid, … utime and stime are the 12th and 13th fields.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
