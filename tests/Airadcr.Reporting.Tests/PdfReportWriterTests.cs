using Airadcr.Reporting.Model;
using Airadcr.Reporting.Pdf;
using Airadcr.Testing;
using UglyToad.PdfPig;

namespace Airadcr.Reporting.Tests;

public sealed class PdfReportWriterTests
{
    private static string ExtractText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(page => string.Join(" ", page.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public void Every_field_is_extractable_including_french_accents()
    {
        var text = ExtractText(PdfReportWriter.Write(SampleReports.Report()));

        foreach (var expected in new[]
                 {
                     "Clinique Sainte-Thérèse", "Scanner thoracique", "DUPRÉ-LEFÈVRE", "Éloïse", "PAT-0042", "14/03/1958",
                     "ACC2026-1187", "21/11/2026", "CT", "MARTIN", "Hélène", "Toux fébrile persistante,", "dyspnée",
                     "hélicoïdale", "épanchement", "Nodules pulmonaires à contrôler à 3 mois.", "Indication", "Technique",
                     "Résultats", "Conclusion", "Nodule", "Poumon", "inférieur", "6,2 mm", "4,4 mm", "91 %", "67 %",
                     "ct-nodule-candidates", "1.0.0", "Images clés", "vérifiés", "préliminaire",
                 })
        {
            Assert.Contains(expected, text);
        }
        Assert.DoesNotContain("Lung", text); // coded meanings are English; a French report names them in French
    }

    [Fact]
    public void English_report_uses_english_labels()
    {
        var text = ExtractText(PdfReportWriter.Write(SampleReports.Report(ReportLanguage.English)));

        Assert.Contains("Impression", text);
        Assert.Contains("Key images", text);
        Assert.Contains("6.2 mm", text);
        Assert.Contains("Lung", text);
        Assert.DoesNotContain("Résultats", text);
    }

    [Fact]
    public void Signed_report_carries_the_signature_block_instead_of_the_preliminary_notice()
    {
        var signature = new ReportSignature("Dr Jérôme Noël", new DateTimeOffset(2026, 11, 22, 15, 0, 0, TimeSpan.Zero));
        var text = ExtractText(PdfReportWriter.Write(SampleReports.Report(signature: signature)));

        Assert.Contains("Validé électroniquement par Dr Jérôme Noël", text);
        Assert.DoesNotContain("préliminaire", text);
    }

    [Fact]
    public void Key_images_are_embedded_losslessly()
    {
        using var document = PdfDocument.Open(PdfReportWriter.Write(SampleReports.Report()));
        var images = document.GetPages().SelectMany(page => page.GetImages()).ToList();

        var image = Assert.Single(images);
        Assert.DoesNotContain("DCTDecode", image.ImageDictionary.ToString(), StringComparison.Ordinal);
        Assert.Equal(128, image.WidthInSamples);
    }

    [Fact]
    public void Long_reports_flow_onto_further_pages_with_page_numbers()
    {
        var report = SampleReports.Report() with
        {
            Findings = [.. Enumerable.Range(1, 60).Select(n => SampleReports.Nodule(n, 40, 60, 5, 0.8))],
        };
        var pdf = PdfReportWriter.Write(report);
        using var document = PdfDocument.Open(pdf);

        Assert.True(document.NumberOfPages >= 2, $"{document.NumberOfPages} page(s)");
        Assert.Contains("Page 2", ExtractText(pdf));
    }

    [Fact]
    public async Task Pdftoppm_renders_the_first_page()
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new FixtureDirectory("pdf");
        var pdfPath = directory.Combine("report.pdf");
        await File.WriteAllBytesAsync(pdfPath, PdfReportWriter.Write(SampleReports.Report()), ct);

        var result = await ExternalTool.RunAsync("pdftoppm", "poppler-utils",
            ["-png", "-r", "60", "-f", "1", "-l", "1", pdfPath, directory.Combine("page")], ct);

        result.EnsureSuccess();
        var png = Assert.Single(Directory.GetFiles(directory.Path, "page*.png"));
        Assert.True(new FileInfo(png).Length > 10_000, "rendered page is nearly empty");
    }
}
