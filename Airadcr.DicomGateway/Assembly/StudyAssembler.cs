using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Airadcr.DicomGateway.Analysis;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.Hosting;
using Airadcr.DicomGateway.Logging;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Assembly;

/// <summary>
/// Decides when a study is complete: no instance arrived for <c>Gateway:StableSeconds</c> (checked every quarter of
/// it, 50-500 ms). Completing a study and queuing its analysis job happen in one transaction (the outbox), so a crash
/// never loses a job; the analysis is then woken at once (<see cref="AnalysisWakeUp"/>).
/// </summary>
public sealed class StudyAssembler(GatewayDatabase database, IOptions<GatewayOptions> options, AnalysisWakeUp wakeUp,
    TimeProvider time, ILogger<StudyAssembler> logger) : PeriodicService(PassInterval(options.Value), time)
{
    /// <summary>A quarter of the stability window, between 50 and 500 ms: a study completes at most that late.</summary>
    public static TimeSpan PassInterval(GatewayOptions options) =>
        TimeSpan.FromMilliseconds(Math.Clamp(options.StableSeconds * 250, 50, 500));

    protected override Task RunPassAsync(CancellationToken cancellationToken) => CompleteStableStudiesAsync(cancellationToken);

    protected override void PassFailed(Exception error) => logger.AssemblyFailed(error);

    /// <summary>Completes every study stable at this time and queues its analysis; returns the jobs queued.</summary>
    public async Task<IReadOnlyList<AnalysisJob>> CompleteStableStudiesAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var threshold = now.AddSeconds(-options.Value.StableSeconds).ToString("O", CultureInfo.InvariantCulture);
        if (!await AnyStableAsync(threshold, cancellationToken))
        {
            return []; // an idle pass takes no write lock
        }
        return await CompleteAsync("last_received_at <= @threshold", ("@threshold", threshold), now, cancellationToken);
    }

    /// <summary>
    /// Completes one study now, without waiting for its stability window: its sender (the PACS's routing) says it has
    /// sent all of it. Returns the analysis job queued, or null when the study was not receiving (unknown, already
    /// complete: a repeated announcement changes nothing).
    /// </summary>
    public async Task<AnalysisJob?> CompleteStudyAsync(string studyInstanceUid, CancellationToken cancellationToken) =>
        (await CompleteAsync("study_uid = @study", ("@study", studyInstanceUid), Time.GetUtcNow(), cancellationToken)).SingleOrDefault();

    /// <summary>Completes the receiving studies matching <paramref name="condition"/> and queues their analyses, in one transaction.</summary>
    private async Task<IReadOnlyList<AnalysisJob>> CompleteAsync(string condition, (string Name, object Value) parameter, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var stamp = now.ToString("O", CultureInfo.InvariantCulture);
        var jobs = await database.InWriteTransactionAsync(async connection =>
        {
            // One statement decides: a study that received an instance meanwhile no longer matches (PostgreSQL
            // re-checks the condition on the row it updates; SQLite has a single writer).
            var completed = new List<string>();
            await using (var complete = GatewayDatabase.Command(connection, $"""
                             UPDATE studies SET state = 'complete', completed_at = @now
                             WHERE state = 'receiving' AND {condition}
                             RETURNING study_uid
                             """, ("@now", stamp), parameter))
            await using (var reader = await complete.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    completed.Add(reader.GetString(0));
                }
            }
            var queued = new List<AnalysisJob>();
            foreach (var study in completed)
            {
                await using var insert = GatewayDatabase.Command(connection, """
                    INSERT INTO analysis_jobs (study_uid, state, created_at, updated_at) VALUES (@study, 'queued', @now, @now)
                    RETURNING job_id
                    """, ("@study", study), ("@now", stamp));
                var jobId = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
                queued.Add(new AnalysisJob(jobId, study, "queued", 0, now));
            }
            return queued;
        }, cancellationToken);
        foreach (var job in jobs)
        {
            logger.StudyComplete(StudyHash(job.StudyInstanceUid), job.JobId);
        }
        if (jobs.Count > 0)
        {
            wakeUp.Notify();
        }
        return jobs;
    }

    private async Task<bool> AnyStableAsync(string threshold, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = GatewayDatabase.Command(connection,
            "SELECT 1 FROM studies WHERE state = 'receiving' AND last_received_at <= @threshold LIMIT 1", ("@threshold", threshold));
        return await query.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>A short, non-reversible label of a study for logs and traces (never the UID itself).</summary>
    public static string StudyHash(string studyInstanceUid) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(studyInstanceUid)))[..12];
}
