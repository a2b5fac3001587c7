using System.Buffers.Binary;
using System.Security.Cryptography;
using Gongshu.Security.Crypto;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Xunit;

namespace Gongshu.Tests.Security;

public sealed class Sm4GcmTests
{
    private static readonly byte[] StandardKey = Convert.FromHexString("0123456789abcdeffedcba9876543210");

    public static TheoryData<bool> GhashPaths => [false, true];

    [Fact]
    public void The_sm4_block_gives_the_standard_ciphertext_once_and_after_a_million_encryptions()
    {
        var block = new Sm4Block(StandardKey);
        var data = (byte[])StandardKey.Clone();

        block.Encrypt(data, data);
        Assert.Equal("681edf34d206965e86b3e94f536e4246", Convert.ToHexStringLower(data));

        for (var i = 1; i < 1_000_000; i++)
        {
            block.Encrypt(data, data);
        }

        Assert.Equal("595298c7c6fd271f0402f804c33d3f66", Convert.ToHexStringLower(data));
    }

    [Fact]
    public void The_sm4_block_agrees_with_bouncy_castle_on_random_keys_and_blocks()
    {
        var random = new Random(32907);
        for (var k = 0; k < 200; k++)
        {
            var key = Bytes(random, 16);
            var ours = new Sm4Block(key);
            var reference = new SM4Engine();
            reference.Init(true, new KeyParameter(key));
            for (var b = 0; b < 5; b++)
            {
                var input = Bytes(random, 16);
                var expected = new byte[16];
                reference.ProcessBlock(input, 0, expected, 0);
                var actual = new byte[16];
                ours.Encrypt(input, actual);
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void Counter_blocks_are_the_encryptions_of_nonce_and_counter_and_the_counter_wraps_at_32_bits()
    {
        var random = new Random(1);
        var block = new Sm4Block(Bytes(random, 16));
        var nonce = Bytes(random, 12);
        foreach (var first in new[] { 1u, 2u, uint.MaxValue - 2 })
        {
            for (var count = 0; count <= 9; count++)
            {
                var keystream = new byte[count * 16];
                block.EncryptCounters(nonce, first, keystream);
                for (var i = 0; i < count; i++)
                {
                    var counterBlock = new byte[16];
                    nonce.CopyTo(counterBlock, 0);
                    BinaryPrimitives.WriteUInt32BigEndian(counterBlock.AsSpan(12), unchecked(first + (uint)i));
                    var expected = new byte[16];
                    block.Encrypt(counterBlock, expected);
                    Assert.Equal(expected, keystream[(i * 16)..((i + 1) * 16)]);
                }
            }
        }
    }

    [Fact]
    public void The_carryless_ghash_is_what_this_processor_uses_when_it_can()
        => Assert.Equal(!GHash.IsAccelerated, new GHash(new byte[16]).IsPortable);

    [Theory]
    [MemberData(nameof(GhashPaths))]
    public void Ghash_agrees_with_the_bitwise_multiplication_of_the_gcm_specification(bool portable)
    {
        var random = new Random(38);
        for (var n = 0; n < 300; n++)
        {
            var h = Bytes(random, 16);
            var associatedData = Bytes(random, random.Next(0, 60));
            var ciphertext = Bytes(random, random.Next(0, 100));

            var actual = new byte[16];
            new GHash(h, portable).Compute(associatedData, ciphertext, actual);
            Assert.Equal(ReferenceGhash(h, associatedData, ciphertext), actual);
        }
    }

    [Theory]
    [MemberData(nameof(GhashPaths))]
    public void Sm4_gcm_gives_the_rfc_8998_test_vector(bool portable)
    {
        var plaintext = Convert.FromHexString(
            "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
        var nonce = Convert.FromHexString("00001234567800000000ABCD");
        var aad = Convert.FromHexString("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];

        new Sm4Gcm(StandardKey, portable).Seal(nonce, plaintext, aad, ciphertext, tag);

        Assert.Equal(
            "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D",
            Convert.ToHexString(ciphertext));
        Assert.Equal("83DE3541E4C2B58177E065A9BF7B62EC", Convert.ToHexString(tag));
    }

    [Theory]
    [MemberData(nameof(GhashPaths))]
    public void Sm4_gcm_seals_and_opens_exactly_as_bouncy_castle_does(bool portable)
    {
        var random = new Random(portable ? 8998 : 36624);
        var lengths = Enumerable.Range(0, 400).Select(_ => random.Next(0, 201)).Concat([479, 480, 481, 495, 496, 497, 512, 1000, 4099]);
        foreach (var length in lengths)
        {
            var key = Bytes(random, 16);
            var nonce = Bytes(random, 12);
            var plaintext = Bytes(random, length);
            var aad = Bytes(random, random.Next(0, 101));
            var gcm = new Sm4Gcm(key, portable);

            var ciphertext = new byte[length];
            var tag = new byte[16];
            gcm.Seal(nonce, plaintext, aad, ciphertext, tag);
            Assert.Equal(SealWithBouncyCastle(key, nonce, plaintext, aad), ciphertext.Concat(tag).ToArray());

            var otherPlaintext = Bytes(random, length);
            var sealedByReference = SealWithBouncyCastle(key, nonce, otherPlaintext, aad);
            var opened = new byte[length];
            Assert.True(gcm.TryOpen(nonce, sealedByReference.AsSpan(0, length), sealedByReference.AsSpan(length), aad, opened));
            Assert.Equal(otherPlaintext, opened);
        }
    }

    [Theory]
    [MemberData(nameof(GhashPaths))]
    public void A_changed_tag_ciphertext_associated_data_or_nonce_fails_and_leaves_no_plaintext(bool portable)
    {
        var random = new Random(7);
        var key = Bytes(random, 16);
        var gcm = new Sm4Gcm(key, portable);
        foreach (var length in new[] { 0, 1, 18, 43, 200 })
        {
            var nonce = Bytes(random, 12);
            var aad = Bytes(random, 20);
            var ciphertext = new byte[length];
            var tag = new byte[16];
            gcm.Seal(nonce, Bytes(random, length), aad, ciphertext, tag);

            for (var bit = 0; bit < 128; bit += 13)
            {
                var badTag = (byte[])tag.Clone();
                badTag[bit / 8] ^= (byte)(1 << (bit % 8));
                AssertRefused(gcm, nonce, ciphertext, badTag, aad);
            }

            if (length > 0)
            {
                var badCiphertext = (byte[])ciphertext.Clone();
                badCiphertext[random.Next(length)] ^= 0x80;
                AssertRefused(gcm, nonce, badCiphertext, tag, aad);
            }

            var badAad = (byte[])aad.Clone();
            badAad[random.Next(aad.Length)] ^= 1;
            AssertRefused(gcm, nonce, ciphertext, tag, badAad);
            AssertRefused(gcm, nonce, ciphertext, tag, aad[..^1]);

            var badNonce = (byte[])nonce.Clone();
            badNonce[11] ^= 1;
            AssertRefused(gcm, badNonce, ciphertext, tag, aad);
            AssertRefused(new Sm4Gcm(Bytes(random, 16), portable), nonce, ciphertext, tag, aad);
        }
    }

    [Fact]
    public void Sealing_and_opening_in_place_give_the_same_result_as_separate_buffers()
    {
        var random = new Random(11);
        var gcm = new Sm4Gcm(Bytes(random, 16));
        var nonce = Bytes(random, 12);
        var plaintext = Bytes(random, 1500);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];
        gcm.Seal(nonce, plaintext, [], ciphertext, tag);

        var buffer = (byte[])plaintext.Clone();
        var inPlaceTag = new byte[16];
        gcm.Seal(nonce, buffer, [], buffer, inPlaceTag);
        Assert.Equal(ciphertext, buffer);
        Assert.Equal(tag, inPlaceTag);

        Assert.True(gcm.TryOpen(nonce, buffer, tag, [], buffer));
        Assert.Equal(plaintext, buffer);
    }

    [Fact]
    public void Wrong_sizes_and_shifted_overlaps_are_refused()
    {
        var gcm = new Sm4Gcm(new byte[16]);
        var buffer = new byte[64];
        Assert.Throws<ArgumentException>(() => gcm.Seal(new byte[16], buffer.AsSpan(0, 10), [], new byte[10], new byte[16]));
        Assert.Throws<ArgumentException>(() => gcm.Seal(new byte[12], buffer.AsSpan(0, 10), [], new byte[11], new byte[16]));
        Assert.Throws<ArgumentException>(() => gcm.Seal(new byte[12], buffer.AsSpan(0, 10), [], new byte[10], new byte[12]));
        Assert.Throws<ArgumentException>(() => gcm.Seal(new byte[12], buffer.AsSpan(0, 20), [], buffer.AsSpan(1, 20), new byte[16]));
        Assert.Throws<ArgumentException>(() => gcm.TryOpen(new byte[12], buffer.AsSpan(1, 20), new byte[16], [], buffer.AsSpan(0, 20)));
        Assert.Throws<ArgumentException>(() => new Sm4Gcm(new byte[15]));
    }

    [Fact]
    public void One_instance_serves_many_threads_at_once()
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var gcm = new Sm4Gcm(key);
        var cases = Enumerable.Range(0, 2000).Select(i =>
        {
            var random = new Random(i);
            return (Nonce: Bytes(random, 12), Plaintext: Bytes(random, random.Next(0, 100)), Aad: Bytes(random, random.Next(0, 40)));
        }).ToArray();
        var expected = cases.Select(c => SealWithBouncyCastle(key, c.Nonce, c.Plaintext, c.Aad)).ToArray();

        var results = new byte[cases.Length][];
        var opened = new bool[cases.Length];
        Parallel.For(0, cases.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var (nonce, plaintext, aad) = cases[i];
            var output = new byte[plaintext.Length + 16];
            gcm.Seal(nonce, plaintext, aad, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length));
            results[i] = output;
            var back = new byte[plaintext.Length];
            opened[i] = gcm.TryOpen(nonce, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), aad, back) && back.AsSpan().SequenceEqual(plaintext);
        });

        Assert.Equal(expected, results);
        Assert.All(opened, Assert.True);
    }

