using System.Text;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests.Deidentification;

/// <summary>
/// A patient's identifiable instances built for the tests: CT and MR images with private GE and Siemens elements,
/// nested references, overlays and an acquisition context; an SR whose content has free text, a person's name, a date
/// and references; a secondary capture and an ultrasound image that may carry burned-in text. Every identifier is
/// listed in <see cref="Patient"/> so that a test can look for it in the output's bytes.
/// </summary>
internal static class Instances
{
    public const string CtClass = "1.2.840.10008.5.1.4.1.1.2";
    public const string MrClass = "1.2.840.10008.5.1.4.1.1.4";
    public const string ComprehensiveSrClass = "1.2.840.10008.5.1.4.1.1.88.33";
    public const string SecondaryCaptureClass = "1.2.840.10008.5.1.4.1.1.7";
    public const string UltrasoundClass = "1.2.840.10008.5.1.4.1.1.6.1";

    /// <summary>One patient's identifiers; <paramref name="Charset"/> "ISO_IR 100" writes names in Latin-1, else UTF-8.</summary>
    public sealed record Patient(
        string Name, string Id, string BirthDate, string Accession, string StudyUid, string StudyDate, string Charset = "ISO_IR 192")
    {
        public string FrameOfReferenceUid => StudyUid + ".9";

        public string SeriesUid(int series) => $"{StudyUid}.{series}";

        public string SopUid(int series, int instance) => $"{StudyUid}.{series}.{instance}";

        /// <summary>Every identifying value the instances carry, as text.</summary>
        public IEnumerable<string> Identifiers(bool withUids = true, bool withDates = true) =>
        [
            Name, .. Name.Split('^').Where(p => p.Length > 2), Id, Accession, "Clinique Saint-Éloi", "CT-ROOM-7", "SN-4711-XYZ",
            "Dr Referring^Paul", "OPERATOR^Olga", "Martin^Claire", "Mme Dupont a signalé une douleur", "STUDY-ID-55",
            "RUE DES LILAS 12", "OTHER-ID-99", "Chirurgie digestive",
            .. withDates ? [BirthDate, StudyDate] : Array.Empty<string>(),
            .. withUids ? [StudyUid, SeriesUid(1), SopUid(1, 1), FrameOfReferenceUid, "1.2.826.0.1.3680043.2.1125.77.1"] : Array.Empty<string>(),
        ];
    }

    public static Patient Dupont { get; } = new("Dupont^Hélène^Marie", "PAT-000123", "19610317", "ACC-777-42",
        "1.2.826.0.1.3680043.2.1125.1", "20240612", "ISO_IR 100");

    public static Patient Muller { get; } = new("Müller^Jürgen", "PAT-000456", "19790101", "ACC-888-01",
        "1.2.826.0.1.3680043.2.1125.2", "20230105");

    public static DicomDataset Ct(Patient p, int series = 1, int instance = 1) => Image(p, CtClass, "CT", series, instance);

    public static DicomDataset Mr(Patient p, int series = 2, int instance = 1) => Image(p, MrClass, "MR", series, instance);

    public static DicomDataset SecondaryCapture(Patient p) =>
        Image(p, SecondaryCaptureClass, "OT", 3, 1).Add(DicomTag.ConversionType, DicomVR.CS, "WSD");

    public static DicomDataset Ultrasound(Patient p) => Image(p, UltrasoundClass, "US", 4, 1);

