using System.Globalization;
using Airadcr.Dicom;

namespace Airadcr.DicomGateway.Index;

/// <summary>What the index records of a stored instance (identifiers and where its file is).</summary>
public sealed record IndexedInstance(
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopInstanceUid,
    string SopClassUid,
    string TransferSyntaxUid,
    int? InstanceNumber,
    string Path,
    long SizeBytes,
    string CallingAe,
    DateTimeOffset ReceivedAt,
    string? PatientId,
    string? PatientName,
    string? PatientBirthDate,
    string? PatientSex,
    string? AccessionNumber,
    string? StudyDate,
    string? StudyDescription,
    string? Modality,
    int? SeriesNumber,
    string? SeriesDescription)
{
    /// <summary>
    /// The row of an instance from its data set (<paramref name="header"/>, pixel data not needed) and what its file's
    /// meta information or its C-STORE request says (SOP class, transfer syntax, the sender's AE title).
    /// </summary>
    public static IndexedInstance FromHeader(DicomDataset header, string study, string series, string sopInstanceUid, string sopClassUid,
        string transferSyntaxUid, string callingAe, string path, long size, DateTimeOffset receivedAt) =>
        new(study, series, sopInstanceUid, sopClassUid, transferSyntaxUid, Integer(header, DicomTag.InstanceNumber), path, size, callingAe,
            receivedAt, Text(header, DicomTag.PatientID), Text(header, DicomTag.PatientName), Text(header, DicomTag.PatientBirthDate),
            Text(header, DicomTag.PatientSex), Text(header, DicomTag.AccessionNumber), Text(header, DicomTag.StudyDate),
            Text(header, DicomTag.StudyDescription), Text(header, DicomTag.Modality), Integer(header, DicomTag.SeriesNumber),
            Text(header, DicomTag.SeriesDescription));

    private static string? Text(DicomDataset header, DicomTag tag) =>
        header.GetStringOrDefault(tag) is { Length: > 0 } value ? value : null;

    private static int? Integer(DicomDataset header, DicomTag tag) =>
        int.TryParse(header.GetStringOrDefault(tag), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>A study as the admin API lists it.</summary>
public sealed record StudySummary(
    string StudyInstanceUid,
    string State,
    string? AccessionNumber,
    string? StudyDate,
    string? Description,
    int SeriesCount,
    int InstanceCount,
    DateTimeOffset LastReceivedAt,
    DateTimeOffset? CompletedAt);

/// <summary>An instance as the admin API lists it (no patient data).</summary>
public sealed record InstanceSummary(string SeriesInstanceUid, string SopInstanceUid, string SopClassUid,
    string TransferSyntaxUid, int? InstanceNumber, long SizeBytes);

/// <summary>A series as the API lists it.</summary>
public sealed record SeriesSummary(string SeriesInstanceUid, string? Modality, int? SeriesNumber, string? Description, int InstanceCount);