    [Fact]
    public void Sm4_encrypt_and_decrypt_keep_the_nonce_ciphertext_tag_format_bouncy_castle_reads_and_writes()
    {
        var random = new Random(5);
        var key = Bytes(random, 16);
        var plaintext = Bytes(random, 77);
        var aad = "totp"u8.ToArray();

        var sealedData = Sm4.Encrypt(key, plaintext, aad);
        Assert.Equal(SealWithBouncyCastle(key, sealedData[..12], plaintext, aad), sealedData[12..]);

        var nonce = Bytes(random, 12);
        byte[] byReference = [.. nonce, .. SealWithBouncyCastle(key, nonce, plaintext, aad)];
        Assert.Equal(plaintext, Sm4.Decrypt(key, byReference, aad));
    }

    private static void AssertRefused(Sm4Gcm gcm, byte[] nonce, byte[] ciphertext, byte[] tag, byte[] aad)
    {
        var plaintext = Enumerable.Repeat((byte)0xa5, ciphertext.Length).ToArray();
        Assert.False(gcm.TryOpen(nonce, ciphertext, tag, aad, plaintext));
        Assert.All(plaintext, b => Assert.Equal(0, b));
    }

    private static byte[] SealWithBouncyCastle(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad)
    {
        var cipher = new GcmBlockCipher(new SM4Engine());
        cipher.Init(true, new AeadParameters(new KeyParameter(key), 128, nonce, aad));
        var output = new byte[cipher.GetOutputSize(plaintext.Length)];
        var written = cipher.ProcessBytes(plaintext, 0, plaintext.Length, output, 0);
        cipher.DoFinal(output, written);
        return output;
    }

