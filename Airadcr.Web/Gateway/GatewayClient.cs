using System.Net.Http.Headers;
using System.Net.Http.Json;
using Airadcr.Audit.Verification;

namespace Airadcr.Web.Gateway;

/// <summary>The DicomGateway's HTTP API (base address <c>http://dicomgateway</c> through service discovery).</summary>
public sealed partial class GatewayClient(HttpClient http)
{
    public const string AdminKeyHeader = "X-Admin-Key";

    public sealed record CallingAe(string AeTitle);

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("alive", cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public async Task<IReadOnlyList<string>> ListCallingAesAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<List<string>>("admin/calling-aes", cancellationToken) ?? [];

    public async Task AddCallingAeAsync(string aeTitle, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("admin/calling-aes", new CallingAe(aeTitle), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    public async Task RemoveCallingAeAsync(string aeTitle, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync("admin/calling-aes/" + Uri.EscapeDataString(aeTitle), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>A study the gateway received (identified: for admins choosing a research project's studies).</summary>
    public sealed record Study(string StudyInstanceUid, string State, string? AccessionNumber, string? StudyDate, string? Description,
        int SeriesCount, int InstanceCount);

    /// <summary>GET /studies?limit=N: the studies received, newest first.</summary>
    public async Task<IReadOnlyList<Study>> ListStudiesAsync(int limit, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<List<Study>>(
            "studies?limit=" + limit.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken) ?? [];

    /// <summary>Queue depths as the gateway reports them (JSON shown as is).</summary>
    public Task<string> QueuesAsync(CancellationToken cancellationToken) => http.GetStringAsync("admin/queues", cancellationToken);

    /// <summary>GET /admin/throughput?minutes=N: instances received and analyses completed per minute.</summary>
    public async Task<GatewayThroughput> ThroughputAsync(int minutes, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<GatewayThroughput>(
            "admin/throughput?minutes=" + minutes.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken)
        ?? throw new HttpRequestException("gateway: empty throughput answer");

    /// <summary>
    /// POST /studies/{study}/signed-report: the signed SR and the Encapsulated PDF (Part 10, multipart parts
    /// <c>sr</c> and <c>pdf</c>) for the gateway to C-STORE to the PACS.
    /// </summary>
    /// <remarks>409 (the study already signed by another reviewer, or its AI results rejected) throws with the
    /// gateway's reason and status; so does 404 (a study the gateway never received).</remarks>
    public async Task PublishSignedReportAsync(string studyInstanceUid, byte[] structuredReport, byte[] encapsulatedPdf, string actor,
        CancellationToken cancellationToken)
    {
        using var content = new MultipartFormDataContent
        {
            { Part(structuredReport), "sr", "signed-sr.dcm" },
            { Part(encapsulatedPdf), "pdf", "report-pdf.dcm" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"studies/{Uri.EscapeDataString(studyInstanceUid)}/signed-report") { Content = content };
        request.Headers.TryAddWithoutValidation(ArchivesClient.ActorHeader, actor);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            throw new HttpRequestException(await ErrorOfAsync(response, cancellationToken) ?? "conflict", null, response.StatusCode);
        }
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>
    /// GET /studies/{study}/context: the patient and study module values of the study's images; null when the gateway
    /// does not hold the study.
    /// </summary>
    public async Task<Airadcr.Reporting.Model.StudyContext?> StudyContextAsync(string studyInstanceUid, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"studies/{Uri.EscapeDataString(studyInstanceUid)}/context", cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<Airadcr.Reporting.Model.StudyContext>(cancellationToken);
    }

    /// <summary>GET /studies/{study}/instances/{sop}/thumbnail?frame=N: the frame as PNG; null when the gateway does not have it.</summary>
    public async Task<byte[]?> ThumbnailAsync(string studyInstanceUid, string sopInstanceUid, int frame, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(
            $"studies/{Uri.EscapeDataString(studyInstanceUid)}/instances/{Uri.EscapeDataString(sopInstanceUid)}/thumbnail?frame={frame.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(cancellationToken) : null;
    }

    /// <summary>GET /admin/audit/verify: the gateway's verification of its own audit chain.</summary>
    public async Task<AuditVerificationReport> VerifyAuditAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<AuditVerificationReport>(AuditVerifyEndpoint.Path.TrimStart('/'), AuditVerifyEndpoint.Json, cancellationToken)
        ?? throw new HttpRequestException("gateway: empty audit verification");

    private static ByteArrayContent Part(byte[] bytes)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        return part;
    }

    /// <summary>Throws an <see cref="HttpRequestException"/> with the gateway's status and answer unless it succeeded.</summary>
    internal static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"gateway answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}", null, response.StatusCode);
        }
    }
}
