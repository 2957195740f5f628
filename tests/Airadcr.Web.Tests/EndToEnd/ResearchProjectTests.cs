using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// Research projects end to end: an admin defines a project on the Web, the real gateway de-identifies its study, a
/// member browses it, opens it in OHIF through the Web's research proxy and exports it; nothing identifying reaches
/// the member's browser, and nobody else gets the project's data.
/// </summary>
[Collection(GatewayWebStackCollection.Name)]
public sealed class ResearchProjectTests(GatewayWebStack stack, BrowserSession browser) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task A_member_browses_views_and_exports_the_project_and_the_browser_never_receives_an_identifier()
    {
        var (_, projectId) = await RunProjectAsync("Cohorte nodules", "researcher-member");

        var page = await browser.NewPageAsync(stack.WebUrl);
        var responses = new ResponseRecorder(page.Context);
        var frames = new List<string>();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            lock (frames)
            {
                frames.Add(frame.Text ?? Encoding.Latin1.GetString(frame.Binary ?? []));
            }
        };
        await SignInToWorklistAsync(page, "researcher-member", WebStack.UserPassword);
        await page.ClickAsync("#nav-my-projects");
        await page.ClickAsync($"tr[data-project='{projectId}'] a");
        await WaitForCircuitAsync(page);
        var study = page.Locator("tr.research-study");
        await Assertions.Expect(study).ToHaveCountAsync(1);
        await Assertions.Expect(study).ToHaveAttributeAsync("data-state", "done");
        var pseudonym = await study.Locator(".pseudonym").TextContentAsync();
        Assert.False(string.IsNullOrWhiteSpace(pseudonym));

        // OHIF on the project's de-identified copy, through /research/{id}/dicom-web.
        var viewerLink = await study.Locator("a.open-viewer").GetAttributeAsync("href");
        Assert.StartsWith($"/viewer/viewer/research-{projectId}?StudyInstanceUIDs=", viewerLink, StringComparison.Ordinal);
        var pixels = page.WaitForResponseAsync(response =>
            response.Url.Contains($"/research/{projectId}/dicom-web/studies/", StringComparison.Ordinal)
            && response.Url.Contains("/frames/", StringComparison.Ordinal) && response.Status == 200,
            new PageWaitForResponseOptions { Timeout = 90_000 });
        await page.GotoAsync(viewerLink!, new PageGotoOptions { Timeout = 60_000 });
        await pixels;
        await page.Locator(".cornerstone-canvas, [data-viewport-uid] canvas").First
            .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 60_000 });
        var screenshot = Path.Combine(stack.ArtefactDirectory, "research-viewer.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        TestContext.Current.SendDiagnosticMessage("research viewer screenshot: " + screenshot);

        // Export: progress, then the ZIP through the Web.
        await GoToAsync(page, $"/research/{projectId}");
        await page.ClickAsync("#start-export");
        var download = page.Locator("#download-export");
        await download.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid=research-export]")).ToHaveAttributeAsync("data-state", "done");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(stack.ArtefactDirectory, "research-project.png"), FullPage = true });
        var zip = await page.APIRequest.GetAsync((await download.GetAttributeAsync("href"))!);
        Assert.Equal(200, zip.Status);
        Assert.Equal("application/zip", zip.Headers["content-type"]);
        var entries = Unzip(await zip.BodyAsync());
        Assert.Contains(entries, e => e.Name == "manifest.csv");
        Assert.Contains(entries, e => e.Name.EndsWith(".dcm", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Name == "manifest.json" && e.Text.Contains(pseudonym!, StringComparison.Ordinal));

        var received = await responses.ResponsesAsync();
        Assert.Contains(received, r => r.Url.Contains($"/research/{projectId}/dicom-web/", StringComparison.Ordinal) && r.Text.Contains("BulkDataURI", StringComparison.Ordinal));
        string[] websocket;
        lock (frames)
        {
            websocket = [.. frames];
        }
        Assert.Contains(websocket, frame => frame.Contains(pseudonym!, StringComparison.Ordinal)); // the circuit's traffic is seen
        foreach (var identifier in IdentifiedStudy.Identifiers)
        {
            Assert.DoesNotContain(received, r => r.Text.Contains(identifier, StringComparison.Ordinal));
            Assert.DoesNotContain(websocket, frame => frame.Contains(identifier, StringComparison.Ordinal));
            Assert.DoesNotContain(entries, e => e.Text.Contains(identifier, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Somebody_who_is_not_a_member_gets_nothing_of_the_project()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, projectId) = await RunProjectAsync("Projet fermé", "researcher-inside", "researcher-outside");
        var studyKey = (await GatewayStudiesAsync(projectId, ct)).Single().GetProperty("studyKey").GetString();
        var exportId = await FinishedExportAsync(projectId, ct);
        string[] paths =
        [
            $"/research/{projectId}/dicom-web/studies",
            $"/research/{projectId}/dicom-web/studies/{studyKey}/metadata",
            $"/research/{projectId}/exports/{exportId}/file",
        ];
        var noRedirect = new APIRequestContextOptions { MaxRedirects = 0 };

        var outsider = await browser.NewPageAsync(stack.WebUrl);
        await SignInToWorklistAsync(outsider, "researcher-outside", WebStack.UserPassword);
        foreach (var path in paths)
        {
            Assert.Equal(404, (await outsider.APIRequest.GetAsync(path, noRedirect)).Status);
        }
        await GoToAsync(outsider, $"/research/{projectId}");
        await Assertions.Expect(outsider.Locator("[data-testid=project-not-found]")).ToBeVisibleAsync();
        Assert.Equal(0, await outsider.Locator("tr.research-study").CountAsync());
        Assert.DoesNotContain(studyKey!, await outsider.ContentAsync(), StringComparison.Ordinal);
        await GoToAsync(outsider, "/research");
        Assert.Equal(0, await outsider.Locator($"tr[data-project='{projectId}']").CountAsync());

        // The admin manages the project but is no researcher of it; anonymous callers are not signed in.
        foreach (var path in paths)
        {
            Assert.Equal(403, (await admin.APIRequest.GetAsync(path, noRedirect)).Status);
        }
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(stack.WebUrl) };
        foreach (var path in paths)
        {
            using var response = await anonymous.GetAsync(path, ct);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // The member gets the same paths.
        var member = await browser.NewPageAsync(stack.WebUrl);
        await SignInToWorklistAsync(member, "researcher-inside", WebStack.UserPassword);
        foreach (var path in paths)
        {
            Assert.Equal(200, (await member.APIRequest.GetAsync(path, noRedirect)).Status);
        }
    }

    [Fact]
    public async Task An_admin_re_identifies_one_subject_with_a_reason_then_deletes_the_project_and_both_are_audited()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, projectId) = await RunProjectAsync("Projet audité", "researcher-audited");
        var pseudonym = (await admin.Locator("tr.research-study .pseudonym").TextContentAsync())!.Trim();

        await admin.FillAsync("#reidentify-pseudonym", pseudonym);
        await admin.ClickAsync("#reidentify");
        await Assertions.Expect(admin.Locator("[data-testid=project-message]")).ToBeVisibleAsync(); // a reason is mandatory
        Assert.Equal(0, await admin.Locator("[data-testid=reidentified]").CountAsync());
        await admin.FillAsync("#reidentify-reason", "Incidental finding to report to the patient's physician");
        await admin.ClickAsync("#reidentify");
        await Assertions.Expect(admin.Locator("[data-testid=reidentified-original]")).ToHaveTextAsync(IdentifiedStudy.PatientId);

        await admin.ClickAsync("#delete-project");
        await admin.ClickAsync("#confirm-delete-project");
        await admin.WaitForURLAsync(url => url.EndsWith("/admin/research", StringComparison.Ordinal));
        await WaitForCircuitAsync(admin);
        Assert.Equal(0, await admin.Locator($"tr[data-project='{projectId}']").CountAsync());
        using var gone = await stack.Gateway.HttpClient.GetAsync($"admin/research/projects/{projectId}", ct);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);

        await GoToAsync(admin, "/admin/audit");
        var audit = admin.Locator("table.audit");
        var reidentified = audit.Locator("tr", new LocatorLocatorOptions { HasText = "reidentify" });
        await Assertions.Expect(reidentified.First).ToContainTextAsync(pseudonym);
        await Assertions.Expect(reidentified.First).ToContainTextAsync("Incidental finding");
        await Assertions.Expect(audit.Locator("tr", new LocatorLocatorOptions { HasText = "delete-research-project" }).First).ToContainTextAsync(projectId);
        await Assertions.Expect(audit.Locator("tr", new LocatorLocatorOptions { HasText = "create-research-project" }).First).ToContainTextAsync(projectId);
        Assert.DoesNotContain(IdentifiedStudy.PatientId, await audit.InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_creates_a_project_from_a_query_and_the_studies_it_matches_are_de_identified()
    {
        var ct = TestContext.Current.CancellationToken;
        await IdentifiedStudy.StoreAsync(stack.Gateway, Path.Combine(stack.ArtefactDirectory, "research-input"), ct);
        var admin = await browser.AdminPageAsync(stack);
        await GoToAsync(admin, "/admin/research/new");
        await admin.FillAsync("#project-name", "Tous les scanners");
        await admin.GetByText("A query").ClickAsync();
        await admin.FillAsync("#query-modality", "CT");
        await admin.ClickAsync("#create-project");
        await admin.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/admin/research/(?!new$)[0-9A-Za-z_-]+$"));
        await WaitForCircuitAsync(admin);
        await Assertions.Expect(admin.Locator("[data-testid=project-profile]")).ToHaveTextAsync("basic");

        await admin.ClickAsync("#run-project");
        var progress = admin.Locator("[data-testid=research-progress]");
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-pending", "0", new LocatorAssertionsToHaveAttributeOptions { Timeout = 60_000 });
        Assert.True(int.Parse((await progress.GetAttributeAsync("data-done"))!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var modalities = await admin.Locator("tr.research-study td:nth-child(2)").AllTextContentsAsync();
        Assert.NotEmpty(modalities);
        Assert.All(modalities, modality => Assert.StartsWith("CT", modality, StringComparison.Ordinal));
    }

    /// <summary>
    /// Stores <see cref="IdentifiedStudy"/> in the gateway, creates the researcher accounts and, as the admin, a project
    /// of that study with <paramref name="member"/> as its only member, run to the end; returns the admin's page on it.
    /// </summary>
    private async Task<(IPage Admin, string ProjectId)> RunProjectAsync(string name, string member, params string[] otherResearchers)
    {
        await IdentifiedStudy.StoreAsync(stack.Gateway, Path.Combine(stack.ArtefactDirectory, "research-input"), TestContext.Current.CancellationToken);
        var admin = await browser.AdminPageAsync(stack);
        foreach (var researcher in otherResearchers.Prepend(member))
        {
            await CreateUserAsync(admin, researcher, WebStack.UserPassword, "researcher");
        }
        return (admin, await ResearchPages.CreateAndRunProjectAsync(admin, name, IdentifiedStudy.StudyInstanceUid, member));
    }

    private async Task<IReadOnlyList<JsonElement>> GatewayStudiesAsync(string projectId, CancellationToken ct) =>
        await stack.Gateway.HttpClient.GetFromJsonAsync<List<JsonElement>>($"admin/research/projects/{projectId}/studies", ct) ?? [];

    /// <summary>Starts an export on the gateway and waits until it is done; returns its id.</summary>
    private async Task<string> FinishedExportAsync(string projectId, CancellationToken ct)
    {
        using var started = await stack.Gateway.HttpClient.PostAsync($"admin/research/projects/{projectId}/exports", null, ct);
        started.EnsureSuccessStatusCode();
        var exportId = (await started.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("exportId").GetString()!;
        while (true)
        {
            var state = await stack.Gateway.HttpClient.GetFromJsonAsync<JsonElement>($"admin/research/projects/{projectId}/exports/{exportId}", ct);
            switch (state.GetProperty("state").GetString())
            {
                case "done":
                    return exportId;
                case "failed":
                    throw new InvalidOperationException("export failed: " + state);
            }
            await Task.Delay(200, ct);
        }
    }

    private static IReadOnlyList<(string Name, string Text)> Unzip(byte[] bytes)
    {
        using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        return [.. archive.Entries.Select(entry =>
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (entry.Name, Encoding.Latin1.GetString(copy.ToArray()));
        })];
    }
}
