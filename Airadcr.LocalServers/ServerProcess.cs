using System.Diagnostics;

namespace Airadcr.LocalServers;

/// <summary>
/// A server started in the foreground as a child process, in its own process group (setsid), with its output in a
/// log file. Stopping signals the whole group (SIGINT, then SIGKILL). A watchdog process kills the group as soon as
/// the owning process (the current one by default: test host, AppHost) disappears, so a cancelled or crashed run leaves no orphan.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(10);
    private readonly Process _server;
    private readonly Process _watchdog;

    private ServerProcess(string name, Process server, Process watchdog, string logPath)
    {
        Name = name;
        _server = server;
        _watchdog = watchdog;
        Pid = server.Id;
        WatchdogPid = watchdog.Id;
        LogPath = logPath;
    }

    public string Name { get; }

    /// <summary>PID of the server, also its process group id.</summary>
    public int Pid { get; }

    public int WatchdogPid { get; }

    public string LogPath { get; }

    public bool HasExited => _server.HasExited;

    public int ExitCode => _server.ExitCode;

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _server.WaitForExitAsync(cancellationToken);

    /// <summary>Every live process of the server's group (the server and any worker it forked).</summary>
    public IReadOnlyList<int> ProcessTree() => ProcessTable.GroupMembers(Pid);

    /// <summary>Starts <paramref name="program"/> with <paramref name="arguments"/>.</summary>
    /// <param name="runAs">A system user to run as (e.g. <c>postgres</c>) when the tests run as root.</param>
    /// <param name="ownerPid">The process whose death stops the server; the current process by default.</param>
    public static ServerProcess Start(
        string name,
        string program,
        IEnumerable<string> arguments,
        string logPath,
        IReadOnlyDictionary<string, string>? environment = null,
        string? runAs = null,
        int? ownerPid = null)
    {
        var start = new ProcessStartInfo(ToolLocator.Find("setsid", "util-linux"))
        {
            UseShellExecute = false,
        };
        // setsid execs in place (the child of fork is not a group leader), so the PID we get is the server's.
        // env restores default signal handling: a parent started as a background job ignores SIGINT, and an ignored
        // signal stays ignored across exec, so the server would not hear the SIGINT that stops it.
        // Output goes straight to the log file through the shell's redirection: no pipe to drain.
        start.ArgumentList.Add(ToolLocator.Find("env", "coreutils"));
        start.ArgumentList.Add("--default-signal");
        start.ArgumentList.Add(ToolLocator.Find("sh", "dash"));
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$@\" >>\"$AIRADCR_SERVER_LOG\" 2>&1 </dev/null");
        start.ArgumentList.Add(name);
        if (runAs is not null && Environment.UserName == "root")
        {
            start.ArgumentList.Add(ToolLocator.Find("setpriv", "util-linux"));
            start.ArgumentList.Add($"--reuid={runAs}");
            start.ArgumentList.Add($"--regid={runAs}");
            start.ArgumentList.Add("--init-groups");
            start.ArgumentList.Add("--");
        }
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["AIRADCR_SERVER_LOG"] = logPath;
        start.Environment["TCP_NODELAY"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var server = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        var watchdog = StartWatchdog(ownerPid ?? Environment.ProcessId, server.Id);
        ServerProcessRegistry.Add(server.Id);
        ServerProcessRegistry.Add(watchdog.Id);
        return new ServerProcess(name, server, watchdog, logPath);
    }

    private static Process StartWatchdog(int ownerPid, int serverPid)
    {
        // Polls with the shell's sleep: a separate process, so it outlives a killed test host. (dash: no `kill --`.)
        const string script = """
            while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 0.5; done
            if kill -0 "$2" 2>/dev/null; then
              kill -INT "-$2" 2>/dev/null; i=0
              while kill -0 "$2" 2>/dev/null && [ $i -lt 20 ]; do sleep 0.5; i=$((i+1)); done
              kill -KILL "-$2" 2>/dev/null
            fi
            """;
        var start = new ProcessStartInfo(ToolLocator.Find("setsid", "util-linux")) { UseShellExecute = false };
        foreach (var argument in new[] { ToolLocator.Find("sh", "dash"), "-c", script, "airadcr-watchdog",
                     ownerPid.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     serverPid.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start) ?? throw new InvalidOperationException("watchdog did not start");
    }

    /// <summary>The last lines of the server's log, for failure messages.</summary>
    public string LogTail(int lines = 30)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (FileNotFoundException)
        {
            return "(no log)";
        }
    }

    /// <summary>SIGINT to the server's whole process group, as Ctrl+C in its terminal would send; does not wait.</summary>
    public void Interrupt() => UnixSignals.SignalGroup(Pid, UnixSignals.SigInt);

    /// <summary>SIGKILL to the server's whole process group, as a crash would end it: no shutdown code runs.</summary>
    public void Kill() => UnixSignals.SignalGroup(Pid, UnixSignals.SigKill);

    /// <summary>Stops the server's whole process group: SIGINT (clean shutdown), then SIGKILL after a grace period.</summary>
    public ValueTask DisposeAsync() => StopAsync(GracefulStop);

    /// <summary>SIGINT to the whole group, SIGKILL to what is left after <paramref name="grace"/>; then releases the handles.</summary>
    public async ValueTask StopAsync(TimeSpan grace)
    {
        if (ProcessTree().Count > 0)
        {
            Interrupt();
            using var deadline = new CancellationTokenSource(grace);
            try
            {
                await _server.WaitForExitAsync(deadline.Token);
                await WaitForGroupToEmptyAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                UnixSignals.SignalGroup(Pid, UnixSignals.SigKill);
                await _server.WaitForExitAsync(CancellationToken.None);
            }
        }
        await _watchdog.WaitForExitAsync(CancellationToken.None);
        _server.Dispose();
        _watchdog.Dispose();
    }

    private async Task WaitForGroupToEmptyAsync(CancellationToken cancellationToken)
    {
        while (ProcessTree().Count > 0)
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}
