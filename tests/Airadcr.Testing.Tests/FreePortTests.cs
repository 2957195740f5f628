using System.Diagnostics;
using Airadcr.LocalServers;

namespace Airadcr.Testing.Tests;

public sealed class FreePortTests
{
    [Fact]
    public async Task A_port_given_is_held_against_other_processes()
    {
        var port = FreePort.Next();

        // flock(1) from another process: exit code 1 when the lock is held (0 when it could take it, and run true).
        using var other = StartFlock(Path.Combine(FreePort.ReservationDirectory, $"{port}.lock"));
        await other.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, other.ExitCode);
    }

    private static Process StartFlock(string file)
    {
        try
        {
            return Process.Start(new ProcessStartInfo("flock", ["-n", file, "true"]))!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("flock is missing: apt-get install -y util-linux", e);
        }
    }
}
