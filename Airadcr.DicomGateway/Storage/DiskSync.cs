using System.Runtime.InteropServices;

namespace Airadcr.DicomGateway.Storage;

/// <summary>fsync of a file or a directory by path (POSIX; a no-op elsewhere): a file's data, or a rename into a directory, survives a crash.</summary>
internal static partial class DiskSync
{
    private const int ReadOnly = 0;
    private const int DirectoryOnly = 0x10000; // O_DIRECTORY on Linux

    public static void File(string path) => Sync(path, ReadOnly);

    public static void Directory(string path) => Sync(path, ReadOnly | DirectoryOnly);

    private static void Sync(string path, int flags)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var fd = open(path, flags);
        if (fd < 0)
        {
            throw new IOException($"cannot open for fsync (errno {Marshal.GetLastPInvokeError()})");
        }
        try
        {
            if (fsync(fd) != 0)
            {
                throw new IOException($"fsync failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = close(fd);
        }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
