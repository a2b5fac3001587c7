using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gongshu.Audit;
using Gongshu.Catalog;
using Gongshu.Catalog.Search;
using Gongshu.Collection;
using Gongshu.Collection.Sources;
using Gongshu.Directories;
using Gongshu.Governance;
using Gongshu.Governance.Authority;
using Gongshu.Identifiers;
using Gongshu.Security;
using Gongshu.Security.Encryption;
using Gongshu.Security.Grading;
using Gongshu.Storage;

namespace Gongshu.Bench;

/// <summary>
/// The 一数一源 conflict report on SQLite: an authority of --rows people (distinct ID numbers) and
/// a copy of as many rows, 1 % of them with another name and 1 % with a key the authority does not
/// have, both loaded through the collection (ID numbers and names detected L4 and stored
/// encrypted, unless --no-encryption). Each run is the whole report; the baseline is streaming
/// both stored versions once with no decryption or comparison (the read floor).
/// <code>
/// authority [--rows 1000000] [--runs 3] [--no-encryption]
/// </code>
/// </summary>
internal static class AuthorityBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine("""
                usage: Gongshu.Bench authority [--rows N] [--runs R] [--no-encryption]
                  --rows           rows in the authority and in the copy (default 1000000)
                  --runs           reports, given as best and median (default 3)
                  --no-encryption  the providers confirm the ID number and name L3, so nothing is stored encrypted
                """);
            return 0;
        }

        var rows = int.Parse(BulkAppendBench.Arg(args, "--rows") ?? "1000000", CultureInfo.InvariantCulture);
        var runs = int.Parse(BulkAppendBench.Arg(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var plain = args.Contains("--no-encryption");
        Console.WriteLine($"authority: {rows:N0} authority rows and {rows:N0} copy rows on SQLite, {runs} runs; "
            + (plain ? "ID numbers and names stored plain; " : "ID numbers and names stored encrypted; ")
            + $"{Environment.ProcessorCount} cores; .NET {Environment.Version}; load average {Load.Average()}");

        var work = Directory.CreateTempSubdirectory("gongshu-bench-authority-");
        try
        {
            await using var database = Database.Open(Path.Combine(work.FullName, "authority.db"), work.FullName);
            await Migrator.MigrateAsync(database);
            var keys = KeyStore.Open(Path.Combine(work.FullName, "keys"), createMissing: true);
            await using var audit = new AuditLog(database, keys);
            var organizations = new OrganizationService(database, audit);
            var region = await organizations.CreateRegionAsync("330000", Actor.System);
            var police = await organizations.CreateDepartmentAsync(region.Id, "gat", "浙江省公安厅", null, Actor.System);
            var market = await organizations.CreateDepartmentAsync(region.Id, "scjg", "浙江省市场监督管理局", null, Actor.System);
            var admin = new CatalogCaller(1, region.Id, [Role.PlatformAdmin], "bench");
            var policeAdmin = new CatalogCaller(2, police.Id, [Role.ProviderAdmin], "bench");
            var marketAdmin = new CatalogCaller(3, market.Id, [Role.ProviderAdmin], "bench");
            var catalog = new CatalogService(database, audit, new CatalogSearchIndex(database));
            var encryption = await FieldEncryption.OpenAsync(database, FieldKeyring.Open(keys.Directory), keys);
            var grading = new FieldGrading(database, catalog, encryption, audit);
            var collection = new CollectionService(database, catalog, audit, grading, encryption, new QualityRules(database, catalog, encryption, audit));
            var sources = new AuthoritativeSources(database, catalog, encryption, audit);

            var authority = await PublishAsync(catalog, policeAdmin, admin, "常住人口基本信息（基准测试）");
            var copy = await PublishAsync(catalog, marketAdmin, admin, "市场主体登记人员信息（基准测试）");
            foreach (var (resource, provider) in plain ? [(authority, policeAdmin), (copy, marketAdmin)] : Array.Empty<(CatalogResource, CatalogCaller)>())
            {
                await grading.ConfirmAsync(provider, resource.Id, "id_number", new FieldConfirmation("identity_number", "L3"));
                await grading.ConfirmAsync(provider, resource.Id, "name", new FieldConfirmation("person_name", "L3"));
            }

            var watch = Stopwatch.StartNew();
            await LoadAsync(collection, policeAdmin, authority, Path.Combine(work.FullName, "authority.csv"), rows, copy: false);
            await LoadAsync(collection, marketAdmin, copy, Path.Combine(work.FullName, "copy.csv"), rows, copy: true);
            Console.WriteLine($"  generated and loaded both in {watch.Elapsed.TotalSeconds:F1} s");

            var element = await sources.RegisterAsync(admin, new NewDataElement("person.name", "自然人姓名", authority.Code, "id_number", "name"));
            await sources.AddCopyAsync(admin, element.Id, new NewElementCopy(copy.Code, "id_number", "name"));

            var datasets = collection.Datasets;
            var floor = Stopwatch.StartNew();
            long read = 0;
            foreach (var code in new[] { authority.Code, copy.Code })
            {
                await foreach (var _ in datasets.ReadAsync((await datasets.GetCurrentAsync(code))!))
                {
                    read++;
                }
            }

            var floorSeconds = floor.Elapsed.TotalSeconds;
            Console.WriteLine($"  baseline, both versions streamed raw: {read / floorSeconds:N0} rows/s ({floorSeconds:F1} s)");

            var times = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                var before = Load.Average();
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var timer = Stopwatch.StartNew();
                var report = await sources.ConflictsAsync(admin, element.Id);
                times.Add(timer.Elapsed.TotalSeconds);
                var section = report.Copies[0];
                if ((section.Compared, section.Disagree, section.MissingInAuthority, report.Authority.DuplicateKeys) != (rows, rows / 100, rows / 100, 0))
                {
                    throw new InvalidOperationException($"Unexpected counts: {section}");
                }

                Console.WriteLine($"  run {run}: {2L * rows / times[^1]:N0} rows/s ({times[^1]:F1} s), {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:N0} MiB allocated; load {before} → {Load.Average()}");
            }

            Console.WriteLine($"SQLite conflict report: {2L * rows / times.Min():N0} rows/s best, {2L * rows / BulkAppendBench.Median(times):N0} median "
                + $"(authority + copy rows); report time / raw read: {times.Min() / floorSeconds:F2}× (best)");
        }
        finally
        {
            work.Delete(recursive: true);
        }

        Console.WriteLine($"process peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB; load average {Load.Average()}");
        return 0;
    }

    private static async Task<CatalogResource> PublishAsync(CatalogService catalog, CatalogCaller provider, CatalogCaller admin, string name)
    {
        var draft = await catalog.CreateDraftAsync(provider, "101001", IngestBench.Resource() with
        {
            Name = name,
            Fields =
            [
                new ResourceField { Name = "id_number", Label = "公民身份号码", Type = "C", Length = 18, Description = "身份号码", IsKey = true, Nullable = false, Grade = "L2" },
                new ResourceField { Name = "name", Label = "姓名", Type = "C", Length = 40, Description = "姓名", Grade = "L2" },
                new ResourceField { Name = "birth_date", Label = "出生日期", Type = "D", Description = "出生日期", Grade = "L2" },
            ],
        });
        await catalog.SubmitAsync(provider, draft.Id);
        return await catalog.ApproveAsync(admin, draft.Id);
    }

    // Person i: a distinct ID number (1,000 a birth date). The copy renames every 100th person and
    // replaces the next one's key with one past the authority's range.
    private static async Task LoadAsync(CollectionService collection, CatalogCaller provider, CatalogResource resource, string path, int rows, bool copy)
    {
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
        string[] given = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋"];
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
        {
            await writer.WriteLineAsync("id_number,name,birth_date");
            for (var i = 0; i < rows; i++)
            {
                var person = copy && i % 100 == 2 ? rows + i : i;
                var birth = new DateOnly(1940, 1, 1).AddDays(person / 1000);
                var name = surnames[i % surnames.Length] + given[i / 10 % given.Length];
                if (copy && i % 100 == 1)
                {
                    name += "改";
                }

                await writer.WriteLineAsync($"{IdentityNumber.Create("330106", birth, person % 1000)},{name},{birth:yyyy-MM-dd}");
            }
        }

        await using var stream = File.OpenRead(path);
        await using var source = await SourceFiles.OpenAsync(stream, Path.GetFileName(path), new FileReadOptions(), null, CancellationToken.None);
        var load = await collection.LoadAsync(provider, resource.Id, source.Input(stream.Length));
        if (load.RowsLoaded != rows)
        {
            throw new InvalidOperationException($"Loaded {load.RowsLoaded} of {rows} rows into {resource.Code}.");
        }
    }
}
