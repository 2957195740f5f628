namespace Airadcr.EndToEnd.Tests;

/// <summary>
/// The processes of one graph, found in /proc: DCP (started with <c>--monitor APPHOST_PID</c>), the servers (their
/// command line names the run folder), the services (their environment names it: <c>AIRADCR_DATA_DIR</c>), and
/// every child of those.
/// </summary>
public static class GraphProcesses
{
    public static List<int> Of(int appHostPid, string runFolder)
    {
        var pids = new List<int>();
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId || pid == appHostPid)
            {
                continue;
            }
            var stat = Read(Path.Combine(directory, "stat"));
            if (stat.Length > 0 && int.TryParse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], out var parent))
            {
                parents[pid] = parent;
            }
            var commandLine = Read(Path.Combine(directory, "cmdline"));
            var environment = Read(Path.Combine(directory, "environ"));
            if (commandLine.Contains($"--monitor\0{appHostPid}\0", StringComparison.Ordinal) ||
                commandLine.Contains(runFolder, StringComparison.Ordinal) ||
                environment.Contains("AIRADCR_DATA_DIR=" + runFolder, StringComparison.Ordinal))
            {
                pids.Add(pid);
            }
        }
        // Their children too (DCP's controllers, PostgreSQL's workers).
        var added = true;
        while (added)
        {
            added = false;
            foreach (var (pid, parent) in parents)
            {
                if (pids.Contains(parent) && !pids.Contains(pid))
                {
                    pids.Add(pid);
                    added = true;
                }
            }
        }
        return pids;
    }

    /// <summary>The processes whose environment holds <paramref name="variable"/> (<c>NAME=value</c>, whole).</summary>
    public static List<int> WithEnvironment(string variable) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(directory => int.TryParse(Path.GetFileName(directory), out var pid) ? pid : 0)
            .Where(pid => pid > 1 && pid != Environment.ProcessId && Read($"/proc/{pid}/environ").Split('\0').Contains(variable))];

    public static bool IsAlive(int pid)
    {
        var status = Read($"/proc/{pid}/stat");
        // A zombie (state Z) has exited; its parent has not reaped it yet.
        return status.Length > 0 && !status[(status.LastIndexOf(')') + 2)..].StartsWith('Z');
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
