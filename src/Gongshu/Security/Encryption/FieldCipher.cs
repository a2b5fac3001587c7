using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Gongshu.Security.Crypto;

namespace Gongshu.Security.Encryption;

/// <summary>
/// Encrypts and decrypts the values of one field of one resource with SM4-GCM. A stored value is
/// <c>format(1) ‖ key id(2) ‖ nonce(12) ‖ ciphertext ‖ tag(16)</c>; the header and the field's
/// name are authenticated with it, so a value copied into another field or another resource,
/// or altered in any byte, fails to decrypt rather than reading as wrong data.
/// One instance per thread: it draws nonces from a batch and builds the associated data in a
/// buffer it reuses, so a value costs its output array and nothing else.
/// </summary>
public sealed class FieldCipher
{
    public const byte Format = 1;
    private const int HeaderSize = 3;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly FieldKeyring _keyring;
    private readonly int _activeKeyId;

    // The header of the value at hand, then the field's context: the associated data.
    private readonly byte[] _associatedData;
    private readonly Dictionary<int, Sm4Gcm> _ciphers = [];
    private readonly byte[] _random = new byte[NonceSize * 256];
    private int _randomUsed = NonceSize * 256;
    private Sm4Gcm? _activeCipher;

    internal FieldCipher(FieldKeyring keyring, int activeKeyId, string resourceKey, string field)
    {
        _keyring = keyring;
        _activeKeyId = activeKeyId;
        var context = Encoding.UTF8.GetBytes($"gongshu/field/{resourceKey}/{field}");
        _associatedData = new byte[HeaderSize + context.Length];
        context.CopyTo(_associatedData, HeaderSize);
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
        var stored = output.AsSpan();
        stored[0] = Format;
        BinaryPrimitives.WriteUInt16BigEndian(stored[1..], (ushort)_activeKeyId);
        var nonce = stored.Slice(HeaderSize, NonceSize);
        NextNonce(nonce);
        var body = stored[(HeaderSize + NonceSize)..];
        _activeCipher ??= Cipher(_activeKeyId);
        _activeCipher.Seal(nonce, plaintext, AssociatedData(stored[..HeaderSize]), body[..plaintext.Length], body[plaintext.Length..]);
        return output;
    }

    /// <summary>The plaintext of <paramref name="stored"/>; altered data or a wrong key is an error, never garbage.</summary>
    public byte[] Decrypt(ReadOnlySpan<byte> stored)
    {
        if (stored.Length < HeaderSize + NonceSize + TagSize || stored[0] != Format)
        {
            throw new CryptographicException("The stored value is not an encrypted field value.");
        }

        var body = stored[(HeaderSize + NonceSize)..];
        var output = new byte[body.Length - TagSize];
        if (!Cipher(KeyIdOf(stored)).TryOpen(stored.Slice(HeaderSize, NonceSize), body[..^TagSize], body[^TagSize..], AssociatedData(stored[..HeaderSize]), output))
        {
            throw new CryptographicException("The stored value was altered, belongs to another field, or the key is wrong.");
        }

        return output;
    }

    private Sm4Gcm Cipher(int keyId)
    {
        if (!_ciphers.TryGetValue(keyId, out var cipher))
        {
            cipher = new Sm4Gcm(_keyring.Key(keyId));
            _ciphers[keyId] = cipher;
        }

        return cipher;
    }

    // Random 96-bit nonces, drawn from the system's generator a few hundred at a time (one call
    // per value costs more than sealing it).
    private void NextNonce(Span<byte> nonce)
    {
        if (_randomUsed == _random.Length)
        {
            RandomNumberGenerator.Fill(_random);
            _randomUsed = 0;
        }

        _random.AsSpan(_randomUsed, NonceSize).CopyTo(nonce);
        _randomUsed += NonceSize;
    }

    private ReadOnlySpan<byte> AssociatedData(ReadOnlySpan<byte> header)
    {
        header.CopyTo(_associatedData);
        return _associatedData;
    }
}