    // NIST SP 800-38D, algorithms 1 and 2, over A ‖ 0* ‖ C ‖ 0* ‖ lengths: bit by bit, most significant bit first.
    private static byte[] ReferenceGhash(byte[] h, byte[] associatedData, byte[] ciphertext)
    {
        var padded = new byte[Padded(associatedData.Length) + Padded(ciphertext.Length) + 16];
        associatedData.CopyTo(padded, 0);
        ciphertext.CopyTo(padded, Padded(associatedData.Length));
        BinaryPrimitives.WriteUInt64BigEndian(padded.AsSpan(padded.Length - 16), (ulong)associatedData.Length * 8);
        BinaryPrimitives.WriteUInt64BigEndian(padded.AsSpan(padded.Length - 8), (ulong)ciphertext.Length * 8);
        var y = new byte[16];
        for (var offset = 0; offset < padded.Length; offset += 16)
        {
            for (var i = 0; i < 16; i++)
            {
                y[i] ^= padded[offset + i];
            }

            ulong zHigh = 0, zLow = 0;
            var vHigh = BinaryPrimitives.ReadUInt64BigEndian(h);
            var vLow = BinaryPrimitives.ReadUInt64BigEndian(h.AsSpan(8));
            for (var bit = 0; bit < 128; bit++)
            {
                if ((y[bit / 8] & (0x80 >> (bit % 8))) != 0)
                {
                    zHigh ^= vHigh;
                    zLow ^= vLow;
                }

                var carry = vLow & 1;
                vLow = (vLow >> 1) | (vHigh << 63);
                vHigh = (vHigh >> 1) ^ (carry * 0xe100000000000000);
            }

            BinaryPrimitives.WriteUInt64BigEndian(y, zHigh);
            BinaryPrimitives.WriteUInt64BigEndian(y.AsSpan(8), zLow);
        }

        return y;

        static int Padded(int length) => (length + 15) / 16 * 16;
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
