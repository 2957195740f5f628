using System.Net.Http.Headers;
using System.Text.Json;
using Airadcr.Dicom;
using Airadcr.Dicom.Json;
using Airadcr.Web.Viewer;

namespace Airadcr.Web.Measurements;

/// <summary>
/// Orthanc's DICOMweb as the Web's server uses it (base address <see cref="OrthancOptions.Url"/>, Orthanc's Basic
/// credentials): does a study or an instance exist (QIDO-RS), store a checked STOW-RS body, and read a study's SR
/// series as DICOM JSON metadata.
/// </summary>
public sealed class OrthancDicomWeb(HttpClient http)
{
    public const string DicomJson = "application/dicom+json";

    /// <summary>True when Orthanc is configured (else the proxy answers 503).</summary>
    public bool IsConfigured => http.BaseAddress is not null;

    public static void Configure(HttpClient http, OrthancOptions orthanc)
    {
        if (string.IsNullOrWhiteSpace(orthanc.Url))
        {
            return;
        }
        http.BaseAddress = new Uri(orthanc.Url.TrimEnd('/') + "/");
        http.Timeout = TimeSpan.FromMinutes(2);
        http.DefaultRequestHeaders.Authorization = DicomWebProxy.Authorization(orthanc);
    }

    public async Task<bool> StudyExistsAsync(string studyInstanceUid, CancellationToken cancellationToken) =>
        (await QueryAsync($"dicom-web/studies?StudyInstanceUID={Uri.EscapeDataString(studyInstanceUid)}", cancellationToken)).Count > 0;

    public async Task<bool> InstanceExistsAsync(StowInstance instance, CancellationToken cancellationToken) =>
        (await QueryAsync($"dicom-web/studies/{Uri.EscapeDataString(instance.StudyInstanceUid)}/instances?SOPInstanceUID={Uri.EscapeDataString(instance.SopInstanceUid)}",
            cancellationToken)).Count > 0;

    /// <summary>POST /dicom-web/studies with the body as received; Orthanc's answer (status, DICOM JSON) is returned as is.</summary>
    public async Task<(int Status, string Body)> StoreAsync(string contentType, ArraySegment<byte> body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body.Array ?? [], body.Offset, body.Count);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "dicom-web/studies") { Content = content };
        request.Headers.Accept.ParseAdd(DicomJson);
        using var response = await http.SendAsync(request, cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Every SR instance of the study, with its content tree (DICOM JSON metadata of each SR series).</summary>
    public async Task<IReadOnlyList<DicomDataset>> StructuredReportsAsync(string studyInstanceUid, CancellationToken cancellationToken)
    {
        var study = Uri.EscapeDataString(studyInstanceUid);
        var reports = new List<DicomDataset>();
        foreach (var series in await QueryAsync($"dicom-web/studies/{study}/series?Modality=SR", cancellationToken))
        {
            if (series.GetStringOrDefault(DicomTag.SeriesInstanceUID) is not { Length: > 0 } seriesUid)
            {
                continue;
            }
            reports.AddRange(await QueryAsync($"dicom-web/studies/{study}/series/{Uri.EscapeDataString(seriesUid)}/metadata", cancellationToken));
        }
        return reports;
    }

    private async Task<IReadOnlyList<DicomDataset>> QueryAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(DicomJson);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound || response.StatusCode == System.Net.HttpStatusCode.NoContent)
        {
            return [];
        }
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length == 0)
        {
            return [];
        }
        using var document = JsonDocument.Parse(bytes);
        return [.. document.RootElement.EnumerateArray().Select(item => DicomJsonReader.Read(item.GetRawText()))];
    }
}
