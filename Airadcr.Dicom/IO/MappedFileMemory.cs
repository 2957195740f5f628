using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Airadcr.Dicom.IO;

/// <summary>A read-only memory-mapped file exposed as <see cref="Memory{T}"/>, so element values are views of the
/// file rather than managed copies. The mapping lives as long as any value references it, or until disposed.</summary>
internal sealed unsafe class MappedFileMemory : MemoryManager<byte>
{
    private readonly IDisposable _mapping;
    private readonly byte* _pointer;
    private readonly int _length;

    public MappedFileMemory(string path, long length)
    {
        if (length > int.MaxValue)
        {
            throw new DicomFormatException($"file of {length} bytes is larger than the 2 GiB supported", 0);
        }

        _length = (int)length;
        if (!OperatingSystem.IsWindows())
        {
            using var handle = File.OpenHandle(path);
            var unix = UnixMapping.Map(handle, length);
            _mapping = unix;
            _pointer = unix.Pointer;
            return;
        }

        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* p = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _pointer = p + view.PointerOffset;

        // The view stays mapped while this object (referenced by every value) is reachable; unmapped by Dispose or,
        // failing that, by the view handle's own finalizer.
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        _mapping = new MappedView(file, view);
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _mapping.Dispose();
        }
    }

    private sealed class MappedView(MemoryMappedFile file, MemoryMappedViewAccessor view) : IDisposable
    {
        public void Dispose()
        {
            view.Dispose();
            file.Dispose();
        }
    }
}
