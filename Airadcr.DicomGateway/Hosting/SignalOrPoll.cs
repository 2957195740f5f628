namespace Airadcr.DicomGateway.Hosting;

/// <summary>How a background loop waits for work: woken by a signal, or at its next poll when none comes.</summary>
public static class SignalOrPoll
{
    /// <summary>Returns at <paramref name="signal"/> or after <paramref name="poll"/>, whichever comes first.</summary>
    public static async Task WaitAsync(Task signal, TimeSpan poll, TimeProvider time, CancellationToken cancellationToken)
    {
        using var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(signal, Task.Delay(poll, time, delay.Token));
        await delay.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
