using System.Text.Json;
using Airadcr.Audit;
using Airadcr.Audit.Storage;
using Airadcr.Web.Tests.Measurements;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// Issue 24, item 3: a radiologist's measurements stored as an SR through the Web's <c>POST /dicom-web/studies</c>
/// (checked, then forwarded to a real Orthanc with its credentials, audited), listed for the next reader in the
/// editor and inserted into the report text; refusals (role, malformed, not an SR, unknown study, conflicts) leave
/// Orthanc untouched and are audited too.
/// </summary>
[Collection(WebStackCollection.Name)]
public sealed class MeasurementStowTests(WebStack stack, BrowserSession browser) : IAsyncDisposable
{
    private const string Radiologist = "radio-measure";

    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_radiologist_s_SR_is_stored_in_Orthanc_audited_and_listed_in_the_editor_where_it_is_inserted_into_the_report()
    {
        var study = await OrthancStudyCopy.StoreAsync(stack.Orthanc, "MR_small.dcm", Token);
        var sop = Airadcr.Dicom.DicomUidGenerator.New();
        var page = await RadiologistPageAsync();

        Assert.Contains("supportsStow: true", await (await page.APIRequest.GetAsync("/viewer/app-config.js")).TextAsync());
        var stored = await PostAsync(page, "/dicom-web/studies", OhifMeasurementReport.Part10(study, 23.5, label: "Nodule LSD", sopInstanceUid: sop));

        Assert.True(stored.Status == 200, await stored.TextAsync());
        Assert.Contains("00081199", await stored.TextAsync()); // Orthanc's Referenced SOP Sequence, passed on to OHIF
        Assert.True(await OrthancStudyCopy.HoldsAsync(stack.Orthanc, sop, Token));
        var subjects = AuditSubjects.Load(null, stack.WebDataDirectory);
        var entry = Assert.Single(await SavesAsync(subjects.Study(study)));
        Assert.Equal((Radiologist, "stored " + subjects.Instance(sop)), (entry.Actor, entry.Detail));

        await stack.SeedReportAsync(new SeededReport("MEASURE_1", "PAT-MEASURE", "ACCMEASURE-1", "MR", "IRM mesurée", study), Token);
        await GoToAsync(page, "/open/MEASURE_1");
        var row = page.Locator("[data-testid=reader-measurement]");
        await Assertions.Expect(row).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Nodule LSD: Length 23[.,]5 mm"));
        await Assertions.Expect(row).ToContainTextAsync(Radiologist);
        await row.Locator("[data-testid=insert-measurement]").ClickAsync();
        await Assertions.Expect(page.Locator("#field-results")).ToHaveValueAsync(
            new System.Text.RegularExpressions.Regex(@"Nodule lobaire supérieur droit de 6 mm\.\nNodule LSD: Length 23[.,]5 mm$"));
    }

    [Fact]
    public async Task Only_radiologists_may_store_and_each_refusal_is_audited_with_nothing_stored()
    {
        var study = await OrthancStudyCopy.StoreAsync(stack.Orthanc, "MR_small.dcm", Token);
        var sop = Airadcr.Dicom.DicomUidGenerator.New();
        var body = OhifMeasurementReport.Part10(study, 10, sopInstanceUid: sop);
        var admin = await browser.AdminPageAsync(stack);
        await CreateUserAsync(admin, "admin-only-measure", WebStack.UserPassword, "admin");
        await CreateUserAsync(admin, "researcher-measure", WebStack.UserPassword, "researcher");

        foreach (var user in new[] { "admin-only-measure", "researcher-measure" })
        {
            var page = await browser.NewPageAsync(stack.WebUrl);
            await SignInToWorklistAsync(page, user, WebStack.UserPassword);
            var refused = await PostAsync(page, $"/dicom-web/studies/{study}", body);
            Assert.Equal(403, refused.Status);
            // OHIF is not told it may store there (the refusal above stands anyway).
            Assert.DoesNotContain("supportsStow: true", await (await page.APIRequest.GetAsync("/viewer/app-config.js")).TextAsync());
        }
        using var anonymous = new HttpClient { BaseAddress = new Uri(stack.WebUrl) };
        using var content = OhifMeasurementReport.Content(OhifMeasurementReport.Body(body));
        using var unauthenticated = await anonymous.PostAsync("/dicom-web/studies", content, Token);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unauthenticated.StatusCode);

