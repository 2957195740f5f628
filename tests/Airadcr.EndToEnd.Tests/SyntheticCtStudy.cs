using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Inference.Tests.Dicom;
using Airadcr.Inference.Tests.Phantoms;

namespace Airadcr.EndToEnd.Tests;

/// <summary>
/// A chest CT study of three series of the phantom with planted nodules (<see cref="ChestCtPhantom"/>), each series
/// with its own noise, written as Part 10 files with patient, accession and study identifiers.
/// </summary>
public sealed record SyntheticCtStudy(string StudyInstanceUid, string AccessionNumber, IReadOnlyList<string> Files)
{
    public const string PatientId = "E2E-PATIENT";
    public const string PatientName = "E2E^PHANTOM";

    public static SyntheticCtStudy Write(string directory, int seriesCount = 3, int slices = ChestCtPhantom.Depth)
    {
        Directory.CreateDirectory(directory);
        var study = DicomUidGenerator.New();
        var accession = "E2E" + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var files = new List<string>();
        for (var series = 0; series < seriesCount; series++)
        {
            var volume = SyntheticVolume.Axial("CT", ChestCtPhantom.Size, slices, ChestCtPhantom.PixelMm, ChestCtPhantom.SliceMm,
                ChestCtPhantom.Hu, noise: 15, seed: 7 + series, study: study, series: DicomUidGenerator.New());
            var folder = Directory.CreateDirectory(Path.Combine(directory, $"series{series + 1}")).FullName;
            DicomSeriesWriter.WriteTo(folder, volume, rescaleIntercept: -1024);
            foreach (var path in Directory.EnumerateFiles(folder, "*.dcm").Order())
            {
                using (var file = DicomFile.Open(path))
                {
                    var dataset = file.Dataset;
                    dataset.Add(DicomTag.PatientID, PatientId);
                    dataset.Add(DicomTag.PatientName, PatientName);
                    dataset.Add(DicomTag.AccessionNumber, accession);
                    dataset.Add(DicomTag.StudyDate, "20261122");
                    dataset.Add(DicomTag.StudyDescription, "CT THORAX");
                    dataset.Add(DicomTag.SeriesNumber, DicomVR.IS, series + 1);
                    file.Save(path + ".tmp");
                }
                File.Move(path + ".tmp", path, overwrite: true);
                files.Add(path);
            }
        }
        return new SyntheticCtStudy(study, accession, files);
    }
}
