using Airadcr.Audit;
using Airadcr.Dicom.Network.Client;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Hosting;
using Airadcr.DicomGateway.Logging;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Pacs;

/// <summary>
/// C-STORE SCU to <c>Gateway:Pacs</c>: sends what <see cref="PacsSendQueue"/> holds, one association per batch,
/// proposing each file's own transfer syntax plus the uncompressed ones; failures are retried with backoff.
/// </summary>
public sealed class PacsSender(PacsSendQueue queue, IOptions<GatewayOptions> options, TimeProvider time, AuditTrail audit, AuditSubjects subjects,
    ILogger<PacsSender> logger)
    : PeriodicService(TimeSpan.FromMilliseconds(500), time)
{

    protected override Task RunPassAsync(CancellationToken cancellationToken) => SendDueAsync(cancellationToken);

    protected override void PassFailed(Exception error) => logger.PacsSendFailed(error.Message);

    /// <summary>Sends every due file; returns how many the PACS acknowledged.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var due = await queue.DueAsync(50, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }
        var pacs = options.Value.Pacs;
        var sent = 0;
        var settled = 0;
        var acknowledged = new HashSet<long>();
        try
        {
            var contexts = await DicomClient.StorageContextsForAsync(due.Select(d => d.Path), cancellationToken);
            await using var association = await DicomClient.ConnectAsync(new DicomClientOptions
            {
                Host = pacs.Host,
                Port = pacs.Port,
                CalledAe = pacs.AeTitle,
                CallingAe = options.Value.AeTitle,
                TimeProvider = Time,
            }, contexts, cancellationToken);
            foreach (var send in due)
            {
                var response = await association.StoreAsync(send.Path, cancellationToken);
                if (response.Status is DicomStatus.Success or >= 0xB000 and <= 0xBFFF)
                {
                    await queue.MarkSentAsync(send, cancellationToken);
                    acknowledged.Add(send.SendId);
                    sent++;
                }
                else
                {
                    await queue.RetryLaterAsync(send, $"PACS status 0x{response.Status:X4}", cancellationToken);
                }
                settled++;
            }
            await association.ReleaseAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            foreach (var send in due.Skip(settled))
            {
                await queue.RetryLaterAsync(send, error.Message, cancellationToken);
            }
            logger.PacsSendFailed(error.Message);
        }
        // One entry per study of this batch: how many files the PACS acknowledged, how many wait for a retry.
        foreach (var study in due.GroupBy(d => d.StudyUid))
        {
            var ok = study.Count(d => acknowledged.Contains(d.SendId));
            audit.Record(new AuditEvent("ae:" + options.Value.AeTitle, "pacs-send", subjects.Study(study.Key),
                $"{ok} sent, {study.Count() - ok} to retry, to {pacs.AeTitle}"));
        }
        return sent;
    }
}
