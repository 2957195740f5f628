using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Airadcr.DicomGateway.Analysis;
using Airadcr.Reporting.Model;

namespace Airadcr.DicomGateway.ReportApi;

/// <summary>
/// Pushes the AI-prefilled report to the ReportApi (<c>POST /pending-report</c>, AIRADCR Desktop API v2.0), playing
/// TÉO Hub's role with the gateway's own API key. The technical id is derived from the study (the UID itself does not
/// match <c>[A-Za-z0-9_-]{1,64}</c>). <c>metadata.findings[]</c> carries each finding as the Web's editor reads it
/// (label, confidence, model_id, model_version, location) with where it is drawn (sop_instance_uid, frame, box in pixels
/// of an image of columns x rows).
/// </summary>
public sealed class ReportApiClient(HttpClient http)
{
    public const string HeaderName = "X-API-Key";

    public static string TechnicalIdFor(string studyInstanceUid) =>
        "AIRADCR_" + Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(studyInstanceUid)))[..32];

    public async Task PushAsync(ReportDocument report, StudyFindings findings, string apiKey, CancellationToken cancellationToken)
    {
        var study = report.Study;
        var body = new Dictionary<string, object?>
        {
            ["technical_id"] = TechnicalIdFor(study.StudyInstanceUid),
            ["patient_id"] = study.PatientId,
            ["accession_number"] = study.AccessionNumber,
            ["study_instance_uid"] = study.StudyInstanceUid,
            ["structured"] = new Dictionary<string, string>
            {
                ["title"] = report.Text.Title,
                ["indication"] = report.Text.Indication,
                ["technique"] = report.Text.Technique,
                ["results"] = report.Text.Results,
                ["conclusion"] = report.Text.Conclusion,
            },
            ["source_type"] = "airadcr_gateway",
            ["ai_modules"] = findings.Runs.Select(r => r.ModelId).Distinct().ToArray(),
            ["modality"] = study.Modality,
            ["metadata"] = new Dictionary<string, object>
            {
                ["models"] = findings.Runs.Select(r => new { id = r.ModelId, version = r.ModelVersion }).DistinctBy(m => m.id).ToArray(),
                ["processing_time_ms"] = findings.ProcessingTimeMs,
                ["finding_count"] = findings.Findings.Count,
                ["findings"] = FindingsMetadata(report),
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "pending-report") { Content = JsonContent.Create(body) };
        request.Headers.Add(HeaderName, apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"ReportApi answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}", null, response.StatusCode);
        }
    }

    /// <summary><c>metadata.findings[]</c>: each finding of the report, with the size of its key image when it has one.</summary>
    public static IReadOnlyList<Dictionary<string, object?>> FindingsMetadata(ReportDocument report) =>
        [.. report.Findings.Select(f => FindingMetadata(f, report.KeyImages, report.Language))];

    /// <summary>One finding; its label and site in the report's language (the code stays the coded concept's).</summary>
    private static Dictionary<string, object?> FindingMetadata(Finding finding, IReadOnlyList<KeyImage> keyImages, ReportLanguage language)
    {
        var region = finding.Region;
        var image = keyImages.FirstOrDefault(k => k.Shows(region));
        return new Dictionary<string, object?>
        {
            ["number"] = finding.Number,
            ["label"] = ConceptNames.Display(finding.Type, language),
            ["code"] = finding.Type.Code,
            ["confidence"] = finding.Confidence,
            ["model_id"] = finding.Algorithm.Name,
            ["model_version"] = finding.Algorithm.Version,
            ["location"] = finding.Site is { } site ? $"{ConceptNames.Display(site, language)}, {finding.LocationText}" : finding.LocationText,
            ["sop_instance_uid"] = region.SopInstanceUid,
            ["series_instance_uid"] = region.SeriesInstanceUid,
            ["frame"] = region.Frame ?? 1,
            ["box"] = new { x = region.Left, y = region.Top, width = region.Width, height = region.Height },
            // The image's size in pixels (the box's frame of reference), when it is one of the report's key images.
            ["columns"] = image?.Width,
            ["rows"] = image?.Height,
        };
    }
}
