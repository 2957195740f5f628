using Airadcr.Dicom.Network.Client;
using Airadcr.DicomGateway.Configuration;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Archives;

/// <summary>One check of an archive: whether it passed, how long it took in all, the round trip of the request itself, and what happened.</summary>
public sealed record ProbeOutcome(bool Ok, double ElapsedMs, double? RoundTripMs, string Detail);

/// <summary>The result of testing an archive: C-ECHO, and a QIDO-RS probe when it has a DICOMweb base URL.</summary>
public sealed record ArchiveTestResult(string ArchiveId, bool Ok, ProbeOutcome Echo, ProbeOutcome? Qido);

/// <summary>
/// Tests an archive: associates as the gateway's AE title and sends a C-ECHO (round trip of the C-ECHO alone, and of the
/// whole association), then, when DICOMweb is set, <c>GET {base}/studies?limit=1</c> with its credentials. Each within
/// the search timeout; a dead port, a rejection or an abort is a failed check with the reason.
/// </summary>
public sealed class ArchiveProbe(ArchiveStudyFinder finder, IHttpClientFactory httpClients, IOptions<GatewayOptions> options, TimeProvider time)
{
    public async Task<ArchiveTestResult> TestAsync(ArchiveDefinition archive, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(options.Value.Archives.SearchTimeoutSeconds);
        var echo = await EchoAsync(archive, timeout, cancellationToken);
        var qido = archive.DicomWebBaseUrl is null ? null : await QidoAsync(archive, timeout, cancellationToken);
        return new ArchiveTestResult(archive.Id, echo.Ok && (qido?.Ok ?? true), echo, qido);
    }

    private async Task<ProbeOutcome> EchoAsync(ArchiveDefinition archive, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await using var association = await DicomClient.ConnectAsync(ArchiveStudyFinder.ClientOptions(archive, options.Value.AeTitle, timeout),
                PresentationContexts.Verification(), deadline.Token);
            var echoStarted = time.GetTimestamp();
            var status = await association.EchoAsync(deadline.Token);
            var roundTrip = time.GetElapsedTime(echoStarted).TotalMilliseconds;
            await association.ReleaseAsync(deadline.Token);
            return new ProbeOutcome(status == 0, Elapsed(started), roundTrip, $"C-ECHO status 0x{status:X4}");
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeOutcome(false, Elapsed(started), null,
                deadline.IsCancellationRequested ? $"no answer within {timeout.TotalMilliseconds:0} ms" : FederatedSearch.Reason(error));
        }
    }

    private async Task<ProbeOutcome> QidoAsync(ArchiveDefinition archive, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, ArchiveStudyFinder.StudiesUrl(archive) + "?limit=1");
            await finder.AuthorizeAsync(request, archive, deadline.Token);
            var sent = time.GetTimestamp();
            using var response = await httpClients.CreateClient(ArchiveStudyFinder.HttpClientName).SendAsync(request, deadline.Token);
            var roundTrip = time.GetElapsedTime(sent).TotalMilliseconds;
            return new ProbeOutcome(response.IsSuccessStatusCode, Elapsed(started), roundTrip, $"QIDO-RS HTTP {(int)response.StatusCode}");
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeOutcome(false, Elapsed(started), null,
                deadline.IsCancellationRequested ? $"no answer within {timeout.TotalMilliseconds:0} ms" : FederatedSearch.Reason(error));
        }
    }

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalMilliseconds;
}
