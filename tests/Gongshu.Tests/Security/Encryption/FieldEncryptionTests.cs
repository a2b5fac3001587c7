using System.Security.Cryptography;
using System.Text;
using Dapper;
using Gongshu.Security;
using Gongshu.Security.Crypto;
using Gongshu.Security.Encryption;
using Gongshu.Storage;
using Gongshu.Tests.Support;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Xunit;

namespace Gongshu.Tests.Security.Encryption;

public sealed class FieldCipherTests
{
    private static readonly FieldKeyring Ring = FieldKeyring.InMemory((1, Key(1)), (2, Key(2)));

    [Fact]
    public void A_value_decrypts_to_itself_and_names_the_key_that_sealed_it()
    {
        var cipher = FieldCipher.Create(Ring, 2, "101001/00001", "id_number");
        var plain = Encoding.UTF8.GetBytes("11010519491231002X");

        var stored = cipher.Encrypt(plain);

        Assert.Equal(FieldCipher.Format, stored[0]);
        Assert.Equal(2, FieldCipher.KeyIdOf(stored));
        Assert.Equal(3 + 12 + plain.Length + 16, stored.Length);
        Assert.Equal(plain, cipher.Decrypt(stored));
        Assert.NotEqual(stored, cipher.Encrypt(plain)); // a fresh nonce each time
    }

    [Fact]
    public void Many_values_through_one_cipher_all_round_trip()
    {
        var cipher = FieldCipher.Create(Ring, 1, "r", "f");
        var values = Enumerable.Range(0, 500).Select(i => Encoding.UTF8.GetBytes(new string('值', i % 40) + i)).ToList();
        var stored = values.Select(v => cipher.Encrypt(v)).ToList();
        var reader = FieldCipher.Create(Ring, 1, "r", "f");
        Assert.Equal(values, stored.Select(s => reader.Decrypt(s)));
    }

    [Fact]
    public void An_altered_byte_a_value_moved_to_another_field_or_a_wrong_key_fails_instead_of_reading_as_data()
    {
        var cipher = FieldCipher.Create(Ring, 1, "101001/00001", "id_number");
        var stored = cipher.Encrypt("11010519491231002X"u8);

        var altered = (byte[])stored.Clone();
        altered[^5] ^= 1;
        Assert.Throws<CryptographicException>(() => cipher.Decrypt(altered));

        var otherField = FieldCipher.Create(Ring, 1, "101001/00001", "name");
        Assert.Throws<CryptographicException>(() => otherField.Decrypt(stored));

        var wrongRing = FieldKeyring.InMemory((1, Key(9)));
        Assert.Throws<CryptographicException>(() => FieldCipher.Create(wrongRing, 1, "101001/00001", "id_number").Decrypt(stored));

        var relabelled = (byte[])stored.Clone();
        relabelled[2] = 2; // claims key 2
        Assert.Throws<CryptographicException>(() => cipher.Decrypt(relabelled));
        Assert.Throws<CryptographicException>(() => cipher.Decrypt("plain text"u8));
    }

    [Theory]
    [InlineData("11010519491231002X", "0100012d7390521c8581b1a6953a2ed731f7360f936a9fa11b02e90d6ca7514664cc13c1398472c0c5238e2a5b2bed98f7")]
    [InlineData("", "0100012088c2dd4037efe14302e652a633dc8dd1122b199b3cfc8d32610b9c")]
    [InlineData("浙江省杭州市拱墅区湖墅南路 1 号", "0100013317a86f49556b3dc13772da7ad97f43c0d865790778c2c10d0dbf0d009044f5243435d576ad031d8ba58ed66eef7559d181ae2a23c23e16261d4d4dfe98fe0e98c6b341481379fb8b")]
    public void Values_stored_by_the_bouncy_castle_cipher_still_decrypt(string plain, string stored)
        => Assert.Equal(plain, Encoding.UTF8.GetString(FieldCipher.Create(Ring, 1, "101001/00001", "id_number").Decrypt(Convert.FromHexString(stored))));

    [Fact]
    public void A_stored_value_is_bouncy_castle_sm4_gcm_over_the_header_and_the_fields_context()
    {
        var plain = Encoding.UTF8.GetBytes("浙江省杭州市拱墅区");
        var stored = FieldCipher.Create(Ring, 2, "101001/00001", "address").Encrypt(plain);

        var reference = new GcmBlockCipher(new SM4Engine());
        byte[] aad = [.. stored[..3], .. "gongshu/field/101001/00001/address"u8];
        reference.Init(false, new AeadParameters(new KeyParameter(Key(2)), 128, stored[3..15], aad));
        var opened = new byte[plain.Length];
        var written = reference.ProcessBytes(stored, 15, stored.Length - 15, opened, 0);
        reference.DoFinal(opened, written);
        Assert.Equal(plain, opened);
    }

