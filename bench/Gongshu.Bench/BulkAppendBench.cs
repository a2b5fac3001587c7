using System.Diagnostics;
using System.Globalization;
using Gongshu.Storage;
using Npgsql;

namespace Gongshu.Bench;

/// <summary>
/// Bulk append of a 1,000,000-row, 10-column table: Gongshu's dataset writer on PostgreSQL
/// against <c>psql \copy</c> of the same rows as CSV into the same server, alternated so both
/// see the same conditions; then the same append on SQLite.
/// Options: --rows N (1000000), --rounds N (3), --pg CONNECTION (default $GONGSHU_TEST_PG), --no-sqlite.
/// </summary>
internal static class BulkAppendBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine("""
                usage: Gongshu.Bench bulk [--rows N] [--rounds N] [--pg CONNECTION] [--no-sqlite]
                  --rows       rows per load (default 1000000)
                  --rounds     loads of each kind; PostgreSQL alternates Gongshu and psql \copy (default 3)
                  --pg         PostgreSQL to load into (default $GONGSHU_TEST_PG; bench/run.sh starts one)
                  --no-sqlite  skip the SQLite loads
                """);
            return 0;
        }

        var rows = long.Parse(Arg(args, "--rows") ?? "1000000", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Arg(args, "--rounds") ?? "3", CultureInfo.InvariantCulture);
        var pg = Arg(args, "--pg") ?? Environment.GetEnvironmentVariable("GONGSHU_TEST_PG");
        var data = new BenchData();
        var work = Directory.CreateTempSubdirectory("gongshu-bench-");
        Console.WriteLine($"bulk append: {rows:N0} rows × {BenchData.Columns.Length} columns, {rounds} rounds");

        try
        {
            if (!string.IsNullOrEmpty(pg))
            {
                var csv = Path.Combine(work.FullName, "people.csv");
                await data.WriteCsvAsync(csv, rows);
                Console.WriteLine($"CSV for the baseline: {new FileInfo(csv).Length / 1048576.0:F0} MB");
                await using var database = new PostgresDatabase(pg);
                await Migrator.MigrateAsync(database);
                var store = new DatasetStore(database);
                var ours = new List<double>();
                var psql = new List<double>();
                for (var round = 1; round <= rounds; round++)
                {
                    ours.Add(await TimeGongshuAsync(store, data, rows));
                    psql.Add(await TimePsqlCopyAsync(database, pg, csv));
                    Console.WriteLine($"  round {round}: gongshu {rows / ours[^1]:N0} rows/s, psql \\copy {rows / psql[^1]:N0} rows/s");
                    await store.DropAbandonedVersionsAsync(keepSuperseded: 0);
                }

                var oursBest = rows / ours.Min();
                var psqlBest = rows / psql.Min();
                Console.WriteLine($"PostgreSQL  gongshu binary COPY: {oursBest:N0} rows/s (best of {rounds}, median {rows / Median(ours):N0})");
                Console.WriteLine($"PostgreSQL  psql \\copy CSV:      {psqlBest:N0} rows/s (best of {rounds}, median {rows / Median(psql):N0})");
                Console.WriteLine($"PostgreSQL  ratio gongshu / psql: {oursBest / psqlBest:F2}× (best), {Median(psql) / Median(ours):F2}× (median)");
            }
            else
            {
                Console.WriteLine("PostgreSQL skipped: pass --pg or set GONGSHU_TEST_PG (bench/run.sh starts one).");
            }

            if (!args.Contains("--no-sqlite"))
            {
                var times = new List<double>();
                for (var round = 1; round <= rounds; round++)
                {
                    var file = Path.Combine(work.FullName, $"sqlite-{round}.db");
                    await using var database = new SqliteDatabase(file);
                    await Migrator.MigrateAsync(database);
                    times.Add(await TimeGongshuAsync(new DatasetStore(database), data, rows));
                    Console.WriteLine($"  round {round}: sqlite {rows / times[^1]:N0} rows/s");
                }

                Console.WriteLine($"SQLite      gongshu batched insert: {rows / times.Min():N0} rows/s (best of {rounds}, median {rows / Median(times):N0})");
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }

        return 0;
    }

    /// <summary>Create the version's table, append every row, switch it current: the whole load.</summary>
    private static async Task<double> TimeGongshuAsync(DatasetStore store, BenchData data, long rows)
    {
        var watch = Stopwatch.StartNew();
        var version = await store.CreateVersionAsync("bench/people", BenchData.Columns);
        await using (var writer = await store.OpenWriterAsync(version))
        {
            for (long i = 0; i < rows; i++)
            {
                writer.WriteRow(data.Row(i));
            }

            await writer.CompleteAsync();
        }

        await store.SwitchCurrentAsync(version);
        return watch.Elapsed.TotalSeconds;
    }

    internal static async Task<double> TimePsqlCopyAsync(PostgresDatabase database, string connection, string csv)
    {
        var dialect = SqlDialect.Postgres;
        var columns = string.Join(", ", BenchData.Columns.Select(c => $"{dialect.Quote(c.Name)} {dialect.ColumnType(c.Type, c.Length, c.Scale)}"));
        await using (var conn = await database.OpenConnectionAsync())
        {
            await using var create = conn.CreateCommand();
            create.CommandText = $"DROP TABLE IF EXISTS psql_baseline; CREATE TABLE psql_baseline (_row_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, {columns})";
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(connection);
        var names = string.Join(",", BenchData.Columns.Select(c => c.Name));
        var start = new ProcessStartInfo("psql")
        {
            ArgumentList =
            {
                "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", builder.Database!,
                "-v", "ON_ERROR_STOP=1", "-q", "-c", $"\\copy psql_baseline ({names}) FROM '{csv}' WITH (FORMAT csv, HEADER true)",
            },
            RedirectStandardError = true,
        };
        if (builder.SearchPath is { Length: > 0 } schema)
        {
            start.Environment["PGOPTIONS"] = $"-c search_path={schema}";
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql failed: {errors}");
        }

        return seconds;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    internal static string? Arg(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
