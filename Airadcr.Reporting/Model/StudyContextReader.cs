using Airadcr.Dicom;

namespace Airadcr.Reporting.Model;

/// <summary>Reads a report's <see cref="StudyContext"/> and <see cref="SourceImage"/>s from the source instances' headers.</summary>
public static class StudyContextReader
{
    /// <summary>The study context of an instance. Malformed optional dates are left out rather than failing the report.</summary>
    public static StudyContext Read(DicomDataset instance) => new()
    {
        StudyInstanceUid = instance.GetString(DicomTag.StudyInstanceUID),
        PatientName = Text(instance, DicomTag.PatientName),
        PatientId = Text(instance, DicomTag.PatientID),
        PatientBirthDate = Date(instance, DicomTag.PatientBirthDate),
        PatientSex = Text(instance, DicomTag.PatientSex),
        AccessionNumber = Text(instance, DicomTag.AccessionNumber),
        StudyDate = Date(instance, DicomTag.StudyDate),
        StudyTime = DicomDateTimeParser.TryParseTime(instance.GetStringOrDefault(DicomTag.StudyTime) ?? "", out var time) ? time : null,
        StudyDescription = Text(instance, DicomTag.StudyDescription),
        StudyId = Text(instance, DicomTag.StudyID),
        Modality = Text(instance, DicomTag.Modality),
        InstitutionName = Text(instance, DicomTag.InstitutionName),
        ReferringPhysicianName = Text(instance, DicomTag.ReferringPhysicianName),
    };

    public static SourceImage ReadSourceImage(DicomDataset instance) => new(
        instance.GetString(DicomTag.SeriesInstanceUID),
        instance.GetString(DicomTag.SOPClassUID),
        instance.GetString(DicomTag.SOPInstanceUID),
        Text(instance, DicomTag.Modality));

    private static string? Text(DicomDataset instance, DicomTag tag) =>
        instance.GetStringOrDefault(tag) is { Length: > 0 } value ? value : null;

    private static DateOnly? Date(DicomDataset instance, DicomTag tag) =>
        DicomDateTimeParser.TryParseDate(instance.GetStringOrDefault(tag) ?? "", out var date) ? date : null;
}
