#:project ../Airadcr.Reporting/Airadcr.Reporting.csproj
// Renders docs/report-sample.pdf from a sample report (a synthetic chest CT slice with two findings).
// Usage: dotnet run eng/render-sample-report.cs -- docs/report-sample.pdf && pdftoppm -png -r 80 -singlefile docs/report-sample.pdf docs/report-sample
using Airadcr.Reporting.Model;
using Airadcr.Reporting.Pdf;

const string instance = "2.25.1001";
const int size = 256;
var pixels = new byte[size * size];
for (var row = 0; row < size; row++)
{
    for (var column = 0; column < size; column++)
    {
        var dx = (column - 128) / 110.0;
        var dy = (row - 128) / 90.0;
        var body = dx * dx + dy * dy < 1;
        var lung = body && (Math.Pow((column - 80) / 38.0, 2) + Math.Pow((row - 125) / 60.0, 2) < 1
                         || Math.Pow((column - 176) / 38.0, 2) + Math.Pow((row - 125) / 60.0, 2) < 1);
        var nodule = Math.Pow(column - 70, 2) + Math.Pow(row - 110, 2) < 36 || Math.Pow(column - 182, 2) + Math.Pow(row - 150, 2) < 16;
        pixels[row * size + column] = (byte)(nodule ? 200 : lung ? 25 : body ? 150 : 0);
    }
}

Finding Nodule(int number, double column, double row, double diameter, double confidence) => new()
{
    Number = number,
    TrackingUid = $"2.25.{2000 + number}",
    Type = ReportCodes.Nodule,
    Site = ReportCodes.Lung,
    LocationText = $"image {40 + number}",
    Region = new ImageRegion
    {
        SopClassUid = "1.2.840.10008.5.1.4.1.1.2", SopInstanceUid = instance,
        CenterColumn = column, CenterRow = row, Left = column - diameter, Top = row - diameter, Width = 2 * diameter, Height = 2 * diameter,
    },
    Measurements = [new Measurement(ReportCodes.Diameter, diameter, ReportCodes.Millimeter)],
    Confidence = confidence,
    Algorithm = new AlgorithmIdentity("ct-nodule-candidates", "1.0.0"),
};

var report = new ReportDocument
{
    Study = new StudyContext
    {
        StudyInstanceUid = "2.25.1000", PatientName = "DUPRÉ-LEFÈVRE^Éloïse", PatientId = "PAT-0042",
        PatientBirthDate = new DateOnly(1958, 3, 14), PatientSex = "F", AccessionNumber = "ACC2026-1187",
        StudyDate = new DateOnly(2026, 11, 21), StudyDescription = "Scanner thoracique sans injection", Modality = "CT",
        InstitutionName = "Clinique Sainte-Thérèse", ReferringPhysicianName = "MARTIN^Hélène",
    },
    Text = new ReportText("Scanner thoracique", "Toux fébrile persistante, dyspnée d'effort.",
        "Acquisition hélicoïdale thoracique, coupes de 1 mm, sans injection.",
        "Analyse automatisée :\n1. Nodule, Lung, image 41, 6,2 mm (confiance 91 %)\n2. Nodule, Lung, image 42, 4,4 mm (confiance 67 %)", ""),
    Findings = [Nodule(1, 70, 110, 6.2, 0.91), Nodule(2, 182, 150, 4.4, 0.67)],
    KeyImages = [new KeyImage(instance, null, size, size, pixels)],
    CreatedAt = new DateTimeOffset(2026, 11, 22, 14, 5, 0, TimeSpan.Zero),
};
var output = args.Length > 0 ? args[0] : "report-sample.pdf";
File.WriteAllBytes(output, PdfReportWriter.Write(report));
Console.WriteLine($"wrote {output}");
