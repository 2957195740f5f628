using System.Globalization;
using Airadcr.EndToEnd.Tests;
using Airadcr.Testing;

namespace Airadcr.AppHost.Bench;

/// <summary>The graph's memory: the sum of the resident sets of its processes (DCP, servers, services) and of this one (the AppHost runs in it).</summary>
internal static class GraphMemory
{
    public static string Describe(string runFolder)
    {
        var pids = GraphProcesses.Of(Environment.ProcessId, runFolder);
        var total = pids.Append(Environment.ProcessId).Sum(Resident);
        return string.Create(CultureInfo.InvariantCulture, $"graph RSS {total / 1048576.0:0} MB over {pids.Count + 1} processes");
    }

    private static long Resident(int pid)
    {
        try
        {
            return ProcessMemory.Of(pid).ResidentBytes;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
