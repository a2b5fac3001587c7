using System.Security.Cryptography;
using System.Text;
using Gongshu.Security;
using Gongshu.Security.Crypto;
using Xunit;

namespace Gongshu.Tests.Security;

public class CryptoTests
{
    private static readonly byte[] Sm4StandardKey = Convert.FromHexString("0123456789abcdeffedcba9876543210");

    [Fact]
    public void Sm3_of_abc_is_the_standard_test_vector()
        => Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", Sm3.HashHex("abc"u8));

    [Fact]
    public void Sm3_of_abcd_sixteen_times_is_the_standard_test_vector()
    {
        var message = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abcd", 16)));
        Assert.Equal("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732", Sm3.HashHex(message));
    }

    [Fact]
    public async Task Sm3_of_a_stream_equals_sm3_of_its_bytes()
    {
        var data = RandomNumberGenerator.GetBytes(200_000);
        await using var stream = new MemoryStream(data);
        Assert.Equal(Sm3.Hash(data), await Sm3.HashAsync(stream));
    }

    [Fact]
    public void Sm3_agrees_with_bouncy_castle_at_every_length_around_the_block_and_padding_edges_in_any_pieces()
    {
        var random = new Random(2026);
        foreach (var length in Enumerable.Range(0, 200).Concat([447, 448, 511, 512, 1000, 65_536, 1_000_003]))
        {
            var data = new byte[length];
            random.NextBytes(data);
            var reference = new Org.BouncyCastle.Crypto.Digests.SM3Digest();
            reference.BlockUpdate(data, 0, data.Length);
            var expected = new byte[32];
            reference.DoFinal(expected, 0);

            Assert.Equal(expected, Sm3.Hash(data));
            var pieces = new Sm3Hasher();
            for (var at = 0; at < length;)
            {
                var take = Math.Min(random.Next(1, 150), length - at);
                pieces.Append(data.AsSpan(at, take));
                at += take;
            }

            Assert.Equal(expected, pieces.GetCurrentHash());
            Assert.Equal(expected, pieces.GetCurrentHash()); // asking does not disturb it
        }
    }

    [Fact]
    public void Sm4_encrypts_the_standard_block_to_the_standard_ciphertext()
        => Assert.Equal("681edf34d206965e86b3e94f536e4246", Convert.ToHexStringLower(Sm4.EncryptBlock(Sm4StandardKey, Sm4StandardKey)));

    [Fact]
    public void Sm4_encrypting_the_standard_block_a_million_times_gives_the_standard_result()
    {
        var block = Sm4StandardKey;
        for (var i = 0; i < 1_000_000; i++)
        {
            block = Sm4.EncryptBlock(Sm4StandardKey, block);
        }

        Assert.Equal("595298c7c6fd271f0402f804c33d3f66", Convert.ToHexStringLower(block));
    }

    [Fact]
    public void Sm4_gcm_returns_the_plaintext_it_sealed()
    {
        var key = RandomNumberGenerator.GetBytes(Sm4.KeySize);
        var plaintext = Encoding.UTF8.GetBytes("身份证号 330106199001011234");
        var sealedData = Sm4.Encrypt(key, plaintext, "app-secret"u8);

        Assert.Equal(plaintext, Sm4.Decrypt(key, sealedData, "app-secret"u8));
        Assert.NotEqual(sealedData, Sm4.Encrypt(key, plaintext, "app-secret"u8));
    }

    [Fact]
    public void Sm4_gcm_refuses_a_changed_byte_a_wrong_key_or_another_purpose()
    {
        var key = RandomNumberGenerator.GetBytes(Sm4.KeySize);
        var sealedData = Sm4.Encrypt(key, "secret"u8, "totp"u8);
        var flipped = (byte[])sealedData.Clone();
        flipped[^1] ^= 1;

        Assert.Throws<CryptographicException>(() => Sm4.Decrypt(key, flipped, "totp"u8));
        Assert.Throws<CryptographicException>(() => Sm4.Decrypt(RandomNumberGenerator.GetBytes(Sm4.KeySize), sealedData, "totp"u8));
        Assert.Throws<CryptographicException>(() => Sm4.Decrypt(key, sealedData, "app-secret"u8));
        Assert.Throws<CryptographicException>(() => Sm4.Decrypt(key, sealedData[..10], "totp"u8));
    }

    [Fact]
    public void Sm2_signature_verifies_with_the_public_key_alone()
    {
        var key = Sm2KeyPair.Generate();
        var signature = key.Sign("checkpoint 10000"u8);
        var publicOnly = Sm2KeyPair.FromPublicKeyHex(key.PublicKeyHex);

        Assert.True(publicOnly.Verify("checkpoint 10000"u8, signature));
        Assert.False(publicOnly.CanSign);
        Assert.Equal(key.PublicKeyHex, Sm2KeyPair.FromPrivateKeyHex(key.PrivateKeyHex).PublicKeyHex);
    }

    [Fact]
    public void Sm2_signature_fails_for_another_key_an_altered_message_or_garbage()
    {
        var key = Sm2KeyPair.Generate();
        var signature = key.Sign("checkpoint 10000"u8);

        Assert.False(Sm2KeyPair.Generate().Verify("checkpoint 10000"u8, signature));
        Assert.False(key.Verify("checkpoint 10001"u8, signature));
        Assert.False(key.Verify("checkpoint 10000"u8, [0x30, 0x03, 0x02, 0x01, 0x01]));
    }

    [Fact]
    public void Key_store_creates_the_keys_once_and_reuses_them()
    {
        var directory = TempDirectory();
        var first = KeyStore.Open(directory, createMissing: true);
        var sealedSecret = first.Seal("app secret"u8, "app-key:1");

        var second = KeyStore.Open(directory, createMissing: true);

        Assert.Equal(first.AuditSigningKey.PublicKeyHex, second.AuditSigningKey.PublicKeyHex);
        Assert.Equal("app secret"u8.ToArray(), second.Unseal(sealedSecret, "app-key:1"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, KeyStore.AuditKeyFile)));
        }
    }

    [Fact]
    public void Key_store_refuses_a_key_file_it_cannot_read_instead_of_replacing_it()
    {
        var directory = TempDirectory();
        KeyStore.Open(directory, createMissing: true);
        var auditKeyPath = Path.Combine(directory, KeyStore.AuditKeyFile);
        File.WriteAllText(auditKeyPath, "not a key");

        var error = Assert.Throws<GongshuException>(() => KeyStore.Open(directory, createMissing: true));

        Assert.Equal("keys_unreadable", error.Code);
        Assert.Equal("not a key", File.ReadAllText(auditKeyPath));
    }

    [Fact]
    public void Key_store_without_permission_to_create_refuses_a_missing_key()
    {
        var error = Assert.Throws<GongshuException>(() => KeyStore.Open(TempDirectory(), createMissing: false));
        Assert.Equal("keys_unreadable", error.Code);
    }

    private static string TempDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gongshu-tests", Guid.NewGuid().ToString("N"), "keys");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
