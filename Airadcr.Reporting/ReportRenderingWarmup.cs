using Airadcr.Reporting.Model;

namespace Airadcr.Reporting;

/// <summary>
/// Builds the four artefacts of a synthetic report (no patient data: placeholder UIDs and text) once and drops them, so
/// that the first real report of a process does not pay for the JIT, the fonts and the PDF engine's start (about a
/// second on a 2-core host against a tenth of that afterwards).
/// </summary>
public static class ReportRenderingWarmup
{
    private const string Root = "2.25.0.";
    private const string SopClass = "1.2.840.10008.5.1.4.1.1.2";

    /// <summary>
    /// <see cref="Run"/> on a pool thread, for a service's start-up: a failure goes to <paramref name="failed"/> (the
    /// first report is then only slower) and changes nothing else.
    /// </summary>
    public static Task RunInBackgroundAsync(ReportLanguage language, Action<string> failed, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            try
            {
                Run(language);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                failed(error.Message);
            }
        }, cancellationToken);

    public static void Run(ReportLanguage language)
    {
        const int size = 64;
        var image = Root + "3";
        var region = new ImageRegion
        {
            SopClassUid = SopClass, SopInstanceUid = image, CenterColumn = 32, CenterRow = 32, Left = 28, Top = 28, Width = 8, Height = 8,
        };
        var algorithm = new AlgorithmIdentity("warm-up", "0");
        _ = ReportArtefacts.Create(new ReportDocument
        {
            Study = new StudyContext { StudyInstanceUid = Root + "1", Modality = "CT" },
            Text = new ReportText("Warm-up", Results: "Warm-up"),
            Findings =
            [
                new Finding
                {
                    Number = 1, TrackingUid = Root + "4", Type = ReportCodes.Nodule, Site = ReportCodes.Lung, Region = region, Confidence = 0.5,
                    Measurements = [new Measurement(ReportCodes.Diameter, 8, ReportCodes.Millimeter)], Algorithm = algorithm,
                },
            ],
            Algorithms = [algorithm],
            KeyImages = [new KeyImage(image, null, size, size, new byte[size * size])],
            SourceImages = [new SourceImage(Root + "2", SopClass, image, "CT")],
            Language = language,
            CreatedAt = DateTimeOffset.UnixEpoch,
        });
    }
}
