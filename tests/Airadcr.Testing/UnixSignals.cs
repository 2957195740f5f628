using System.Runtime.InteropServices;

namespace Airadcr.Testing;

/// <summary>POSIX signals sent to a whole process group, which .NET's Process API cannot do.</summary>
internal static partial class UnixSignals
{
    public const int SigInt = 2;
    public const int SigKill = 9;

    public static void SignalGroup(int processGroupId, int signal) => _ = kill(-processGroupId, signal);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
