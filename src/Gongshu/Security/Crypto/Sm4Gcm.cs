using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace Gongshu.Security.Crypto;

/// <summary>
/// SM4 in Galois/Counter Mode (NIST SP 800-38D over SM4) with 96-bit nonces and 128-bit tags,
/// under one key. The key schedule and the hash key are computed once here, so sealing a short
/// value costs a few block encryptions and no allocation — BouncyCastle's GCM re-derives its
/// state for every nonce and wants arrays. The output is byte for byte that of BouncyCastle's
/// <c>GcmBlockCipher(new SM4Engine())</c> (Sm4GcmTests), so values sealed by either open with the
/// other. Immutable after construction: threads may share one instance.
/// </summary>
public sealed class Sm4Gcm
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    private const int BlockSize = Sm4Block.BlockSize;

    // Keystream made per pass: a short value's in one pass, and little enough for the stack.
    private const int ChunkSize = 32 * BlockSize;

    private readonly Sm4Block _cipher;
    private readonly GHash _ghash;

    public Sm4Gcm(ReadOnlySpan<byte> key)
        : this(key, portableGhash: false)
    {
    }

    /// <param name="key">The 16-byte SM4 key.</param>
    /// <param name="portableGhash">Hash without the carry-less multiply even where the processor has it (tests cover both).</param>
    internal Sm4Gcm(ReadOnlySpan<byte> key, bool portableGhash)
    {
        _cipher = new Sm4Block(key);
        Span<byte> h = stackalloc byte[BlockSize];
        _cipher.Encrypt(h, h);
        _ghash = new GHash(h, portableGhash);
        CryptographicOperations.ZeroMemory(h);
    }

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/> (the same length;
    /// it may be the same buffer) and authenticates it together with
    /// <paramref name="associatedData"/>. A nonce must never seal two messages under one key.
    /// </summary>
    public void Seal(ReadOnlySpan<byte> nonce12, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> ciphertext, Span<byte> tag16)
    {
        CheckArguments(nonce12, plaintext, ciphertext, nameof(ciphertext), tag16, nameof(tag16));
        Span<byte> keystream = stackalloc byte[FirstPassSize(plaintext.Length)];
        Span<byte> tagMask = stackalloc byte[BlockSize];
        _cipher.EncryptCounters(nonce12, 1, keystream);
        keystream[..BlockSize].CopyTo(tagMask);
        ApplyKeystream(nonce12, keystream, plaintext, ciphertext);

        Span<byte> hash = stackalloc byte[BlockSize];
        _ghash.Compute(associatedData, ciphertext, hash);
        Xor(hash, tagMask, tag16);
    }

    /// <summary>
    /// Decrypts <paramref name="ciphertext"/> into <paramref name="plaintext"/> (the same length; it
    /// may be the same buffer) if the tag proves it and <paramref name="associatedData"/> unchanged.
    /// Otherwise returns false with <paramref name="plaintext"/> cleared: nothing unauthenticated
    /// is ever written there.
    /// </summary>
    public bool TryOpen(ReadOnlySpan<byte> nonce12, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag16, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        CheckArguments(nonce12, ciphertext, plaintext, nameof(plaintext), tag16, nameof(tag16));
        Span<byte> keystream = stackalloc byte[FirstPassSize(ciphertext.Length)];
        _cipher.EncryptCounters(nonce12, 1, keystream);

        Span<byte> expected = stackalloc byte[TagSize];
        _ghash.Compute(associatedData, ciphertext, expected);
        Xor(expected, keystream[..BlockSize], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, tag16))
        {
            plaintext.Clear();
            return false;
        }

        ApplyKeystream(nonce12, keystream, ciphertext, plaintext);
        return true;
    }

    // The first pass makes E(J0), which masks the tag, and the keystream of up to a chunk of data.
    private static int FirstPassSize(int length)
    {
        var data = Math.Min(length, ChunkSize - BlockSize);
        return BlockSize + ((data + BlockSize - 1) / BlockSize * BlockSize);
    }

    // Counter mode from counter 2 on; keystream[BlockSize..] already holds its first blocks.
    private void ApplyKeystream(ReadOnlySpan<byte> nonce12, Span<byte> keystream, ReadOnlySpan<byte> input, Span<byte> output)
    {
        var done = Math.Min(keystream.Length - BlockSize, input.Length);
        Xor(input[..done], keystream[BlockSize..], output);
        var counter = (uint)(keystream.Length / BlockSize) + 1;
        while (done < input.Length)
        {
            var take = Math.Min(keystream.Length, input.Length - done);
            var blocks = (take + BlockSize - 1) / BlockSize;
            _cipher.EncryptCounters(nonce12, counter, keystream[..(blocks * BlockSize)]);
            counter += (uint)blocks;
            Xor(input.Slice(done, take), keystream, output[done..]);
            done += take;
        }
    }

    private static void Xor(ReadOnlySpan<byte> data, ReadOnlySpan<byte> keystream, Span<byte> output)
    {
        var i = 0;
        for (; i + BlockSize <= data.Length; i += BlockSize)
        {
            (Vector128.Create(data[i..]) ^ Vector128.Create(keystream[i..])).CopyTo(output[i..]);
        }

        for (; i < data.Length; i++)
        {
            output[i] = (byte)(data[i] ^ keystream[i]);
        }
    }

    private static void CheckArguments(ReadOnlySpan<byte> nonce12, ReadOnlySpan<byte> input, ReadOnlySpan<byte> output, string outputName, ReadOnlySpan<byte> tag16, string tagName)
    {
        if (nonce12.Length != NonceSize)
        {
            throw new ArgumentException($"The nonce must be {NonceSize} bytes.", nameof(nonce12));
        }

        if (tag16.Length != TagSize)
        {
            throw new ArgumentException($"The tag must be {TagSize} bytes.", tagName);
        }

        if (output.Length != input.Length)
        {
            throw new ArgumentException("The output must be as long as the input.", outputName);
        }

        // Counter mode reads each byte before writing it, so only a shifted overlap would go wrong.
        if (input.Overlaps(output, out var offset) && offset != 0)
        {
            throw new ArgumentException("The input and the output may be one buffer but must not otherwise overlap.", outputName);
        }
    }
}
