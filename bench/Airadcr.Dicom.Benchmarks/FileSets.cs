using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Benchmarks;

/// <summary>The file sets measured: pydicom's corpus (files every reader accepts) and synthetic CT slices.</summary>
internal static class FileSets
{
    private const string PydicomData = "/usr/lib/python3/dist-packages/pydicom/data";

    /// <summary>Corpus files that dcmtk, pydicom and we all read (the deliberately broken ones left out).</summary>
    public static IReadOnlyList<string> PydicomCorpus() =>
        new[] { "test_files", "charset_files" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(PydicomData, d), "*.dcm", SearchOption.AllDirectories))
            .Where(f => Path.GetFileName(f) is not ("MR_truncated.dcm" or "rtplan_truncated.dcm" or "no_meta.dcm"
                or "SC_rgb_jpeg.dcm" or "J2K_pixelrep_mismatch.dcm"))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>200 CT slices (512x512, 16-bit, Explicit VR Little Endian, ~525 KB) written by us.</summary>
    public static IReadOnlyList<string> SyntheticCt(int count)
    {
        var dir = Path.Combine(Path.GetTempPath(), "airadcr-dicom-bench-ct");
        Directory.CreateDirectory(dir);
        var files = Enumerable.Range(0, count).Select(i => Path.Combine(dir, $"ct{i:D3}.dcm")).ToList();
        var random = new Random(42);
        for (var i = 0; i < count; i++)
        {
            if (!File.Exists(files[i]))
            {
                new DicomFile(CtSlice(i, random)).Save(files[i], DicomTransferSyntax.ExplicitVRLittleEndian);
            }
        }

        return files;
    }

    private static DicomDataset CtSlice(int index, Random random)
    {
        var pixels = new byte[512 * 512 * 2];
        random.NextBytes(pixels);
        var ds = new DicomDataset()
            .Add(DicomTag.SpecificCharacterSet, "ISO_IR 192")
            .Add(DicomTag.ImageType, "ORIGINAL", "PRIMARY", "AXIAL")
            .Add(DicomTag.SOPClassUID, DicomUids.CTImageStorage)
            .Add(DicomTag.SOPInstanceUID, $"2.25.1234567890123456789.{index}")
            .Add(DicomTag.StudyDate, "20261122").Add(DicomTag.StudyTime, "101010")
            .Add(DicomTag.AccessionNumber, "ACC0001").Add(DicomTag.Modality, "CT")
            .Add(DicomTag.Manufacturer, "AIRADCR").Add(DicomTag.ReferringPhysicianName, "Ref^Doctor")
            .Add(DicomTag.StudyDescription, "CT CHEST").Add(DicomTag.SeriesDescription, "AXIAL 1mm")
            .Add(DicomTag.PatientName, "Synthetic^Patient").Add(DicomTag.PatientID, "P0001")
            .Add(DicomTag.PatientBirthDate, "19700101").Add(DicomTag.PatientSex, "O")
            .Add(DicomTag.SliceThickness, "1.0").Add(DicomTag.KVP, "120")
            .Add(DicomTag.StudyInstanceUID, "2.25.1234567890123456789.1")
            .Add(DicomTag.SeriesInstanceUID, "2.25.1234567890123456789.2")
            .Add(DicomTag.InstanceNumber, $"{index + 1}")
            .Add(DicomTag.ImagePositionPatient, "-250", "-250", $"{index}")
            .Add(DicomTag.ImageOrientationPatient, "1", "0", "0", "0", "1", "0")
            .Add(DicomTag.SamplesPerPixel, DicomVR.US, (ushort)1)
            .Add(DicomTag.PhotometricInterpretation, "MONOCHROME2")
            .Add(DicomTag.Rows, DicomVR.US, (ushort)512).Add(DicomTag.Columns, DicomVR.US, (ushort)512)
            .Add(DicomTag.PixelSpacing, "0.976562", "0.976562")
            .Add(DicomTag.BitsAllocated, DicomVR.US, (ushort)16).Add(DicomTag.BitsStored, DicomVR.US, (ushort)12)
            .Add(DicomTag.HighBit, DicomVR.US, (ushort)11).Add(DicomTag.PixelRepresentation, DicomVR.US, (ushort)0)
            .Add(DicomTag.WindowCenter, "40").Add(DicomTag.WindowWidth, "400")
            .Add(DicomTag.RescaleIntercept, "-1024").Add(DicomTag.RescaleSlope, "1");
        ds.Add(DicomTag.ReferencedImageSequence, new DicomDataset()
            .Add(DicomTag.ReferencedSOPClassUID, DicomUids.CTImageStorage)
            .Add(DicomTag.ReferencedSOPInstanceUID, "2.25.1234567890123456789.0"));
        ds.AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OW, pixels));
        return ds;
    }
}
