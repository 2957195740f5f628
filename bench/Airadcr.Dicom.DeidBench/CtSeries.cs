using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.DeidBench;

/// <summary>
/// A CT series as a scanner writes it, one file per slice (CT Image Storage, Explicit VR LE, 512x512 16-bit signed,
/// a body with lungs and noise: about 12 bits of content), byte-identical on every run (fixed seed). Every slice
/// carries what the basic profile must remove or replace: names with non-ASCII letters (ISO_IR 192), ids, accession,
/// dates and times, institution, physicians and operator, station and device serial, study/series/instance/frame of
/// reference UIDs, referenced study, image, source image and request sequences, an overlay with a comment, and a
/// private group (a creator with a name copy, a date and a number).
/// </summary>
internal static class CtSeries
{
    public const string StudyUid = "1.2.826.0.1.3680043.2.1125.21.1";
    public const string PatientName = "Lefèvre^Zoé^Anaïs";
    public const string PatientId = "IPP-20261207-0042";
    public const string Accession = "ACC-2026-99812";

    private const int Size = 512;

    public static string SeriesUid => StudyUid + ".2";

    /// <summary>Writes <paramref name="slices"/> files <c>CT000001.dcm</c>... into <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> Write(string directory, int slices)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(21);
        return [.. Enumerable.Range(1, slices).Select(i =>
        {
            var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"CT{i:D6}.dcm"));
            new DicomFile(Slice(i, slices, random)).Save(path, DicomTransferSyntax.ExplicitVRLittleEndian);
            return path;
        })];
    }

    private static string SopUid(int slice) => string.Create(CultureInfo.InvariantCulture, $"{SeriesUid}.{slice}");

    private static DicomDataset Slice(int slice, int slices, Random random)
    {
        var z = string.Create(CultureInfo.InvariantCulture, $"{-200 + (slice * 1.25):0.00}");
        var ds = new DicomDataset()
            .Add(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192")
            .Add(DicomTag.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL")
            .Add(DicomTag.SOPClassUID, DicomVR.UI, DicomUids.CTImageStorage)
            .Add(DicomTag.SOPInstanceUID, DicomVR.UI, SopUid(slice))
            .Add(DicomTag.StudyDate, DicomVR.DA, "20261207").Add(DicomTag.SeriesDate, DicomVR.DA, "20261207")
            .Add(DicomTag.AcquisitionDate, DicomVR.DA, "20261207").Add(DicomTag.ContentDate, DicomVR.DA, "20261207")
            .Add(DicomTag.StudyTime, DicomVR.TM, "081502").Add(DicomTag.SeriesTime, DicomVR.TM, "081733")
            .Add(DicomTag.AcquisitionTime, DicomVR.TM, "081740.125").Add(DicomTag.ContentTime, DicomVR.TM, "081741")
            .Add(DicomTag.AccessionNumber, DicomVR.SH, Accession)
            .Add(DicomTag.Modality, DicomVR.CS, "CT")
            .Add(DicomTag.Manufacturer, DicomVR.LO, "ACME Medical")
            .Add(DicomTag.InstitutionName, DicomVR.LO, "Hôpital Saint-Éloi")
            .Add(DicomTag.InstitutionAddress, DicomVR.ST, "12 rue des Lilas, 69003 Lyon")
            .Add(DicomTag.ReferringPhysicianName, DicomVR.PN, "Benoît^Céline^^Dr")
            .Add(DicomTag.StationName, DicomVR.SH, "CT-SALLE-3")
            .Add(DicomTag.StudyDescription, DicomVR.LO, "TDM thorax Lefèvre")
            .Add(DicomTag.SeriesDescription, DicomVR.LO, "Thorax 1.25 mm")
            .Add(DicomTag.InstitutionalDepartmentName, DicomVR.LO, "Imagerie médicale")
            .Add(DicomTag.PerformingPhysicianName, DicomVR.PN, "Gaël^Noémie")
            .Add(DicomTag.OperatorsName, DicomVR.PN, "Jérôme^Loïc")
            .Add(DicomTag.ManufacturerModelName, DicomVR.LO, "Orion 64")
            .Add(DicomTag.ReferencedStudySequence, new DicomDataset()
                .Add(DicomTag.ReferencedSOPClassUID, DicomVR.UI, "1.2.840.10008.3.1.2.3.1")
                .Add(DicomTag.ReferencedSOPInstanceUID, DicomVR.UI, StudyUid))
            .Add(DicomTag.ReferencedImageSequence, new DicomDataset()
                .Add(DicomTag.ReferencedSOPClassUID, DicomVR.UI, DicomUids.CTImageStorage)
                .Add(DicomTag.ReferencedSOPInstanceUID, DicomVR.UI, StudyUid + ".1.1"))
            .Add(DicomTag.SourceImageSequence, new DicomDataset()
                .Add(DicomTag.ReferencedSOPClassUID, DicomVR.UI, DicomUids.CTImageStorage)
                .Add(DicomTag.ReferencedSOPInstanceUID, DicomVR.UI, SopUid(Math.Max(1, slice - 1))))
            .Add(DicomTag.PatientName, DicomVR.PN, PatientName)
            .Add(DicomTag.PatientID, DicomVR.LO, PatientId)
            .Add(DicomTag.IssuerOfPatientID, DicomVR.LO, "HSE")
            .Add(DicomTag.PatientBirthDate, DicomVR.DA, "19580412")
            .Add(DicomTag.PatientSex, DicomVR.CS, "F")
            .Add(DicomTag.OtherPatientIDs, DicomVR.LO, "NIR-2580469123456")
            .Add(DicomTag.PatientAge, DicomVR.AS, "068Y")
            .Add(DicomTag.PatientWeight, DicomVR.DS, "58")
            .Add(DicomTag.PatientAddress, DicomVR.LO, "4 impasse des Mûriers, Villeurbanne")
            .Add(DicomTag.AdditionalPatientHistory, DicomVR.LT, "Suivi nodule, Mme Lefèvre, tél. 06 12 34 56 78")
            .Add(DicomTag.BodyPartExamined, DicomVR.CS, "CHEST")
            .Add(DicomTag.SliceThickness, DicomVR.DS, "1.25")
            .Add(DicomTag.KVP, DicomVR.DS, "120")
            .Add(DicomTag.DeviceSerialNumber, DicomVR.LO, "SN-ORION-770312")
            .Add(DicomTag.SoftwareVersions, DicomVR.LO, "VA40C")
            .Add(DicomTag.ProtocolName, DicomVR.LO, "THORAX STANDARD")
            .Add(DicomTag.PatientPosition, DicomVR.CS, "FFS")
            .Add(DicomTag.StudyInstanceUID, DicomVR.UI, StudyUid)
            .Add(DicomTag.SeriesInstanceUID, DicomVR.UI, SeriesUid)
            .Add(DicomTag.StudyID, DicomVR.SH, "EX-55120")
            .Add(DicomTag.SeriesNumber, DicomVR.IS, "2")
            .Add(DicomTag.AcquisitionNumber, DicomVR.IS, "1")
            .Add(DicomTag.InstanceNumber, DicomVR.IS, slice.ToString(CultureInfo.InvariantCulture))
            .Add(DicomTag.ImagePositionPatient, DicomVR.DS, "-175", "-175", z)
            .Add(DicomTag.ImageOrientationPatient, DicomVR.DS, "1", "0", "0", "0", "1", "0")
            .Add(DicomTag.FrameOfReferenceUID, DicomVR.UI, StudyUid + ".9")
            .Add(DicomTag.PositionReferenceIndicator, DicomVR.LO, "")
            .Add(DicomTag.SliceLocation, DicomVR.DS, z)
            .Add(DicomTag.SamplesPerPixel, DicomVR.US, (ushort)1)
            .Add(DicomTag.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2")
            .Add(DicomTag.Rows, DicomVR.US, (ushort)Size)
            .Add(DicomTag.Columns, DicomVR.US, (ushort)Size)
            .Add(DicomTag.PixelSpacing, DicomVR.DS, "0.683594", "0.683594")
            .Add(DicomTag.BitsAllocated, DicomVR.US, (ushort)16)
            .Add(DicomTag.BitsStored, DicomVR.US, (ushort)16)
            .Add(DicomTag.HighBit, DicomVR.US, (ushort)15)
            .Add(DicomTag.PixelRepresentation, DicomVR.US, (ushort)1)
            .Add(DicomTag.WindowCenter, DicomVR.DS, "40").Add(DicomTag.WindowWidth, DicomVR.DS, "400")
            .Add(DicomTag.RescaleIntercept, DicomVR.DS, "0").Add(DicomTag.RescaleSlope, DicomVR.DS, "1")
            .Add(DicomTag.RequestAttributesSequence, new DicomDataset()
                .Add(DicomTag.RequestedProcedureID, DicomVR.SH, "RP-" + Accession)
                .Add(DicomTag.ScheduledProcedureStepID, DicomVR.SH, "SPS-88120"))
            .Add(DicomTag.PerformedProcedureStepStartDate, DicomVR.DA, "20261207")
            .Add(DicomTag.PerformedProcedureStepID, DicomVR.SH, "PPS-88120")
            .Add(DicomTag.RequestingPhysician, DicomVR.PN, "Benoît^Céline")
            .Add(new DicomTag(0x6000, 0x0010), DicomVR.US, (ushort)Size)
            .Add(new DicomTag(0x6000, 0x0011), DicomVR.US, (ushort)Size)
            .Add(new DicomTag(0x6000, 0x0040), DicomVR.CS, "G")
            .Add(new DicomTag(0x6000, 0x0050), DicomVR.SS, (short)1, (short)1)
            .Add(new DicomTag(0x6000, 0x0100), DicomVR.US, (ushort)1)
            .Add(new DicomTag(0x6000, 0x0102), DicomVR.US, (ushort)0)
            .Add(new DicomTag(0x6000, 0x4000), DicomVR.LT, "mesure par Jérôme^Loïc")
            .AddOrUpdate(new DicomElement(new DicomTag(0x6000, 0x3000), DicomVR.OW, new byte[Size * Size / 8]));
        ds.AddOrUpdate(new DicomElement(new DicomTag(0x0029, 0x0010), DicomVR.LO, Text("ACME CT PRIVATE")));
        ds.AddOrUpdate(new DicomElement(new DicomTag(0x0029, 0x1001), DicomVR.PN, Text(PatientName)));
        ds.AddOrUpdate(new DicomElement(new DicomTag(0x0029, 0x1002), DicomVR.DA, Text("20261207")));
        ds.AddOrUpdate(new DicomElement(new DicomTag(0x0029, 0x1003), DicomVR.DS, Text("0.62")));
        ds.AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OW, Pixels((double)slice / slices, random)));
        return ds;
    }

    private static byte[] Text(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return bytes.Length % 2 == 0 ? bytes : [.. bytes, (byte)' '];
    }

    /// <summary>Air around an elliptic body; soft tissue, two lungs with vessels, a spine; Gaussian-like noise.</summary>
    private static byte[] Pixels(double z, Random random)
    {
        var pixels = new byte[Size * Size * 2];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                double u = (x - 256) / 256.0, v = (y - 256) / 256.0;
                var noise = (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 20;
                var hu = Tissue(u, v, z) + noise;
                BinaryPrimitives.WriteInt16LittleEndian(pixels.AsSpan(((y * Size) + x) * 2), (short)Math.Clamp(hu, -1024, 3071));
            }
        }

        return pixels;
    }

    private static double Tissue(double u, double v, double z)
    {
        if ((u * u / 0.8) + (v * v / 0.5) > 1)
        {
            return -1000;
        }

        var lungU = Math.Abs(u) - 0.36;
        if ((lungU * lungU / 0.06) + ((v + 0.05) * (v + 0.05) / (0.16 + (0.05 * z))) < 1)
        {
            return Math.Sin((u * 41) + (z * 5)) * Math.Sin(v * 33) > 0.92 ? 35 : -860;
        }

        return (u * u) + ((v - 0.42) * (v - 0.42)) < 0.012 ? 700 : 40 + (12 * Math.Sin(u * 8));
    }
}
