using System.Data.Common;
using System.Globalization;
using Airadcr.DicomGateway.Assembly;
using Airadcr.DicomGateway.Index;

namespace Airadcr.DicomGateway.Analysis;

/// <summary>
/// The outbox's analysis jobs and their states: <c>queued</c> (due at <c>not_before</c>) -> <c>published</c> (on the
/// Redis stream, server mode) -> <c>running</c> -> <c>done</c> | <c>failed</c>, or back to <c>queued</c> for a retry.
/// </summary>
public sealed class AnalysisJobStore(GatewayDatabase database, TimeProvider time)
{
    private const string Returning = "RETURNING job_id, study_uid, state, attempts, created_at";

    /// <summary>Embedded mode: claims the oldest due queued job (a read first: an idle poll takes no write lock).</summary>
    public async Task<AnalysisJob?> ClaimNextAsync(CancellationToken cancellationToken) =>
        (await DueQueuedAsync(1, cancellationToken)).Count == 0 ? null : await ClaimWhereAsync("""
            state = 'queued' AND job_id = (SELECT job_id FROM analysis_jobs
                WHERE state = 'queued' AND (not_before IS NULL OR not_before <= @now) ORDER BY job_id LIMIT 1)
            """, null, cancellationToken);

    /// <summary>
    /// Server mode: claims the job a stream entry names, if it is still to run (a repeated entry finds it running or
    /// done and claims nothing); <paramref name="reclaimed"/> entries of a dead worker also take over a running job.
    /// </summary>
    public Task<AnalysisJob?> ClaimAsync(long jobId, bool reclaimed, CancellationToken cancellationToken) =>
        ClaimWhereAsync(reclaimed
            ? "job_id = @id AND state IN ('queued', 'published', 'running') AND (not_before IS NULL OR not_before <= @now)"
            : "job_id = @id AND state IN ('queued', 'published') AND (not_before IS NULL OR not_before <= @now)", jobId, cancellationToken);

    private Task<AnalysisJob?> ClaimWhereAsync(string condition, long? jobId, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(async connection =>
        {
            (string, object?)[] parameters = jobId is { } id ? [("@now", Stamp(time.GetUtcNow())), ("@id", id)] : [("@now", Stamp(time.GetUtcNow()))];
            await using var command = GatewayDatabase.Command(connection,
                $"UPDATE analysis_jobs SET state = 'running', attempts = attempts + 1, updated_at = @now WHERE {condition} {Returning}", parameters);
            return (await ReadJobsAsync(command, cancellationToken)).SingleOrDefault();
        }, cancellationToken);

    /// <summary>Due queued jobs: what the relay puts on the stream (server mode), what the worker may claim (embedded mode).</summary>
    public async Task<IReadOnlyList<AnalysisJob>> DueQueuedAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, """
            SELECT job_id, study_uid, state, attempts, created_at FROM analysis_jobs
            WHERE state = 'queued' AND (not_before IS NULL OR not_before <= @now) ORDER BY job_id LIMIT @limit
            """, ("@now", Stamp(time.GetUtcNow())), ("@limit", limit));
        return await ReadJobsAsync(command, cancellationToken);
    }

    /// <summary>After XADD: the job is on the stream (unless a worker already took it).</summary>
    public Task MarkPublishedAsync(AnalysisJob job, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(connection => GatewayDatabase.ExecuteAsync(connection,
            "UPDATE analysis_jobs SET state = 'published', updated_at = @now WHERE job_id = @id AND state = 'queued'", cancellationToken,
            ("@now", Stamp(time.GetUtcNow())), ("@id", job.JobId)), cancellationToken);

    public Task CompleteAsync(AnalysisJob job, CancellationToken cancellationToken) =>
        SetAsync(job, "done", null, null, cancellationToken);

    /// <summary>Back to the queue with exponential backoff, or 'failed' once attempts are exhausted.</summary>
    public Task FailAsync(AnalysisJob job, string error, int maxAttempts, CancellationToken cancellationToken)
    {
        var exhausted = job.Attempts >= maxAttempts;
        var retryAt = time.GetUtcNow().AddSeconds(Math.Min(300, Math.Pow(2, job.Attempts)));
        return SetAsync(job, exhausted ? "failed" : "queued", exhausted ? null : retryAt, error, cancellationToken);
    }

    /// <summary>Jobs that were running (or, with <paramref name="includePublished"/>, on a stream now lost) are queued again.</summary>
    public Task<int> RequeueInterruptedAsync(bool includePublished, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(connection => GatewayDatabase.ExecuteAsync(connection,
            $"UPDATE analysis_jobs SET state = 'queued', updated_at = @now WHERE state IN ('running'{(includePublished ? ", 'published'" : "")})",
            cancellationToken, ("@now", Stamp(time.GetUtcNow()))), cancellationToken);

    private Task SetAsync(AnalysisJob job, string state, DateTimeOffset? notBefore, string? error, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(connection => GatewayDatabase.ExecuteAsync(connection, """
            UPDATE analysis_jobs SET state = @state, not_before = @notBefore, error = @error, updated_at = @now WHERE job_id = @id
            """, cancellationToken, ("@state", state), ("@notBefore", notBefore is { } at ? Stamp(at) : null),
            ("@error", error is { Length: > 500 } ? error[..500] : error), ("@now", Stamp(time.GetUtcNow())), ("@id", job.JobId)),
            cancellationToken);

    /// <summary>Reads <c>job_id, study_uid, state, attempts, created_at</c> rows.</summary>
    internal static async Task<IReadOnlyList<AnalysisJob>> ReadJobsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var jobs = new List<AnalysisJob>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(new AnalysisJob(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), InstanceIndex.Int32(reader, 3),
                DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        }
        return jobs;
    }

    internal static string Stamp(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}
