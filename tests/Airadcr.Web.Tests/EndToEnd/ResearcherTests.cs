using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

[Collection(WebStackCollection.Name)]
public sealed class ResearcherTests(WebStack stack, BrowserSession browser) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    private const string PatientId = "PAT-SECRET-4711";
    private const string Accession = "ACC-SECRET-0815";

    [Fact]
    public async Task A_researcher_never_sees_a_patient_identifier_on_the_worklist_or_the_report()
    {
        var ct = TestContext.Current.CancellationToken;
        await stack.SeedReportAsync(new SeededReport("RESEARCH_1", PatientId, Accession, "CT", "Étude recherche"), ct);
        var admin = await browser.AdminPageAsync(stack);
        await CreateUserAsync(admin, "researcher1", WebStack.UserPassword, "researcher");

        var page = await browser.NewPageAsync(stack.WebUrl);
        var responses = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Response += async (_, response) =>
        {
            if (response.Request.ResourceType is "document" or "xhr" or "fetch" && response.Status is < 300 or >= 400)
            {
                try
                {
                    responses.Enqueue(await response.TextAsync());
                }
                catch (PlaywrightException)
                {
                    // The page moved on before this body was read (the next document is checked instead).
                }
            }
        };
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
            responses.Enqueue(frame.Text ?? System.Text.Encoding.UTF8.GetString(frame.Binary ?? []));
        await SignInToWorklistAsync(page, "researcher1", WebStack.UserPassword);
        await page.WaitForSelectorAsync("[data-testid=deidentified]");
        await FilterTextAsync(page, "RESEARCH_1");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
        Assert.DoesNotContain(PatientId, await page.ContentAsync());
        Assert.DoesNotContain(Accession, await page.ContentAsync());

        // Searching by the patient's id finds nothing: a researcher cannot probe identifiers. While the probe is on
        // screen the server may echo the typed text back into the search box, so its frames are checked for the
        // accession only (a match would carry the row's other identifiers).
        var probeStart = responses.Count;
        await FilterTextAsync(page, PatientId);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(0);
        await FilterTextAsync(page, "RESEARCH_1");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
        var probeEnd = responses.Count;

        await GoToAsync(page, "/open/RESEARCH_1");
        await Assertions.Expect(page.Locator("[data-testid=report-heading]")).ToHaveTextAsync("Étude recherche");
        Assert.DoesNotContain(PatientId, await page.ContentAsync());
        Assert.Equal(0, await page.Locator("#sign").CountAsync());
        var pdf = await page.APIRequest.GetAsync("/reports/RESEARCH_1/pdf");
        Assert.NotEqual("application/pdf", pdf.Headers.GetValueOrDefault("content-type"));

        var received = responses.ToArray();
        Assert.DoesNotContain(received, body => body.Contains(Accession, StringComparison.Ordinal));
        Assert.DoesNotContain(received[..probeStart], body => body.Contains(PatientId, StringComparison.Ordinal));
        Assert.DoesNotContain(received[probeEnd..], body => body.Contains(PatientId, StringComparison.Ordinal));
    }
}
