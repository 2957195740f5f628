using Airadcr.Dicom.Network.Server;

namespace Airadcr.DicomGateway.Storage;

/// <summary>
/// A received instance's temporary file whose writeback to disk starts while its data set is still arriving: every
/// <see cref="Interval"/> bytes, the kernel is asked to start writing what it holds of the file
/// (<see cref="DiskSync.StartWriteback"/>), so that the group commit's fsync finds the data mostly on its way and
/// waits for the tail and the metadata only. Durability itself is unchanged: it is still the group commit's fsync.
/// </summary>
internal sealed class WritebackTarget(IStoreTarget inner) : IStoreTarget
{
    /// <summary>Bytes between two writeback requests (a 512x512 CT slice asks twice).</summary>
    public const int Interval = 192 * 1024;

    public Stream DataSet { get; } = new WritebackStream((FileStream)inner.DataSet);

    public ValueTask<StoreOutcome> CompleteAsync(CancellationToken cancellationToken) => inner.CompleteAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    /// <summary>The file stream, written through, with a writeback request every <see cref="Interval"/> bytes.</summary>
    private sealed class WritebackStream(FileStream file) : Stream
    {
        private long _sinceWriteback;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            file.Write(buffer);
            Written(buffer.Length);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await file.WriteAsync(buffer, cancellationToken);
            Written(buffer.Length);
        }

        private void Written(int count)
        {
            _sinceWriteback += count;
            if (_sinceWriteback >= Interval)
            {
                _sinceWriteback = 0;
                DiskSync.StartWriteback(file.SafeFileHandle);
            }
        }

        public override void Flush() => file.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => file.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
