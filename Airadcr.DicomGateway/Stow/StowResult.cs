using Airadcr.Dicom;
using Airadcr.Dicom.Network.Storage;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.DicomGateway.Storage;

namespace Airadcr.DicomGateway.Stow;

/// <summary>One body part of a STOW-RS request and what became of it.</summary>
/// <param name="Part">1-based position in the multipart body.</param>
/// <param name="Outcome"><c>stored</c>, <c>duplicate</c> (an earlier copy is kept) or <c>rejected</c>.</param>
/// <param name="FailureReason">PS3.18 Failure Reason (a DICOM status) of a rejected part.</param>
public sealed record StowPartResult(int Part, string Outcome, string? SopClassUid, string? SopInstanceUid, string? StudyInstanceUid,
    string? SeriesInstanceUid, ushort? FailureReason, string? Reason)
{
    public const string Stored = "stored";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";

    public bool Kept => Outcome is Stored or Duplicate;

    public static StowPartResult Refused(int part, ushort status, string reason, DicomDataset? header = null) =>
        new(part, Rejected, header?.GetStringOrDefault(DicomTag.SOPClassUID), header?.GetStringOrDefault(DicomTag.SOPInstanceUID),
            header?.GetStringOrDefault(DicomTag.StudyInstanceUID), header?.GetStringOrDefault(DicomTag.SeriesInstanceUID), status, reason);

    public static StowPartResult From(int part, DicomDataset header, InstanceCommitOutcome outcome) => outcome.Stored
        ? new(part, outcome.Duplicate ? Duplicate : Stored, header.GetStringOrDefault(DicomTag.SOPClassUID),
            header.GetStringOrDefault(DicomTag.SOPInstanceUID), header.GetStringOrDefault(DicomTag.StudyInstanceUID),
            header.GetStringOrDefault(DicomTag.SeriesInstanceUID), null, null)
        : Refused(part, outcome.Status, outcome.Reason ?? "refused", header);
}

/// <summary>
/// The answer to a STOW-RS request: per part, and the HTTP status PS3.18 gives it (200 every instance stored, 202
/// some, 409 none).
/// </summary>
public sealed record StowResponse(IReadOnlyList<StowPartResult> Results)
{
    public int Stored => Results.Count(r => r.Outcome == StowPartResult.Stored);

    public int Duplicates => Results.Count(r => r.Outcome == StowPartResult.Duplicate);

    public int Rejected => Results.Count(r => r.Outcome == StowPartResult.Rejected);

    public int HttpStatus => Rejected == 0 && Results.Count > 0 ? StatusCodes.Status200OK
        : Results.Any(r => r.Kept) ? StatusCodes.Status202Accepted
        : StatusCodes.Status409Conflict;

    /// <summary>The PS3.18 response data set: Referenced SOP Sequence (kept), Failed SOP Sequence (rejected, with the Failure Reason).</summary>
    public DicomDataset ToDataset(string? retrieveUrl)
    {
        var dataset = new DicomDataset();
        if (retrieveUrl is not null)
        {
            dataset.Add(DicomTag.RetrieveURL, DicomVR.UR, retrieveUrl);
        }
        dataset.Add(DicomTag.FailedSOPSequence, [.. Results.Where(r => !r.Kept).Select(r =>
        {
            var item = Reference(r);
            item.Add(DicomTag.FailureReason, DicomVR.US, r.FailureReason ?? DicomStatus.ProcessingFailure);
            return item;
        })]);
        dataset.Add(DicomTag.ReferencedSOPSequence, [.. Results.Where(r => r.Kept).Select(Reference)]);
        return dataset;
    }

    private static DicomDataset Reference(StowPartResult result)
    {
        var item = new DicomDataset();
        item.Add(DicomTag.ReferencedSOPClassUID, DicomUid.IsValid(result.SopClassUid) ? result.SopClassUid! : "");
        item.Add(DicomTag.ReferencedSOPInstanceUID, DicomUid.IsValid(result.SopInstanceUid) ? result.SopInstanceUid! : "");
        return item;
    }
}
