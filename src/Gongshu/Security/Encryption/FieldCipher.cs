using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Gongshu.Security.Encryption;

/// <summary>
/// Encrypts and decrypts the values of one field of one resource with SM4-GCM. A stored value is
/// <c>format(1) ‖ key id(2) ‖ nonce(12) ‖ ciphertext ‖ tag(16)</c>; the header and the field's
/// name are authenticated with it, so a value copied into another field or another resource,
/// or altered in any byte, fails to decrypt rather than reading as wrong data.
/// One instance per thread: it reuses its cipher state between values, which is what makes
/// per-value encryption affordable (initializing GCM costs more than sealing a short value).
/// </summary>
public sealed class FieldCipher
{
    public const byte Format = 1;
    private const int HeaderSize = 3;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly FieldKeyring _keyring;
    private readonly int _activeKeyId;
    private readonly byte[] _context;
    private readonly Dictionary<int, GcmBlockCipher> _decryptors = [];
    private readonly byte[] _random = new byte[NonceSize * 256];
    private int _randomUsed = NonceSize * 256;
    private GcmBlockCipher? _encryptor;

    internal FieldCipher(FieldKeyring keyring, int activeKeyId, string resourceKey, string field)
    {
        _keyring = keyring;
        _activeKeyId = activeKeyId;
        _context = Encoding.UTF8.GetBytes($"gongshu/field/{resourceKey}/{field}");
    }

    public int ActiveKeyId => _activeKeyId;

    /// <summary>A cipher outside the platform's key registry (tests and benchmarks use it directly).</summary>
    public static FieldCipher Create(FieldKeyring keyring, int activeKeyId, string resourceKey, string field) => new(keyring, activeKeyId, resourceKey, field);

    /// <summary>The key a stored value was sealed with.</summary>
    public static int KeyIdOf(ReadOnlySpan<byte> stored)
        => stored.Length > HeaderSize && stored[0] == Format ? BinaryPrimitives.ReadUInt16BigEndian(stored[1..]) : 0;

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[HeaderSize + NonceSize + plaintext.Length + TagSize];
        output[0] = Format;
        BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(1), (ushort)_activeKeyId);
        var nonce = NextNonce();
        nonce.CopyTo(output, HeaderSize);
        var aad = AssociatedData(output.AsSpan(0, HeaderSize));
        if (_encryptor is null)
        {
            _encryptor = new GcmBlockCipher(new SM4Engine());
            _encryptor.Init(true, new AeadParameters(new KeyParameter(_keyring.Key(_activeKeyId)), TagSize * 8, nonce, aad));
        }
        else
        {
            // A null key keeps the key schedule and GHASH tables of the first call.
            _encryptor.Init(true, new AeadParameters(null, TagSize * 8, nonce, aad));
        }

        var written = _encryptor.ProcessBytes(plaintext.ToArray(), 0, plaintext.Length, output, HeaderSize + NonceSize);
        _encryptor.DoFinal(output, HeaderSize + NonceSize + written);
        return output;
    }

    /// <summary>The plaintext of <paramref name="stored"/>; altered data or a wrong key is an error, never garbage.</summary>
    public byte[] Decrypt(ReadOnlySpan<byte> stored)
    {
        if (stored.Length < HeaderSize + NonceSize + TagSize || stored[0] != Format)
        {
            throw new CryptographicException("The stored value is not an encrypted field value.");
        }

        var keyId = KeyIdOf(stored);
        var nonce = stored.Slice(HeaderSize, NonceSize).ToArray();
        var aad = AssociatedData(stored[..HeaderSize]);
        if (!_decryptors.TryGetValue(keyId, out var decryptor))
        {
            decryptor = new GcmBlockCipher(new SM4Engine());
            decryptor.Init(false, new AeadParameters(new KeyParameter(_keyring.Key(keyId)), TagSize * 8, nonce, aad));
            _decryptors[keyId] = decryptor;
        }
        else
        {
            decryptor.Init(false, new AeadParameters(null, TagSize * 8, nonce, aad));
        }

        var body = stored[(HeaderSize + NonceSize)..].ToArray();
        var output = new byte[body.Length - TagSize];
        try
        {
            var written = decryptor.ProcessBytes(body, 0, body.Length, output, 0);
            decryptor.DoFinal(output, written);
        }
        catch (InvalidCipherTextException e)
        {
            throw new CryptographicException("The stored value was altered, belongs to another field, or the key is wrong.", e);
        }

        return output;
    }

    // Random 96-bit nonces, drawn from the system's generator a few hundred at a time (one call
    // per value costs more than sealing it). A new array each time: BouncyCastle keeps the last
    // nonce by reference to refuse its reuse.
    private byte[] NextNonce()
    {
        if (_randomUsed == _random.Length)
        {
            RandomNumberGenerator.Fill(_random);
            _randomUsed = 0;
        }

        var nonce = _random.AsSpan(_randomUsed, NonceSize).ToArray();
        _randomUsed += NonceSize;
        return nonce;
    }

    private byte[] AssociatedData(ReadOnlySpan<byte> header)
    {
        var aad = new byte[header.Length + _context.Length];
        header.CopyTo(aad);
        _context.CopyTo(aad, header.Length);
        return aad;
    }
}
