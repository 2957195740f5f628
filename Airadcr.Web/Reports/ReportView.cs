using System.Text.Json;
using Airadcr.Web.Data;
using Airadcr.Web.ReportApi;

namespace Airadcr.Web.Reports;

/// <summary>An AI finding as the report's metadata carries it (<c>metadata.findings[]</c>).</summary>
public sealed record AiFinding(string Label, double Confidence, string? ModelId, string? ModelVersion, string? Location)
{
    /// <summary>Where the gateway drew it: the image (and frame), its size and the finding's box in its pixels.</summary>
    public KeyImageRegion? Image { get; init; }
}

/// <summary>A finding's box (<c>box</c>: x, y, width, height in pixels) on one frame of an image of columns x rows.</summary>
public sealed record KeyImageRegion(string SopInstanceUid, int Frame, int Columns, int Rows, double X, double Y, double Width, double Height)
{
    /// <summary>The image's series (<c>series_instance_uid</c>), when the report says it.</summary>
    public string? SeriesInstanceUid { get; init; }

    /// <summary>
    /// OHIF opened on the study at this image (<c>initialSeriesInstanceUID</c>, <c>initialSOPInstanceUID</c>: OHIF's
    /// own deep-link parameters; the series is needed for OHIF to select the image).
    /// </summary>
    public string ViewerLink(string studyInstanceUid) =>
        $"/viewer/viewer?StudyInstanceUIDs={Uri.EscapeDataString(studyInstanceUid)}"
        + (SeriesInstanceUid is { Length: > 0 } series
            ? $"&initialSeriesInstanceUID={Uri.EscapeDataString(series)}&initialSOPInstanceUID={Uri.EscapeDataString(SopInstanceUid)}"
            : "");

    /// <summary>The box as CSS percentages of the image (left, top, width, height).</summary>
    public (double Left, double Top, double Width, double Height) Percent =>
        (100 * X / Columns, 100 * Y / Rows, 100 * Width / Columns, 100 * Height / Rows);
}

/// <summary>An AI model that contributed (<c>metadata.models[]</c>).</summary>
public sealed record AiModel(string Id, string? Version);

/// <summary>What the editor shows: the ReportApi's report, the Web's review, the AI findings and models.</summary>
public sealed record ReportView(
    ReportData Report,
    ReportReview Text,
    ReviewStatus? ReviewStatus,
    ReportReview? Review,
    IReadOnlyList<AiFinding> Findings,
    IReadOnlyList<AiModel> Models)
{
    public string Status => ReviewStatus?.ToString().ToLowerInvariant() ?? Report.Status;

    public bool IsSigned => ReviewStatus == Data.ReviewStatus.Signed;

    /// <summary>Signed or its AI results rejected: the text is read-only and neither can follow.</summary>
    public bool IsFinal => ReviewStatus is Data.ReviewStatus.Signed or Data.ReviewStatus.Rejected;

    public static ReportView From(ReportData report, ReportReview? review) => new(
        report,
        review ?? TextOf(report),
        review?.Status,
        review,
        ReadFindings(report.Metadata),
        ReadModels(report.Metadata));

    /// <summary>The AI-prefilled text of the report (its <c>structured</c> object).</summary>
    public static ReportReview TextOf(ReportData report) => new()
    {
        TechnicalId = report.TechnicalId,
        Title = Field(report.Structured, "title"),
        Indication = Field(report.Structured, "indication"),
        Technique = Field(report.Structured, "technique"),
        Results = Field(report.Structured, "results"),
        Conclusion = Field(report.Structured, "conclusion"),
    };

    private static string Field(JsonElement structured, string name) =>
        structured.ValueKind == JsonValueKind.Object && structured.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";

    private static IReadOnlyList<AiFinding> ReadFindings(JsonElement? metadata) =>
        Array(metadata, "findings").Select(f => new AiFinding(
            StringOf(f, "label") ?? StringOf(f, "type") ?? "?",
            NumberOf(f, "confidence"),
            StringOf(f, "model_id") ?? StringOf(f, "model"),
            StringOf(f, "model_version"),
            StringOf(f, "location")) { Image = ReadRegion(f) }).ToList();

    private static KeyImageRegion? ReadRegion(JsonElement finding) =>
        StringOf(finding, "sop_instance_uid") is { } sop
        && IntOf(finding, "columns") is > 0 and var columns && IntOf(finding, "rows") is > 0 and var rows
        && finding.TryGetProperty("box", out var box) && box.ValueKind == JsonValueKind.Object
            ? new KeyImageRegion(sop, IntOf(finding, "frame") ?? 1, columns, rows,
                NumberOf(box, "x"), NumberOf(box, "y"), NumberOf(box, "width"), NumberOf(box, "height"))
            {
                SeriesInstanceUid = StringOf(finding, "series_instance_uid"),
            }
            : null;

    private static int? IntOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static double NumberOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;

    private static IReadOnlyList<AiModel> ReadModels(JsonElement? metadata) =>
        Array(metadata, "models").Select(m => new AiModel(StringOf(m, "id") ?? "?", StringOf(m, "version"))).ToList();

    private static IEnumerable<JsonElement> Array(JsonElement? metadata, string name) =>
        metadata is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
            : [];

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
