using System.Runtime.InteropServices;

namespace Airadcr.LocalServers;

/// <summary>POSIX signals sent to a whole process group, which .NET's Process API cannot do.</summary>
internal static partial class UnixSignals
{
    public const int SigInt = 2;
    public const int SigKill = 9;

    /// <summary>Signals every process of a group. Refuses group ids 0 and 1: kill(0) is our own group, kill(-1) everyone.</summary>
    public static void SignalGroup(int processGroupId, int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(processGroupId, 1);
        _ = kill(-processGroupId, signal);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
