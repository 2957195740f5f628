namespace Airadcr.Dicom.DeidBench;

/// <summary>The machine's load averages (1, 5, 15 minutes), as <c>uptime</c> prints them: the machine is shared.</summary>
internal static class Load
{
    public static string Now() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
