using System.Globalization;
using System.Net.Http.Json;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.DicomGateway.Analysis;
using Airadcr.DicomGateway.Research;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests.Research;

/// <summary>
/// A study the gateway (a process) analysed with the real inference service: the analysis keeps its findings beside the
/// SR and PDF, and a research project over the study gets them, with an AI SR and Encapsulated PDF made over the copies.
/// </summary>
public sealed class ResearchAfterAnalysisTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("research-analysis");

    [Fact]
    public async Task An_analysed_study_brings_its_findings_and_a_deidentified_sr_and_pdf_into_the_project()
    {
        var ct = TestContext.Current.CancellationToken;
        var gatewayHttp = FreePort.Next();
        var inferenceHttp = FreePort.Next();
        await using var inference = await InferenceProcess.StartAsync(inferenceHttp,
            $"http://127.0.0.1:{gatewayHttp.ToString(CultureInfo.InvariantCulture)}", _directory.Combine("inference.log"), ct);
        var storage = _directory.Combine("storage");
        await using var gateway = await GatewayProcess.StartAsync(storage, FreePort.Next(), _directory.Combine("gateway.log"), ct, gatewayHttp,
            new Dictionary<string, string> { ["Gateway__InferenceUrl"] = $"http://127.0.0.1:{inferenceHttp.ToString(CultureInfo.InvariantCulture)}" });
        var files = SyntheticInstances.CtVolume(_directory.Combine("study"), slices: 8);
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, files, ct)).EnsureSuccess();
        var study = DicomFile.Open(files[0]).Dataset.GetString(DicomTag.StudyInstanceUID);
        await GatewayWait.UntilAsync(gateway, async () => (await GatewayWait.JobsAsync(gateway, ct)).SingleOrDefault()?.State == "done",
            "the analysis done", ct, seconds: 180);
        var findings = StudyResults.LatestFindings(storage, study);
        Assert.NotNull(findings);

        var project = await ResearchFixture.CreateAsync(gateway.HttpClient, new { name = "Analysed", profile = "basic", studyInstanceUids = new[] { study } }, ct);
        await ResearchFixture.RunAsync(gateway.HttpClient, project, ct);

        var row = Assert.Single((await gateway.HttpClient.GetFromJsonAsync<List<ResearchStudyRow>>(ResearchFixture.Path(project, "/studies"), ct))!);
        Assert.Equal(ResearchStates.Done, row.State);
        Assert.Equal(findings.Findings.Count, row.FindingsCount);
        Assert.Equal(files.Count + 2, row.InstanceCount);
        Assert.Equal(["CT", "DOC", "SR"], row.Modality!.Split('\\').Order());

        // Re-identification is logged (the audit hook) with the actor and kind, never the original nor the reason.
        using var reidentified = await gateway.HttpClient.PostAsJsonAsync(ResearchFixture.Path(project, "/reidentify"),
            new { pseudonym = row.PatientPseudonym, reason = "follow-up of patient 1CT1", actor = "admin-7" }, ct);
        Assert.Equal("1CT1", (await reidentified.Content.ReadFromJsonAsync<Reidentified>(ct))!.Original);
        await GatewayWait.UntilAsync(gateway, () => Task.FromResult(gateway.Process.LogTail(200).Contains("admin-7 re-identified", StringComparison.Ordinal)),
            "the re-identification in the log", ct);
        var log = await File.ReadAllTextAsync(_directory.Combine("gateway.log"), ct);
        Assert.Contains($"admin-7 re-identified a PatientID pseudonym {row.PatientPseudonym}", log);
        Assert.DoesNotContain("1CT1", log);
        Assert.DoesNotContain(study, log);
    }

    public void Dispose() => _directory.Dispose();
}
