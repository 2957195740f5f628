namespace Airadcr.LocalServers;

/// <summary>Reads Linux's /proc: which processes exist and which belong to a process group.</summary>
public static class ProcessTable
{
    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        var stat = ReadStat(pid);
        return stat is not null && stat.Value.State != 'Z';
    }

    /// <summary>Live processes whose process group is <paramref name="processGroupId"/>.</summary>
    public static IReadOnlyList<int> GroupMembers(int processGroupId)
    {
        var members = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid)
                && ReadStat(pid) is { State: not 'Z' } stat
                && stat.ProcessGroup == processGroupId)
            {
                members.Add(pid);
            }
        }
        return members;
    }

    private static (char State, int ProcessGroup)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // Format: pid (comm) state ppid pgrp ... ; comm may contain spaces and parentheses.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture));
    }
}
