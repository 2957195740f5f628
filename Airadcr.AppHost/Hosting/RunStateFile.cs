using System.Text.Json;

namespace Airadcr.AppHost.Hosting;

/// <summary>
/// <c>{run folder}/resources.json</c>: each resource's state, process ids and addresses, rewritten on every change
/// of the graph (for scripts, and for the test that kills the AppHost and checks no process is left).
/// </summary>
internal sealed class RunStateFile(string path)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public void Write(IReadOnlyList<Resource> resources)
    {
        var state = new
        {
            appHostPid = Environment.ProcessId,
            resources = resources.Select(r => new
            {
                name = r.Name,
                state = r.State.ToString(),
                detail = r.StateDetail,
                pid = r.Process?.Pid,
                watchdogPid = r.Process?.WatchdogPid,
                urls = r.Urls().ToDictionary(u => u.Label, u => u.Address),
            }),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, Indented));
        File.Move(temporary, path, overwrite: true);
    }
}
