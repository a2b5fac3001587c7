using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Gongshu.Security.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace Gongshu.Audit;

/// <summary>
/// The hash chain's rules, public so that anyone can re-check a log by hand (docs/AUDIT.md):
/// <c>hash = SM3(prev_hash ‖ canonical entry)</c>, where the canonical entry is seq as 8 bytes
/// big-endian, then time, actor, organization, action, object, purpose, outcome, client address
/// and detail, each as a 4-byte big-endian length and its UTF-8 bytes (length <c>0xFFFFFFFF</c>
/// for null). Time is UTC text <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>, microseconds being what
/// both databases store. The first entry's prev_hash is 32 zero bytes.
/// </summary>
public static class AuditChain
{
    public const int HashSize = Sm3.DigestSize;

    /// <summary>The canonical time format; also how SQLite stores <c>at</c> (see <see cref="Storage.DapperSetup"/>).</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    internal const int TimeLength = 27;

    private static readonly byte[] CheckpointTag = "gongshu.audit.checkpoint.v1"u8.ToArray();

    /// <summary>prev_hash of entry 1.</summary>
    public static ReadOnlySpan<byte> GenesisHash => new byte[HashSize];

    public static string OutcomeText(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Success => "success",
        AuditOutcome.Denied => "denied",
        AuditOutcome.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    /// <summary>Drops what neither database can store below a microsecond, and moves to UTC.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    public static string FormatTime(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>The hash an entry with these stored values has, given the previous entry's hash.</summary>
    public static byte[] ComputeHash(ReadOnlySpan<byte> prevHash, long seq, DateTimeOffset at, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var hash = new byte[HashSize];
        new AuditHasher().Compute(prevHash, seq, at.UtcDateTime, entry.Actor, entry.Organization, entry.Action, entry.Object,
            entry.Purpose, OutcomeText(entry.Outcome), entry.ClientAddress, entry.Detail, hash);
        return hash;
    }

    /// <summary>
    /// The bytes a checkpoint signs: a fixed tag (so the audit key's signatures mean nothing
    /// elsewhere), then seq as 8 bytes big-endian, then the entry's 32-byte hash.
    /// </summary>
    public static byte[] CheckpointMessage(long seq, ReadOnlySpan<byte> hash)
    {
        var message = new byte[CheckpointTag.Length + 8 + hash.Length];
        CheckpointTag.CopyTo(message, 0);
        BinaryPrimitives.WriteInt64BigEndian(message.AsSpan(CheckpointTag.Length), seq);
        hash.CopyTo(message.AsSpan(CheckpointTag.Length + 8));
        return message;
    }
}

/// <summary>
/// Computes entry hashes with one reused buffer and digest: the verifier hashes millions of
/// entries, so nothing here allocates per entry. Fields are added in canonical order between
/// <see cref="Begin"/> and <see cref="Finish"/>. Not thread-safe; one per writer or verifier.
/// </summary>
internal sealed class AuditHasher
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly SM3Digest _digest = new();
    private readonly byte[] _output = new byte[AuditChain.HashSize];
    private byte[] _buffer = new byte[2048];
    private int _length;

    public void Compute(
        ReadOnlySpan<byte> prevHash, long seq, DateTime atUtc, string? actor, string? organization, string? action, string? obj,
        string? purpose, string? outcome, string? clientAddress, string? detail, Span<byte> hash)
    {
        Begin(prevHash, seq);
        AddTime(atUtc);
        AddText(actor);
        AddText(organization);
        AddText(action);
        AddText(obj);
        AddText(purpose);
        AddText(outcome);
        AddText(clientAddress);
        AddText(detail);
        Finish(hash);
    }

    public void Begin(ReadOnlySpan<byte> prevHash, long seq)
    {
        _length = 0;
        Ensure(prevHash.Length + 8);
        prevHash.CopyTo(_buffer);
        _length = prevHash.Length;
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), seq);
        _length += 8;
    }

    public void AddTime(DateTime atUtc)
    {
        Ensure(4 + AuditChain.TimeLength);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), AuditChain.TimeLength);
        if (!atUtc.TryFormat(_buffer.AsSpan(_length + 4), out var written, AuditChain.TimeFormat, CultureInfo.InvariantCulture)
            || written != AuditChain.TimeLength)
        {
            throw new ArgumentOutOfRangeException(nameof(atUtc), "The time cannot be written in the canonical form.");
        }

        _length += 4 + written;
    }

    public void AddText(string? value)
    {
        if (value is null)
        {
            AddNull();
            return;
        }

        Ensure(4 + StrictUtf8.GetMaxByteCount(value.Length));
        var count = StrictUtf8.GetBytes(value, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), count);
        _length += 4 + count;
    }

    /// <summary>Adds a column's stored UTF-8 bytes as they are, without decoding them to a string.</summary>
    public void AddColumnBytes(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            AddNull();
            return;
        }

        var count = checked((int)reader.GetBytes(ordinal, 0, null, 0, 0));
        Ensure(4 + count);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), count);
        reader.GetBytes(ordinal, 0, _buffer, _length + 4, count);
        _length += 4 + count;
    }

    /// <summary>Adds a value given as its UTF-8 bytes.</summary>
    public void AddUtf8(ReadOnlySpan<byte> value)
    {
        Ensure(4 + value.Length);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value.Length);
        value.CopyTo(_buffer.AsSpan(_length + 4));
        _length += 4 + value.Length;
    }

    public void Finish(Span<byte> hash)
    {
        _digest.BlockUpdate(_buffer, 0, _length);
        _digest.DoFinal(_output, 0);
        _output.CopyTo(hash);
    }

    public void AddNull()
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_length), uint.MaxValue);
        _length += 4;
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
