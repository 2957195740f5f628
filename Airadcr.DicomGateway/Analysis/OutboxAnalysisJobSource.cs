namespace Airadcr.DicomGateway.Analysis;

/// <summary>Embedded mode: the worker claims due jobs straight from the outbox table.</summary>
public sealed class OutboxAnalysisJobSource(AnalysisJobStore jobs) : IAnalysisJobSource
{
    public Task PrepareAsync(CancellationToken cancellationToken) => jobs.RequeueInterruptedAsync(includePublished: false, cancellationToken);

    public async Task<ClaimedAnalysisJob?> NextAsync(CancellationToken cancellationToken) =>
        await jobs.ClaimNextAsync(cancellationToken) is { } job ? new ClaimedAnalysisJob(job, null) : null;

    public IAsyncDisposable Hold(ClaimedAnalysisJob job) => NoHold.Instance;

    public Task AcknowledgeAsync(ClaimedAnalysisJob job, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<AnalysisTransportDepth> DepthAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AnalysisTransportDepth("outbox", null, null));

    private sealed class NoHold : IAsyncDisposable
    {
        public static readonly NoHold Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
