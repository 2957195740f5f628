using Airadcr.Dicom;
using Airadcr.Reporting.Model;

namespace Airadcr.Reporting.Sr;

/// <summary>
/// The modules every report instance we create shares: SOP Common (ISO_IR 192), Patient, General Study (the source
/// study's UID: same study, new series), the series and General/Enhanced General Equipment.
/// </summary>
internal static class ReportInstanceHeader
{
    public const string Manufacturer = "AIRADCR";
    public const string ModelName = "AIRADCR Reporting";
    public const string SoftwareVersion = "1.0";

    /// <summary>
    /// The finished instance. Items built on their own took (0008,0005) ISO_IR 192 when given non-ASCII text; the
    /// instance declares it once at the top level (items inherit it), so those copies go: dciodvfy warns about a
    /// Specific Character Set inside content items.
    /// </summary>
    public static Airadcr.Dicom.IO.DicomFile Complete(DicomDataset dataset)
    {
        RemoveItemCharsets(dataset, dataset.GetStringOrDefault(DicomTag.SpecificCharacterSet));
        return new Airadcr.Dicom.IO.DicomFile(dataset);
    }

    private static void RemoveItemCharsets(DicomDataset dataset, string? declared)
    {
        foreach (var sequence in dataset.OfType<DicomSequence>())
        {
            foreach (var item in sequence.Items)
            {
                if (item.GetStringOrDefault(DicomTag.SpecificCharacterSet) == declared)
                {
                    item.Remove(DicomTag.SpecificCharacterSet);
                }
                RemoveItemCharsets(item, declared);
            }
        }
    }

    public static DicomDataset Create(StudyContext study, string sopClassUid, string modality, string seriesDescription,
        int seriesNumber, DateTimeOffset createdAt, string? uidName = null)
    {
        string Uid(string part) => uidName is null ? DicomUidGenerator.New() : DicomUidGenerator.FromName($"{uidName}:{seriesNumber}:{part}");
        var dataset = new DicomDataset();
        dataset.Add(DicomTag.SpecificCharacterSet, "ISO_IR 192");
        dataset.Add(DicomTag.SOPClassUID, sopClassUid);
        dataset.Add(DicomTag.SOPInstanceUID, Uid("instance"));
        dataset.Add(DicomTag.InstanceCreationDate, SrContent.DicomDate(createdAt));
        dataset.Add(DicomTag.InstanceCreationTime, SrContent.DicomTime(createdAt));

        // Patient (type 2: present, possibly empty)
        dataset.Add(DicomTag.PatientName, study.PatientName ?? "");
        dataset.Add(DicomTag.PatientID, study.PatientId ?? "");
        dataset.Add(DicomTag.PatientBirthDate, study.PatientBirthDate?.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        dataset.Add(DicomTag.PatientSex, study.PatientSex ?? "");

        // General Study
        dataset.Add(DicomTag.StudyInstanceUID, study.StudyInstanceUid);
        dataset.Add(DicomTag.StudyDate, study.StudyDate?.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        dataset.Add(DicomTag.StudyTime, study.StudyTime?.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        dataset.Add(DicomTag.ReferringPhysicianName, study.ReferringPhysicianName ?? "");
        dataset.Add(DicomTag.StudyID, study.StudyId ?? "");
        dataset.Add(DicomTag.AccessionNumber, study.AccessionNumber ?? "");
        if (study.StudyDescription is { Length: > 0 } description)
        {
            dataset.Add(DicomTag.StudyDescription, description);
        }

        // Series (SR Document Series / Encapsulated Document Series)
        dataset.Add(DicomTag.Modality, modality);
        dataset.Add(DicomTag.SeriesInstanceUID, Uid("series"));
        dataset.Add(DicomTag.SeriesNumber, DicomVR.IS, seriesNumber);
        dataset.Add(DicomTag.SeriesDescription, seriesDescription);
        dataset.Add(DicomTag.InstanceNumber, DicomVR.IS, 1);

        // General Equipment + Enhanced General Equipment
        dataset.Add(DicomTag.Manufacturer, Manufacturer);
        dataset.Add(DicomTag.ManufacturerModelName, ModelName);
        dataset.Add(DicomTag.DeviceSerialNumber, "1");
        dataset.Add(DicomTag.SoftwareVersions, SoftwareVersion);
        if (study.InstitutionName is { Length: > 0 } institution)
        {
            dataset.Add(DicomTag.InstitutionName, institution);
        }

        dataset.Add(DicomTag.ContentDate, SrContent.DicomDate(createdAt));
        dataset.Add(DicomTag.ContentTime, SrContent.DicomTime(createdAt));
        return dataset;
    }

    /// <summary>Hierarchical SOP Instance Reference Macro over the source images, grouped by series.</summary>
    public static DicomDataset Evidence(string studyInstanceUid, IEnumerable<SourceImage> images)
    {
        var evidence = new DicomDataset();
        evidence.Add(DicomTag.StudyInstanceUID, studyInstanceUid);
        evidence.Add(DicomTag.ReferencedSeriesSequence, [.. images.GroupBy(image => image.SeriesInstanceUid).Select(series =>
        {
            var item = new DicomDataset();
            item.Add(DicomTag.SeriesInstanceUID, series.Key);
            item.Add(DicomTag.ReferencedSOPSequence, [.. series.Select(image => SrContent.SopReference(image.SopClassUid, image.SopInstanceUid))]);
            return item;
        })]);
        return evidence;
    }
}
