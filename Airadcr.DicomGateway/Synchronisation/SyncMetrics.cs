using System.Diagnostics.Metrics;

namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>The <c>Airadcr.DicomGateway.Sync</c> meter: instances copied and failed (by method), job durations (by final state).</summary>
public static class SyncMetrics
{
    private static readonly Meter Meter = new("Airadcr.DicomGateway.Sync");

    private static readonly Counter<long> Copied = Meter.CreateCounter<long>("airadcr.gateway.sync.instances.copied", "{instance}",
        "Instances a sync job copied (the destination confirmed them)");

    private static readonly Counter<long> Failed = Meter.CreateCounter<long>("airadcr.gateway.sync.instances.failed", "{instance}",
        "Instances a sync job could not copy");

    private static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>("airadcr.gateway.sync.job.duration", "s",
        "Duration of a sync job, queued to finished");

    public static void Transferred(string method, int copied, int failed)
    {
        var tag = new KeyValuePair<string, object?>("method", method);
        Copied.Add(copied, tag);
        Failed.Add(failed, tag);
    }

    public static void Finished(string state, TimeSpan duration) =>
        JobDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("state", state));
}
