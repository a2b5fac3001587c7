using Gongshu.Security.Crypto;
using Xunit;

namespace Gongshu.Tests.Security;

public class HmacSm3Tests
{
    [Fact]
    public void HmacSm3_agrees_with_bouncy_castle_for_every_length_to_300_bytes_and_keys_short_block_sized_and_long()
    {
        var random = new Random(6);
        foreach (var keyLength in (int[])[1, 16, 32, 63, 64, 65, 100, 200])
        {
            var key = new byte[keyLength];
            random.NextBytes(key);
            var mac = new HmacSm3(key);
            for (var length = 0; length <= 300; length++)
            {
                var data = new byte[length];
                random.NextBytes(data);
                Assert.Equal(BouncyCastleReference.HmacSm3(key, data), mac.Compute(data));
            }
        }
    }

    [Fact]
    public void HmacSm3_with_an_empty_key_agrees_with_bouncy_castle()
        => Assert.Equal(BouncyCastleReference.HmacSm3([], "abc"u8), new HmacSm3([]).Compute("abc"u8));

    [Fact]
    public void HmacSm3_gives_the_same_macs_from_many_threads_at_once()
    {
        var mac = new HmacSm3("shared key for every thread"u8);
        var inputs = Enumerable.Range(0, 2000).Select(i => BitConverter.GetBytes(i * 7919L)).ToArray();
        var expected = inputs.Select(i => BouncyCastleReference.HmacSm3("shared key for every thread"u8, i)).ToArray();
        Parallel.For(0, 8, _ =>
        {
            Span<byte> output = stackalloc byte[HmacSm3.MacSize];
            for (var i = 0; i < inputs.Length; i++)
            {
                mac.Compute(inputs[i], output);
                Assert.True(output.SequenceEqual(expected[i]));
            }
        });
    }

    [Fact]
    public void HmacSm3_computes_without_allocating()
    {
        var mac = new HmacSm3("key"u8);
        var data = new byte[40];
        var output = new byte[HmacSm3.MacSize];
        mac.Compute(data, output);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            mac.Compute(data, output);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void HmacSm3_refuses_an_output_shorter_than_the_mac()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new HmacSm3("key"u8).Compute("abc"u8, new byte[31]));
}
