using System.Diagnostics;
using System.Text.Json;
using Airadcr.Testing;

namespace Airadcr.EndToEnd.Tests;

/// <summary>
/// The AppHost as its own process (the built dll, as `dotnet run` starts it): Ctrl+C stops the whole graph within 10 s,
/// SIGKILL leaves no server or service behind, and <c>--strict</c> refuses to start without a server program.
/// </summary>
[Collection(nameof(AppHostProcessCollection))]
public sealed class AppHostProcessTests : IDisposable
{
    /// <summary>Issue 9's contract for Ctrl+C.</summary>
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(10);
    private readonly FixtureDirectory _directory = RunFolder.Create("e2e-apphost");

    [Fact]
    public async Task Killing_the_apphost_with_sigkill_leaves_no_process_of_the_graph()
    {
        var ct = TestContext.Current.CancellationToken;
        var (appHost, pids) = await StartGraphAsync(ct);
        await using (appHost)
        {
            appHost.Kill();
            await appHost.WaitForExitAsync(ct);

            await WaitUntilDeadAsync(pids, TimeSpan.FromSeconds(20), ct);
            Assert.All(pids, pid => Assert.False(ProcessTable.IsAlive(pid), $"process {pid} outlived the killed AppHost"));
        }
    }

    [Fact]
    public async Task Ctrl_c_stops_every_process_of_the_graph_within_10_seconds()
    {
        var ct = TestContext.Current.CancellationToken;
        var (appHost, pids) = await StartGraphAsync(ct);
        await using (appHost)
        {
            var stopping = Stopwatch.StartNew();
            appHost.Interrupt();
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                deadline.CancelAfter(StopDeadline + TimeSpan.FromSeconds(20));
                await appHost.WaitForExitAsync(deadline.Token);
            }
            await WaitUntilDeadAsync(pids, StopDeadline, ct);
            stopping.Stop();

            Assert.All(pids, pid => Assert.False(ProcessTable.IsAlive(pid), $"process {pid} outlived Ctrl+C"));
            Assert.True(stopping.Elapsed < StopDeadline, $"Ctrl+C took {stopping.Elapsed.TotalSeconds:0.0} s\n{appHost.LogTail(20)}");
            Assert.Equal(0, appHost.ExitCode);
        }
    }

    [Fact]
    public async Task Strict_refuses_to_start_without_the_server_programs_and_names_their_packages()
    {
        var ct = TestContext.Current.CancellationToken;
        var noServers = Directory.CreateDirectory(_directory.Combine("no-servers")).FullName;
        var run = _directory.Combine("run");
        var appHost = BuiltProject.Start("apphost", BuiltProject.Find("Airadcr.AppHost"), _directory.Combine("apphost.log"),
            new Dictionary<string, string>(), ["--data", run, "--quiet", "--strict", "--server-path", noServers]);
        await using (appHost)
        {
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                deadline.CancelAfter(TimeSpan.FromMinutes(1));
                await appHost.WaitForExitAsync(deadline.Token);
            }
            var output = appHost.LogTail(100);

            Assert.NotEqual(0, appHost.ExitCode);
            Assert.Contains("--strict: not starting", output, StringComparison.Ordinal);
            Assert.Contains("apt-get install -y --no-install-recommends postgresql", output, StringComparison.Ordinal);
            Assert.Contains("apt-get install -y --no-install-recommends redis-server", output, StringComparison.Ordinal);
            Assert.Contains("apt-get install -y --no-install-recommends orthanc", output, StringComparison.Ordinal);
            Assert.Empty(await PidsAsync(Path.Combine(run, "resources.json"), ct));
        }
    }

    /// <summary>Starts the AppHost's dll on a fresh run folder; returns once every resource has left start-up, none failed.</summary>
    private async Task<(ServerProcess AppHost, List<int> Pids)> StartGraphAsync(CancellationToken ct)
    {
        var run = _directory.Combine("run");
        var appHost = BuiltProject.Start("apphost", BuiltProject.Find("Airadcr.AppHost"),
            _directory.Combine("apphost.log"), new Dictionary<string, string>(), ["--data", run, "--quiet", "--stable-seconds", "1"]);
        var stateFile = Path.Combine(run, "resources.json");
        await Readiness.WaitAsync(appHost, async token => (await StatesAsync(stateFile, token)).Count > 0, ct, TimeSpan.FromMinutes(3));
        Assert.False((await StatesAsync(stateFile, ct)).Contains("Failed"), await File.ReadAllTextAsync(stateFile, ct));
        var pids = await PidsAsync(stateFile, ct);
        Assert.True(pids.Count >= 12, $"expected the servers, services and their watchdogs, got {pids.Count} PIDs");
        return (appHost, pids);
    }

    private static async Task WaitUntilDeadAsync(List<int> pids, TimeSpan timeout, CancellationToken ct)
    {
        var waiting = Stopwatch.StartNew();
        while (pids.Any(ProcessTable.IsAlive) && waiting.Elapsed < timeout)
        {
            await Task.Delay(50, ct);
        }
    }

    /// <summary>The states in resources.json once every resource has left start-up (empty before).</summary>
    private static async Task<List<string>> StatesAsync(string stateFile, CancellationToken ct)
    {
        if (!File.Exists(stateFile))
        {
            return [];
        }
        using var state = JsonDocument.Parse(await File.ReadAllTextAsync(stateFile, ct));
        var states = state.RootElement.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("state").GetString()!).ToList();
        return states.Any(s => s is "Waiting" or "Starting" or "NotStarted") ? [] : states;
    }

    /// <summary>The PIDs of the servers, services and their watchdogs.</summary>
    private static async Task<List<int>> PidsAsync(string stateFile, CancellationToken ct)
    {
        using var state = JsonDocument.Parse(await File.ReadAllTextAsync(stateFile, ct));
        return [.. state.RootElement.GetProperty("resources").EnumerateArray()
            .SelectMany(r => new[] { r.GetProperty("pid"), r.GetProperty("watchdogPid") })
            .Where(p => p.ValueKind == JsonValueKind.Number).Select(p => p.GetInt32())];
    }

    public void Dispose() => _directory.Dispose();
}
