using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Testing;
using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// Issue 24, item 1 in the browser: "Reject AI results" needs a reason; once confirmed the gateway withholds the
/// study's AI results, the ReportApi's report carries the <c>rejected</c> review with the reason, the editor turns
/// read-only with the rejection shown, and the worklist shows the report as rejected.
/// </summary>
[Collection(GatewayWebStackCollection.Name)]
public sealed class RejectAiResultsTests(GatewayWebStack stack, BrowserSession browser) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task Rejecting_needs_a_reason_withholds_the_AI_results_and_shows_rejected_in_the_worklist()
    {
        var ct = TestContext.Current.CancellationToken;
        var study = await StoreOwnStudyAsync(ct);
        var page = await browser.OpenSeededReportAsync(stack, new SeededReport("REJECT_AI_1", "PAT-REJECT", "ACCREJECT-1", "CT", "Scanner rejet IA", study));

        await page.ClickAsync("#reject-ai");
        await Assertions.Expect(page.Locator("#confirm-reject")).ToBeDisabledAsync();
        await page.FillAsync("#reject-reason", "Faux positif : cicatrice ancienne");
        await page.ClickAsync("#confirm-reject");

        await Assertions.Expect(page.Locator("[data-testid=report-status]")).ToHaveTextAsync("rejected", new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=rejected-banner]")).ToContainTextAsync("Faux positif : cicatrice ancienne");
        Assert.Equal(0, await page.Locator("#sign").CountAsync());
        Assert.Equal(0, await page.Locator("#reject-ai").CountAsync());

        using (var publication = await stack.Gateway.HttpClient.PostAsJsonAsync("/admin/publishing/study", new { studyInstanceUid = study }, ct))
        {
            publication.EnsureSuccessStatusCode();
            var state = await publication.Content.ReadFromJsonAsync<JsonElement>(ct);
            Assert.Equal("withheld", state.GetProperty("state").GetString());
            Assert.Equal("rejected", state.GetProperty("decision").GetString());
        }
        using (var found = JsonDocument.Parse(await stack.ReportApiClient.GetStringAsync("/find-report?patient_id=PAT-REJECT", ct)))
        {
            var review = found.RootElement.GetProperty("data").GetProperty("review");
            Assert.Equal("rejected", review.GetProperty("outcome").GetString());
            Assert.Equal("Faux positif : cicatrice ancienne", review.GetProperty("reason").GetString());
        }

        await GoToAsync(page, "/");
        await FilterTextAsync(page, "ACCREJECT-1");
        await Assertions.Expect(page.Locator("tr.worklist-row[data-tid=REJECT_AI_1] .status")).ToHaveTextAsync("rejected");
    }

    [Fact]
    public async Task A_second_report_of_a_signed_study_can_be_neither_signed_nor_rejected_and_says_why()
    {
        var ct = TestContext.Current.CancellationToken;
        var study = await StoreOwnStudyAsync(ct);
        var first = await browser.OpenSeededReportAsync(stack, new SeededReport("SIGN_RACE_A", "PAT-RACE", "ACCRACE-A", "CT", "Scanner premier", study));
        await SignAsync(first);
        var second = await browser.OpenSeededReportAsync(stack, new SeededReport("SIGN_RACE_B", "PAT-RACE", "ACCRACE-B", "CT", "Scanner second", study));

        await second.ClickAsync("#sign");

        await Assertions.Expect(second.Locator(".mud-snackbar").Last).ToContainTextAsync("already signed", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        await Assertions.Expect(second.Locator("[data-testid=report-status]")).Not.ToHaveTextAsync("signed");
        await second.ClickAsync("#reject-ai");
        await second.FillAsync("#reject-reason", "trop tard");
        await second.ClickAsync("#confirm-reject");
        await Assertions.Expect(second.Locator(".mud-snackbar").Last).ToContainTextAsync("Not rejected");
        await Assertions.Expect(second.Locator("[data-testid=report-status]")).Not.ToHaveTextAsync("rejected");
    }

    [Fact]
    public async Task The_gateway_admin_page_shows_and_sets_the_publishing_policy()
    {
        var ct = TestContext.Current.CancellationToken;
        var page = await browser.AdminPageAsync(stack);
        await GoToAsync(page, "/admin/gateway");
        var shown = page.Locator("[data-testid=publish-policy]");
        await Assertions.Expect(shown).ToHaveAttributeAsync("data-policy", "immediate");
        try
        {
            await page.SelectOptionAsync("#publish-policy", "after-review");
            await page.ClickAsync("#save-publish-policy");

            await Assertions.Expect(shown).ToHaveAttributeAsync("data-policy", "after-review");
            var policy = await stack.Gateway.HttpClient.GetFromJsonAsync<JsonElement>("/admin/publishing", ct);
            Assert.Equal(("after-review", "admin", "user:" + WebStack.AdminUser),
                (policy.GetProperty("policy").GetString(), policy.GetProperty("source").GetString(), policy.GetProperty("updatedBy").GetString()));
        }
        finally
        {
            using var restore = await stack.Gateway.HttpClient.PutAsJsonAsync("/admin/publishing", new { policy = "immediate" }, ct);
            restore.EnsureSuccessStatusCode();
        }
    }

    /// <summary>CT_small under a study UID of this test's own (the other tests sign pydicom's own study).</summary>
    private async Task<string> StoreOwnStudyAsync(CancellationToken ct)
    {
        var directory = Path.Combine(stack.ArtefactDirectory, "reject-study");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"ct-{Guid.NewGuid():N}.dcm");
        var study = DicomUidGenerator.New();
        using (var file = DicomFile.Open(PydicomCorpus.File("CT_small.dcm")))
        {
            file.Dataset.Add(DicomTag.StudyInstanceUID, study);
            file.Dataset.Add(DicomTag.SeriesInstanceUID, DicomUidGenerator.New());
            file.Dataset.Add(DicomTag.SOPInstanceUID, DicomUidGenerator.New());
            file.Save(path);
        }
        (await DcmtkTools.StoreAsync(GatewayProcess.AeTitle, stack.Gateway.DicomPort, [path], ct)).EnsureSuccess();
        return study;
    }
}
