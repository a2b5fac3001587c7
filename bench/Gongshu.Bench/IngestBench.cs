using System.Diagnostics;
using System.Globalization;
using Gongshu.Audit;
using Gongshu.Catalog;
using Gongshu.Catalog.Search;
using Gongshu.Collection;
using Gongshu.Collection.Loads;
using Gongshu.Collection.Sources;
using Gongshu.Directories;
using Gongshu.Governance;
using Gongshu.Security;
using Gongshu.Security.Encryption;
using Gongshu.Security.Grading;
using Gongshu.Storage;
using Npgsql;

namespace Gongshu.Bench;

/// <summary>
/// A collection load end to end, as `gongshu ingest` does it: a CSV of <see cref="BenchData"/>
/// rows (Chinese names and addresses, ID numbers, dates, amounts) read, its SM3 fingerprint
/// taken, every value converted to its field's type, written to a new dataset version and
/// switched in, with its history row and audit entry. On PostgreSQL each round is run side by
/// side with <c>psql \copy</c> of the same file into a table of the same columns.
/// <code>
/// ingest [--rows 1000000] [--rounds 3] [--db sqlite,pg] [--csv FILE] [--no-baseline] [--no-encryption] [--rules]
/// </code>
/// With <c>--rules</c> each round also loads the file into a second resource with ten quality rules
/// (the governance figure: rules may add at most 30 % to the load). With <c>--csv</c> an existing file is loaded as it is (nothing generated in the process, so the
/// peak working set printed at the end is the load's own); a missing one is generated there and kept.
/// </summary>
internal static class IngestBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine("""
                usage: Gongshu.Bench ingest [--rows N] [--rounds N] [--db sqlite|pg[,...]]
                  --rows    rows in the CSV (default 1000000)
                  --rounds  loads per database; on PostgreSQL each is followed by psql \copy of the same file (default 3)
                  --db      sqlite: a new SQLite file; pg: a new schema on $GONGSHU_TEST_PG (default: both when it is set)
                  --csv     load this file (generated there first, and kept, when it does not exist)
                  --no-baseline  skip psql \copy
                  --rules        after each load, the same file into a twin resource with ten quality rules (time compared)
                  --no-encryption  the provider confirms id_number and name as L3, so nothing is stored encrypted
                                 (by default detection finds 身份证号 with 姓名, grades both L4 and they are encrypted)
                """);
            return 0;
        }

        var rows = long.Parse(BulkAppendBench.Arg(args, "--rows") ?? "1000000", CultureInfo.InvariantCulture);
        var rounds = int.Parse(BulkAppendBench.Arg(args, "--rounds") ?? "3", CultureInfo.InvariantCulture);
        var server = Environment.GetEnvironmentVariable("GONGSHU_TEST_PG");
        var databases = (BulkAppendBench.Arg(args, "--db") ?? (server is null ? "sqlite" : "sqlite,pg")).Split(',');
        var work = Directory.CreateTempSubdirectory("gongshu-bench-ingest-");
        try
        {
            var csv = BulkAppendBench.Arg(args, "--csv") ?? Path.Combine(work.FullName, "people.csv");
            var given = File.Exists(csv);
            if (!given)
            {
                await new BenchData().WriteCsvAsync(csv, rows);
            }

            var size = new FileInfo(csv).Length;
            Console.WriteLine($"ingest: {(given ? "the rows of " + Path.GetFileName(csv) : $"{rows:N0} rows")} × {BenchData.Columns.Length} columns, CSV of {size / 1048576.0:F0} MB, {rounds} rounds; "
                + (args.Contains("--no-encryption") ? "id_number and name confirmed L3 (stored plain); " : "id_number and name graded L4 (stored encrypted); ")
                + $"{Environment.ProcessorCount} cores; load average {Load.Average()}");
            foreach (var db in databases)
            {
                await RunOnAsync(db, server, csv, size, given ? null : rows, rounds, work.FullName, !args.Contains("--no-baseline"), args.Contains("--no-encryption"), args.Contains("--rules"));
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }

        Console.WriteLine($"process peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB; load average {Load.Average()}");
        return 0;
    }

    private static async Task RunOnAsync(string db, string? server, string csv, long size, long? expectedRows, int rounds, string work, bool baseline, bool plain, bool withRules)
    {
        string target;
        if (db == "pg")
        {
            if (server is null)
            {
                throw new InvalidOperationException("--db pg needs GONGSHU_TEST_PG (bench/run.sh starts a throwaway PostgreSQL).");
            }

            var schema = $"bench_ingest_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await new NpgsqlCommand($"CREATE SCHEMA {schema}", admin).ExecuteNonQueryAsync();
            }

            target = $"{server};Search Path={schema}";
        }
        else
        {
            target = Path.Combine(work, "ingest.db");
        }

        await using var database = Database.Open(target, work);
        await Migrator.MigrateAsync(database);
        var keys = KeyStore.Open(Path.Combine(work, $"keys-{db}"), createMissing: true);
        await using var audit = new AuditLog(database, keys);
        var organizations = new OrganizationService(database, audit);
        var region = await organizations.CreateRegionAsync("330000", Actor.System);
        var police = await organizations.CreateDepartmentAsync(region.Id, "gat", "浙江省公安厅", null, Actor.System);
        var catalog = new CatalogService(database, audit, new CatalogSearchIndex(database));
        var provider = new CatalogCaller(1, police.Id, [Role.ProviderAdmin], "bench");
        var draft = await catalog.CreateDraftAsync(provider, "101001", Resource());
        await catalog.SubmitAsync(provider, draft.Id);
        var resource = await catalog.ApproveAsync(new CatalogCaller(2, region.Id, [Role.PlatformAdmin]), draft.Id);
        var encryption = await FieldEncryption.OpenAsync(database, FieldKeyring.Open(keys.Directory), keys);
        var grading = new FieldGrading(database, catalog, encryption, audit);
        var qualityRules = new QualityRules(database, catalog, encryption, audit);
        var collection = new CollectionService(database, catalog, audit, grading, encryption, qualityRules);
        var twinDraft = await catalog.CreateDraftAsync(provider, "101001", Resource() with { Name = "常住人口基本信息（基准测试，质量规则）" });
        await catalog.SubmitAsync(provider, twinDraft.Id);
        var twin = await catalog.ApproveAsync(new CatalogCaller(2, region.Id, [Role.PlatformAdmin]), twinDraft.Id);
        await qualityRules.SaveAsync(provider, twin.Id, TenRules);
        foreach (var confirmed in plain ? [resource, twin] : Array.Empty<CatalogResource>())
        {
            await grading.ConfirmAsync(provider, confirmed.Id, "id_number", new FieldConfirmation("identity_number", "L3"));
            await grading.ConfirmAsync(provider, confirmed.Id, "name", new FieldConfirmation("person_name", "L3"));
        }

        var engine = db == "pg" ? "PostgreSQL" : "SQLite";

        var rows = expectedRows ?? 0;
        var ours = new List<double>();
        var psql = new List<double>();
        var ruled = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var before = Load.Average();
            var watch = Stopwatch.StartNew();
            await using (var stream = new FileStream(csv, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            await using (var source = await SourceFiles.OpenAsync(stream, "people.csv", new FileReadOptions(), null, CancellationToken.None))
            {
                var load = await collection.LoadAsync(provider, resource.Id, source.Input(size));
                if ((expectedRows is { } expected && load.RowsLoaded != expected) || load.RowsRejected != 0)
                {
                    throw new InvalidOperationException($"Loaded {load.RowsLoaded} rows with {load.RowsRejected} rejects; expected {expectedRows} and none.");
                }

                rows = load.RowsRead;
            }

            ours.Add(watch.Elapsed.TotalSeconds);
            var line = $"  {engine} round {round}: gongshu {rows / ours[^1]:N0} rows/s ({ours[^1]:F1} s)";
            if (database is PostgresDatabase pg && baseline)
            {
                psql.Add(await BulkAppendBench.TimePsqlCopyAsync(pg, target, csv));
                line += $", psql \\copy {rows / psql[^1]:N0} rows/s ({psql[^1]:F1} s), ratio {ours[^1] / psql[^1]:F2}×";
            }

            if (withRules)
            {
                var ruledWatch = Stopwatch.StartNew();
                await using (var stream = new FileStream(csv, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
                await using (var source = await SourceFiles.OpenAsync(stream, "people.csv", new FileReadOptions(), null, CancellationToken.None))
                {
                    await collection.LoadAsync(provider, twin.Id, source.Input(size));
                }

                ruled.Add(ruledWatch.Elapsed.TotalSeconds);
                line += $", with 10 rules {rows / ruled[^1]:N0} rows/s ({ruled[^1]:F1} s, {(ruled[^1] / ours[^1] - 1) * 100:+0;-0;0} %)";
            }

            Console.WriteLine($"{line}; load {before} → {Load.Average()}");
            await collection.Datasets.DropAbandonedVersionsAsync(keepSuperseded: 0);
        }

        Console.WriteLine($"{engine} ingest end to end: {rows / ours.Min():N0} rows/s best, {rows / BulkAppendBench.Median(ours):N0} median");
        if (ruled.Count > 0)
        {
            Console.WriteLine($"{engine} with ten quality rules: {rows / ruled.Min():N0} rows/s best, {rows / BulkAppendBench.Median(ruled):N0} median; "
                + $"added time: {(ruled.Min() / ours.Min() - 1) * 100:+0;-0;0} % (best), {(BulkAppendBench.Median(ruled) / BulkAppendBench.Median(ours) - 1) * 100:+0;-0;0} % (median)");
        }

        if (psql.Count > 0)
        {
            Console.WriteLine($"{engine} psql \\copy same file: {rows / psql.Min():N0} rows/s best, {rows / BulkAppendBench.Median(psql):N0} median; "
                + $"gongshu time / psql time: {ours.Min() / psql.Min():F2}× (best), {BulkAppendBench.Median(ours) / BulkAppendBench.Median(psql):F2}× (median)");
        }
    }

    // Ten rules of the kinds governance offers, over the bench's columns.
    private const string TenRules = """
        { "rules": [
          { "field": "id_number", "rule": "identity_number" },
          { "field": "id_number", "rule": "id_matches_birth_date", "birthDateField": "birth_date" },
          { "field": "id_number", "rule": "unique" },
          { "field": "name", "rule": "required" },
          { "field": "name", "rule": "length", "min": 2, "max": 10 },
          { "field": "phone", "rule": "mobile" },
          { "field": "birth_date", "rule": "range", "min": "1900-01-01", "max": "today" },
          { "field": "address", "rule": "length", "min": 6, "max": 200 },
          { "field": "monthly_income", "rule": "range", "min": 0, "max": 1000000 },
          { "field": "household_size", "rule": "range", "min": 1, "max": 20 }
        ] }
        """;

    /// <summary>A published resource whose fields are <see cref="BenchData.Columns"/>.</summary>
    internal static ResourceMetadata Resource() => new()
    {
        Name = "常住人口基本信息（基准测试）",
        Summary = "基准测试用的常住人口基本信息：姓名、公民身份号码、性别、出生日期、联系电话、住址、工作单位、月收入、登记时间和家庭人口。",
        Keywords = ["人口", "基准"],
        Format = "database",
        Fields = BenchData.Columns.Select(c => new ResourceField
        {
            Name = c.Name,
            Label = c.Name,
            Type = c.Type.Code().ToString(),
            Length = c.Type is FieldType.Character ? c.Length : null,
            Description = c.Name,
            IsKey = c.Name == "id_number",
            Nullable = c.Name != "id_number",
            Grade = "L2",
        }).ToList(),
        ShareType = "conditional",
        ShareCondition = "基准测试",
        ShareMethod = "api",
        LegalBasis = "基准测试",
        OpenType = "closed",
        UpdateCycle = "daily",
    };
}
