namespace Airadcr.DicomGateway.Hosting;

/// <summary>
/// Wakes a background loop as soon as work is due rather than at its next poll. In-process only: another gateway
/// instance still finds the work at its next poll.
/// </summary>
public abstract class WorkSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>
    /// Completes at the next <see cref="Notify"/>: take it before looking for work, so that none is missed (then wait with
    /// <see cref="SignalOrPoll"/>).
    /// </summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
