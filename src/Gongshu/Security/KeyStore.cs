using System.Security.Cryptography;
using Gongshu.Security.Crypto;

namespace Gongshu.Security;

/// <summary>
/// The platform's keys, kept outside the database so that a copy of the database alone
/// can neither forge audit checkpoints nor read protected secrets:
/// <list type="bullet">
/// <item><c>audit-signing.sm2</c>: the SM2 private key that signs audit checkpoints;</item>
/// <item><c>master.sm4</c>: the SM4 key that seals stored secrets (app secrets, TOTP seeds).</item>
/// </list>
/// The folder is <c>{data}/keys</c> unless <c>GONGSHU_KEYS_DIR</c> names another.
/// </summary>
public sealed class KeyStore
{
    public const string AuditKeyFile = "audit-signing.sm2";
    public const string MasterKeyFile = "master.sm4";

    private readonly byte[] _masterKey;

    private KeyStore(string directory, Sm2KeyPair auditSigningKey, byte[] masterKey)
    {
        Directory = directory;
        AuditSigningKey = auditSigningKey;
        _masterKey = masterKey;
    }

    public string Directory { get; }

    public Sm2KeyPair AuditSigningKey { get; }

    public static string DefaultDirectory(string dataDirectory)
        => Environment.GetEnvironmentVariable("GONGSHU_KEYS_DIR") is { Length: > 0 } dir ? dir : Path.Combine(dataDirectory, "keys");

    /// <summary>
    /// Loads the keys; with <paramref name="createMissing"/> a first start generates them.
    /// A key file that exists but cannot be read is an error, never silently replaced.
    /// </summary>
    public static KeyStore Open(string directory, bool createMissing)
    {
        if (createMissing)
        {
            System.IO.Directory.CreateDirectory(directory);
        }

        var auditPath = Path.Combine(directory, AuditKeyFile);
        var masterPath = Path.Combine(directory, MasterKeyFile);
        if (createMissing)
        {
            CreateIfMissing(auditPath, () => Sm2KeyPair.Generate().PrivateKeyHex);
            CreateIfMissing(masterPath, () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Sm4.KeySize)));
        }

        Sm2KeyPair auditKey;
        byte[] masterKey;
        try
        {
            auditKey = Sm2KeyPair.FromPrivateKeyHex(File.ReadAllText(auditPath));
            masterKey = Convert.FromHexString(File.ReadAllText(masterPath).Trim());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            throw new GongshuException(ErrorKind.Unavailable, "keys_unreadable",
                $"The platform keys in '{directory}' are missing or unreadable ({e.GetType().Name}). Restore the key files or point GONGSHU_KEYS_DIR at them.", inner: e);
        }

        if (masterKey.Length != Sm4.KeySize)
        {
            throw new GongshuException(ErrorKind.Unavailable, "keys_unreadable", $"'{masterPath}' must hold a {Sm4.KeySize}-byte key in hex.");
        }

        return new KeyStore(directory, auditKey, masterKey);
    }

    /// <summary>Seals a secret for storage (SM4-GCM); <paramref name="purpose"/> binds it to its use.</summary>
    public byte[] Seal(ReadOnlySpan<byte> secret, string purpose)
        => Sm4.Encrypt(_masterKey, secret, System.Text.Encoding.UTF8.GetBytes(purpose));

    public byte[] Unseal(ReadOnlySpan<byte> sealedSecret, string purpose)
        => Sm4.Decrypt(_masterKey, sealedSecret, System.Text.Encoding.UTF8.GetBytes(purpose));

    /// <summary>A key for one purpose derived from the master key (HMAC-SM3), e.g. the blind-index key.</summary>
    public byte[] DeriveKey(string purpose) => Sm3.Hmac(_masterKey, System.Text.Encoding.UTF8.GetBytes(purpose));

    private static void CreateIfMissing(string path, Func<string> content)
    {
        if (File.Exists(path))
        {
            return;
        }

        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        using var writer = new StreamWriter(stream);
        writer.Write(content());
    }
}
