using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Testing;
using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// Issue 22's comparison and sync pages against a real gateway and two Orthancs: the compare page flags a patient
/// collision and shows what one archive lacks; "Synchronise" queues the jobs and the sync page shows the copy reach
/// <c>done</c> (by relay through the gateway), which the destination confirms.
/// </summary>
[Collection(GatewayWebStackCollection.Name)]
public sealed class ArchiveSyncPagesTests(GatewayWebStack stack, BrowserSession browser) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task An_admin_compares_two_archives_sees_the_collision_and_what_is_missing_then_syncs_and_the_job_completes()
    {
        var ct = TestContext.Current.CancellationToken;
        var tag = Random.Shared.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture);
        await using var a = Archive("E2E_A");
        await using var b = Archive("E2E_B");
        await Task.WhenAll(a.InitializeAsync().AsTask(), b.InitializeAsync().AsTask());
        var (nameA, nameB) = ($"e2e-a-{tag}", $"e2e-b-{tag}");
        await RegisterAsync(nameA, a, ct);
        await RegisterAsync(nameB, b, ct);
        var (clean, collision) = ($"SYN{tag}", $"COL{tag}");
        var study = Study(3, clean, "DOE^JOHN", "19600101");
        await UploadAsync(a, study, ct);
        await UploadAsync(b, study.Take(1), ct);
        await UploadAsync(a, Study(1, collision, "DOE^JOHN", "19600101"), ct);
        await UploadAsync(b, Study(1, collision, "SMITH^JANE", "19851231"), ct);

        var page = await browser.AdminPageAsync(stack);
        await GoToAsync(page, "/admin/archives/compare");
        await page.FillAsync("#compare-archives", $"{nameA},{nameB}");
        await page.FillAsync("#compare-key", collision);
        await page.ClickAsync("#compare-run");
        await Assertions.Expect(page.GetByTestId("compare-collision")).ToContainTextAsync("SMITH^JANE");

        await page.FillAsync("#compare-key", clean);
        await page.ClickAsync("#compare-run");
        var studies = page.Locator("[data-testid=compare-studies-table] tbody tr");
        await Assertions.Expect(studies).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("compare-collision")).ToHaveCountAsync(0);
        await Assertions.Expect(studies.Locator("td").Nth(1)).ToHaveTextAsync($"{nameA}: 3, {nameB}: 1");
        await Assertions.Expect(studies.Locator("td").Nth(2)).ToHaveTextAsync(nameB); // missing in b
        await page.ClickAsync("#sync-run");
        await page.WaitForURLAsync("**/admin/archives/sync");
        var job = page.Locator("[data-testid=sync-jobs-table] tbody tr")
            .Filter(new() { Has = page.Locator($"td:nth-child(2):text-is('{nameA}')") });
        await Assertions.Expect(job).ToHaveCountAsync(1);
        for (var i = 0; i < 240 && !(await job.InnerTextAsync()).Contains("done", StringComparison.Ordinal); i++)
        {
            await Task.Delay(250, ct);
            await page.ClickAsync("#sync-jobs-refresh");
        }

        await Assertions.Expect(job.Locator("td").Nth(4)).ToHaveTextAsync("done");
        await Assertions.Expect(job).ToContainTextAsync("copied 2, failed 0, skipped 0, pending 0");
        var other = page.Locator("[data-testid=sync-jobs-table] tbody tr").Filter(new() { Has = page.Locator($"td:nth-child(2):text-is('{nameB}')") });
        await Assertions.Expect(other.Locator("td").Nth(4)).ToHaveTextAsync("done"); // b -> a: a lacks nothing of that patient that b holds
        var inB = (await b.Client.GetFromJsonAsync<JsonObject>("statistics", ct))!["CountInstances"]!.GetValue<int>();
        Assert.Equal(4, inB); // the 3 of the study, and the other patient's
    }

    private OrthancServer Archive(string aeTitle) => new()
    {
        AeTitle = aeTitle,
        Modalities =
        {
            ["gateway"] = (GatewayProcess.AeTitle, "127.0.0.1", stack.Gateway.DicomPort),
            ["relay"] = ("IA_SYNC", "127.0.0.1", stack.RelayPort),
        },
    };

    private async Task RegisterAsync(string name, OrthancServer orthanc, CancellationToken ct)
    {
        using var response = await stack.Gateway.HttpClient.PostAsJsonAsync("/admin/archives",
            new { name, aeTitle = orthanc.AeTitle, host = "127.0.0.1", port = orthanc.DicomPort, role = 1 }, ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>One study of <paramref name="count"/> CT instances for a patient.</summary>
    private IReadOnlyList<byte[]> Study(int count, string patientId, string patientName, string birthDate)
    {
        var (study, series) = (DicomUidGenerator.New(), DicomUidGenerator.New());
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            using var file = DicomFile.Open(PydicomCorpus.File("CT_small.dcm"));
            file.Dataset.Add(DicomTag.StudyInstanceUID, study).Add(DicomTag.SeriesInstanceUID, series).Add(DicomTag.SOPInstanceUID, DicomUidGenerator.New())
                .Add(DicomTag.PatientID, patientId).Add(DicomTag.PatientName, patientName).Add(DicomTag.PatientBirthDate, birthDate)
                .Add(DicomTag.InstanceNumber, DicomVR.IS, (i + 1).ToString(CultureInfo.InvariantCulture));
            using var stream = new MemoryStream();
            file.Save(stream);
            return stream.ToArray();
        })];
    }

    private static async Task UploadAsync(OrthancServer orthanc, IEnumerable<byte[]> instances, CancellationToken ct)
    {
        foreach (var instance in instances)
        {
            using var response = await orthanc.Client.PostAsync("instances", new ByteArrayContent(instance), ct);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
        }
    }
}
