using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Testing;
using Microsoft.Playwright;
using static Airadcr.Web.Tests.EndToEnd.DashboardPages;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// The upload page over a real gateway process: a DICOM file, a ZIP (a study's instances, a copy of that file, a
/// path-traversal name, a text file, a ZIP bomb) and a text file, chosen in the browser, are stored through the
/// gateway's STOW-RS or refused each with its reason; the stored series get a preview; the gateway holds the study.
/// </summary>
[Collection(GatewayWebStackCollection.Name)]
public sealed class UploadPageTests(GatewayWebStack stack, BrowserSession browser) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task Files_and_a_zip_are_stored_or_refused_per_instance_with_previews_and_the_gateway_holds_the_study()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateDirectory(Path.Combine(stack.ArtefactDirectory, "upload")).FullName;
        var study = DicomUidGenerator.New();
        var single = Instance(folder, "single.dcm", "MR_small.dcm", study);
        var zipped = new[] { "CT_small.dcm", "CT_small.dcm", "CT_small.dcm" }.Select((template, i) => Instance(folder, $"ct{i}.dcm", template, study)).ToList();
        var zip = Path.Combine(folder, "study.zip");
        File.Delete(zip); // the artefact folder outlives a run
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            zipped.ForEach(path => archive.CreateEntryFromFile(path, "CT/" + Path.GetFileName(path)));
            archive.CreateEntryFromFile(single, "copy-of-single.dcm");
            archive.CreateEntryFromFile(single, "../escape.dcm");
            await using (var readme = new StreamWriter(archive.CreateEntry("README.txt").Open()))
            {
                await readme.WriteAsync("not DICOM");
            }
            await using (var bomb = archive.CreateEntry("bomb.dcm", CompressionLevel.SmallestSize).Open())
            {
                await bomb.WriteAsync(new byte[64 << 20], ct);
            }
        }
        var text = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(text, "a text file", ct);

        var page = await browser.AdminPageAsync(stack);
        await GoToAsync(page, "/upload");
        await page.SetInputFilesAsync("#upload-files", [single, zip, text]);

        await Assertions.Expect(page.Locator("#upload-summary[data-done=true]")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(stack.ArtefactDirectory, "upload.png"), FullPage = true });
        var rows = await page.Locator("tr.upload-result").AllAsync();
        var outcomes = new List<(string Name, string Outcome, string Reason)>();
        foreach (var row in rows)
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            outcomes.Add((cells[0], (await row.GetAttributeAsync("data-outcome"))!, cells[2]));
        }
        Assert.Equal(4, outcomes.Count(o => o.Outcome == "stored"));
        Assert.Single(outcomes, o => o.Outcome == "duplicate");
        Assert.Contains("unsafe path", Assert.Single(outcomes, o => o.Name == "../escape.dcm").Reason);
        Assert.Contains("not a DICOM file", Assert.Single(outcomes, o => o.Name == "README.txt").Reason);
        Assert.Contains("ZIP bomb", Assert.Single(outcomes, o => o.Name == "bomb.dcm").Reason);
        Assert.Contains("neither a DICOM file", Assert.Single(outcomes, o => o.Name == "notes.txt").Reason);
        Assert.Equal(1.0, await page.Locator("#upload-overall").EvaluateAsync<double>("e => e.value"));

        // One preview per new series (the MR and the CT series), each a rendered PNG.
        var previews = page.Locator("img.upload-preview");
        await Assertions.Expect(previews).ToHaveCountAsync(2);
        foreach (var preview in await previews.AllAsync())
        {
            await Assertions.Expect(preview).ToHaveJSPropertyAsync("complete", true);
            Assert.True(await preview.EvaluateAsync<int>("e => e.naturalWidth") > 0);
            Assert.DoesNotContain(study, await preview.GetAttributeAsync("src"));
        }

        var instances = await stack.Gateway.HttpClient.GetFromJsonAsync<JsonArray>($"studies/{study}/instances", ct);
        Assert.Equal(4, instances!.Count);

        // The upload endpoint refuses a request without the page's antiforgery token.
        var forged = await page.APIRequest.PostAsync("/uploads", new()
        {
            Headers = new Dictionary<string, string> { ["X-File-Name"] = "x.dcm", ["Content-Type"] = "application/octet-stream" },
            DataByte = await File.ReadAllBytesAsync(single, ct),
        });
        Assert.Equal(400, forged.Status);
    }

    private static string Instance(string folder, string name, string template, string study)
    {
        using var file = DicomFile.Open(PydicomCorpus.File(template));
        file.Dataset.Add(DicomTag.StudyInstanceUID, study);
        file.Dataset.Add(DicomTag.SeriesInstanceUID, template == "CT_small.dcm" ? CtSeries(study) : DicomUidGenerator.New());
        file.Dataset.Add(DicomTag.SOPInstanceUID, DicomUidGenerator.New());
        var path = Path.Combine(folder, name);
        file.Save(path, file.TransferSyntax);
        return path;
    }

    private static readonly Dictionary<string, string> CtSeriesOfStudy = [];

    private static string CtSeries(string study)
    {
        lock (CtSeriesOfStudy)
        {
            return CtSeriesOfStudy.TryGetValue(study, out var series) ? series : CtSeriesOfStudy[study] = DicomUidGenerator.New();
        }
    }
}
