using System.Text.Json;
using Airadcr.Testing;

namespace Airadcr.Reporting.Tests;

[CollectionDefinition(nameof(OrthancCollection))]
public sealed class OrthancCollection : ICollectionFixture<OrthancServer>;

[Collection(nameof(OrthancCollection))]
public sealed class OrthancAcceptanceTests(OrthancServer orthanc) : IDisposable
{
    private readonly FixtureDirectory _directory = new("orthanc-accept");

    [Fact]
    public async Task Orthanc_accepts_the_sr_and_encapsulated_pdf_and_lists_them_in_the_study()
    {
        var ct = TestContext.Current.CancellationToken;
        var artefacts = ReportArtefacts.Create(SampleReports.Report());
        await artefacts.SaveAsync(_directory.Path, signed: false, ct);

        var store = await DcmtkTools.StoreAsync(orthanc.AeTitle, orthanc.DicomPort,
            [_directory.Combine("ai-sr.dcm"), _directory.Combine("report-pdf.dcm")], ct,
            options: ["--required"]); // propose the files' own SOP classes (storescu's defaults lack Comprehensive 3D SR)
        store.EnsureSuccess();

        var response = await orthanc.Client.GetAsync($"dicom-web/studies/{SampleReports.StudyUid}/series", ct);
        response.EnsureSuccessStatusCode();
        using var series = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var modalities = series.RootElement.EnumerateArray()
            .Select(s => s.GetProperty("00080060").GetProperty("Value")[0].GetString()).ToList();
        Assert.Contains("SR", modalities);
        Assert.Contains("DOC", modalities);
    }

    public void Dispose() => _directory.Dispose();
}
