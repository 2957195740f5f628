using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests.Archives;

/// <summary>A study as one archive holds it (the same UID may be held with other attributes elsewhere: a conflict).</summary>
public sealed record SeededStudy(string StudyUid, string PatientName, string PatientId, string Accession, string StudyDate, string Modality);

/// <summary>Writes one-instance studies (CT_small with the study's identifiers) for seeding archives.</summary>
internal static class ArchiveStudies
{
    public static string Write(string directory, SeededStudy study)
    {
        Directory.CreateDirectory(directory);
        using var file = DicomFile.Open(PydicomCorpus.File("CT_small.dcm"));
        var dataset = file.Dataset;
        dataset.Add(DicomTag.StudyInstanceUID, study.StudyUid);
        dataset.Add(DicomTag.SeriesInstanceUID, DicomUidGenerator.New());
        dataset.Add(DicomTag.SOPInstanceUID, DicomUidGenerator.New());
        dataset.Add(DicomTag.PatientName, study.PatientName);
        dataset.Add(DicomTag.PatientID, study.PatientId);
        dataset.Add(DicomTag.AccessionNumber, study.Accession);
        dataset.Add(DicomTag.StudyDate, study.StudyDate);
        dataset.Add(DicomTag.Modality, study.Modality);
        dataset.Add(DicomTag.StudyDescription, "federated search test");
        var path = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".dcm");
        file.Save(path);
        return path;
    }
}
