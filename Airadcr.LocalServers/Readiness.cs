namespace Airadcr.LocalServers;

/// <summary>Waits until a freshly started server really answers.</summary>
public static class Readiness
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Calls <paramref name="probe"/> until it returns true. Fails with the server's log tail if the server exits
    /// or the timeout passes first.
    /// </summary>
    public static async Task WaitAsync(ServerProcess server, Func<CancellationToken, Task<bool>> probe,
        CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        Exception? lastError = null;
        var delay = TimeSpan.FromMilliseconds(20);
        while (!deadline.IsCancellationRequested)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"{server.Name} exited during start-up. Log:\n{server.LogTail()}");
            }
            try
            {
                if (await probe(deadline.Token))
                {
                    return;
                }
            }
            catch (Exception error) when (error is not OperationCanceledException || !deadline.IsCancellationRequested)
            {
                lastError = error;
            }
            try
            {
                await Task.Delay(delay, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException(
            $"{server.Name} did not answer within {timeout ?? DefaultTimeout}. Last error: {lastError?.Message}\nLog:\n{server.LogTail()}");
    }
}
