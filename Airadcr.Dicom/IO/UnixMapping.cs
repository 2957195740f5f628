using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Airadcr.Dicom.IO;

/// <summary>A read-only private mmap(2) of a whole file (Linux/macOS): far cheaper to set up than
/// <see cref="System.IO.MemoryMappedFiles.MemoryMappedFile"/>; unmapped on dispose or by the handle's finalizer.</summary>
internal sealed partial class UnixMapping : SafeHandleZeroOrMinusOneIsInvalid
{
    private const int ProtRead = 1;
    private const int MapPrivate = 2;
    private nuint _length;

    private UnixMapping() : base(ownsHandle: true)
    {
    }

    public static unsafe UnixMapping Map(SafeFileHandle file, long length)
    {
        var mapping = new UnixMapping { _length = (nuint)length };
        var address = MMap(0, (nuint)length, ProtRead, MapPrivate, (int)file.DangerousGetHandle(), 0);
        if (address == -1)
        {
            throw new IOException($"mmap failed with errno {Marshal.GetLastPInvokeError()}");
        }

        mapping.SetHandle(address);
        return mapping;
    }

    public unsafe byte* Pointer => (byte*)handle;

    protected override bool ReleaseHandle() => MUnmap(handle, _length) == 0;

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint MMap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int MUnmap(nint address, nuint length);
}
