using Airadcr.Reporting.Model;

namespace Airadcr.Reporting.Tests;

/// <summary>Reports as the gateway builds them, with French accents everywhere a field can carry text.</summary>
internal static class SampleReports
{
    public const string SourceInstanceUid = "1.2.826.0.1.3680043.8.498.10000000000000000000000000000000001";
    public const string SeriesUid = "1.2.826.0.1.3680043.8.498.50000000000000000000000000000000005";
    public const string StudyUid = "1.2.826.0.1.3680043.8.498.20000000000000000000000000000000002";
    public static readonly DateTimeOffset CreatedAt = new(2026, 11, 22, 14, 5, 0, TimeSpan.Zero);

    public static StudyContext Study => new()
    {
        StudyInstanceUid = StudyUid,
        PatientName = "DUPRÉ-LEFÈVRE^Éloïse",
        PatientId = "PAT-0042",
        PatientBirthDate = new DateOnly(1958, 3, 14),
        PatientSex = "F",
        AccessionNumber = "ACC2026-1187",
        StudyDate = new DateOnly(2026, 11, 21),
        StudyTime = new TimeOnly(9, 30),
        StudyDescription = "Scanner thoracique sans injection",
        StudyId = "4711",
        Modality = "CT",
        InstitutionName = "Clinique Sainte-Thérèse",
        ReferringPhysicianName = "MARTIN^Hélène",
    };

    public static ReportText Text => new(
        Title: "Scanner thoracique",
        Indication: "Toux fébrile persistante, dyspnée d'effort.",
        Technique: "Acquisition hélicoïdale thoracique, coupes de 1 mm, sans injection de produit de contraste.",
        Results: "Analyse automatisée : deux nodules pulmonaires solides détectés.\nPas d'épanchement pleural.",
        Conclusion: "Nodules pulmonaires à contrôler à 3 mois.");

    public static Finding Nodule(int number, double column, double row, double diameterMm, double confidence) => new()
    {
        Number = number,
        TrackingUid = $"1.2.826.0.1.3680043.8.498.3000000000000000000000000000000000{number}",
        Type = ReportCodes.Nodule,
        Site = ReportCodes.Lung,
        LocationText = $"lobe inférieur droit, coupe {40 + number}",
        Region = new ImageRegion
        {
            SopClassUid = "1.2.840.10008.5.1.4.1.1.2",
            SopInstanceUid = SourceInstanceUid,
            CenterColumn = column,
            CenterRow = row,
            Left = column - 6,
            Top = row - 6,
            Width = 12,
            Height = 12,
            PatientPosition = (-80.5, 12.25, -140),
            FrameOfReferenceUid = "1.2.826.0.1.3680043.8.498.4",
        },
        Measurements = [new Measurement(ReportCodes.Diameter, diameterMm, ReportCodes.Millimeter)],
        Confidence = confidence,
        Algorithm = new AlgorithmIdentity("ct-nodule-candidates", "1.0.0"),
    };

    public static KeyImage Image()
    {
        const int size = 128;
        var pixels = new byte[size * size];
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                var dx = column - 40;
                var dy = row - 60;
                pixels[row * size + column] = (byte)(dx * dx + dy * dy < 36 ? 255 : (row + column) / 2);
            }
        }
        return new KeyImage(SourceInstanceUid, null, size, size, pixels);
    }

    public static ReportDocument Report(ReportLanguage language = ReportLanguage.French, ReportSignature? signature = null) => new()
    {
        Study = Study,
        Text = Text,
        Findings = [Nodule(1, 40, 60, 6.2, 0.91), Nodule(2, 90, 30, 4.4, 0.67)],
        KeyImages = [Image()],
        SourceImages = [new SourceImage(SeriesUid, "1.2.840.10008.5.1.4.1.1.2", SourceInstanceUid, "CT")],
        Signature = signature,
        Language = language,
        CreatedAt = CreatedAt,
    };
}
