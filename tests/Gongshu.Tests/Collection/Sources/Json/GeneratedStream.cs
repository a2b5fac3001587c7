using System.Text;

namespace Gongshu.Tests.CollectionTests.Sources.Json;

/// <summary>
/// An unseekable stream of generated text, one line at a time, so a test can feed a reader far
/// more data than it would want to hold; it returns small, uneven reads, as a network does.
/// </summary>
public sealed class GeneratedStream(long lines, Func<long, string> line) : Stream
{
    private readonly byte[] _pending = new byte[64 * 1024];
    private int _pendingStart;
    private int _pendingEnd;
    private long _next = 1;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_pendingStart == _pendingEnd)
        {
            if (_next > lines)
            {
                return 0;
            }

            _pendingStart = 0;
            _pendingEnd = Encoding.UTF8.GetBytes(line(_next++) + "\n", _pending);
        }

        var n = Math.Min(Math.Min(count, _pendingEnd - _pendingStart), 1000 + (int)(_next % 3000));
        Array.Copy(_pending, _pendingStart, buffer, offset, n);
        _pendingStart += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
