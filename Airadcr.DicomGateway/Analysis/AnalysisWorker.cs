using System.Diagnostics;
using Airadcr.DicomGateway.Assembly;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Hosting;
using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.Logging;
using Airadcr.DicomGateway.Publishing;
using Airadcr.DicomGateway.ReportApi;
using Airadcr.DicomGateway.Reports;
using Airadcr.Reporting;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Analysis;

/// <summary>
/// Takes analysis jobs from the outbox: inference -> report artefacts (AI SR, PDF, Encapsulated PDF, FHIR) and the
/// findings kept under the study's <c>results/</c> folder (<see cref="StudyResults"/>) -> queued for the PACS or held (<see cref="StudyPublications"/>, by the publishing policy in force) and pushed to the
/// ReportApi as a pending report. One trace per study. Idle, it looks for a job every 250 ms, or at once when
/// <see cref="AnalysisWakeUp"/> says one is due.
/// </summary>
public sealed class AnalysisWorker(
    IAnalysisJobSource source,
    AnalysisJobStore jobs,
    InstanceIndex index,
    InferenceClient inference,
    StudyReportBuilder reports,
    StudyPublications publications,
    PublishingPolicyStore policy,
    ReportApiClient reportApi,
    GatewayPaths paths,
    IOptions<GatewayOptions> options,
    AnalysisWakeUp wakeUp,
    TimeProvider time,
    ILogger<AnalysisWorker> logger) : BackgroundService
{
    public static readonly ActivitySource Source = new("Airadcr.DicomGateway");
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan Unavailable = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var prepared = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!prepared)
                {
                    await source.PrepareAsync(stoppingToken);
                    prepared = true;
                }
                var woken = wakeUp.Next;
                if (!await RunNextAsync(stoppingToken))
                {
                    await SignalOrPoll.WaitAsync(woken, Idle, time, stoppingToken);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The job transport or the database is unreachable (Redis starting, a restart): try again, never stop the host.
                logger.JobTransportUnavailable(error.Message);
                await Task.Delay(Unavailable, time, stoppingToken);
            }
        }
    }

    /// <summary>Runs the next due job, if any; false when the queue is empty.</summary>
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        var claimed = await source.NextAsync(cancellationToken);
        if (claimed is null)
        {
            return false;
        }
        var job = claimed.Job;
        var studyHash = StudyAssembler.StudyHash(job.StudyInstanceUid);
        using var activity = Source.StartActivity("analyse study");
        activity?.SetTag("airadcr.study.hash", studyHash);
        await using (source.Hold(claimed))
        {
            try
            {
                await RunAsync(job, cancellationToken);
                await jobs.CompleteAsync(job, cancellationToken);
                logger.AnalysisDone(studyHash, job.JobId);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                activity?.SetStatus(ActivityStatusCode.Error, error.Message);
                await jobs.FailAsync(job, error.Message, options.Value.MaxAnalysisAttempts, cancellationToken);
                logger.AnalysisFailed(studyHash, job.JobId, job.Attempts, error.Message);
            }
        }
        await source.AcknowledgeAsync(claimed, cancellationToken);
        return true;
    }

    /// <summary>
    /// The name a job's SR and PDF UIDs derive from: every attempt of a job makes the same instances, so a retry after
    /// an attempt that already queued them for the PACS sends the same instances again, not a second copy.
    /// </summary>
    public static string ResultsUidName(AnalysisJob job) =>
        $"gateway-results:{job.StudyInstanceUid}:{job.JobId.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{job.CreatedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private async Task RunAsync(AnalysisJob job, CancellationToken cancellationToken)
    {
        var findings = await inference.AnalyzeAsync(job.StudyInstanceUid, cancellationToken);
        var document = reports.Build(await index.ListInstanceFilesAsync(job.StudyInstanceUid, cancellationToken), findings)
            with { InstanceUidName = ResultsUidName(job) };
        var artefacts = ReportArtefacts.Create(document);
        var folder = StudyResults.Folder(paths.StorageRoot, job.StudyInstanceUid, job.JobId);
        await artefacts.SaveAsync(folder, signed: false, cancellationToken);
        await StudyResults.SaveFindingsAsync(folder, findings, cancellationToken);
        await publications.RecordResultsAsync(job.StudyInstanceUid, folder, (await policy.CurrentAsync(cancellationToken)).Policy, cancellationToken);
        if (options.Value.ReportApiKey is { Length: > 0 } apiKey)
        {
            await reportApi.PushAsync(document, findings, apiKey, cancellationToken);
        }
    }
}
