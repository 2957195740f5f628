using System.Text.Json;
using Airadcr.Testing;

namespace Airadcr.EndToEnd.Tests;

/// <summary>The AppHost as its own process: killed with SIGKILL, it leaves no server or service behind.</summary>
[Collection(nameof(AppHostProcessCollection))]
public sealed class AppHostProcessTests : IDisposable
{
    private readonly FixtureDirectory _directory = RunFolder.Create("e2e-apphost");

    [Fact]
    public async Task Killing_the_apphost_with_sigkill_leaves_no_process_of_the_graph()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = _directory.Combine("run");
        var appHost = BuiltProject.Start("apphost", BuiltProject.Find("Airadcr.AppHost"),
            _directory.Combine("apphost.log"), new Dictionary<string, string>(), ["--data", run, "--quiet", "--stable-seconds", "1"]);
        await using (appHost)
        {
            var stateFile = Path.Combine(run, "resources.json");
            await Readiness.WaitAsync(appHost, async token => (await StatesAsync(stateFile, token)).Count > 0, ct, TimeSpan.FromMinutes(3));
            Assert.False((await StatesAsync(stateFile, ct)).Contains("Failed"), await File.ReadAllTextAsync(stateFile, ct));
            var pids = await PidsAsync(stateFile, ct);
            Assert.True(pids.Count >= 12, $"expected the servers, services and their watchdogs, got {pids.Count} PIDs");

            appHost.Kill();
            await appHost.WaitForExitAsync(ct);

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(20));
            while (pids.Any(ProcessTable.IsAlive) && !deadline.IsCancellationRequested)
            {
                await Task.Delay(100, CancellationToken.None);
            }
            Assert.All(pids, pid => Assert.False(ProcessTable.IsAlive(pid), $"process {pid} outlived the killed AppHost"));
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
