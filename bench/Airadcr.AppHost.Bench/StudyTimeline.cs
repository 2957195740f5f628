using System.Globalization;
using System.Net;
using System.Text.Json;
using Airadcr.EndToEnd.Tests;

namespace Airadcr.AppHost.Bench;

/// <summary>
/// Where the time goes between the last instance stored in Orthanc (<see cref="Stored"/>) and the pending report,
/// from timestamps the services already expose: the first instance at the gateway (polled on its <c>/studies/{s}</c>
/// from the end of the store: Orthanc forwards each instance as it stores it, so it is usually there already),
/// the last one and the study's completion (the gateway's <c>lastReceivedAt</c>, <c>completedAt</c>), and the spans
/// of the study's trace (the gateway's <c>analyse study</c>, the inference and ReportApi server spans, the gateway's
/// server spans of the instance downloads by the inference service).
/// </summary>
internal sealed record StudyTimeline(
    DateTimeOffset Stored,
    DateTimeOffset FirstAtGateway,
    DateTimeOffset LastAtGateway,
    DateTimeOffset Complete,
    DateTimeOffset AnalysisStart,
    DateTimeOffset InstancesFetched,
    DateTimeOffset InferenceDone,
    DateTimeOffset PushStart,
    DateTimeOffset Pushed,
    DateTimeOffset JobDone,
    DateTimeOffset? SrInPacs)
{
    public const string Header =
        "| run | syntax | store (reference) | stored -> 1st instance seen at gateway | 1st -> last at gateway | last at gateway -> study complete | complete -> analysis start | inference: fetch instances | inference: analysis | reports built | push pending report | total: stored -> pending report | stored -> SR in PACS | ratio |";

    public TimeSpan Total => Pushed - Stored;

    public string Row(int run, string syntax, TimeSpan store) => "| " + string.Join(" | ",
        run.ToString(CultureInfo.InvariantCulture), syntax, Seconds(store), Seconds(FirstAtGateway - Stored), Seconds(LastAtGateway - FirstAtGateway),
        Seconds(Complete - LastAtGateway), Seconds(AnalysisStart - Complete), Seconds(InstancesFetched - AnalysisStart), Seconds(InferenceDone - InstancesFetched),
        Seconds(PushStart - InferenceDone), Seconds(Pushed - PushStart), $"**{Seconds(Total)}**",
        SrInPacs is { } sr ? Seconds(sr - Stored) : "-", (Total / store).ToString("0.00", CultureInfo.InvariantCulture)) + " |" +
        (AnalysisStart < LastAtGateway ? " PARTIAL: analysed before the last instance arrived (stability window too short)" : "");

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    /// <summary>Follows one study from the end of its store into Orthanc to its pending report (and its SR in the PACS).</summary>
    public static async Task<StudyTimeline> FollowAsync(AspireGraph graph, SyntheticCtStudy study, DateTimeOffset stored, CancellationToken ct)
    {
        using var gateway = graph.GatewayClient();
        using var pacs = graph.PacsClient();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromMinutes(3));
        DateTimeOffset? first = null;
        DateTimeOffset? srInPacs = null;
        var jobDone = false;
        // One poll every 20 ms: the gateway's admin API (the ReportApi's rate limit forbids polling it).
        while (!jobDone || srInPacs is null)
        {
            if (first is null && (await gateway.GetAsync($"/studies/{study.StudyInstanceUid}", deadline.Token)).StatusCode == HttpStatusCode.OK)
            {
                first = DateTimeOffset.UtcNow;
            }
            jobDone = jobDone || (await gateway.GetStringAsync("/admin/jobs?state=done", deadline.Token)).Contains(study.StudyInstanceUid, StringComparison.Ordinal);
            if (jobDone && srInPacs is null && await HasSrAsync(pacs, study, deadline.Token))
            {
                srInPacs = DateTimeOffset.UtcNow;
            }
            await Task.Delay(20, deadline.Token);
        }
        using var summary = JsonDocument.Parse(await gateway.GetStringAsync($"/studies/{study.StudyInstanceUid}", deadline.Token));
        var trace = await WaitForTraceAsync(graph, first!.Value, deadline.Token);
        return new StudyTimeline(stored, first.Value,
            summary.RootElement.GetProperty("lastReceivedAt").GetDateTimeOffset(),
            summary.RootElement.GetProperty("completedAt").GetDateTimeOffset(),
            trace.Analysis.Start, trace.Fetched, trace.Inference.End, trace.Push.Start, trace.Push.End, trace.Analysis.End, srInPacs);
    }

    private static async Task<bool> HasSrAsync(HttpClient pacs, SyntheticCtStudy study, CancellationToken ct)
    {
        using var response = await pacs.GetAsync($"dicom-web/studies/{study.StudyInstanceUid}/series?Modality=SR", ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode || body.Length == 0)
        {
            return false;
        }
        using var series = JsonDocument.Parse(body);
        return series.RootElement.GetArrayLength() > 0;
    }

    /// <summary>The study's trace (its <c>analyse study</c> span started after the first instance arrived), once exported.</summary>
    private static async Task<(ReceivedSpan Analysis, DateTimeOffset Fetched, ReceivedSpan Inference, ReceivedSpan Push)> WaitForTraceAsync(
        AspireGraph graph, DateTimeOffset after, CancellationToken ct)
    {
        while (true)
        {
            var spans = graph.Traces.Spans;
            foreach (var analysis in spans.Where(s => s is { Service: "dicomgateway", Name: "analyse study" } && s.Start > after))
            {
                var inference = spans.FirstOrDefault(s => s.TraceId == analysis.TraceId && s.Service == "inference" && s.Name.Contains("analyses", StringComparison.Ordinal));
                var push = spans.FirstOrDefault(s => s.TraceId == analysis.TraceId && s.Service == "reportapi" && s.Name.Contains("pending-report", StringComparison.Ordinal));
                var downloads = spans.Where(s => s.TraceId == analysis.TraceId && s.Service == "dicomgateway"
                                                 && s.Name.Contains("{sopInstanceUid}", StringComparison.Ordinal)).ToList();
                if (inference is not null && push is not null && downloads.Count > 0)
                {
                    return (analysis, downloads.Max(s => s.End), inference, push);
                }
            }
            await Task.Delay(200, ct); // spans leave the services in batches (every 5 s by default)
        }
    }
}
