using Airadcr.Testing;

namespace Airadcr.EndToEnd.Tests;

/// <summary>
/// The AppHost as its own process: DCP owns the graph's processes, so neither SIGTERM nor SIGKILL of the AppHost
/// leaves one behind; secrets stay in the run folder's owner-only secrets/; <c>--strict</c> and a well-known port held
/// by another process are clear errors before anything starts.
/// </summary>
[Collection(nameof(AppHostProcessCollection))]
public sealed class AppHostProcessTests : IDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(60);
    private readonly FixtureDirectory _directory = RunFolder.Create("e2e-apphost");

    private string Run => _directory.Combine("run");

    [Fact]
    public async Task Sigterm_stops_every_process_of_the_graph_and_secrets_are_owner_only_and_nowhere_else()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var appHost = await StartGraphAsync(ct);
        var pids = GraphProcesses.Of(appHost.Pid, Run);
        Assert.True(pids.Count >= 9, $"expected DCP, PostgreSQL, Redis, Orthanc and the four services, found {pids.Count}\n{appHost.Output}");

        if (!OperatingSystem.IsWindows())
        {
            AssertSecretsAreOwnerOnlyAndNowhereElse();
        }

        appHost.Terminate();
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            deadline.CancelAfter(StopDeadline);
            await appHost.WaitForExitAsync(deadline.Token);
        }
        await AssertAllGoneAsync(pids, "SIGTERM", ct);
    }

    [Fact]
    public async Task Sigkill_of_the_apphost_leaves_no_process_of_the_graph()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var appHost = await StartGraphAsync(ct);
        var pids = GraphProcesses.Of(appHost.Pid, Run);
        Assert.NotEmpty(pids);

        appHost.KillAppHostOnly();
        await appHost.WaitForExitAsync(ct);
        await AssertAllGoneAsync(pids, "SIGKILL of the AppHost", ct);
    }

    [Fact]
    public async Task Strict_refuses_to_start_without_the_server_programs_and_names_their_packages()
    {
        var ct = TestContext.Current.CancellationToken;
        var noServers = Directory.CreateDirectory(_directory.Combine("no-servers")).FullName;
        await using var appHost = AppHostProcess.Start(["--data", Run, "--strict", "--servers", "executables", "--server-path", noServers]);
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            deadline.CancelAfter(TimeSpan.FromMinutes(1));
            await appHost.WaitForExitAsync(deadline.Token);
        }

        Assert.NotEqual(0, appHost.ExitCode);
        Assert.Contains("--strict: not starting", appHost.Output, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y --no-install-recommends postgresql", appHost.Output, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y --no-install-recommends redis-server", appHost.Output, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y --no-install-recommends orthanc", appHost.Output, StringComparison.Ordinal);
        Assert.Empty(GraphProcesses.Of(appHost.Pid, Run));
    }

    [Fact]
    public async Task A_well_known_port_held_by_another_process_is_a_clear_error_naming_it_before_anything_starts()
    {
        var ct = TestContext.Current.CancellationToken;
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 8741);
        holder.Start();
        await using var appHost = AppHostProcess.Start(["--data", Run, "--servers", "executables"], fixedPorts: true);
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            deadline.CancelAfter(TimeSpan.FromMinutes(2));
            await appHost.WaitForExitAsync(deadline.Token);
        }

        Assert.NotEqual(0, appHost.ExitCode);
        Assert.Contains("port 8741 (reportapi/http) is already in use by another process", appHost.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(GraphProcesses.Of(appHost.Pid, Run), GraphProcesses.IsAlive);
    }

    private async Task<AppHostProcess> StartGraphAsync(CancellationToken ct)
    {
        var appHost = AppHostProcess.Start(["--data", Run, "--servers", "executables", "--stable-seconds", "1"]);
        if (!await appHost.WaitForOutputAsync("AIRADCR is running", StartDeadline, ct))
        {
            var output = appHost.Output;
            await appHost.DisposeAsync();
            Assert.Fail($"the graph did not start within {StartDeadline}:\n{output}\n{ResourceStates()}");
        }
        return appHost;
    }

    /// <summary>Every secret is 0600 in secrets/ (0700); no other file of the run folder (logs included) holds one.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private void AssertSecretsAreOwnerOnlyAndNowhereElse()
    {
        var secrets = Path.Combine(Run, "secrets");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(secrets));
        var files = Directory.GetFiles(secrets);
        Assert.Contains(Path.Combine(secrets, "reportapi-key"), files);
        Assert.Contains(Path.Combine(secrets, "orthanc-password"), files);
        foreach (var file in files)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        var values = files.Select(f => File.ReadAllText(f).Trim()).ToList();
        foreach (var file in Directory.EnumerateFiles(Run, "*", SearchOption.AllDirectories)
                     .Where(f => !f.StartsWith(secrets, StringComparison.Ordinal) && new FileInfo(f).Length < 16 * 1024 * 1024))
        {
            if (ReadableText(file) is not { } text)
            {
                continue;
            }
            Assert.All(values, secret => Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{file} holds a secret of secrets/"));
        }
    }

    /// <summary>A regular file's text; null for a socket (PostgreSQL's) or a file that went away.</summary>
    private static string? ReadableText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task AssertAllGoneAsync(List<int> pids, string what, CancellationToken ct)
    {
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while (pids.Any(GraphProcesses.IsAlive) && waiting.Elapsed < StopDeadline)
        {
            await Task.Delay(200, ct);
        }
        Assert.All(pids, pid => Assert.False(GraphProcesses.IsAlive(pid), $"process {pid} ({Command(pid)}) outlived {what}"));
    }

    private static string Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "gone";
        }
    }

    private string ResourceStates()
    {
        var path = Path.Combine(Run, "logs", "resources.log");
        return File.Exists(path) ? File.ReadAllText(path) : "(no resources.log)";
    }

    public void Dispose() => _directory.Dispose();
}
