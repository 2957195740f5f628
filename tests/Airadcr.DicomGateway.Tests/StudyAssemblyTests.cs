using System.Net;
using System.Net.Http.Json;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.DicomGateway.Analysis;
using Airadcr.DicomGateway.Apis;
using Airadcr.DicomGateway.Assembly;
using Airadcr.DicomGateway.Index;
using Airadcr.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Airadcr.DicomGateway.Tests;

public sealed class StudyAssemblyTests
{
    [Theory]
    [InlineData(GatewayMode.Embedded)]
    [InlineData(GatewayMode.Server)]
    public async Task A_study_is_complete_and_queued_once_stable_and_not_before(GatewayMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        // The gateway's own assembler never fires: the test drives time itself.
        await using var gateway = new GatewayHost(mode, new Dictionary<string, string> { ["Gateway:StableSeconds"] = "3600" });
        await gateway.InitializeAsync();
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, [PydicomCorpus.File("CT_small.dcm")], ct)).EnsureSuccess();
        var database = gateway.Services.GetRequiredService<GatewayDatabase>();
        var options = gateway.Services.GetRequiredService<IOptions<Configuration.GatewayOptions>>();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var assembler = new StudyAssembler(database, options, new AnalysisWakeUp(), clock, NullLogger<StudyAssembler>.Instance);

        clock.Advance(TimeSpan.FromSeconds(3000));
        Assert.Empty(await assembler.CompleteStableStudiesAsync(ct));

        clock.Advance(TimeSpan.FromSeconds(700));
        var job = Assert.Single(await assembler.CompleteStableStudiesAsync(ct));
        Assert.Equal("1.3.6.1.4.1.5962.1.2.1.20040119072730.12322", job.StudyInstanceUid);
        Assert.Empty(await assembler.CompleteStableStudiesAsync(ct));

        var queue = gateway.Services.GetRequiredService<AnalysisJobQueue>();
        Assert.Equal(1, (await queue.CountByStateAsync(ct)).Where(s => s.Key is "queued" or "published" or "running" or "failed").Sum(s => s.Value));
        var study = await gateway.Services.GetRequiredService<InstanceIndex>().GetStudyAsync(job.StudyInstanceUid, ct);
        Assert.Equal("complete", study!.State);
    }

    [Theory]
    [InlineData(GatewayMode.Embedded)]
    [InlineData(GatewayMode.Server)]
    public async Task A_study_sent_again_with_instances_already_held_is_not_analysed_again_but_a_new_instance_reopens_it(GatewayMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = new GatewayHost(mode, new Dictionary<string, string> { ["Gateway:StableSeconds"] = "3600" });
        await gateway.InitializeAsync();
        using var directory = new FixtureDirectory("resent-study");
        var files = SyntheticInstances.WriteStudy(directory.Combine("study"), 3);
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, files, ct)).EnsureSuccess();
        var database = gateway.Services.GetRequiredService<GatewayDatabase>();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var assembler = new StudyAssembler(database, gateway.Services.GetRequiredService<IOptions<Configuration.GatewayOptions>>(),
            new AnalysisWakeUp(), clock, NullLogger<StudyAssembler>.Instance);
        clock.Advance(TimeSpan.FromSeconds(3700));
        var job = Assert.Single(await assembler.CompleteStableStudiesAsync(ct));

        // Orthanc's routing sends the whole study again when it becomes stable again (our SR and PDF arrived there).
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, files, ct)).EnsureSuccess();
        clock.Advance(TimeSpan.FromSeconds(3700));
        Assert.Empty(await assembler.CompleteStableStudiesAsync(ct));
        Assert.Equal("complete", (await gateway.Services.GetRequiredService<InstanceIndex>().GetStudyAsync(job.StudyInstanceUid, ct))!.State);

        // A late image is something new: the study is analysed again.
        using (var late = DicomFile.Open(files[0]))
        {
            late.Dataset.Add(DicomTag.SOPInstanceUID, DicomUidGenerator.New());
            late.Save(directory.Combine("late.dcm"));
        }
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, [directory.Combine("late.dcm")], ct)).EnsureSuccess();
        clock.Advance(TimeSpan.FromSeconds(3700));
        Assert.Equal(job.StudyInstanceUid, Assert.Single(await assembler.CompleteStableStudiesAsync(ct)).StudyInstanceUid);
    }

    [Fact]
    public async Task A_fractional_stability_window_completes_a_study_half_a_second_after_its_last_instance()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = new GatewayHost(GatewayMode.Embedded, new Dictionary<string, string> { ["Gateway:StableSeconds"] = "3600" });
        await gateway.InitializeAsync();
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, [PydicomCorpus.File("CT_small.dcm")], ct)).EnsureSuccess();
        var index = gateway.Services.GetRequiredService<InstanceIndex>();
        var received = (await index.ListStudiesAsync(10, ct)).Single();
        var halfSecond = Options.Create(new Configuration.GatewayOptions { StableSeconds = 0.5 });
        var clock = new FakeTimeProvider(received.LastReceivedAt);
        var wakeUp = new AnalysisWakeUp();
        var assembler = new StudyAssembler(gateway.Services.GetRequiredService<GatewayDatabase>(), halfSecond, wakeUp, clock,
            NullLogger<StudyAssembler>.Instance);
        var analysisWoken = wakeUp.Next;

        clock.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Empty(await assembler.CompleteStableStudiesAsync(ct));
        Assert.False(analysisWoken.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(received.StudyInstanceUid, Assert.Single(await assembler.CompleteStableStudiesAsync(ct)).StudyInstanceUid);
        Assert.True(analysisWoken.IsCompleted, "completing a study wakes the analysis at once");
        Assert.Equal(TimeSpan.FromMilliseconds(125), StudyAssembler.PassInterval(halfSecond.Value));
    }

    [Theory]
    [InlineData(GatewayMode.Embedded)]
    [InlineData(GatewayMode.Server)]
    public async Task A_study_its_sender_announces_as_sent_is_complete_and_queued_at_once_and_only_once(GatewayMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        // An hour-long stability window: only the announcement can complete the study during the test.
        await using var gateway = new GatewayHost(mode, new Dictionary<string, string> { ["Gateway:StableSeconds"] = "3600" });
        await gateway.InitializeAsync();
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, [PydicomCorpus.File("CT_small.dcm")], ct)).EnsureSuccess();
        using var client = gateway.CreateClient();
        const string study = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";

        var announced = await client.PostAsJsonAsync("/admin/studies/complete", new { studyInstanceUid = study }, ct);
        Assert.Equal(HttpStatusCode.Accepted, announced.StatusCode);
        var job = await announced.Content.ReadFromJsonAsync<AnalysisJob>(ct);
        Assert.Equal((study, "queued"), (job!.StudyInstanceUid, job.State));
        Assert.Equal("complete", (await gateway.Services.GetRequiredService<InstanceIndex>().GetStudyAsync(study, ct))!.State);

        // Announced again (Orthanc's routing after a restart): nothing more is queued.
        var again = await client.PostAsJsonAsync("/admin/studies/complete", new { studyInstanceUid = study }, ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("complete", (await again.Content.ReadFromJsonAsync<StudySummary>(ct))!.State);
        var jobs = await gateway.Services.GetRequiredService<AnalysisJobQueue>().CountByStateAsync(ct);
        Assert.Equal(1, jobs.Values.Sum());

        Assert.Equal(HttpStatusCode.NotFound,
            (await client.PostAsJsonAsync("/admin/studies/complete", new { studyInstanceUid = "1.2.3.4" }, ct)).StatusCode);
        var invalid = await client.PostAsJsonAsync("/admin/studies/complete", new { studyInstanceUid = "../etc" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("studyInstanceUid", await invalid.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sender_learns_which_of_its_instances_the_gateway_lacks()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = new GatewayHost(GatewayMode.Embedded, new Dictionary<string, string> { ["Gateway:StableSeconds"] = "3600" });
        await gateway.InitializeAsync();
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, [PydicomCorpus.File("CT_small.dcm")], ct)).EnsureSuccess();
        using var client = gateway.CreateClient();
        const string held = "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322";
        // More than one lookup statement's worth (InstanceIndex.LookupChunk), the held instance among them.
        var lacking = Enumerable.Range(1, InstanceIndex.LookupChunk * 2 + 1).Select(i => $"1.2.3.4.{i}").ToArray();

        var answer = await client.PostAsJsonAsync("/admin/instances/missing",
            new { sopInstanceUids = lacking.Take(InstanceIndex.LookupChunk + 1).Append(held).Concat(lacking.Skip(InstanceIndex.LookupChunk + 1)) }, ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(lacking, (await answer.Content.ReadFromJsonAsync<AdminApi.InstanceList>(ct))!.SopInstanceUids);

        var tooMany = Enumerable.Range(1, AdminApi.MaxInstancesAsked + 1).Select(i => $"1.2.3.{i}").ToArray();
        foreach (var asked in new[] { ["../etc"], tooMany })
        {
            var invalid = await client.PostAsJsonAsync("/admin/instances/missing", new { sopInstanceUids = asked }, ct);
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Contains("sopInstanceUids", await invalid.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }
    }
}
