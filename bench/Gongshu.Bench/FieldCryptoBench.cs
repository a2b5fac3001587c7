using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Gongshu.Security.Crypto;
using Gongshu.Security.Encryption;

namespace Gongshu.Bench;

/// <summary>
/// SM4 field encryption at rest, one thread: values/s and MB/s (of plaintext) sealing and opening
/// the values an L4 field holds — ID numbers, names, addresses from <see cref="BenchData"/> —
/// and the blind index (HMAC-SM3) computed with each sealed value. For reference, SM4-GCM over
/// 1 MiB buffers shows the cipher's own speed without the per-value costs.
/// <code>
/// fieldcrypto [--values 1000000] [--runs 3]
/// </code>
/// </summary>
internal static class FieldCryptoBench
{
    public static Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(BulkAppendBench.Arg(args, "--values") ?? "1000000", CultureInfo.InvariantCulture);
        var runs = int.Parse(BulkAppendBench.Arg(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var data = new BenchData();
        var keyring = FieldKeyring.InMemory((1, RandomNumberGenerator.GetBytes(Sm4.KeySize)));
        var blindIndex = new HmacSm3(RandomNumberGenerator.GetBytes(32));
        var mac = new byte[Sm3.DigestSize];

        Console.WriteLine($"SM4 field encryption, one thread, {count:N0} values a run, best of {runs} (load average {Load.Average()})");
        Console.WriteLine();
        Console.WriteLine("| values | avg bytes | seal values/s | seal MB/s | open values/s | open MB/s | blind index values/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (label, column) in new[] { ("身份证号 id_number", 0), ("姓名 name", 1), ("地址 address", 5) })
        {
            var values = Enumerable.Range(0, count).Select(i => FieldValueText.ToBytes(data.Row(i)[column]!)).ToArray();
            var bytes = values.Sum(v => (long)v.Length);
            var sealedValues = new byte[count][];
            double seal = 0, open = 0, index = 0;
            for (var run = 0; run < runs; run++)
            {
                var cipher = FieldCipher.Create(keyring, 1, "bench/00001", "field");
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < count; i++)
                {
                    sealedValues[i] = cipher.Encrypt(values[i]);
                }

                seal = Math.Max(seal, count / clock.Elapsed.TotalSeconds);
                var reader = FieldCipher.Create(keyring, 1, "bench/00001", "field");
                clock.Restart();
                for (var i = 0; i < count; i++)
                {
                    reader.Decrypt(sealedValues[i]);
                }

                open = Math.Max(open, count / clock.Elapsed.TotalSeconds);
                clock.Restart();
                for (var i = 0; i < count; i++)
                {
                    blindIndex.Compute(values[i], mac);
                }

                index = Math.Max(index, count / clock.Elapsed.TotalSeconds);
            }

            var average = (double)bytes / count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {average:F1} | {seal:N0} | {seal * average / 1e6:F1} | {open:N0} | {open * average / 1e6:F1} | {index:N0} |"));
        }

        var buffer = RandomNumberGenerator.GetBytes(1 << 20);
        var key = RandomNumberGenerator.GetBytes(Sm4.KeySize);
        var best = 0.0;
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 32; i++)
            {
                Sm4.Encrypt(key, buffer);
            }

            best = Math.Max(best, 32.0 * buffer.Length / clock.Elapsed.TotalSeconds / 1e6);
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SM4-GCM over 1 MiB buffers: {best:F1} MB/s on one thread."));
        return Task.FromResult(0);
    }
}
