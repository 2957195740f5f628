using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Json;
using Airadcr.Dicom.Network.Storage;
using Airadcr.Reporting.Sr;
using Microsoft.AspNetCore.WebUtilities;

namespace Airadcr.Web.Measurements;

/// <summary>
/// A STOW-RS request body (PS3.18 10.5: <c>multipart/related; type="application/dicom"</c>) checked before anything
/// reaches Orthanc: every part a DICOM Part 10 file (preamble and meta header) of an SR SOP class OHIF writes (Basic
/// Text, Enhanced, Comprehensive, Comprehensive 3D SR), with its study, series and instance UIDs, not claiming to be
/// AIRADCR's own AI SR. The first bad part rejects the whole body: nothing is half-published.
/// </summary>
public static class StowBody
{
    public const string DicomMediaType = StowMediaType.DicomPart;

    /// <summary>The SR SOP classes a reader may store (what OHIF's measurement export writes).</summary>
    public static readonly IReadOnlySet<string> SrClasses = new HashSet<string>(StringComparer.Ordinal)
    {
        DicomUids.BasicTextSRStorage, DicomUids.EnhancedSRStorage, DicomUids.ComprehensiveSRStorage, DicomUids.Comprehensive3DSRStorage,
    };

    private static readonly DicomReadOptions Part10 = new() { AllowMissingPreamble = false, MaxDepth = 32, StopBeforePixelData = true };

    /// <summary>Reads <paramref name="body"/> (already bounded by the caller) as the parts of a STOW-RS request.</summary>
    public static async Task<StowParse> ParseAsync(string? contentType, ArraySegment<byte> body, CancellationToken cancellationToken)
    {
        switch (StowMediaType.Parse(contentType, out var boundary, out var problem))
        {
            case StowMediaType.Problem.NotMultipartRelated:
                return StowParse.Rejected(problem!, "not multipart/related");
            case StowMediaType.Problem.UnsupportedPartType:
                return StowParse.Rejected(problem!, "unsupported part type");
            case StowMediaType.Problem.BadBoundary:
                return StowParse.Rejected(problem!, "bad boundary");
        }

        var instances = new List<StowInstance>();
        try
        {
            using var stream = new MemoryStream(body.Array ?? [], body.Offset, body.Count, writable: false);
            var reader = new MultipartReader(boundary, stream) { HeadersCountLimit = 16, HeadersLengthLimit = 4096 };
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                var number = instances.Count + 1;
                if (section.ContentType is { Length: > 0 } partType
                    && !partType.StartsWith(DicomMediaType, StringComparison.OrdinalIgnoreCase))
                {
                    return StowParse.Rejected($"part {number} is {partType}, not {DicomMediaType}", "unsupported part type");
                }
                using var part = new MemoryStream();
                await section.Body.CopyToAsync(part, cancellationToken);
                var checkedPart = Instance(number, part.GetBuffer().AsMemory(0, (int)part.Length));
                if (checkedPart.Rejection is { } rejection)
                {
                    return rejection;
                }
                instances.Add(checkedPart.Instance!);
            }
        }
        catch (IOException error)
        {
            return StowParse.Rejected("the multipart body is malformed: " + error.Message, "malformed multipart");
        }
        return instances.Count == 0
            ? StowParse.Rejected("the body holds no DICOM part", "no part")
            : new StowParse(instances, null);
    }

    private static (StowInstance? Instance, StowParse? Rejection) Instance(int number, ReadOnlyMemory<byte> bytes)
    {
        DicomDataset dataset;
        try
        {
            using var file = DicomFile.Read(bytes, Part10);
            dataset = file.Dataset;
            var sopClass = dataset.GetStringOrDefault(DicomTag.SOPClassUID)?.Trim();
            if (sopClass is null || !SrClasses.Contains(sopClass))
            {
                return (null, StowParse.Rejected(
                    $"part {number} is not a structured report (SOP class {sopClass ?? "absent"}): only Basic Text, Enhanced, Comprehensive and Comprehensive 3D SR may be stored",
                    "not an SR"));
            }
            if (AiradcrInstances.IsOurs(dataset))
            {
                return (null, StowParse.Rejected($"part {number} claims to be made by {AiradcrInstances.Manufacturer}: only the gateway stores AIRADCR's SR",
                    "claims AIRADCR"));
            }
            var study = Uid(dataset, DicomTag.StudyInstanceUID);
            var series = Uid(dataset, DicomTag.SeriesInstanceUID);
            var sop = Uid(dataset, DicomTag.SOPInstanceUID);
            if (study is null || series is null || sop is null)
            {
                return (null, StowParse.Rejected($"part {number} lacks a valid Study, Series or SOP Instance UID", "missing UID"));
            }
            return (new StowInstance(study, series, sop, sopClass), null);
        }
        catch (Exception error) when (error is DicomFormatException or DicomValueException or InvalidDataException or EndOfStreamException
                                          or ArgumentException or FormatException or OverflowException or InvalidOperationException)
        {
            return (null, StowParse.Rejected($"part {number} is not a readable DICOM Part 10 file: {error.Message}", "not DICOM Part 10"));
        }
    }

    private static string? Uid(DicomDataset dataset, DicomTag tag) =>
        dataset.GetStringOrDefault(tag)?.Trim().TrimEnd('\0') is { } value && DicomUid.IsValid(value) ? value : null;
}

/// <summary>One stored SR of a STOW-RS body.</summary>
public sealed record StowInstance(string StudyInstanceUid, string SeriesInstanceUid, string SopInstanceUid, string SopClassUid);

/// <summary>
/// The parts of a body, or why it is refused: <see cref="Reason"/> for the caller (it may name its own UIDs),
/// <see cref="AuditReason"/> for the audit trail (no identifier).
/// </summary>
public sealed record StowParse(IReadOnlyList<StowInstance> Instances, string? Reason, string? AuditReason = null)
{
    public static StowParse Rejected(string reason, string auditReason) => new([], reason, auditReason);
}
