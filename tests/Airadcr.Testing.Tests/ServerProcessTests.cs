using System.Diagnostics;

namespace Airadcr.Testing.Tests;

public sealed class ServerProcessTests
{
    private static readonly TimeSpan OrphanDeadline = TimeSpan.FromSeconds(30);

    /// <summary>A server stand-in that forks a worker, as PostgreSQL and Orthanc do.</summary>
    private const string ForkingProgram = "fork or exec 'sleep', '300'; exec 'sleep', '301'";

    [Fact]
    public async Task Dispose_stops_the_server_and_every_process_it_forked()
    {
        using var directory = new FixtureDirectory("process-test");
        var server = ServerProcess.Start("sleepers", "/usr/bin/perl", ["-e", ForkingProgram],
            directory.Combine("log"));
        var tree = await WaitForTreeAsync(server, expectedCount: 2);

        await server.DisposeAsync();

        Assert.All(tree, pid => Assert.False(ProcessTable.IsAlive(pid), $"process {pid} survived"));
        Assert.False(ProcessTable.IsAlive(server.WatchdogPid), "watchdog survived");
    }

    [Fact]
    public async Task Server_dies_when_its_owner_is_killed()
    {
        using var directory = new FixtureDirectory("process-test");
        using var owner = Process.Start("/bin/sleep", "300");
        var server = ServerProcess.Start("orphan-candidate", "/usr/bin/perl", ["-e", ForkingProgram],
            directory.Combine("log"), ownerPid: owner.Id);
        var tree = await WaitForTreeAsync(server, expectedCount: 2);

        owner.Kill();
        await owner.WaitForExitAsync(TestContext.Current.CancellationToken);

        using var deadline = new CancellationTokenSource(OrphanDeadline);
        while (tree.Any(ProcessTable.IsAlive) && !deadline.IsCancellationRequested)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        Assert.All(tree, pid => Assert.False(ProcessTable.IsAlive(pid), $"process {pid} outlived its owner"));
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Real_server_leaves_no_process_after_dispose()
    {
        var redis = new RedisServer();
        await redis.InitializeAsync();
        var tree = redis.Process.ProcessTree();
        Assert.NotEmpty(tree);

        await redis.DisposeAsync();

        Assert.All(tree, pid => Assert.False(ProcessTable.IsAlive(pid), $"redis process {pid} survived"));
    }

    [Fact]
    public void Missing_binary_names_the_install_command()
    {
        var error = Assert.Throws<MissingToolException>(() => ToolLocator.Find("airadcr-no-such-tool", "airadcr-pkg"));
        Assert.Contains("apt-get install -y --no-install-recommends airadcr-pkg", error.Message);
        Assert.Contains("eng/install-deps.sh", error.Message);
    }

    private static async Task<IReadOnlyList<int>> WaitForTreeAsync(ServerProcess server, int expectedCount)
    {
        using var deadline = new CancellationTokenSource(OrphanDeadline);
        while (server.ProcessTree().Count < expectedCount)
        {
            await Task.Delay(20, deadline.Token);
        }
        return server.ProcessTree();
    }
}