    public static DicomDataset Image(Patient p, string sopClass, string modality, int series, int instance)
    {
        var ds = Common(p, sopClass, modality, series, instance)
            .Add(DicomTag.ImageType, DicomVR.CS, "ORIGINAL", "PRIMARY", "AXIAL")
            .Add(DicomTag.FrameOfReferenceUID, DicomVR.UI, p.FrameOfReferenceUid)
            .Add(DicomTag.PositionReferenceIndicator, DicomVR.LO, "")
            .Add(DicomTag.ImagePositionPatient, DicomVR.DS, "0", "0", "0")
            .Add(DicomTag.ImageOrientationPatient, DicomVR.DS, "1", "0", "0", "0", "1", "0")
            .Add(DicomTag.PixelSpacing, DicomVR.DS, "0.5", "0.5")
            .Add(DicomTag.SliceThickness, DicomVR.DS, "1")
            .Add(DicomTag.AcquisitionDate, DicomVR.DA, p.StudyDate)
            .Add(DicomTag.AcquisitionTime, DicomVR.TM, "101500")
            .Add(DicomTag.ContentDate, DicomVR.DA, p.StudyDate)
            .Add(DicomTag.ContentTime, DicomVR.TM, "101501")
            .Add(DicomTag.DeviceSerialNumber, DicomVR.LO, "SN-4711-XYZ")
            .Add(DicomTag.KVP, DicomVR.DS, "120")
            .Add(DicomTag.ReferencedImageSequence, new DicomDataset()
                .Add(DicomTag.ReferencedSOPClassUID, DicomVR.UI, sopClass)
                .Add(DicomTag.ReferencedSOPInstanceUID, DicomVR.UI, p.SopUid(series, instance + 1)))
            .Add(DicomTag.SourceImageSequence, new DicomDataset()
                .Add(DicomTag.ReferencedSOPClassUID, DicomVR.UI, sopClass)
                .Add(DicomTag.ReferencedSOPInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.77.1"))
            .Add(DicomTag.AcquisitionContextSequence, new DicomDataset()
                .Add(DicomTag.ValueType, DicomVR.CS, "CODE")
                .Add(DicomTag.ConceptNameCodeSequence, Code("G-C0E8", "SRT", "Contrast agent"))
                .Add(DicomTag.ConceptCodeSequence, Code("C-B0322", "SRT", "Iodine")))
            .Add(DicomTag.SamplesPerPixel, DicomVR.US, (ushort)1)
            .Add(DicomTag.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2")
            .Add(DicomTag.Rows, DicomVR.US, (ushort)32)
            .Add(DicomTag.Columns, DicomVR.US, (ushort)32)
            .Add(DicomTag.BitsAllocated, DicomVR.US, (ushort)16)
            .Add(DicomTag.BitsStored, DicomVR.US, (ushort)12)
            .Add(DicomTag.HighBit, DicomVR.US, (ushort)11)
            .Add(DicomTag.PixelRepresentation, DicomVR.US, (ushort)0)
            .Add(DicomTag.RescaleIntercept, DicomVR.DS, "0")
            .Add(DicomTag.RescaleSlope, DicomVR.DS, "1")
            .Add(DicomTag.RescaleType, DicomVR.LO, "US")
            .Add(new DicomTag(0x6000, 0x0010), DicomVR.US, (ushort)32)
            .Add(new DicomTag(0x6000, 0x0011), DicomVR.US, (ushort)32)
            .Add(new DicomTag(0x6000, 0x0040), DicomVR.CS, "G")
            .Add(new DicomTag(0x6000, 0x0050), DicomVR.SS, (short)1, (short)1)
            .Add(new DicomTag(0x6000, 0x0100), DicomVR.US, (ushort)1)
            .Add(new DicomTag(0x6000, 0x0102), DicomVR.US, (ushort)0)
            .Add(new DicomTag(0x6000, 0x4000), DicomVR.LT, "drawn by OPERATOR^Olga")
            .AddOrUpdate(new DicomElement(new DicomTag(0x6000, 0x3000), DicomVR.OW, new byte[32 * 32 / 8]))
            .AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OW, Gradient(32, 32)));
        AddPrivate(ds);
        return ds;
    }

    public static DicomDataset Sr(Patient p, IReadOnlyList<DicomDataset> evidence)
    {
        var ds = Common(p, ComprehensiveSrClass, "SR", 5, 1)
            .Add(DicomTag.ContentDate, DicomVR.DA, p.StudyDate)
            .Add(DicomTag.ContentTime, DicomVR.TM, "120000")
            .Add(DicomTag.ValueType, DicomVR.CS, "CONTAINER")
            .Add(DicomTag.ConceptNameCodeSequence, Code("18748-4", "LN", "Diagnostic Imaging Report"))
            .Add(DicomTag.ContinuityOfContent, DicomVR.CS, "SEPARATE")
            .Add(DicomTag.CompletionFlag, DicomVR.CS, "COMPLETE")
            .Add(DicomTag.VerificationFlag, DicomVR.CS, "UNVERIFIED")
            .Add(DicomTag.ReferencedPerformedProcedureStepSequence, Array.Empty<DicomDataset>())
            .Add(DicomTag.PerformedProcedureCodeSequence, Array.Empty<DicomDataset>())
            .Add(DicomTag.CurrentRequestedProcedureEvidenceSequence, new DicomDataset()
                .Add(DicomTag.StudyInstanceUID, DicomVR.UI, p.StudyUid)
                .Add(DicomTag.ReferencedSeriesSequence, [.. evidence.GroupBy(e => e.GetString(DicomTag.SeriesInstanceUID)).Select(g => new DicomDataset()
                    .Add(DicomTag.SeriesInstanceUID, DicomVR.UI, g.Key)
                    .Add(DicomTag.ReferencedSOPSequence, [.. g.Select(Reference)]))]))
            .Add(DicomTag.ContentSequence,
                Item("CONTAINS", "TEXT", Code("121071", "DCM", "Finding")).Add(DicomTag.TextValue, DicomVR.UT, "Mme Dupont a signalé une douleur"),
                Item("HAS OBS CONTEXT", "PNAME", Code("121008", "DCM", "Person Observer Name")).Add(DicomTag.PersonName, DicomVR.PN, "Martin^Claire"),
                Item("CONTAINS", "DATE", Code("111060", "DCM", "Study Date")).Add(DicomTag.Date, DicomVR.DA, p.StudyDate),
                Item("CONTAINS", "UIDREF", Code("121018", "DCM", "Procedure Study Instance UID")).Add(DicomTag.UID, DicomVR.UI, p.StudyUid),
                Item("CONTAINS", "NUM", Code("410668003", "SCT", "Length"))
                    .Add(DicomTag.MeasuredValueSequence, new DicomDataset()
                        .Add(DicomTag.MeasurementUnitsCodeSequence, Code("mm", "UCUM", "millimeter"))
                        .Add(DicomTag.NumericValue, DicomVR.DS, "12.5")),
                Item("CONTAINS", "IMAGE", Code("121112", "DCM", "Source of Measurement"))
                    .Add(DicomTag.ReferencedSOPSequence, [.. evidence.Take(1).Select(Reference)]),
                Item("CONTAINS", "COMPOSITE", Code("121112", "DCM", "Source of Measurement"))
                    .Add(DicomTag.ReferencedSOPSequence, new DicomDataset()
                        .Add(DicomTag.ReferencedSOPClassUID, DicomVR.UI, CtClass)
                        .Add(DicomTag.ReferencedSOPInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.77.1")));
        return ds;
    }

    /// <summary>A Part 10 file of <paramref name="dataset"/> in <paramref name="syntax"/> (Explicit VR LE by default), read back.</summary>
    public static DicomFile File(DicomDataset dataset, DicomTransferSyntax? syntax = null) =>
        DicomFile.Read(DicomFileWriter.ToArray(new DicomFile(dataset), syntax ?? DicomTransferSyntax.ExplicitVRLittleEndian));

    public static byte[] Gradient(int rows, int columns)
    {
        var data = new byte[rows * columns * 2];
        for (var i = 0; i < rows * columns; i++)
        {
            BitConverter.TryWriteBytes(data.AsSpan(i * 2), (ushort)(100 + (i % columns) * 40 + i / columns));
        }

        return data;
    }

    private static DicomDataset Common(Patient p, string sopClass, string modality, int series, int instance)
    {
        var latin1 = p.Charset == "ISO_IR 100";
        var ds = new DicomDataset()
            .Add(DicomTag.SpecificCharacterSet, DicomVR.CS, p.Charset)
            .Add(DicomTag.SOPClassUID, DicomVR.UI, sopClass)
            .Add(DicomTag.SOPInstanceUID, DicomVR.UI, p.SopUid(series, instance))
            .Add(DicomTag.StudyDate, DicomVR.DA, p.StudyDate)
            .Add(DicomTag.StudyTime, DicomVR.TM, "101010")
            .Add(DicomTag.SeriesDate, DicomVR.DA, p.StudyDate)
            .Add(DicomTag.AccessionNumber, DicomVR.SH, p.Accession)
            .Add(DicomTag.Modality, DicomVR.CS, modality)
            .Add(DicomTag.Manufacturer, DicomVR.LO, "ACME Medical")
            .Add(DicomTag.StationName, DicomVR.SH, "CT-ROOM-7")
            .Add(DicomTag.StudyDescription, DicomVR.LO, $"Thorax {p.Name.Split('^')[0]} {p.Id}")
            .Add(DicomTag.SeriesDescription, DicomVR.LO, "Axial 1mm")
            .Add(DicomTag.PatientBirthDate, DicomVR.DA, p.BirthDate)
            .Add(DicomTag.PatientSex, DicomVR.CS, "F")
            .Add(DicomTag.PatientAge, DicomVR.AS, "063Y")
            .Add(DicomTag.PatientWeight, DicomVR.DS, "61.5")
            .Add(DicomTag.OtherPatientIDs, DicomVR.LO, "OTHER-ID-99")
            .Add(DicomTag.StudyInstanceUID, DicomVR.UI, p.StudyUid)
            .Add(DicomTag.SeriesInstanceUID, DicomVR.UI, p.SeriesUid(series))
            .Add(DicomTag.StudyID, DicomVR.SH, "STUDY-ID-55")
            .Add(DicomTag.SeriesNumber, DicomVR.IS, series.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add(DicomTag.InstanceNumber, DicomVR.IS, instance.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add(DicomTag.ReferencedStudySequence, new DicomDataset()
                .Add(DicomTag.ReferencedSOPClassUID, DicomVR.UI, "1.2.840.10008.3.1.2.3.1")
                .Add(DicomTag.ReferencedSOPInstanceUID, DicomVR.UI, p.StudyUid))
            .Add(DicomTag.RequestAttributesSequence, new DicomDataset()
                .Add(DicomTag.RequestedProcedureID, DicomVR.SH, p.Accession)
                .Add(DicomTag.ScheduledProcedureStepID, DicomVR.SH, "OTHER-ID-99"));
        Text(ds, DicomTag.PatientName, DicomVR.PN, p.Name, latin1);
        Text(ds, DicomTag.PatientID, DicomVR.LO, p.Id, latin1);
        Text(ds, DicomTag.InstitutionName, DicomVR.LO, "Clinique Saint-Éloi", latin1);
        Text(ds, DicomTag.InstitutionAddress, DicomVR.ST, "RUE DES LILAS 12", latin1);
        Text(ds, DicomTag.InstitutionalDepartmentName, DicomVR.LO, "Chirurgie digestive", latin1);
        Text(ds, DicomTag.ReferringPhysicianName, DicomVR.PN, "Dr Referring^Paul", latin1);
        Text(ds, DicomTag.OperatorsName, DicomVR.PN, "OPERATOR^Olga", latin1);
        return ds;
    }

    private static void Text(DicomDataset ds, DicomTag tag, DicomVR vr, string value, bool latin1) =>
        ds.AddOrUpdate(new DicomElement(tag, vr, Padded(latin1 ? Encoding.Latin1.GetBytes(value) : Encoding.UTF8.GetBytes(value))));

    private static byte[] Padded(byte[] bytes) => bytes.Length % 2 == 0 ? bytes : [.. bytes, (byte)' '];

    /// <summary>GE and Siemens private blocks: a diffusion b-value (safe), a patient name copy and a date (not safe),
    /// and an unknown creator's element.</summary>
    private static void AddPrivate(DicomDataset ds)
    {
        ds.AddOrUpdate(new DicomElement(new DicomTag(0x0019, 0x0010), DicomVR.LO, Padded(Encoding.ASCII.GetBytes("SIEMENS MR HEADER"))));
        ds.AddOrUpdate(new DicomElement(new DicomTag(0x0019, 0x100C), DicomVR.IS, Padded(Encoding.ASCII.GetBytes("1000"))));
        ds.AddOrUpdate(new DicomElement(new DicomTag(0x0019, 0x1008), DicomVR.CS, Padded(Encoding.ASCII.GetBytes("IMAGE NUM 4"))));
        ds.AddOrUpdate(new DicomElement(new DicomTag(0x0009, 0x0010), DicomVR.LO, Padded(Encoding.ASCII.GetBytes("GEMS_IDEN_01"))));
        ds.AddOrUpdate(new DicomElement(new DicomTag(0x0009, 0x1002), DicomVR.SH, Padded(Encoding.ASCII.GetBytes("CT-ROOM-7"))));
        ds.AddOrUpdate(new DicomElement(new DicomTag(0x0011, 0x0010), DicomVR.LO, Padded(Encoding.ASCII.GetBytes("ACME UNKNOWN 1"))));
        ds.AddOrUpdate(new DicomElement(new DicomTag(0x0011, 0x1001), DicomVR.UN, Padded(Encoding.ASCII.GetBytes("PAT-000123"))));
    }

    private static DicomDataset Reference(DicomDataset instance) => new DicomDataset()
        .Add(DicomTag.ReferencedSOPClassUID, DicomVR.UI, instance.GetString(DicomTag.SOPClassUID))
        .Add(DicomTag.ReferencedSOPInstanceUID, DicomVR.UI, instance.GetString(DicomTag.SOPInstanceUID));

    private static DicomDataset Item(string relationship, string valueType, DicomDataset concept) => new DicomDataset()
        .Add(DicomTag.RelationshipType, DicomVR.CS, relationship)
        .Add(DicomTag.ValueType, DicomVR.CS, valueType)
        .Add(DicomTag.ConceptNameCodeSequence, concept);

    public static DicomDataset Code(string value, string scheme, string meaning) => new DicomDataset()
        .Add(DicomTag.CodeValue, DicomVR.SH, value)
        .Add(DicomTag.CodingSchemeDesignator, DicomVR.SH, scheme)
        .Add(DicomTag.CodeMeaning, DicomVR.LO, meaning);
}
