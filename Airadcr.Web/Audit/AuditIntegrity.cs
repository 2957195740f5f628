using Airadcr.Audit;
using Airadcr.Audit.Checkpoints;
using Airadcr.Audit.Verification;
using Airadcr.Web.Gateway;
using Airadcr.Web.ReportApi;

namespace Airadcr.Web.Audit;

/// <summary>
/// The admin page's "Audit integrity": the Web verifies its own chain and asks the gateway and the ReportApi for theirs
/// (<c>GET /admin/audit/verify</c> with their admin keys; no service reads another's tables), and exports the Web's head.
/// </summary>
public sealed class AuditIntegrity(AuditVerifier verifier, AuditCheckpointer checkpointer, AuditLog log, GatewayClient gateway, ReportApiClient reportApi)
{
    /// <summary>One service's verification, or why it could not be had.</summary>
    public sealed record ServiceVerification(string Service, AuditVerificationReport? Report, string? Error);

    public async Task<IReadOnlyList<ServiceVerification>> VerifyAllAsync(string actor, CancellationToken cancellationToken)
    {
        var web = Run("web", async () => AuditVerificationReport.From(await verifier.VerifyAsync(cancellationToken)));
        var dicomGateway = Run("dicomgateway", () => gateway.VerifyAuditAsync(cancellationToken));
        var reports = Run("reportapi", () => reportApi.VerifyAuditAsync(cancellationToken));
        var results = await Task.WhenAll(web, dicomGateway, reports);
        await log.RecordAsync(actor, AuditActions.VerifyAudit, null,
            string.Join(", ", results.Select(r => $"{r.Service} {(r.Report is null ? "unavailable" : r.Report.Ok ? "ok" : "broken")}")), cancellationToken);
        return results;
    }

    /// <summary>Signs the Web's head now, stores it and appends it to the export file; returns the exported line.</summary>
    public async Task<string?> ExportHeadAsync(string actor, CancellationToken cancellationToken)
    {
        var checkpoint = await checkpointer.CheckpointAsync(force: true, cancellationToken);
        if (checkpoint is null)
        {
            return null;
        }
        await log.RecordAsync(actor, AuditActions.ExportAuditHead, null, $"seq {checkpoint.Seq}", cancellationToken);
        return CheckpointExport.ToLine(checkpoint);
    }

    private static async Task<ServiceVerification> Run(string service, Func<Task<AuditVerificationReport>> verify)
    {
        try
        {
            return new ServiceVerification(service, await verify(), null);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return new ServiceVerification(service, null, error.Message);
        }
    }
}
