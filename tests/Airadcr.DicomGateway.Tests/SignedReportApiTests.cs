using System.Net;
using System.Net.Http.Headers;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Reporting;
using Airadcr.Reporting.Model;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>The Web's signed SR and Encapsulated PDF go through the gateway's persisted queue to the PACS (a real storescp).</summary>
public sealed class SignedReportApiTests : IAsyncLifetime
{
    private readonly StoreScpServer pacs = new() { AeTitle = "SIGNED_PACS" };
    private GatewayHost? gateway;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private GatewayHost Gateway => gateway ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        await pacs.InitializeAsync();
        gateway = new GatewayHost(GatewayMode.Embedded, new Dictionary<string, string>
        {
            ["Gateway:Pacs:AeTitle"] = pacs.AeTitle,
            ["Gateway:Pacs:Host"] = "127.0.0.1",
            ["Gateway:Pacs:Port"] = pacs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await gateway.InitializeAsync();
    }

    [Fact]
    public async Task A_signed_report_is_accepted_and_both_files_reach_the_pacs_unchanged()
    {
        // The gateway signs only studies it knows: it received one image of this one.
        using var images = new FixtureDirectory("signed-study");
        var image = SyntheticInstances.WriteStudy(images.Path, 1)[0];
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, Gateway.DicomPort, [image], Token)).EnsureSuccess();
        using var stored = DicomFile.Open(image);
        var artefacts = SignedArtefacts(stored.Dataset.GetString(DicomTag.StudyInstanceUID));
        using var form = Form(artefacts);

        using var response = await Gateway.CreateClient().PostAsync($"/studies/{artefacts.Study}/signed-report", form, Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        // storescp writes a file in place: one that exists may still be arriving, so wait until both are whole.
        while (!(pacs.ReceivedFiles().Count >= 2 && pacs.ReceivedFiles().All(IsWholeFile)) && !deadline.IsCancellationRequested)
        {
            await Task.Delay(200, Token);
        }
        var received = pacs.ReceivedFiles().Select(f => DicomFile.Open(f).Dataset).ToList();
        Assert.Equal(
            new[] { artefacts.Sr.Dataset.GetString(DicomTag.SOPInstanceUID), artefacts.Pdf.Dataset.GetString(DicomTag.SOPInstanceUID) }.Order(),
            received.Select(d => d.GetString(DicomTag.SOPInstanceUID)).Order());
        var pdf = received.Single(d => d.GetString(DicomTag.Modality) == "DOC");
        Assert.Equal(artefacts.Pdf.Dataset.GetElement(DicomTag.EncapsulatedDocument).Data.ToArray(), pdf.GetElement(DicomTag.EncapsulatedDocument).Data.ToArray());
    }

    private static bool IsWholeFile(string path)
    {
        try
        {
            using var file = DicomFile.Open(path);
            return true;
        }
        catch (Exception error) when (error is DicomFormatException or IOException)
        {
            return false;
        }
    }

    [Fact]
    public async Task A_signed_report_of_a_study_the_gateway_never_received_is_404_and_nothing_is_queued()
    {
        var artefacts = SignedArtefacts(DicomUidGenerator.New());
        var study = artefacts.Study;
        using var form = Form(artefacts);

        using var response = await Gateway.CreateClient().PostAsync($"/studies/{study}/signed-report", form, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"pacsPending\":0", await Gateway.CreateClient().GetStringAsync("/admin/queues", Token), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Gateway.StoragePath, study, "signed")) && Directory.EnumerateFiles(Path.Combine(Gateway.StoragePath, study, "signed")).Any());
    }

    [Theory]
    [InlineData("not-dicom", "sr")]
    [InlineData("other-study", "sr")]
    [InlineData("missing-pdf", "pdf")]
    [InlineData("swapped", "sr")]
    public async Task Bad_parts_are_400_naming_the_part_and_nothing_is_queued(string defect, string field)
    {
        var artefacts = SignedArtefacts(DicomUidGenerator.New());
        var sr = DicomFileWriter.ToArray(artefacts.Sr, artefacts.Sr.TransferSyntax);
        var pdf = DicomFileWriter.ToArray(artefacts.Pdf, artefacts.Pdf.TransferSyntax);
        var study = artefacts.Study;
        switch (defect)
        {
            case "not-dicom": sr = new byte[300]; break;
            case "other-study": study = DicomUidGenerator.New(); break;
            case "missing-pdf": pdf = []; break;
            case "swapped": (sr, pdf) = (pdf, sr); break;
        }
        using var form = Form(sr, pdf);

        using var response = await Gateway.CreateClient().PostAsync($"/studies/{study}/signed-report", form, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"field\":\"{field}\"", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Contains("\"pacsPending\":0", await Gateway.CreateClient().GetStringAsync("/admin/queues", Token), StringComparison.Ordinal);
    }

    private static (string Study, DicomFile Sr, DicomFile Pdf) SignedArtefacts(string study)
    {
        var document = new ReportDocument
        {
            Study = new StudyContext { StudyInstanceUid = study, PatientId = "SIGNED1", PatientName = "SIGNÉ^Test", Modality = "CT" },
            Text = new ReportText("Scanner thoracique", "Contrôle", "Hélicoïdal", "Pas de nodule.", "Examen normal."),
            Signature = new ReportSignature("DR^Relecteur", DateTimeOffset.UtcNow),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var artefacts = ReportArtefacts.Create(document);
        return (study, artefacts.StructuredReport, artefacts.EncapsulatedPdf);
    }

    private static MultipartFormDataContent Form((string Study, DicomFile Sr, DicomFile Pdf) artefacts) =>
        Form(DicomFileWriter.ToArray(artefacts.Sr, artefacts.Sr.TransferSyntax), DicomFileWriter.ToArray(artefacts.Pdf, artefacts.Pdf.TransferSyntax));

    private static MultipartFormDataContent Form(byte[] sr, byte[] pdf)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in new[] { ("sr", sr), ("pdf", pdf) })
        {
            if (bytes.Length == 0)
            {
                continue;
            }
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            form.Add(part, name, name + ".dcm");
        }
        return form;
    }

    public async ValueTask DisposeAsync()
    {
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }
        await pacs.DisposeAsync();
    }
}
