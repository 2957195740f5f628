using System.Globalization;
using Airadcr.DicomGateway.Assembly;
using Airadcr.DicomGateway.Index;

namespace Airadcr.DicomGateway.Analysis;

/// <summary>Claims and settles the outbox's analysis jobs (a crash leaves a claimed job 'running': re-queued at start).</summary>
public sealed class AnalysisJobStore(GatewayDatabase database, TimeProvider time)
{
    public async Task<AnalysisJob?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        var now = Stamp(time.GetUtcNow());
        return await database.InWriteTransactionAsync(async connection =>
        {
            await using var command = GatewayDatabase.Command(connection, """
                UPDATE analysis_jobs SET state = 'running', attempts = attempts + 1, updated_at = @now
                WHERE state = 'queued' AND job_id = (SELECT job_id FROM analysis_jobs
                    WHERE state = 'queued' AND (not_before IS NULL OR not_before <= @now) ORDER BY job_id LIMIT 1)
                RETURNING job_id, study_uid, state, attempts, created_at
                """, ("@now", now));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new AnalysisJob(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                    DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture))
                : null;
        }, cancellationToken);
    }

    public Task CompleteAsync(AnalysisJob job, CancellationToken cancellationToken) =>
        SetAsync(job, "done", null, null, cancellationToken);

    /// <summary>Back to the queue with exponential backoff, or 'failed' once attempts are exhausted.</summary>
    public Task FailAsync(AnalysisJob job, string error, int maxAttempts, CancellationToken cancellationToken)
    {
        var exhausted = job.Attempts >= maxAttempts;
        var retryAt = time.GetUtcNow().AddSeconds(Math.Min(300, Math.Pow(2, job.Attempts)));
        return SetAsync(job, exhausted ? "failed" : "queued", exhausted ? null : retryAt, error, cancellationToken);
    }

    /// <summary>Jobs a crash left 'running' are queued again.</summary>
    public Task<int> RequeueInterruptedAsync(CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(connection => GatewayDatabase.ExecuteAsync(connection,
            "UPDATE analysis_jobs SET state = 'queued', updated_at = @now WHERE state = 'running'", cancellationToken,
            ("@now", Stamp(time.GetUtcNow()))), cancellationToken);

    private Task SetAsync(AnalysisJob job, string state, DateTimeOffset? notBefore, string? error, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(connection => GatewayDatabase.ExecuteAsync(connection, """
            UPDATE analysis_jobs SET state = @state, not_before = @notBefore, error = @error, updated_at = @now WHERE job_id = @id
            """, cancellationToken, ("@state", state), ("@notBefore", notBefore is { } at ? Stamp(at) : null),
            ("@error", error is { Length: > 500 } ? error[..500] : error), ("@now", Stamp(time.GetUtcNow())), ("@id", job.JobId)),
            cancellationToken);

    internal static string Stamp(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}
