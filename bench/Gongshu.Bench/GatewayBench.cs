using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using Gongshu.Catalog;
using Gongshu.Collection.Sources;
using Gongshu.Delivery;
using Gongshu.Directories;
using Gongshu.Identifiers;
using Gongshu.Security.Encryption;
using Gongshu.Server.Http;
using Gongshu.Server.Platform;
using Gongshu.Sharing;
using Gongshu.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gongshu.Bench;

/// <summary>
/// Lookups by key through the gateway over HTTP: the real server in this process on a loopback
/// port, a 1,000,000-row people resource whose ID numbers and names are stored encrypted (L4),
/// a grant with its credential, and <c>wrk</c> sending pre-signed requests (each nonce is used
/// once, as the server demands) with random keys. Side by side, a bare endpoint on the same
/// server runs the same lookup (blind index, SELECT, decrypt) with no signature, grant, masking
/// or audit: the platform's overhead is the difference. Then the platform again with each
/// connection pausing between requests, to measure latency at about half the maximum rate.
/// <code>gateway [--db sqlite|pg[,...]] [--rows 1000000] [--duration 20] [--warmup 10] [--connections 32]</code>
/// </summary>
internal static class GatewayBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine("""
                usage: Gongshu.Bench gateway [--db sqlite|pg[,...]] [--rows N] [--duration S] [--warmup S] [--connections C]
                  --db           sqlite: a new SQLite file; pg: a new schema on $GONGSHU_TEST_PG (default: both when it is set)
                  --rows         rows of the people resource (default 1000000)
                  --duration     seconds wrk runs each measurement (default 20)
                  --warmup       seconds of untimed load first (default 10)
                  --connections  wrk connections, one request in flight each (default 32)
                Needs wrk (apt-get install wrk).
                """);
            return 0;
        }

        string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var server = Environment.GetEnvironmentVariable("GONGSHU_TEST_PG");
        var databases = Option("--db", server is null ? "sqlite" : "sqlite,pg").Split(',');
        var rows = long.Parse(Option("--rows", "1000000"), CultureInfo.InvariantCulture);
        var duration = int.Parse(Option("--duration", "20"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(Option("--warmup", "10"), CultureInfo.InvariantCulture);
        var connections = int.Parse(Option("--connections", "32"), CultureInfo.InvariantCulture);
        Console.WriteLine($"gateway bench: {rows:N0} rows, wrk -t1 -c{connections} -d{duration}s after {warmup} s untimed; {Environment.ProcessorCount} cores; "
            + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC; load average {Load.Average()}");
        foreach (var db in databases)
        {
            await RunOnAsync(db, server, rows, duration, warmup, connections);
        }

        return 0;
    }

    private static async Task RunOnAsync(string db, string? pgServer, long rows, int duration, int warmup, int connections)
    {
        var work = Path.Combine(Path.GetTempPath(), "gongshu-bench-gateway", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var target = Path.Combine(work, "gongshu.db");
            if (db == "pg")
            {
                var schema = $"bench_gateway_{Guid.NewGuid():N}";
                await using (var admin = new NpgsqlConnection(pgServer ?? throw new InvalidOperationException("--db pg needs GONGSHU_TEST_PG")))
                {
                    await admin.OpenAsync();
                    await new NpgsqlCommand($"CREATE SCHEMA {schema}", admin).ExecuteNonQueryAsync();
                }

                target = $"{pgServer};Search Path={schema}";
            }

            await using var platform = await PlatformServices.OpenAsync(new PlatformSettings { DataDirectory = work, Connection = target, Port = 0 }, migrate: true);
            var engine = platform.Database.Kind == DatabaseKind.Postgres ? "PostgreSQL" : "SQLite";
            var (grantId, credential, keys) = await SeedAsync(platform, rows, work);
            Console.WriteLine($"{engine}: {rows:N0} rows loaded; grant {grantId}; load average {Load.Average()}");

            await using var app = GongshuWebApp.Build(platform, builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
            MapBare(app, platform);
            await app.StartAsync();
            var url = app.ListeningUrl();

            var signer = new RequestSigner(credential.AppKey, credential.Secret);
            var random = new Random(7);
            string Requests(string name, int count, bool signed)
            {
                var path = Path.Combine(work, name);
                using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
                for (var i = 0; i < count; i++)
                {
                    var key = keys[random.Next(keys.Count)];
                    var requestPath = signed ? $"/gateway/v1/grants/{grantId}/lookup" : "/bench/bare";
                    var query = $"id_number={key}";
                    if (!signed)
                    {
                        writer.WriteLine($"{requestPath}?{query}");
                        continue;
                    }

                    var h = signer.Sign("GET", requestPath, query, []);
                    writer.WriteLine($"{requestPath}?{query}\t{credential.AppKey}\t{h[RequestSigning.TimestampHeader]}\t{h[RequestSigning.NonceHeader]}\t{h[RequestSigning.SignatureHeader]}");
                }

                return path;
            }

            // Enough distinct nonces for the fastest conceivable run; the signatures must be fresh (a 5-minute window).
            var budget = (warmup + duration) * 20_000;
            var warm = await WrkAsync(url, Requests("warm.txt", budget, signed: true), connections, warmup, 0);
            Console.WriteLine($"{engine}: warm-up {warm.Rps:N0} req/s ({warm.Non2xx:N0} non-2xx)");
            var platformRun = await WrkAsync(url, Requests("platform.txt", duration * 20_000, signed: true), connections, duration, 0);
            var bareWarm = await WrkAsync(url, Requests("bare-warm.txt", 100_000, signed: false), connections, warmup, 0);
            var bareRun = await WrkAsync(url, Requests("bare.txt", 100_000, signed: false), connections, duration, 0);
            var half = platformRun.Rps / 2;
            // Each connection waits its answer and then the pause: the pause makes up the rest of its share of the target rate.
            var pauseMs = Math.Max(1, (int)Math.Round(connections * 1000 / half - platformRun.P50));
            var halfRun = await WrkAsync(url, Requests("half.txt", duration * 20_000, signed: true), connections, duration, pauseMs);
            await platform.GatewayCalls.FlushAsync();
            await app.StopAsync();
            Console.WriteLine($"{engine}, lookup by key on {rows:N0} rows, wrk -t1 -c{connections} -d{duration}s:");
            Console.WriteLine($"| endpoint | requests/s | p50 ms | p99 ms | non-2xx | load before → after |");
            Console.WriteLine($"|---|---|---|---|---|---|");
            Console.WriteLine(Line("gateway (signature, grant, masking, audit)", platformRun));
            Console.WriteLine(Line("bare endpoint (same lookup only)", bareRun));
            Console.WriteLine(Line($"gateway paced at ~{half:N0} req/s ({pauseMs} ms pause per connection)", halfRun));
            Console.WriteLine($"{engine}: overhead {100.0 * (bareRun.Rps / platformRun.Rps - 1):N0}% more time per request than the bare endpoint "
                + $"(platform {platformRun.Rps:N0} vs bare {bareRun.Rps:N0} req/s); audit group commits {platform.AuditLog.GroupCommitStats}");
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string Line(string label, WrkResult r)
        => $"| {label} | {r.Rps:N0} | {r.P50:F2} | {r.P99:F2} | {r.Non2xx:N0} | {r.LoadBefore} → {r.LoadAfter} |";

    // The same lookup the gateway makes, with nothing around it: the baseline for the platform's overhead.
    private static void MapBare(WebApplication app, PlatformServices platform)
    {
        var datasets = new DatasetStore(platform.Database);
        DatasetVersion? version = null;
        app.MapGet("/bench/bare", async (string id_number, CancellationToken ct) =>
        {
            version ??= await datasets.GetCurrentAsync(BenchCode, ct);
            var lookup = new RecordLookup(datasets, platform.FieldEncryption, version!);
            var found = await lookup.FindAsync(new Dictionary<string, string> { ["id_number"] = id_number }, 1, ct);
            return found.Count == 0 ? Results.NotFound() : Results.Ok(new { id_number = found[0].Values[0] });
        });
    }

    private static string BenchCode = "";

    private static async Task<(long GrantId, GrantCredential Credential, List<string> Keys)> SeedAsync(PlatformServices platform, long rows, string work)
    {
        var region = await platform.Organizations.CreateRegionAsync("330000", Actor.System);
        var police = await platform.Organizations.CreateDepartmentAsync(region.Id, "gat", "浙江省公安厅", null, Actor.System);
        var social = await platform.Organizations.CreateDepartmentAsync(region.Id, "rst", "浙江省人力资源和社会保障厅", null, Actor.System);
        var provider = new CatalogCaller(1, police.Id, [Role.ProviderAdmin], "bench");
        var admin = new CatalogCaller(2, region.Id, [Role.PlatformAdmin], "bench");
        var user = await platform.Users.CreateAsync("bench.consumer", "基准测试需求方", social.Id, [Role.Consumer], "Bench#2026-consumer", Actor.System);
        var consumer = CatalogCaller.ForUser(user, "bench");
        var draft = await platform.Catalog.CreateDraftAsync(provider, "101001", IngestBench.Resource() with { Name = "常住人口基本信息（网关基准测试）" });
        await platform.Catalog.SubmitAsync(provider, draft.Id);
        var resource = await platform.Catalog.ApproveAsync(admin, draft.Id);
        BenchCode = resource.Code;

        // Unique ID numbers, one per row: birth date and sequence number both vary.
        var csv = Path.Combine(work, "people.csv");
        var keys = new List<string>((int)Math.Min(rows, 2_000_000));
        var data = new BenchData();
        await using (var writer = new StreamWriter(csv, false, new UTF8Encoding(false), 1 << 20))
        {
            await writer.WriteLineAsync(string.Join(',', BenchData.Columns.Select(c => c.Name)));
            for (long i = 0; i < rows; i++)
            {
                var row = data.Row(i);
                var birth = new DateOnly(1940, 1, 1).AddDays((int)(i / 1000));
                var id = IdentityNumber.Create(i % 2 == 0 ? "330106" : "330102", birth, (int)(i % 1000));
                keys.Add(id);
                await writer.WriteLineAsync(string.Join(',', id, row[1], row[2], birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row[4], row[5], row[6],
                    ((decimal)row[7]!).ToString(CultureInfo.InvariantCulture), ((DateTime)row[8]!).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    row[9]));
            }
        }

        var watch = Stopwatch.StartNew();
        await using (var stream = File.OpenRead(csv))
        await using (var source = await SourceFiles.OpenAsync(stream, "people.csv", new FileReadOptions(), maxBytes: null, CancellationToken.None))
        {
            await platform.Collection.LoadAsync(provider, resource.Id, source.Input(new FileInfo(csv).Length));
        }

        Console.WriteLine($"loaded {rows:N0} rows in {watch.Elapsed.TotalSeconds:F1} s; id_number encrypted: "
            + (await platform.FieldGrading.GetAsync(provider, resource.Id)).Fields.Single(f => f.Field == "id_number").EncryptedAtRest);

        var application = await platform.ShareApplications.ApplyAsync(consumer, new ShareRequest(resource.Id, ["id_number", "name"], "基准测试", "身份核验",
            "基准测试", null, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), 1_000_000));
        var decided = await platform.ShareApplications.DecideAsync(provider, application.Id,
            new ShareDecisionInput(true, DailyQuota: 100_000_000, RateLimit: 100_000));
        if (decided.State == ApplicationStates.PlatformReview)
        {
            decided = await platform.ShareApplications.DecideAsync(admin, application.Id, new ShareDecisionInput(true));
        }

        var credential = await platform.ShareGrants.IssueCredentialAsync(consumer, decided.GrantId!.Value);
        return (decided.GrantId!.Value, credential, keys);
    }

    private sealed record WrkResult(double Rps, double P50, double P99, long Non2xx, string LoadBefore, string LoadAfter);

    private static async Task<WrkResult> WrkAsync(string url, string requests, int connections, int seconds, int pauseMs)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-t1", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", CkanBench.ScriptPath("gateway_signed.lua"), url, "--",
            requests, pauseMs.ToString(CultureInfo.InvariantCulture), "1" })
        {
            start.ArgumentList.Add(arg);
        }

        var loadBefore = Load.Average();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (apt-get install -y wrk).");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {await errors}{text}");
        }

        double Latency(string percentile)
        {
            var match = System.Text.RegularExpressions.Regex.Match(text, $@"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", System.Text.RegularExpressions.RegexOptions.Multiline);
            var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
        }

        var rps = System.Text.RegularExpressions.Regex.Match(text, @"Requests/sec:\s+([\d.]+)");
        var non2xx = System.Text.RegularExpressions.Regex.Match(text, @"Non-2xx or 3xx responses:\s+(\d+)");
        return new WrkResult(double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture), Latency("50"), Latency("99"),
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0, loadBefore, Load.Average());
    }
}
