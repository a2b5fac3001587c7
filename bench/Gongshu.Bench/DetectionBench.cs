using System.Diagnostics;
using System.Globalization;
using Gongshu.Demo;
using Gongshu.Security;
using Gongshu.Security.Detection;

namespace Gongshu.Bench;

/// <summary>
/// How well sensitive fields are recognized (敏感数据识别) on <see cref="SensitiveCorpus"/>: every
/// column through a <see cref="FieldScanner"/> (given its name and label), every value through
/// <see cref="ValueDetectors.Classify"/>. Prints the confusion tables (expected type × detected
/// type) with precision and recall per type, at column and at value level, the columns detected
/// wrongly, and the detectors' throughput on one thread. No database.
/// <code>
/// detect [--columns-per-type 20] [--rows 200] [--seed 2026] [--seconds 3] [--misses 30]
/// </code>
/// </summary>
internal static class DetectionBench
{
    private static readonly SensitiveType[] Types = Enum.GetValues<SensitiveType>();

    public static Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine("""
                usage: Gongshu.Bench detect [--columns-per-type N] [--rows N] [--seed N] [--seconds S] [--misses N]
                  --columns-per-type  columns of each corpus kind: each sensitive type and each look-alike (default 20)
                  --rows              values per column (default 200)
                  --seed              corpus seed (default 2026)
                  --seconds           time spent measuring each throughput figure (default 3)
                  --misses            wrongly detected columns to list (default 30)
                """);
            return Task.FromResult(0);
        }

        var perKind = int.Parse(BulkAppendBench.Arg(args, "--columns-per-type") ?? "20", CultureInfo.InvariantCulture);
        var rows = int.Parse(BulkAppendBench.Arg(args, "--rows") ?? "200", CultureInfo.InvariantCulture);
        var seed = int.Parse(BulkAppendBench.Arg(args, "--seed") ?? "2026", CultureInfo.InvariantCulture);
        var seconds = double.Parse(BulkAppendBench.Arg(args, "--seconds") ?? "3", CultureInfo.InvariantCulture);
        var missesShown = int.Parse(BulkAppendBench.Arg(args, "--misses") ?? "30", CultureInfo.InvariantCulture);

        var columns = SensitiveCorpus.Generate(perKind, rows, seed).ToList();
        var sensitiveKinds = SensitiveCorpus.Kinds.Count(k => k.Expected != SensitiveType.None);
        Console.WriteLine($"detect: {columns.Count:N0} columns × {rows} rows = {columns.Count * rows:N0} values (seed {seed}); "
            + $"{perKind} columns of each of {sensitiveKinds} sensitive kinds and {SensitiveCorpus.Kinds.Count - sensitiveKinds} look-alike kinds; "
            + $"{Environment.ProcessorCount} cores; load average {Load.Average()}");

        var columnConfusion = new int[Types.Length, Types.Length];
        var misses = new List<string>();
        foreach (var column in columns)
        {
            var scanner = new FieldScanner();
            foreach (var sample in column.Values)
            {
                scanner.Add(sample.Value);
            }

            var result = scanner.Result(column.Name, column.Label);
            columnConfusion[(int)column.Expected, (int)result.Type]++;
            if (result.Type != column.Expected)
            {
                var type = result.Type == SensitiveType.None ? column.Expected : result.Type;
                var matched = column.Values.Count(v => !string.IsNullOrWhiteSpace(v.Value) && ValueDetectors.Matches(type, v.Value));
                misses.Add($"| {column.Kind} | `{column.Name}` {column.Label} | {column.Expected.Code()} | {result.Type.Code()} | "
                    + $"{matched}/{result.NonEmpty} {type.Code()} | {Examples(column, result.Type)} |");
            }
        }

        var valueConfusion = new int[Types.Length, Types.Length];
        var valueMisses = new Dictionary<(string Kind, SensitiveType Expected, SensitiveType Detected), List<string>>();
        foreach (var column in columns)
        {
            foreach (var sample in column.Values.Where(s => !string.IsNullOrWhiteSpace(s.Value)))
            {
                var detected = ValueDetectors.Classify(sample.Value);
                valueConfusion[(int)sample.Expected, (int)detected]++;
                if (detected != sample.Expected)
                {
                    var key = (column.Kind, sample.Expected, detected);
                    if (!valueMisses.TryGetValue(key, out var list))
                    {
                        valueMisses[key] = list = [];
                    }

                    list.Add(sample.Value.Trim());
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("### Columns (expected type × detected type)");
        Console.WriteLine();
        PrintConfusion(columnConfusion);
        Console.WriteLine();
        PrintScores(columnConfusion);
        Console.WriteLine();
        Console.WriteLine($"### Columns detected wrongly ({misses.Count}{(misses.Count > missesShown ? $", first {missesShown}" : "")})");
        Console.WriteLine();
        Console.WriteLine("| kind | field | expected | detected | values matching/non-blank | examples |");
        Console.WriteLine("|---|---|---|---|---:|---|");
        foreach (var miss in misses.Take(missesShown))
        {
            Console.WriteLine(miss);
        }

        Console.WriteLine();
        PrintMargins(columns);
        Console.WriteLine();
        Console.WriteLine("### Values, blanks left out (expected type × `ValueDetectors.Classify`)");
        Console.WriteLine();
        PrintConfusion(valueConfusion);
        Console.WriteLine();
        PrintScores(valueConfusion);
        Console.WriteLine();
        Console.WriteLine("### Values classified wrongly, by corpus kind");
        Console.WriteLine();
        Console.WriteLine("| kind | expected | classified | values | examples |");
        Console.WriteLine("|---|---|---|---:|---|");
        foreach (var ((kind, expected, detected), list) in valueMisses.OrderByDescending(m => m.Value.Count).Take(missesShown))
        {
            Console.WriteLine($"| {kind} | {expected.Code()} | {detected.Code()} | {list.Count:N0} | {string.Join(", ", list.Distinct().Take(6))} |");
        }

        Console.WriteLine();
        PrintThroughput(columns, seconds);
        return Task.FromResult(0);
    }

    /// <summary>Values that made the wrong call: those matching the type wrongly found, or those not matching the type missed.</summary>
    private static string Examples(SensitiveColumn column, SensitiveType detected)
        => string.Join(", ", column.Values
            .Select(v => v.Value.Trim())
            .Where(v => v.Length > 0 && (detected == SensitiveType.None ? !ValueDetectors.Matches(column.Expected, v) : ValueDetectors.Matches(detected, v)))
            .Distinct()
            .Take(5));

    /// <summary>
    /// How close each kind came to the wrong call: for a sensitive kind the lowest share of its
    /// columns' values matching their type, for a look-alike the highest share any type reached.
    /// </summary>
    private static void PrintMargins(List<SensitiveColumn> columns)
    {
        Console.WriteLine($"### Closest calls per corpus kind (a field needs {FieldScanner.MinimumShare:P0}, bank cards {FieldScanner.MinimumBankCardShare:P0})");
        Console.WriteLine();
        Console.WriteLine("| kind | expected | columns | right | closest share |");
        Console.WriteLine("|---|---|---:|---:|---|");
        foreach (var group in columns.GroupBy(c => (c.Kind, c.Expected)))
        {
            var right = 0;
            var closest = group.Key.Expected == SensitiveType.None ? (Share: 0.0, Type: SensitiveType.None) : (Share: 1.0, Type: group.Key.Expected);
            foreach (var column in group)
            {
                var scanner = new FieldScanner();
                foreach (var sample in column.Values)
                {
                    scanner.Add(sample.Value);
                }

                right += scanner.Result(column.Name, column.Label).Type == column.Expected ? 1 : 0;
                var values = column.Values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToList();
                foreach (var type in Types.Where(t => t != SensitiveType.None))
                {
                    var share = values.Count == 0 ? 0 : (double)values.Count(v => ValueDetectors.Matches(type, v.Value)) / values.Count;
                    if (group.Key.Expected == SensitiveType.None ? share > closest.Share : type == group.Key.Expected && share < closest.Share)
                    {
                        closest = (share, type);
                    }
                }
            }

            var shown = closest.Type == SensitiveType.None ? "–" : $"{closest.Share:P1} {closest.Type.Code()}";
            Console.WriteLine($"| {group.Key.Kind} | {group.Key.Expected.Code()} | {group.Count()} | {right} | {shown} |");
        }
    }

    private static void PrintConfusion(int[,] confusion)
    {
        Console.WriteLine("| expected ↓ detected → | " + string.Join(" | ", Types.Select(t => t.Code())) + " |");
        Console.WriteLine("|---|" + string.Concat(Types.Select(_ => "---:|")));
        foreach (var expected in Types)
        {
            var cells = Types.Select(detected => confusion[(int)expected, (int)detected] switch
            {
                0 => "·",
                var n when expected == detected => $"**{n:N0}**",
                var n => n.ToString("N0", CultureInfo.InvariantCulture),
            });
            Console.WriteLine($"| {expected.Code()} | {string.Join(" | ", cells)} |");
        }
    }

    private static void PrintScores(int[,] confusion)
    {
        Console.WriteLine("| type | expected | detected | correct | precision | recall |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var type in Types.Where(t => t != SensitiveType.None))
        {
            var expected = Enumerable.Range(0, Types.Length).Sum(d => confusion[(int)type, d]);
            var detected = Enumerable.Range(0, Types.Length).Sum(e => confusion[e, (int)type]);
            var correct = confusion[(int)type, (int)type];
            Console.WriteLine($"| {type.Code()} ({type.Label()}) | {expected:N0} | {detected:N0} | {correct:N0} | {Ratio(correct, detected)} | {Ratio(correct, expected)} |");
        }
    }

    private static string Ratio(int part, int whole) => whole == 0 ? "–" : ((double)part / whole).ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>Values per second on one thread: <see cref="ValueDetectors.Classify"/>, and <see cref="FieldScanner.Add"/> (every type tested).</summary>
    private static void PrintThroughput(List<SensitiveColumn> columns, double seconds)
    {
        var values = columns.SelectMany(c => c.Values).Select(v => v.Value).ToArray();
        var classify = Measure(values.Length, seconds, () =>
        {
            var found = 0;
            foreach (var value in values)
            {
                found += ValueDetectors.Classify(value) == SensitiveType.None ? 0 : 1;
            }

            return found;
        });

        // One scanner per corpus column, as a real scan keeps one per field.
        var scan = Measure(values.Length, seconds, () =>
        {
            var matched = 0;
            foreach (var column in columns)
            {
                var scanner = new FieldScanner();
                foreach (var sample in column.Values)
                {
                    scanner.Add(sample.Value);
                }

                matched += scanner.Result().Matched;
            }

            return matched;
        });

        Console.WriteLine("### Throughput, one thread");
        Console.WriteLine();
        Console.WriteLine("| operation | values/s | ns/value | bytes allocated/value |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| `ValueDetectors.Classify` (stops at the first match) | {classify.Rate:N0} | {1e9 / classify.Rate:F0} | {classify.BytesPerValue:F2} |");
        Console.WriteLine($"| `FieldScanner.Add` (tests every type; one scanner per column) | {scan.Rate:N0} | {1e9 / scan.Rate:F0} | {scan.BytesPerValue:F2} |");
        Console.WriteLine();
        Console.WriteLine($"`Add` itself allocates nothing: the bytes are each column's scanner and its `Result`. Load average {Load.Average()}");
    }

    private static (double Rate, double BytesPerValue) Measure(int valuesPerPass, double seconds, Func<int> pass)
    {
        // A second of warm-up, so the timed passes run the fully optimized code (tier-0 code even allocates).
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed.TotalSeconds < 1)
        {
            pass();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var passes = 0L;
        var sink = 0;
        do
        {
            sink += pass();
            passes++;
        }
        while (watch.Elapsed.TotalSeconds < seconds);

        var elapsed = watch.Elapsed.TotalSeconds;
        GC.KeepAlive(sink);
        return (passes * valuesPerPass / elapsed, (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / (passes * valuesPerPass));
    }
}
