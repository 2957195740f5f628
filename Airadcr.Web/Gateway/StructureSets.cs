using System.Text.Json;

namespace Airadcr.Web.Gateway;

/// <summary>A structure set as the gateway lists it (the study UID for the viewer only; never put in a Web URL of ours).</summary>
public sealed record StructureSetStatus(string SetId, string? StudyKey, string StudyInstanceUid, string State, string? Reason,
    int ReferencedCount, int MissingCount, int RoiCount, int RoiErrorCount, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? ProcessedAt);

public sealed record StructureSetPage(IReadOnlyList<StructureSetStatus> Items, int Total, int Offset, int Limit);

/// <summary>A result file of a set (relative name, '/' separated).</summary>
public sealed record StructureSetFile(string Name, long SizeBytes);

/// <summary>One set: status, files and the processor's summary as written (snake_case JSON).</summary>
public sealed record StructureSetDetail(StructureSetStatus Status, IReadOnlyList<StructureSetFile> Files, JsonElement? Summary)
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The ROIs of the summary (none before the first processing).</summary>
    public StructureSetSummary? ParsedSummary =>
        Summary is { ValueKind: JsonValueKind.Object } summary ? summary.Deserialize<StructureSetSummary>(SnakeCase) : null;
}

/// <summary>What the Web shows of <c>summary.json</c>: a set-level error and the ROIs.</summary>
public sealed record StructureSetSummary(string? StructureSetLabel, IReadOnlyList<StructureSetRoi> Rois, string? Error);

/// <summary>One ROI's measures and files, or why it could not be processed.</summary>
public sealed record StructureSetRoi(int Number, string Name, int[]? Color, double? VolumeCc, double? SurfaceCm2, int SliceCount,
    StructureSetRoiFiles? Files, string? Error)
{
    /// <summary>The ROI's display colour as CSS (grey when the set gives none).</summary>
    public string CssColor => Color is [var r, var g, var b] ? $"rgb({r},{g},{b})" : "rgb(128,128,128)";
}

public sealed record StructureSetRoiFiles(string? Nifti, string? Stl);

/// <summary>The gateway's opaque structure set ids: 32 lower-case hex digits.</summary>
public static class StructureSetIds
{
    public static bool IsValid(string? value) =>
        value is { Length: 32 } && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
