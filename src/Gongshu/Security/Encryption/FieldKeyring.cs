using System.Globalization;
using System.Security.Cryptography;
using Gongshu.Security.Crypto;

namespace Gongshu.Security.Encryption;

/// <summary>
/// The SM4 keys that encrypt L4 fields at rest, numbered so every stored value names the key
/// that sealed it. They live outside the database: in <c>GONGSHU_FIELD_KEYS</c>
/// (<c>1:hex,2:hex</c>) when that is set, otherwise in the file <c>field-keys</c> of the keys
/// folder (one <c>id hex</c> per line). A rotation adds a key and keeps the old ones until no
/// value needs them.
/// </summary>
public sealed class FieldKeyring
{
    public const string FileName = "field-keys";
    public const string EnvironmentVariable = "GONGSHU_FIELD_KEYS";
    private static readonly byte[] CheckLabel = "gongshu field key check"u8.ToArray();

    private readonly Dictionary<int, byte[]> _keys;

    private FieldKeyring(Dictionary<int, byte[]> keys, string? file, string source)
    {
        _keys = keys;
        File = file;
        Source = source;
    }

    /// <summary>The key file, or null when the keys come from the environment (read-only here).</summary>
    public string? File { get; }

    /// <summary>Where the keys were read from, for messages (never the keys themselves).</summary>
    public string Source { get; }

    public IReadOnlyCollection<int> KeyIds
    {
        get
        {
            lock (_keys)
            {
                return [.. _keys.Keys];
            }
        }
    }

    public int NewestKeyId
    {
        get
        {
            lock (_keys)
            {
                return _keys.Count == 0 ? 0 : _keys.Keys.Max();
            }
        }
    }

    /// <summary>Reads the keys; a missing file is an empty keyring, a damaged one an error.</summary>
    public static FieldKeyring Open(string keysDirectory) => Open(keysDirectory, Environment.GetEnvironmentVariable(EnvironmentVariable));

    internal static FieldKeyring Open(string keysDirectory, string? environmentKeys)
    {
        if (environmentKeys is { Length: > 0 } fromEnvironment)
        {
            return new FieldKeyring(Parse(fromEnvironment.Replace(',', '\n').Replace(':', ' '), EnvironmentVariable), null, EnvironmentVariable);
        }

        var path = Path.Combine(keysDirectory, FileName);
        string text;
        try
        {
            text = System.IO.File.Exists(path) ? System.IO.File.ReadAllText(path) : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GongshuException(ErrorKind.Unavailable, "field_keys_unreadable", $"The field keys in '{path}' cannot be read ({e.GetType().Name}).", inner: e);
        }

        return new FieldKeyring(Parse(text, path), path, path);
    }

    /// <summary>A keyring held in memory only (tests and benchmarks).</summary>
    public static FieldKeyring InMemory(params (int Id, byte[] Key)[] keys)
        => new(keys.ToDictionary(k => k.Id, k => k.Key), null, "memory");

    public bool Contains(int keyId)
    {
        lock (_keys)
        {
            return _keys.ContainsKey(keyId);
        }
    }

    internal byte[] Key(int keyId)
    {
        lock (_keys)
        {
            if (_keys.TryGetValue(keyId, out var key))
            {
                return key;
            }

            // Another process (a rotation run from the command line) may have added it since.
            if (File is not null && System.IO.File.Exists(File))
            {
                foreach (var (id, added) in Parse(System.IO.File.ReadAllText(File), File))
                {
                    _keys.TryAdd(id, added);
                }
            }

            return _keys.TryGetValue(keyId, out key) ? key
                : throw new GongshuException(ErrorKind.Unavailable, "field_key_missing",
                    $"Field key {keyId} is not in {Source}; values sealed with it cannot be read. Restore the key.");
        }
    }

    /// <summary>A short value that shows whether a key is the one the database knows, without revealing it.</summary>
    public string CheckValue(int keyId) => Convert.ToHexStringLower(Sm3.Hmac(Key(keyId), CheckLabel).AsSpan(0, 8));

    /// <summary>Generates key <see cref="NewestKeyId"/> + 1 and saves the file with it (written aside, then moved in place).</summary>
    public int AddKey()
    {
        if (File is null)
        {
            throw new GongshuException(ErrorKind.Conflict, "field_keys_external",
                $"The field keys come from {Source}; add the new key there (id:hex, 32 hex digits) and run the rotation again.");
        }

        lock (_keys)
        {
            return AddKeyLocked(File);
        }
    }

    private int AddKeyLocked(string file)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(file)!);

        // Another process (a second rotation, a server starting) may be adding a key too: hold
        // the lock file, read what the file says now, and never reuse an id it already has.
        using var fileLock = LockFile(file + ".lock");
        if (System.IO.File.Exists(file))
        {
            foreach (var (known, key) in Parse(System.IO.File.ReadAllText(file), file))
            {
                _keys.TryAdd(known, key);
            }
        }

        var id = NewestKeyId + 1;
        _keys[id] = RandomNumberGenerator.GetBytes(Sm4.KeySize);
        var lines = _keys.OrderBy(k => k.Key).Select(k => $"{k.Key.ToString(CultureInfo.InvariantCulture)} {Convert.ToHexStringLower(k.Value)}");
        var text = "# Gongshu field encryption keys (SM4): id and key. Keep every key until `gongshu keys status` says it is retired.\n"
            + string.Join('\n', lines) + "\n";
        var temporary = file + ".new";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            if (!OperatingSystem.IsWindows())
            {
                System.IO.File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            using var writer = new StreamWriter(stream);
            writer.Write(text);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        System.IO.File.Move(temporary, file, overwrite: true);
        return id;
    }

    private static FileStream LockFile(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static Dictionary<int, byte[]> Parse(string text, string source)
    {
        var keys = new Dictionary<int, byte[]>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            byte[]? key = null;
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id is < 1 or > ushort.MaxValue
                || parts[1].Length != Sm4.KeySize * 2 || !TryHex(parts[1], out key) || !keys.TryAdd(id, key))
            {
                // Never echo the line: it holds key material.
                throw new GongshuException(ErrorKind.Unavailable, "field_keys_unreadable",
                    $"Entry {lineNumber} of {source} is not 'id hex-key' with a unique id 1–65535 and a {Sm4.KeySize}-byte key.");
            }
        }

        return keys;
    }

    private static bool TryHex(string hex, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
