using System.Diagnostics;
using System.Text;
using Dapper;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Server.Platform;
using Gongshu.Storage;
using Gongshu.Tests.CatalogTests;
using Gongshu.Tests.Support;
using Xunit;
using static Gongshu.Tests.Cli.CliTests;

namespace Gongshu.Tests.Cli;

/// <summary><c>gongshu ingest</c> as a provider runs it, and what a killed load leaves behind.</summary>
public sealed class IngestCliTests
{
    [Theory, AllDatabases]
    public async Task Ingest_loads_a_file_reports_rejects_and_is_audited_as_the_user_named(DatabaseKind kind)
    {
        await using var platform = await Platform.CreateAsync(kind);
        var file = Path.Combine(platform.Data, "people.csv");
        await File.WriteAllTextAsync(file, "公民身份号码,姓名,出生日期\n330106199001011234,张三,1990-01-01\n330106199001011235,李四,1990-02-30\n");
        var rejects = Path.Combine(platform.Data, "rejects.csv");

        var run = await GongshuAsync(null, ["ingest", platform.Code, file, "--as", "gat.provider", "--rejects", rejects, .. platform.Options]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"Loaded 1 of 2 rows into {platform.Code} (full)", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 rows were rejected", run.Error, StringComparison.Ordinal);
        Assert.Contains("3,birth_date,", await File.ReadAllTextAsync(rejects), StringComparison.Ordinal);

        var stranger = await GongshuAsync(null, ["ingest", platform.Code, file, "--as", "nobody", .. platform.Options]);
        Assert.Equal(1, stranger.ExitCode);
        Assert.Contains("no active user 'nobody'", stranger.Error, StringComparison.Ordinal);
        var missing = await GongshuAsync(null, ["ingest", "999999/99999", file, "--as", "gat.provider", .. platform.Options]);
        Assert.Contains("[resource_not_found]", missing.Error, StringComparison.Ordinal);
    }

    [Theory, AllDatabases]
    public async Task Killing_a_load_midway_leaves_the_previous_version_serving_and_the_next_start_cleans_up(DatabaseKind kind)
    {
        await using var platform = await Platform.CreateAsync(kind);
        var small = Path.Combine(platform.Data, "v1.csv");
        await File.WriteAllTextAsync(small, "id_number,name,birth_date\n330106199001011234,张三,1990-01-01\n");
        Assert.Equal(0, (await GongshuAsync(null, ["ingest", platform.Code, small, "--as", "gat.provider", .. platform.Options])).ExitCode);
        var big = Path.Combine(platform.Data, "big.csv");
        await using (var writer = new StreamWriter(big, false, new UTF8Encoding(false)))
        {
            await writer.WriteAsync("id_number,name,birth_date\n");
            for (var i = 0; i < 3_000_000; i++)
            {
                await writer.WriteAsync($"{330106190001010000L + i},测试人员{i},1990-01-01\n");
            }
        }

        using (var process = Process.Start(GongshuProcess(["ingest", platform.Code, big, "--as", "gat.provider", .. platform.Options]))!)
        {
            // Kill it once its new version exists and rows are flowing.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await platform.CountAsync("SELECT count(*) FROM dataset_versions WHERE state = 'loading'") == 0)
            {
                Assert.True(DateTime.UtcNow < deadline && !process.HasExited, "The load never started: " + (process.HasExited ? await process.StandardError.ReadToEndAsync() : "timeout"));
                await Task.Delay(50);
            }

            await Task.Delay(700);
            Assert.False(process.HasExited, "The load finished before it could be killed; make the file bigger.");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.Equal(1, await platform.CountAsync("SELECT count(*) FROM collection_loads WHERE state = 'running'"));
        Assert.Equal(1, await platform.CurrentRowsAsync());

        var next = await GongshuAsync(null, ["ingest", platform.Code, small, "--as", "gat.provider", .. platform.Options]);

        Assert.True(next.ExitCode == 0, next.Error);
        Assert.Contains("Marked 1 load(s) interrupted", next.Error, StringComparison.Ordinal);
        Assert.Equal(1, await platform.CountAsync("SELECT count(*) FROM collection_loads WHERE state = 'failed' AND error_code = 'load_interrupted'"));
        Assert.Equal(0, await platform.CountAsync("SELECT count(*) FROM dataset_versions WHERE state IN ('loading', 'abandoned')"));
        Assert.Equal(1, await platform.CurrentRowsAsync());
    }

    /// <summary>A platform on disk with the police department, its provider admin and a published resource, closed so the CLI can open it.</summary>
    internal sealed class Platform : IAsyncDisposable
    {
        private readonly TestDatabase _test;

        private Platform(TestDatabase test, string data, string code, string[] options)
        {
            _test = test;
            Data = data;
            Code = code;
            Options = options;
        }

        public string Data { get; }

        public string Code { get; }

        /// <summary>--data, and --db on PostgreSQL.</summary>
        public string[] Options { get; }

        public static async Task<Platform> CreateAsync(DatabaseKind kind)
        {
            var test = await TestDatabase.CreateAsync(kind);
            var data = test.DataDirectory ?? TempDirectory();
            var settings = new PlatformSettings { DataDirectory = data, Connection = test.ConnectionOrPath };
            string code;
            await using (var services = await PlatformServices.OpenAsync(settings, migrate: false))
            {
                var zhejiang = await services.Organizations.CreateRegionAsync("330000", Actor.System);
                var police = await services.Organizations.CreateDepartmentAsync(zhejiang.Id, "gat", "浙江省公安厅", null, Actor.System);
                var provider = await services.Users.CreateAsync("gat.provider", "王警官", police.Id, [Role.ProviderAdmin], "Qiantang-River-2026", Actor.System);
                var caller = CatalogCaller.ForUser(provider);
                var draft = await services.Catalog.CreateDraftAsync(caller, "101001", CatalogHarness.Complete());
                await services.Catalog.SubmitAsync(caller, draft.Id);
                code = (await services.Catalog.ApproveAsync(new CatalogCaller(0, zhejiang.Id, [Role.PlatformAdmin]), draft.Id)).Code;
            }

            string[] options = ["--data", data, "--db", test.ConnectionOrPath];
            return new Platform(test, data, code, options);
        }

        public async Task<long> CountAsync(string sql)
        {
            await using var connection = await _test.Database.OpenConnectionAsync();
            return await connection.ExecuteScalarAsync<long>(sql);
        }

        public async Task<long> CurrentRowsAsync()
        {
            await using var connection = await _test.Database.OpenConnectionAsync();
            var table = await connection.ExecuteScalarAsync<string>(
                "SELECT v.table_name FROM dataset_current c JOIN dataset_versions v ON v.id = c.version_id");
            return await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {_test.Database.Dialect.Quote(table!)}");
        }

        public ValueTask DisposeAsync() => _test.DisposeAsync();
    }
}