        Assert.False(await OrthancStudyCopy.HoldsAsync(stack.Orthanc, sop, Token));
        var saves = await SavesAsync(AuditSubjects.Load(null, stack.WebDataDirectory).Study(study));
        Assert.Equal(["admin-only-measure", "researcher-measure"], saves.Select(e => e.Actor).Order());
        Assert.All(saves, e => Assert.Equal("refused 403: not a radiologist", e.Detail));
    }

    [Fact]
    public async Task Malformed_bodies_non_SRs_unknown_studies_and_conflicts_get_a_reason_and_Orthanc_stays_unchanged()
    {
        var study = await OrthancStudyCopy.StoreAsync(stack.Orthanc, "MR_small.dcm", Token);
        var page = await RadiologistPageAsync();
        var stored = OhifMeasurementReport.Part10(study, 12);
        Assert.Equal(200, (await PostAsync(page, "/dicom-web/studies", stored)).Status);
        var before = await OrthancStudyCopy.InstanceCountAsync(stack.Orthanc, Token);

        var sr = OhifMeasurementReport.Part10(study, 10);
        var image = await File.ReadAllBytesAsync(Airadcr.Testing.PydicomCorpus.File("CT_small.dcm"), Token);
        await AssertRefusedAsync(page, "/dicom-web/studies", OhifMeasurementReport.Body(sr, "garbage"u8.ToArray()), 422, "part 2 is not a readable DICOM Part 10 file");
        await AssertRefusedAsync(page, "/dicom-web/studies", OhifMeasurementReport.Body(sr, image), 422, "part 2 is not a structured report");
        await AssertRefusedAsync(page, "/dicom-web/studies", OhifMeasurementReport.Body(OhifMeasurementReport.Part10("1.2.826.0.1.3680043.8.498.999", 10)), 422,
            "the study is not in the archive");
        await AssertRefusedAsync(page, "/dicom-web/studies/1.2.826.0.1.3680043.8.498.998", OhifMeasurementReport.Body(sr), 409, "another study than the URL's");
        await AssertRefusedAsync(page, "/dicom-web/studies", OhifMeasurementReport.Body(stored), 409, "already stored");
        var raw = await page.APIRequest.FetchAsync($"/dicom-web/studies/{study}", new APIRequestContextOptions { Method = "DELETE" });
        Assert.Equal(405, raw.Status); // the proxy forwards GET and HEAD only

        Assert.Equal(before, await OrthancStudyCopy.InstanceCountAsync(stack.Orthanc, Token));
        // A body refused before its study is known is audited without a subject.
        var details = (await SavesAsync(null)).Where(e => e.Actor == Radiologist).Select(e => e.Detail).ToList();
        Assert.Contains("refused 422: not DICOM Part 10", details);
        Assert.Contains("refused 422: not an SR", details);
        Assert.Contains("refused 409: already stored", details);
        Assert.DoesNotContain(details, d => d!.Contains(study, StringComparison.Ordinal));
    }

    private async Task<IPage> RadiologistPageAsync()
    {
        var admin = await browser.AdminPageAsync(stack);
        await GoToAsync(admin, "/admin/users");
        if (await admin.Locator($"tr[data-user='{Radiologist}']").CountAsync() == 0)
        {
            await CreateUserAsync(admin, Radiologist, WebStack.UserPassword, "radiologist");
        }
        var page = await browser.NewPageAsync(stack.WebUrl);
        await SignInToWorklistAsync(page, Radiologist, WebStack.UserPassword);
        return page;
    }

    private static async Task<IAPIResponse> PostAsync(IPage page, string path, byte[] body) =>
        await page.APIRequest.PostAsync(path, new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = OhifMeasurementReport.ContentType },
            DataByte = body.AsSpan().StartsWith("--"u8) ? body : OhifMeasurementReport.Body(body),
            MaxRedirects = 0,
        });

    private static async Task AssertRefusedAsync(IPage page, string path, byte[] body, int status, string reason)
    {
        var response = await PostAsync(page, path, body);
        Assert.Equal(status, response.Status);
        using var problem = JsonDocument.Parse(await response.TextAsync());
        Assert.Contains(reason, problem.RootElement.GetProperty("detail").GetString());
    }

    /// <summary>The Web's save-measurements audit entries about a study, or all of them (each committed before the answer).</summary>
    private async Task<IReadOnlyList<AuditEntry>> SavesAsync(string? studySubject)
    {
        var store = new SqliteAuditStore(new SqliteConnectionStringBuilder { DataSource = Path.Combine(stack.WebDataDirectory, "web.db") }.ToString());
        return (await store.ReadAsync(1, Token).ToListAsync(Token)).Where(e => e.Action == "save-measurements" && (studySubject is null || e.Subject == studySubject)).ToList();
    }
}
