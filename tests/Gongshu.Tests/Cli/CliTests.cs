using System.Diagnostics;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Npgsql;
using Xunit;

namespace Gongshu.Tests.Cli;

/// <summary>The <c>gongshu</c> program run as a user runs it: a separate process, its output and exit code.</summary>
public sealed class CliTests
{
    internal sealed record Run(int ExitCode, string Output, string Error);

    internal static async Task<Run> GongshuAsync(string? standardInput, params string[] args)
    {
        var start = GongshuProcess(args);
        using var process = Process.Start(start)!;
        if (standardInput is not null)
        {
            await process.StandardInput.WriteLineAsync(standardInput);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await output, await error);
    }

    /// <summary>How to start <c>gongshu</c> with <paramref name="args"/>, output redirected, outside any GONGSHU_ environment.</summary>
    internal static ProcessStartInfo GongshuProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Gongshu.Server.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("GONGSHU_DB");
        start.Environment.Remove("GONGSHU_DATA");
        return start;
    }

    internal static string TempDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gongshu-tests", "cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    [Fact]
    public async Task Every_verb_has_help()
    {
        foreach (var verb in new[] { "serve", "demo", "db migrate", "org add-region", "user add", "audit verify", "ingest" })
        {
            var run = await GongshuAsync(null, [.. verb.Split(' '), "--help"]);
            Assert.True(run.ExitCode == 0, $"{verb} --help: {run.Error}");
            Assert.Contains($" {verb} ", run.Output);
            Assert.Contains("--data", run.Output);
            Assert.Contains("--db", run.Output);
        }
    }

    [Fact]
    public async Task Postgres_is_migrated_by_db_migrate_and_serve_refuses_an_unmigrated_database()
    {
        var schema = $"cli_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE SCHEMA {schema}", admin).ExecuteNonQueryAsync();
        }

        var connection = $"{TestDatabase.AdminConnectionString};Search Path={schema}";
        var data = TempDirectory();
        try
        {
            var refused = await GongshuAsync(null, "serve", "--db", connection, "--data", data, "--port", "0");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("migrations_pending", refused.Error);
            Assert.DoesNotContain("Password=", refused.Error + refused.Output, StringComparison.OrdinalIgnoreCase);

            var migrated = await GongshuAsync(null, "db", "migrate", "--db", connection, "--data", data);
            Assert.True(migrated.ExitCode == 0, migrated.Error);
            Assert.Contains("Applied", migrated.Output);

            var again = await GongshuAsync(null, "db", "migrate", "--db", connection, "--data", data);
            Assert.Contains("up to date", again.Output);
        }
        finally
        {
            await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString);
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", admin).ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task A_new_platform_is_set_up_from_the_command_line_and_bad_input_is_one_clear_line()
    {
        var data = TempDirectory();

        var region = await GongshuAsync(null, "org", "add-region", "330106", "--data", data);
        Assert.True(region.ExitCode == 0, region.Error);
        Assert.Contains("浙江省", region.Output);
        Assert.Contains("西湖区", region.Output);

        var department = await GongshuAsync(null, "org", "add-department", "--parent", "330000", "--code", "dsj", "--name", "浙江省大数据发展管理局", "--data", data);
        Assert.True(department.ExitCode == 0, department.Error);

        var user = await GongshuAsync("Westlake-Admin-2026", "user", "add", "--username", "first.admin", "--name", "第一管理员",
            "--org", "浙江省大数据发展管理局", "--role", "platform_admin", "--data", data);
        Assert.True(user.ExitCode == 0, user.Error);
        Assert.Contains("first.admin", user.Output);

        var duplicate = await GongshuAsync("Westlake-Admin-2026", "user", "add", "--username", "FIRST.admin", "--name", "重复",
            "--org", "330000", "--role", "consumer", "--data", data);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("username_taken", duplicate.Error);
        Assert.DoesNotContain("   at ", duplicate.Error);

        var unknownOrg = await GongshuAsync("Westlake-Admin-2026", "user", "add", "--username", "someone", "--name", "某人",
            "--org", "不存在的单位", "--role", "consumer", "--data", data);
        Assert.Equal(1, unknownOrg.ExitCode);
        Assert.Contains("organization_not_found", unknownOrg.Error);

        var badDivision = await GongshuAsync(null, "org", "add-region", "999999", "--data", data);
        Assert.Equal(1, badDivision.ExitCode);
        Assert.Contains("unknown_division", badDivision.Error);
    }

    [Fact]
    public async Task Audit_verify_passes_on_an_intact_log_and_names_the_entry_changed_in_the_database()
    {
        var data = TempDirectory();
        Assert.Equal(0, (await GongshuAsync(null, "org", "add-region", "330200", "--data", data)).ExitCode);
        Assert.Equal(0, (await GongshuAsync(null, "org", "add-region", "330100", "--data", data)).ExitCode);

        var intact = await GongshuAsync(null, "audit", "verify", "--data", data);
        Assert.True(intact.ExitCode == 0, intact.Output + intact.Error);
        Assert.Contains("Audit log intact", intact.Output);

        await using (var database = new SqliteDatabase(Path.Combine(data, "gongshu.db")))
        await using (var connection = await database.OpenConnectionAsync())
        {
            await using var drop = connection.CreateCommand();
            drop.CommandText = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'";
            var triggers = new List<string>();
            await using (var reader = await drop.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    triggers.Add(reader.GetString(0));
                }
            }

            // Someone with direct access to the file removes the guards and rewrites history.
            foreach (var trigger in triggers)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"DROP TRIGGER {trigger}";
                await command.ExecuteNonQueryAsync();
            }

            await using var tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2";
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        var broken = await GongshuAsync(null, "audit", "verify", "--data", data);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("AUDIT LOG BROKEN at entry 2", broken.Output);
    }
}
