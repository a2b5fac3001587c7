using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gongshu.Security;
using Gongshu.Security.Crypto;
using Gongshu.Security.Masking;

namespace Gongshu.Bench;

/// <summary>
/// Masking throughput on one thread: each technique applied to --values values (cycled from a
/// pool of <see cref="BenchData"/> rows and generated e-mail and IP addresses), then whole rows
/// of six columns as a delivery masks them, then the primitives under pseudonymization (HMAC-SM3
/// of a short value, SM3 in bulk) beside BouncyCastle's. Each measure is taken --runs times after
/// a warm-up; the best and the median are printed, with the bytes allocated per value.
/// <code>
/// mask [--values 5000000] [--runs 3]
/// </code>
/// </summary>
internal static class MaskingBench
{
    private const int Pool = 65_536;

    public static Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine("""
                usage: Gongshu.Bench mask [--values N] [--runs R]
                  --values  values masked per technique and measure (default 5000000)
                  --runs    measures of each, reported as best and median (default 3)
                """);
            return Task.FromResult(0);
        }

        var values = long.Parse(BulkAppendBench.Arg(args, "--values") ?? "5000000", CultureInfo.InvariantCulture);
        var runs = int.Parse(BulkAppendBench.Arg(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        Console.WriteLine($"mask: {values:N0} values per technique, {runs} runs each, one thread; {Environment.ProcessorCount} cores; "
            + $".NET {Environment.Version}; load average {Load.Average()}");

        var data = new BenchData(Pool);
        var rows = Enumerable.Range(0, Pool).Select(i => data.Row(i)).ToArray();
        object?[] Column(int index) => [.. rows.Select(r => r[index])];
        var random = new Random(7);
        object?[] emails = [.. Enumerable.Range(0, Pool).Select(i => $"user{random.Next(1_000_000)}.{i}@{(i % 3 == 0 ? "zj.gov.cn" : "example.com")}")];
        object?[] ips = [.. Enumerable.Range(0, Pool).Select(_ => $"{random.Next(1, 224)}.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}")];
        var scopeKey = Pseudonymizer.DeriveScopeKey(Encoding.ASCII.GetBytes("benchmark platform key, 32 byte"), "grant:1");
        var pseudonymizer = new Pseudonymizer(scopeKey);
        var asOf = new DateOnly(2026, 11, 23);

        (string Technique, string Input, MaskingColumn Column, MaskTechnique How, object?[] Values)[] cases =
        [
            ("keep", "身份证号", new("id_number", SensitiveType.IdentityNumber, DataGrade.L1), new MaskTechnique.Keep(), Column(0)),
            ("suppress", "身份证号", new("id_number", SensitiveType.IdentityNumber, DataGrade.L4), new MaskTechnique.Suppress(), Column(0)),
            ("partial(6,4)", "身份证号, 18 chars", new("id_number", SensitiveType.IdentityNumber, DataGrade.L3), new MaskTechnique.Partial(), Column(0)),
            ("partial(3,4)", "手机号, 11 chars", new("phone", SensitiveType.MobileNumber, DataGrade.L3), new MaskTechnique.Partial(), Column(4)),
            ("partial(1,0), e-mail", "e-mail, ~24 chars", new("email", SensitiveType.Email, DataGrade.L3), new MaskTechnique.Partial(), emails),
            ("surname", "姓名, 2–4 chars", new("name", SensitiveType.PersonName, DataGrade.L3), new MaskTechnique.Surname(), Column(1)),
            ("address_to_county", "地址, ~20 chars", new("address", SensitiveType.Address, DataGrade.L3), new MaskTechnique.AddressToCounty(), Column(5)),
            ("pseudonymize", "身份证号", new("id_number", SensitiveType.IdentityNumber, DataGrade.L4), new MaskTechnique.Pseudonymize(), Column(0)),
            ("pseudonymize", "地址, ~20 chars (~60 UTF-8 bytes)", new("address", SensitiveType.Address, DataGrade.L4), new MaskTechnique.Pseudonymize(), Column(5)),
            ("generalize_date(month)", "DateOnly", new("birth_date", SensitiveType.None, DataGrade.L3), new MaskTechnique.GeneralizeDate(DatePrecision.Month), Column(3)),
            ("generalize_date(year)", "date text yyyy-MM-dd", new("birth_date", SensitiveType.None, DataGrade.L3), new MaskTechnique.GeneralizeDate(DatePrecision.Year),
                [.. Column(3).Select(d => ((DateOnly)d!).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]),
            ("age_band(10)", "DateOnly", new("birth_date", SensitiveType.None, DataGrade.L3), new MaskTechnique.AgeBand(), Column(3)),
            ("age_band(10)", "身份证号", new("id_number", SensitiveType.IdentityNumber, DataGrade.L3), new MaskTechnique.AgeBand(), Column(0)),
            ("round(multiple=100)", "decimal", new("income", SensitiveType.None, DataGrade.L3), MaskTechnique.Round.ToMultiple(100), Column(7)),
            ("round(significant=2)", "decimal", new("income", SensitiveType.None, DataGrade.L3), MaskTechnique.Round.ToSignificant(2), Column(7)),
            ("ip_prefix(3)", "IPv4 text", new("ip", SensitiveType.IpAddress, DataGrade.L3), new MaskTechnique.IpPrefix(), ips),
        ];

        Console.WriteLine();
        Console.WriteLine($"| technique | values | values/s, best of {runs} | median | ns/value | bytes allocated/value |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var (technique, input, column, how, pool) in cases)
        {
            var masker = ColumnMasker.Create(column, how, pseudonymizer, asOf);
            var result = Measure(values, runs, () => MaskColumn(masker, pool, values));
            Console.WriteLine($"| {technique} | {input} | {result.Best:N0} | {result.Median:N0} | {1e9 / result.Best:F0} | {result.BytesPerItem:F0} |");
        }

        // A delivery's row: the six columns people datasets carry, masked in place by one RowMasker.
        var columns = new MaskingColumn[]
        {
            new("id_number", SensitiveType.IdentityNumber, DataGrade.L3),
            new("name", SensitiveType.PersonName, DataGrade.L3),
            new("phone", SensitiveType.MobileNumber, DataGrade.L3),
            new("address", SensitiveType.Address, DataGrade.L3),
            new("birth_date", SensitiveType.None, DataGrade.L2),
            new("monthly_income", SensitiveType.None, DataGrade.L3),
        };
        var open = MaskingPolicy.Parse("""
            { "version": 1, "rules": [
              { "channel": "open", "technique": "keep" },
              { "channel": "open", "grade": "L3", "technique": "partial" },
              { "channel": "open", "grade": "L3", "type": "person_name", "technique": "surname" },
              { "channel": "open", "grade": "L3", "type": "address", "technique": "address_to_county" },
              { "channel": "open", "grade": "L2", "type": "none", "technique": "age_band", "width": 10 },
              { "channel": "open", "grade": "L3", "type": "none", "technique": "round", "multiple": 100 },
              { "channel": "share", "technique": "keep" },
              { "channel": "share", "grade": "L3", "type": "identity_number", "technique": "pseudonymize" },
              { "channel": "share", "grade": "L3", "type": "person_name", "technique": "surname" },
              { "channel": "share", "grade": "L3", "type": "address", "technique": "address_to_county" },
              { "channel": "share", "grade": "L2", "type": "none", "technique": "generalize_date", "precision": "year" }
            ] }
            """);
        object?[][] sixColumns = [.. rows.Select(r => new[] { r[0], r[1], r[4], r[5], r[3], r[7] })];
        Console.WriteLine();
        Console.WriteLine($"| mixed row (6 columns) | techniques | rows/s, best of {runs} | values/s | median values/s | bytes allocated/row |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var channel in (MaskingChannel[])[MaskingChannel.Open, MaskingChannel.Share])
        {
            var masker = RowMasker.Compile(columns, channel, open, scopeKey, asOf);
            var rowCount = values / columns.Length;
            var result = Measure(rowCount, runs, () => MaskRows(masker, sixColumns, rowCount));
            Console.WriteLine($"| {channel.Code()} | {string.Join(", ", masker.Columns.Select(c => c.Technique))} | {result.Best:N0} | {result.Best * columns.Length:N0} "
                + $"| {result.Median * columns.Length:N0} | {result.BytesPerItem:F0} |");
        }

        Primitives(values, runs, scopeKey);
        Console.WriteLine($"load average {Load.Average()}");
        return Task.FromResult(0);
    }

    private static void Primitives(long values, int runs, byte[] key)
    {
        var message = Encoding.ASCII.GetBytes("11010519491231002X");
        var mac = new HmacSm3(key);
        var output = new byte[HmacSm3.MacSize];
        var calls = Math.Max(values / 5, 1);
        var ours = Measure(calls, runs, () =>
        {
            for (long i = 0; i < calls; i++)
            {
                message[0] = (byte)i;
                mac.Compute(message, output);
            }

            return output[0];
        });
        var bouncy = Measure(calls / 10, runs, () =>
        {
            var sum = 0;
            for (long i = 0; i < calls / 10; i++)
            {
                message[0] = (byte)i;
                sum += Sm3.Hmac(key, message)[0];
            }

            return sum;
        });

        var bulk = new byte[64 << 20];
        new Random(1).NextBytes(bulk);
        var hasher = new Sm3Hasher();
        var sm3 = Measure(1, runs, () =>
        {
            hasher.Reset();
            hasher.Append(bulk);
            return hasher.GetCurrentHash()[0];
        });
        var bouncySm3 = Measure(1, runs, () =>
        {
            var digest = new Org.BouncyCastle.Crypto.Digests.SM3Digest();
            digest.BlockUpdate(bulk, 0, bulk.Length);
            var hash = new byte[32];
            digest.DoFinal(hash, 0);
            return hash[0];
        });

        Console.WriteLine();
        Console.WriteLine($"| primitive | Gongshu, best of {runs} | BouncyCastle 1.8 | ratio |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| HMAC-SM3 of an 18-byte value, calls/s | {ours.Best:N0} | {bouncy.Best:N0} | {ours.Best / bouncy.Best:F1}× |");
        Console.WriteLine($"| SM3 of 64 MiB, MB/s | {sm3.Best * 64 * 1.048576:N0} | {bouncySm3.Best * 64 * 1.048576:N0} | {sm3.Best / bouncySm3.Best:F2}× |");
    }

    private static int MaskColumn(ColumnMasker masker, object?[] pool, long values)
    {
        var sum = 0;
        for (long i = 0; i < values; i++)
        {
            if (masker.Apply(pool[i & (Pool - 1)]) is { } masked)
            {
                sum += masked is string s ? s.Length : 1;
            }
        }

        return sum;
    }

    private static int MaskRows(RowMasker masker, object?[][] rows, long count)
    {
        var row = new object?[rows[0].Length];
        var sum = 0;
        for (long i = 0; i < count; i++)
        {
            rows[i & (Pool - 1)].CopyTo(row, 0);
            masker.Apply(row);
            sum += row[0] is string s ? s.Length : 0;
        }

        return sum;
    }

    /// <summary>Runs <paramref name="work"/> once to warm up, then <paramref name="runs"/> times; items per second and bytes allocated per item.</summary>
    private static (double Best, double Median, double BytesPerItem) Measure(long items, int runs, Func<int> work)
    {
        var sink = work();
        var rates = new List<double>();
        var bytes = 0L;
        for (var run = 0; run < runs; run++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            sink ^= work();
            rates.Add(items / watch.Elapsed.TotalSeconds);
            bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        }

        GC.KeepAlive(sink);
        return (rates.Max(), BulkAppendBench.Median(rates), (double)bytes / items);
    }
}
