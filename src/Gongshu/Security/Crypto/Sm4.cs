using System.Security.Cryptography;

namespace Gongshu.Security.Crypto;

/// <summary>SM4 (GB/T 32907), the national block cipher: 128-bit key and block.</summary>
public static class Sm4
{
    public const int KeySize = 16;
    private const int NonceSize = Sm4Gcm.NonceSize;
    private const int TagSize = Sm4Gcm.TagSize;

    /// <summary>One block in ECB mode: only for the standard's test vectors.</summary>
    public static byte[] EncryptBlock(ReadOnlySpan<byte> key, ReadOnlySpan<byte> block)
    {
        var output = new byte[Sm4Block.BlockSize];
        new Sm4Block(key).Encrypt(block, output);
        return output;
    }

    /// <summary>
    /// SM4-GCM: authenticated encryption. Output is nonce ‖ ciphertext ‖ tag; a changed byte
    /// anywhere makes <see cref="Decrypt"/> fail instead of returning garbage.
    /// </summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        new Sm4Gcm(key).Seal(nonce, plaintext, associatedData, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length));
        return output;
    }

    public static byte[] Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedData, ReadOnlySpan<byte> associatedData = default)
    {
        if (sealedData.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The sealed value is too short to be SM4-GCM output.");
        }

        var output = new byte[sealedData.Length - NonceSize - TagSize];
        if (!new Sm4Gcm(key).TryOpen(sealedData[..NonceSize], sealedData[NonceSize..^TagSize], sealedData[^TagSize..], associatedData, output))
        {
            throw new CryptographicException("The sealed value was altered or the key is wrong.");
        }

        return output;
    }
}
