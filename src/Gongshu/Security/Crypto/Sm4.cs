using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Gongshu.Security.Crypto;

/// <summary>SM4 (GB/T 32907), the national block cipher: 128-bit key and block.</summary>
public static class Sm4
{
    public const int KeySize = 16;
    private const int NonceSize = 12;
    private const int TagBits = 128;

    /// <summary>One block in ECB mode: only for the standard's test vectors.</summary>
    public static byte[] EncryptBlock(ReadOnlySpan<byte> key, ReadOnlySpan<byte> block)
    {
        var engine = new SM4Engine();
        engine.Init(true, new KeyParameter(key.ToArray()));
        var output = new byte[16];
        engine.ProcessBlock(block.ToArray(), 0, output, 0);
        return output;
    }

    /// <summary>
    /// SM4-GCM: authenticated encryption. Output is nonce ‖ ciphertext ‖ tag; a changed byte
    /// anywhere makes <see cref="Decrypt"/> fail instead of returning garbage.
    /// </summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var cipher = new GcmBlockCipher(new SM4Engine());
        cipher.Init(true, new AeadParameters(new KeyParameter(key.ToArray()), TagBits, nonce, associatedData.ToArray()));
        var output = new byte[NonceSize + cipher.GetOutputSize(plaintext.Length)];
        nonce.CopyTo(output, 0);
        var length = cipher.ProcessBytes(plaintext.ToArray(), 0, plaintext.Length, output, NonceSize);
        cipher.DoFinal(output, NonceSize + length);
        return output;
    }

    public static byte[] Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedData, ReadOnlySpan<byte> associatedData = default)
    {
        if (sealedData.Length < NonceSize + (TagBits / 8))
        {
            throw new CryptographicException("The sealed value is too short to be SM4-GCM output.");
        }

        var cipher = new GcmBlockCipher(new SM4Engine());
        cipher.Init(false, new AeadParameters(new KeyParameter(key.ToArray()), TagBits, sealedData[..NonceSize].ToArray(), associatedData.ToArray()));
        var body = sealedData[NonceSize..].ToArray();
        var output = new byte[cipher.GetOutputSize(body.Length)];
        try
        {
            var length = cipher.ProcessBytes(body, 0, body.Length, output, 0);
            cipher.DoFinal(output, length);
        }
        catch (InvalidCipherTextException e)
        {
            throw new CryptographicException("The sealed value was altered or the key is wrong.", e);
        }

        return output;
    }
}
