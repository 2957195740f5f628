namespace Airadcr.Testing;

/// <summary>
/// Assembly fixture: at the end of the run, fails it if any process started by a fixture is still alive.
/// Register with <c>[assembly: AssemblyFixture(typeof(NoServerProcessLeft))]</c>.
/// </summary>
public sealed class NoServerProcessLeft : IAsyncDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(Grace);
        while (ServerProcessRegistry.LivePids().Count > 0 && !grace.IsCancellationRequested)
        {
            await Task.Delay(100, CancellationToken.None);
        }
        var left = ServerProcessRegistry.LivePids();
        if (left.Count > 0)
        {
            throw new InvalidOperationException(
                $"Processes started by test fixtures outlived the run: {string.Join(", ", left)}");
        }
    }
}
