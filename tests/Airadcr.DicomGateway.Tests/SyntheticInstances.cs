using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>Distinct instances made from a real corpus file: new study, series and instance UIDs.</summary>
internal static class SyntheticInstances
{
    /// <summary>Writes <paramref name="count"/> instances of one new study into <paramref name="directory"/>; returns their paths.</summary>
    public static IReadOnlyList<string> WriteStudy(string directory, int count, string template = "CT_small.dcm")
    {
        Directory.CreateDirectory(directory);
        var study = DicomUidGenerator.New();
        var series = DicomUidGenerator.New();
        var paths = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var file = DicomFile.Open(PydicomCorpus.File(template));
            var sop = DicomUidGenerator.New();
            file.Dataset.Add(DicomTag.StudyInstanceUID, study);
            file.Dataset.Add(DicomTag.SeriesInstanceUID, series);
            file.Dataset.Add(DicomTag.SOPInstanceUID, sop);
            file.Dataset.Add(DicomTag.InstanceNumber, DicomVR.IS, i + 1);
            var path = Path.Combine(directory, $"{i:D4}_{sop}.dcm");
            file.Save(path);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>The SOP Instance UID a file was named after.</summary>
    public static string SopOf(string path) => Path.GetFileNameWithoutExtension(path).Split('_')[1];

    /// <summary>A CT volume: CT_small's slice at successive positions, one new study and series.</summary>
    public static List<string> CtVolume(string directory, int slices)
    {
        Directory.CreateDirectory(directory);
        var study = DicomUidGenerator.New();
        var series = DicomUidGenerator.New();
        var files = new List<string>();
        for (var i = 0; i < slices; i++)
        {
            using var file = DicomFile.Open(PydicomCorpus.File("CT_small.dcm"));
            var dataset = file.Dataset;
            dataset.Add(DicomTag.StudyInstanceUID, study);
            dataset.Add(DicomTag.SeriesInstanceUID, series);
            dataset.Add(DicomTag.SOPInstanceUID, DicomUidGenerator.New());
            dataset.Add(DicomTag.InstanceNumber, DicomVR.IS, i + 1);
            dataset.Add(DicomTag.ImagePositionPatient, DicomVR.DS, -158.135803, -179.035797, -75.699997 + i * 5.0);
            var path = Path.Combine(directory, $"slice{i:D3}.dcm");
            file.Save(path);
            files.Add(path);
        }
        return files;
    }
}
