using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Airadcr.Dicom.IO;

/// <summary>A read-only memory-mapped file exposed as <see cref="Memory{T}"/>, so element values are views of the
/// file rather than managed copies. The mapping lives as long as any value references it, or until disposed.</summary>
internal sealed unsafe class MappedFileMemory : MemoryManager<byte>
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;
    private readonly int _length;
    private int _disposed;

    public MappedFileMemory(string path, long length)
    {
        if (length > int.MaxValue)
        {
            throw new DicomFormatException($"file of {length} bytes is larger than the 2 GiB supported", 0);
        }

        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        _view = _file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* p = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _pointer = p + _view.PointerOffset;

        // The view stays mapped while this object (referenced by every value) is reachable; unmapped by Dispose or,
        // failing that, by the view handle's own finalizer.
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _length = (int)length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (disposing)
        {
            _view.Dispose();
            _file.Dispose();
        }
    }
}
