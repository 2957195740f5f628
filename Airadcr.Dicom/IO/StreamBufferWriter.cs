using System.Buffers;

namespace Airadcr.Dicom.IO;

/// <summary>An <see cref="IBufferWriter{T}"/> that flushes a pooled buffer to a stream.</summary>
internal sealed class StreamBufferWriter(Stream stream, int bufferSize = 64 * 1024) : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    private int _count;

    public void Advance(int count) => _count += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_count);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_count);
    }

    /// <summary>Writes <paramref name="value"/> after what is buffered, straight to the stream: a large value (pixel
    /// data) is not copied through the buffer first.</summary>
    public void WriteThrough(ReadOnlySpan<byte> value)
    {
        Flush();
        stream.Write(value);
    }

    public void Flush()
    {
        stream.Write(_buffer, 0, _count);
        _count = 0;
    }

    private void Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_buffer.Length - _count >= sizeHint)
        {
            return;
        }

        Flush();
        if (_buffer.Length < sizeHint)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(sizeHint);
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
