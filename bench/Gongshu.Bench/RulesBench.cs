using System.Diagnostics;
using System.Globalization;
using Gongshu.Governance.Rules;
using Gongshu.Identifiers;

namespace Gongshu.Bench;

/// <summary>
/// Data quality rules on one thread: each check-digit validator over --values values cycled
/// from a pool of generated valid ones, then a <see cref="RowChecker"/> with ten rules over
/// --rows rows of <see cref="BenchData"/>. Best and median of --runs after a warm-up.
/// <code>
/// rules [--values 10000000] [--rows 1000000] [--runs 3]
/// </code>
/// </summary>
internal static class RulesBench
{
    private const int Pool = 65_536;

    public static Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine("""
                usage: Gongshu.Bench rules [--values N] [--rows N] [--runs R]
                  --values  values per validator (default 10000000)
                  --rows    rows through the row checker (default 1000000)
                  --runs    measures of each, reported as best and median (default 3)
                """);
            return Task.FromResult(0);
        }

        var values = long.Parse(BulkAppendBench.Arg(args, "--values") ?? "10000000", CultureInfo.InvariantCulture);
        var rows = long.Parse(BulkAppendBench.Arg(args, "--rows") ?? "1000000", CultureInfo.InvariantCulture);
        var runs = int.Parse(BulkAppendBench.Arg(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        Console.WriteLine($"rules: {values:N0} values per validator, {rows:N0} rows, {runs} runs each, one thread; {Environment.ProcessorCount} cores; "
            + $".NET {Environment.Version}; load average {Load.Average()}");

        var data = new BenchData(Pool);
        var random = new Random(11);
        const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        string OrganizationBody() => string.Concat(Enumerable.Range(0, 8).Select(_ => Alphabet[random.Next(Alphabet.Length)]));
        string[] ids = [.. Enumerable.Range(0, Pool).Select(i => (string)data.Row(i)[0]!)];
        string[] credits = [.. Enumerable.Range(0, Pool).Select(_ => CreditCode.Create(Alphabet[random.Next(1, 10)], '1', "330106", OrganizationBody()))];
        string[] organizations = [.. credits.Select(c => c.Substring(8, 9))];
        string[] mobiles = [.. Enumerable.Range(0, Pool).Select(i => (string)data.Row(i)[4]!)];

        (string Rule, string Input, Func<string, bool> IsValid, string[] Pool)[] cases =
        [
            ("identity_number", "IdentityNumber.IsValid, 18 chars", s => IdentityNumber.IsValid(s), ids),
            ("credit_code", "CreditCode.IsValid, 18 chars", s => CreditCode.IsValid(s), credits),
            ("organization_code", "OrganizationCode.IsValid, 9 chars", s => OrganizationCode.IsValid(s), organizations),
        ];

        Console.WriteLine();
        Console.WriteLine($"| validator | input | values/s, best of {runs} | median | ns/value |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (var (rule, input, isValid, pool) in cases)
        {
            if (!pool.All(isValid))
            {
                throw new InvalidOperationException($"The {rule} pool holds an invalid value.");
            }

            var result = Measure(values, runs, () => Validate(isValid, pool, values));
            Console.WriteLine($"| {rule} | {input} | {result.Best:N0} | {result.Median:N0} | {1e9 / result.Best:F1} |");
        }

        // mobile has no public validator: measure it through a one-rule RowChecker, as a load runs it.
        var phone = new[] { BenchData.Columns[4] };
        var mobile = RowChecker.Compile(RuleSet.Parse("""{ "rules": [ { "field": "phone", "rule": "mobile" } ] }""", phone), phone);
        var mobileResult = Measure(values, runs, () => CheckColumn(mobile, mobiles, values));
        Console.WriteLine($"| mobile | RowChecker, one rule, 11 chars | {mobileResult.Best:N0} | {mobileResult.Median:N0} | {1e9 / mobileResult.Best:F1} |");

        var set = RuleSet.Parse("""
            { "rules": [
              { "field": "id_number", "rule": "required" },
              { "field": "id_number", "rule": "identity_number" },
              { "field": "id_number", "rule": "id_matches_birth_date", "birthDateField": "birth_date" },
              { "field": "id_number", "rule": "id_matches_sex", "sexField": "sex" },
              { "field": "name", "rule": "length", "min": 2, "max": 10 },
              { "field": "sex", "rule": "code_table", "table": "gb2261_1" },
              { "field": "birth_date", "rule": "range", "min": "1900-01-01", "max": "today" },
              { "field": "phone", "rule": "mobile" },
              { "field": "monthly_income", "rule": "range", "min": 0, "max": 1000000 },
              { "field": "household_size", "rule": "range", "min": 1, "max": 20 }
            ] }
            """, BenchData.Columns);
        object?[][] table = [.. Enumerable.Range(0, Pool).Select(i => data.Row(i))];
        var failed = 0L;
        var rowResult = Measure(rows, runs, () =>
        {
            var checker = RowChecker.Compile(set, BenchData.Columns);
            for (long i = 0; i < rows; i++)
            {
                checker.Check(table[i & (Pool - 1)], i + 2);
            }

            failed = checker.Summary().Sum(o => o.Failed);
            return (int)failed;
        });

        Console.WriteLine();
        Console.WriteLine($"| row checker | rules | rows/s, best of {runs} | median | ns/row | bytes allocated/row | failures |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {BenchData.Columns.Length} columns (BenchData) | {set.Rules.Count} | {rowResult.Best:N0} | {rowResult.Median:N0} | {1e9 / rowResult.Best:F0} "
            + $"| {rowResult.BytesPerItem:F1} | {failed} |");
        Console.WriteLine($"load average {Load.Average()}");
        return Task.FromResult(0);
    }

    private static int Validate(Func<string, bool> isValid, string[] pool, long values)
    {
        var valid = 0;
        for (long i = 0; i < values; i++)
        {
            valid += isValid(pool[i & (Pool - 1)]) ? 1 : 0;
        }

        return valid;
    }

    private static int CheckColumn(RowChecker checker, string[] pool, long values)
    {
        var row = new object?[1];
        var valid = 0;
        for (long i = 0; i < values; i++)
        {
            row[0] = pool[i & (Pool - 1)];
            valid += checker.Check(row, i) ? 1 : 0;
        }

        return valid;
    }

    private static (double Best, double Median, double BytesPerItem) Measure(long items, int runs, Func<int> body)
    {
        body();
        var rates = new List<double>();
        var bytes = 0L;
        for (var run = 0; run < runs; run++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            body();
            watch.Stop();
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            rates.Add(items / watch.Elapsed.TotalSeconds);
        }

        rates.Sort();
        return (rates[^1], rates[rates.Count / 2], (double)bytes / items);
    }
}
