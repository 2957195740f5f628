namespace Airadcr.DicomGateway.Analysis;

/// <summary>A job the worker holds; <see cref="StreamEntryId"/> is its Redis stream entry in server mode.</summary>
public sealed record ClaimedAnalysisJob(Assembly.AnalysisJob Job, string? StreamEntryId);

/// <summary>How the queued job count looks from the transport (the stream in server mode).</summary>
public sealed record AnalysisTransportDepth(string Transport, long? StreamLength, long? StreamPending);

/// <summary>
/// Where the analysis worker takes its jobs from: the outbox table itself (embedded mode) or the Redis stream the
/// outbox is relayed to (server mode). Either way a crash never loses a job.
/// </summary>
public interface IAnalysisJobSource
{
    /// <summary>Once at start: recovers what a crash interrupted.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>The next job to run, claimed (state <c>running</c>), or null when none is due.</summary>
    Task<ClaimedAnalysisJob?> NextAsync(CancellationToken cancellationToken);

    /// <summary>Keeps the claim alive while the job runs (so that no other worker reclaims it).</summary>
    IAsyncDisposable Hold(ClaimedAnalysisJob job);

    /// <summary>After the job's state is settled in the database: it leaves the transport.</summary>
    Task AcknowledgeAsync(ClaimedAnalysisJob job, CancellationToken cancellationToken);

    Task<AnalysisTransportDepth> DepthAsync(CancellationToken cancellationToken);
}
