using System.Globalization;
using Airadcr.EndToEnd.Tests;

namespace Airadcr.AppHost.Bench;

/// <summary>The graph's memory: the sum of the resident sets of its processes (DCP, servers, services) and of this one (the AppHost runs in it).</summary>
internal static class GraphMemory
{
    public static string Describe(string runFolder)
    {
        var pids = GraphProcesses.Of(Environment.ProcessId, runFolder);
        var total = pids.Sum(ResidentKilobytes) + ResidentKilobytes(Environment.ProcessId);
        return string.Create(CultureInfo.InvariantCulture, $"graph RSS {total / 1024.0:0} MB over {pids.Count + 1} processes");
    }

    private static long ResidentKilobytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
