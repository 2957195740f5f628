namespace Airadcr.DicomGateway.Analysis;

/// <summary>
/// Wakes the analysis worker as soon as a job is due (embedded: a study completed into the outbox; server mode: a job
/// relayed to the stream) rather than at its next poll, and the server mode's relay as soon as a study completed. In-process
/// only: another gateway instance still finds the job at its next poll.
/// </summary>
public sealed class AnalysisWakeUp
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>
    /// Completes at the next <see cref="Notify"/>: take it before looking for work, so that none is missed (then wait with
    /// <see cref="Hosting.SignalOrPoll"/>).
    /// </summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
