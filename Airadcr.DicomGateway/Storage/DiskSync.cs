using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Airadcr.DicomGateway.Storage;

/// <summary>fsync of a file or a directory by path (POSIX; a no-op elsewhere): a file's data, or a rename into a directory, survives a
/// crash. Also the early writeback of a file still being written.</summary>
internal static partial class DiskSync
{
    private const int ReadOnly = 0;
    private const int DirectoryOnly = 0x10000; // O_DIRECTORY on Linux

    public static void File(string path) => Sync(path, ReadOnly);

    public static void Directory(string path) => Sync(path, ReadOnly | DirectoryOnly);

    /// <summary>
    /// Asks the kernel to start writing the file's dirty pages now, without waiting for them (Linux
    /// <c>sync_file_range(SYNC_FILE_RANGE_WRITE)</c>; a no-op elsewhere). No durability promise: a later fsync still
    /// makes the file durable, only with less left to write. Best effort: a failure is ignored.
    /// </summary>
    public static void StartWriteback(SafeFileHandle file)
    {
        if (OperatingSystem.IsLinux())
        {
            _ = sync_file_range(file, 0, 0, StartWrite);
        }
    }

    private const uint StartWrite = 2; // SYNC_FILE_RANGE_WRITE

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

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sync_file_range(SafeFileHandle fd, long offset, long count, uint flags);
}
