using System.Net;
using System.Text;
using System.Text.Json;
using Airadcr.Testing;
using Airadcr.Web.Viewer;
using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>OHIF served by the Web at /viewer, reading a real Orthanc through the Web's /dicom-web proxy.</summary>
[Collection(WebStackCollection.Name)]
public sealed class ViewerTests(WebStack stack, BrowserSession browser) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task The_viewer_opened_from_the_editor_shows_the_study_and_the_browser_never_sees_the_Orthanc_password()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True(File.Exists(Path.Combine(new ViewerOptions().ResolvePath(), "index.html")), ViewerApi.NotInstalled);
        var study = await UploadAsync(PydicomCorpus.File("CT_small.dcm"), ct);
        await stack.SeedReportAsync(new SeededReport("VIEWER_1", "PAT-VIEW", "ACCVIEW-1", "CT", "Scanner à visualiser", study), ct);

        var page = await browser.AdminPageAsync(stack);
        var seen = new ResponseRecorder(page.Context);
        await GoToAsync(page, "/open/VIEWER_1");
        var href = await page.Locator("#open-viewer").GetAttributeAsync("href");
        Assert.Equal("/viewer/viewer?StudyInstanceUIDs=" + study, href);

        var pixels = page.WaitForResponseAsync(response =>
            response.Url.Contains("/dicom-web/studies/" + study, StringComparison.Ordinal)
            && response.Url.Contains("/frames/", StringComparison.Ordinal) && response.Status == 200,
            new PageWaitForResponseOptions { Timeout = 90_000 });
        await page.GotoAsync(href!, new PageGotoOptions { Timeout = 60_000 });
        await pixels;
        await page.Locator(".cornerstone-canvas, [data-viewport-uid] canvas").First
            .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 60_000 });
        var screenshot = Path.Combine(stack.ArtefactDirectory, "viewer.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        TestContext.Current.SendDiagnosticMessage("OHIF screenshot: " + screenshot);
        TestContext.Current.TestOutputHelper?.WriteLine("OHIF screenshot: " + screenshot);

        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{stack.Orthanc.UserName}:{stack.Orthanc.Password}"));
        var responses = await seen.ResponsesAsync();
        Assert.Contains(responses, response => response.Url.Contains("/dicom-web/", StringComparison.Ordinal));
        foreach (var response in responses)
        {
            Assert.DoesNotContain(stack.Orthanc.Password, response.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(credentials, response.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Anonymous_requests_to_the_proxy_are_refused_and_the_viewer_asks_to_sign_in()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(stack.WebUrl) };
        foreach (var path in new[] { "/dicom-web/studies", "/wado?requestType=WADO" })
        {
            using var response = await client.GetAsync(path, ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain(stack.Orthanc.Password, await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }
        using var viewer = await client.GetAsync("/viewer/viewer?StudyInstanceUIDs=1.2.3", ct);
        Assert.Equal(HttpStatusCode.Redirect, viewer.StatusCode);
        Assert.Contains("/account/login", viewer.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_researcher_gets_the_viewer_without_the_Orthanc_source_and_may_not_use_the_proxy()
    {
        var admin = await browser.AdminPageAsync(stack);
        await CreateUserAsync(admin, "researcher-viewer", WebStack.UserPassword, "researcher");
        var page = await browser.NewPageAsync(stack.WebUrl);
        await SignInToWorklistAsync(page, "researcher-viewer", WebStack.UserPassword);

        var noRedirect = new APIRequestContextOptions { MaxRedirects = 0 };
        var proxy = await page.APIRequest.GetAsync("/dicom-web/studies", noRedirect);
        Assert.Equal(403, proxy.Status);
        var wado = await page.APIRequest.GetAsync("/wado?requestType=WADO", noRedirect);
        Assert.Equal(403, wado.Status);
        // OHIF's files hold no data: a researcher loads them, with only the research projects' sources (none here).
        var config = await page.APIRequest.GetAsync("/viewer/app-config.js", noRedirect);
        Assert.Equal(200, config.Status);
        var script = await config.TextAsync();
        Assert.DoesNotContain("'/dicom-web'", script, StringComparison.Ordinal);
        Assert.DoesNotContain("\"/dicom-web\"", script, StringComparison.Ordinal);
        Assert.DoesNotContain("orthanc", script, StringComparison.Ordinal);
        var reviewerConfig = await (await admin.APIRequest.GetAsync("/viewer/app-config.js", noRedirect)).TextAsync();
        Assert.Contains("\"/dicom-web\"", reviewerConfig, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_viewer_shows_the_study_under_its_content_security_policy_without_a_violation()
    {
        var ct = TestContext.Current.CancellationToken;
        // JPEG 2000: OHIF decodes it with a WebAssembly codec (the policy's 'wasm-unsafe-eval').
        var study = await UploadAsync(PydicomCorpus.File("MR_small_jp2klossless.dcm"), ct);
        var page = await browser.AdminPageAsync(stack);
        var violations = await CspViolations.RecordAsync(page);

        var pixels = page.WaitForResponseAsync(response =>
            response.Url.Contains("/dicom-web/studies/" + study, StringComparison.Ordinal)
            && response.Url.Contains("/frames/", StringComparison.Ordinal) && response.Status == 200,
            new PageWaitForResponseOptions { Timeout = 90_000 });
        var viewer = await page.GotoAsync("/viewer/viewer?StudyInstanceUIDs=" + study, new PageGotoOptions { Timeout = 60_000 });
        await pixels;
        await page.Locator(".cornerstone-canvas, [data-viewport-uid] canvas").First
            .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 60_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 30_000 });

        var policy = await viewer!.HeaderValueAsync("content-security-policy") ?? "";
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.DoesNotContain("'unsafe-eval'", policy);
        violations.AssertNone();
    }

    /// <summary>Stores a file in Orthanc with its REST API; returns its Study Instance UID.</summary>
    private async Task<string> UploadAsync(string file, CancellationToken ct)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(file, ct));
        using var stored = await stack.Orthanc.Client.PostAsync("instances", content, ct);
        stored.EnsureSuccessStatusCode();
        using var instance = JsonDocument.Parse(await stored.Content.ReadAsStringAsync(ct));
        var studyId = instance.RootElement.GetProperty("ParentStudy").GetString();
        using var studyJson = JsonDocument.Parse(await stack.Orthanc.Client.GetStringAsync("studies/" + studyId, ct));
        return studyJson.RootElement.GetProperty("MainDicomTags").GetProperty("StudyInstanceUID").GetString()!;
    }
}