    [Fact]
    public void Typed_values_come_back_as_the_same_type()
    {
        object[] values = ["张三", 12.50m, 42L, new DateOnly(1990, 1, 31), new DateTime(2023, 1, 5, 8, 30, 0), true, 1.5d, new byte[] { 1, 2, 3 }];
        FieldType[] types = [FieldType.Character, FieldType.Numeric, FieldType.Integer, FieldType.Date, FieldType.DateTime, FieldType.Logical, FieldType.Double, FieldType.General];
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], FieldValueText.FromBytes(FieldValueText.ToBytes(values[i]), types[i]));
        }
    }

    internal static byte[] Key(int seed) => Enumerable.Range(0, 16).Select(i => (byte)(i * 7 + seed)).ToArray();
}

public sealed class FieldKeyringTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gongshu-keys-").FullName;

    [Fact]
    public void A_key_file_is_read_and_a_new_key_is_appended_to_it()
    {
        File.WriteAllText(Path.Combine(_directory, FieldKeyring.FileName), "# comment\n1 000102030405060708090a0b0c0d0e0f\n");
        var ring = FieldKeyring.Open(_directory);
        Assert.Equal([1], ring.KeyIds);

        var added = ring.AddKey();

        Assert.Equal(2, added);
        var reread = FieldKeyring.Open(_directory);
        Assert.Equal([1, 2], reread.KeyIds.Order());
        Assert.Equal(ring.CheckValue(2), reread.CheckValue(2));
        Assert.Equal(ring.CheckValue(1), FieldKeyring.InMemory((1, Convert.FromHexString("000102030405060708090a0b0c0d0e0f"))).CheckValue(1));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, FieldKeyring.FileName)));
        }
    }

    [Theory]
    [InlineData("1 00010203")]
    [InlineData("x 000102030405060708090a0b0c0d0e0f")]
    [InlineData("1 000102030405060708090a0b0c0d0e0f\n1 0f0102030405060708090a0b0c0d0e0f")]
    [InlineData("1 zz0102030405060708090a0b0c0d0e0f")]
    public void A_damaged_key_file_is_refused_without_echoing_key_material(string text)
    {
        File.WriteAllText(Path.Combine(_directory, FieldKeyring.FileName), text);
        var e = Assert.Throws<GongshuException>(() => FieldKeyring.Open(_directory));
        Assert.Equal("field_keys_unreadable", e.Code);
        Assert.DoesNotContain("0102030405", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_from_the_environment_win_and_a_rotation_asks_for_the_new_key_there()
    {
        File.WriteAllText(Path.Combine(_directory, FieldKeyring.FileName), "1 000102030405060708090a0b0c0d0e0f\n");
        var ring = FieldKeyring.Open(_directory, "3:" + Convert.ToHexStringLower(FieldCipherTests.Key(3)) + ",4:" + Convert.ToHexStringLower(FieldCipherTests.Key(4)));

        Assert.Equal([3, 4], ring.KeyIds.Order());
        Assert.Equal((FieldKeyring.EnvironmentVariable, (string?)null), (ring.Source, ring.File));
        var e = Assert.Throws<GongshuException>(() => ring.AddKey());
        Assert.Equal("field_keys_external", e.Code);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

public sealed class FieldEncryptionStartTests
{
    [Theory, AllDatabases]
    public async Task The_first_start_registers_a_key_and_later_starts_refuse_a_missing_or_wrong_one(DatabaseKind kind)
    {
        await using var db = await TestDatabase.CreateAsync(kind);
        var keysDirectory = Directory.CreateTempSubdirectory("gongshu-keys-").FullName;
        try
        {
            var keys = KeyStore.Open(keysDirectory, createMissing: true);
            var first = await FieldEncryption.OpenAsync(db.Database, FieldKeyring.Open(keysDirectory), keys);
            Assert.Equal(1, await first.ActiveKeyIdAsync());
            Assert.True(File.Exists(Path.Combine(keysDirectory, FieldKeyring.FileName)));

            // Same keys: fine.
            await FieldEncryption.OpenAsync(db.Database, FieldKeyring.Open(keysDirectory), keys);

            var keyFile = Path.Combine(keysDirectory, FieldKeyring.FileName);
            var saved = File.ReadAllText(keyFile);
            File.Delete(keyFile);
            var missing = await Assert.ThrowsAsync<GongshuException>(() => FieldEncryption.OpenAsync(db.Database, FieldKeyring.Open(keysDirectory), keys));
            Assert.Equal("field_key_missing", missing.Code);
            Assert.Contains("will not start", missing.Message, StringComparison.Ordinal);

            File.WriteAllText(keyFile, "1 " + Convert.ToHexStringLower(FieldCipherTests.Key(5)) + "\n");
            var wrong = await Assert.ThrowsAsync<GongshuException>(() => FieldEncryption.OpenAsync(db.Database, FieldKeyring.Open(keysDirectory), keys));
            Assert.Equal("field_key_wrong", wrong.Code);
            Assert.DoesNotContain(Convert.ToHexStringLower(FieldCipherTests.Key(5)), wrong.Message, StringComparison.Ordinal);

            File.WriteAllText(keyFile, saved);
            await FieldEncryption.OpenAsync(db.Database, FieldKeyring.Open(keysDirectory), keys);
        }
        finally
        {
            Directory.Delete(keysDirectory, recursive: true);
        }
    }
}
