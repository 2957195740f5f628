using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

[Collection(WebStackCollection.Name)]
public sealed class ReportEditorTests(WebStack stack, BrowserSession browser) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task Editing_saving_and_signing_moves_the_report_to_draft_then_signed()
    {
        var page = await browser.OpenSeededReportAsync(stack, new SeededReport("EDIT_SIGN_1", "PAT-EDIT", "ACCEDIT-1", "CT", "Scanner à signer"));
        await Assertions.Expect(page.Locator("[data-testid=findings]")).ToContainTextAsync("87");
        await Assertions.Expect(page.Locator("[data-testid=models]")).ToContainTextAsync("lung-nodules 2.1.0");

        await page.FillAsync("#field-conclusion", "Nodule de 6 mm, contrôle à 6 mois.");
        await page.ClickAsync("#save-draft");
        await Assertions.Expect(page.Locator("[data-testid=report-status]")).ToHaveTextAsync("draft");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(stack.ArtefactDirectory, "report-editor.png"), FullPage = true });

        await SignAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=signed-banner]")).ToContainTextAsync("gateway unavailable");
        // This stack's ReportApi has [teo_hub] disabled (the default): said so, the signature stands.
        await Assertions.Expect(page.Locator("[data-testid=teo-hub-outcome]")).ToHaveAttributeAsync("data-state", "disabled");
        Assert.Equal(0, await page.Locator("#sign").CountAsync());

        await GoToAsync(page, "/");
        await FilterTextAsync(page, "ACCEDIT-1");
        await Assertions.Expect(page.Locator("tr.worklist-row[data-tid=EDIT_SIGN_1] .status")).ToHaveTextAsync("signed");
    }

    [Fact]
    public async Task The_signed_PDF_downloads_with_the_edited_conclusion()
    {
        var page = await browser.OpenSeededReportAsync(stack, new SeededReport("PDF_1", "PAT-PDF", "ACCPDF-1", "CT", "Scanner PDF"));
        await page.FillAsync("#field-conclusion", "Conclusion signée PDF.");
        await SignAsync(page);

        var response = await page.APIRequest.GetAsync("/reports/PDF_1/pdf");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        var body = await response.BodyAsync();
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(body);
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Conclusion signée PDF.", text);
    }

    [Fact]
    public async Task Copy_for_RIS_puts_the_report_text_on_the_clipboard()
    {
        var page = await browser.OpenSeededReportAsync(stack, new SeededReport("COPY_1", "PAT-COPY", "ACCCOPY-1", "CT", "Scanner copie"));
        await page.WaitForSelectorAsync("#copy-ris");

        await page.ClickAsync("#copy-ris");
        await page.WaitForSelectorAsync(".mud-snackbar");
        var clipboard = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");

        Assert.StartsWith("Scanner copie", clipboard);
        Assert.Contains("Nodule à surveiller.", clipboard);
    }
}
