using Gongshu.Security.Crypto;

namespace Gongshu.Collection.Sources;

/// <summary>
/// A read-only view of an uploaded or local file that counts the bytes read, fingerprints them
/// with SM3 as they pass (the load history's source fingerprint, with no second read), and
/// refuses to read past a size limit, so an oversized upload is stopped as soon as it crosses it.
/// </summary>
public sealed class MeteredStream(Stream inner, long? limit = null, bool leaveOpen = false) : Stream
{
    private readonly Sm3Hasher _hasher = new();
    private long _read;

    /// <summary>Bytes read so far (safe to read from another thread, for progress).</summary>
    public long BytesRead => Interlocked.Read(ref _read);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <summary>SM3 of every byte read, as lower-case hex; meaningful once the source has been read to its end.</summary>
    public string Fingerprint() => Convert.ToHexStringLower(_hasher.GetCurrentHash());

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Count(buffer[..n]);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        Count(buffer.Span[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Count(ReadOnlySpan<byte> bytes)
    {
        var total = Interlocked.Add(ref _read, bytes.Length);
        if (limit is { } max && total > max)
        {
            throw TooLarge(max);
        }

        _hasher.Append(bytes);
    }

    /// <summary>The refusal of a file over <paramref name="limit"/>, whether told by its declared length or by its bytes.</summary>
    public static GongshuException TooLarge(long limit) => new(ErrorKind.PayloadTooLarge, "upload_too_large",
        $"The file is larger than the limit of {Describe(limit)}; nothing was loaded. Split it, or ask the platform admin to raise the limit.", "file");

    public static string Describe(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30} GB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => $"{bytes >> 20} MB",
        >= 1L << 10 when bytes % (1L << 10) == 0 => $"{bytes >> 10} KB",
        _ => $"{bytes:N0} bytes",
    };
}
