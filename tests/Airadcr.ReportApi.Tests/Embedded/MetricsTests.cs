using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Airadcr.ReportApi.Diagnostics;
using Airadcr.ReportApi.Tests.Infrastructure;

namespace Airadcr.ReportApi.Tests.Embedded;

/// <summary>
/// The Meter "Airadcr.ReportApi" counts stores, reads, decryptions, auth failures and navigations, without identifiers.
/// </summary>
public sealed class MetricsTests : IAsyncDisposable
{
    private readonly ReportApiFactory api = new(new Dictionary<string, string?>());
    private readonly ConcurrentQueue<(string Instrument, long Value, string Tags)> measurements = new();
    private readonly MeterListener listener = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Counts_stores_reads_auth_failures_and_navigations()
    {
        Listen();
        var client = api.CreateClient().WithApiKey();

        await client.PostReportAsync(SampleReports.SpecExample("METRICS"));
        await client.PostReportAsync(SampleReports.SpecExample("METRICS"));
        await client.GetAsync("/pending-report?tid=METRICS", Token);
        await client.PostAsync("/open-report?tid=METRICS", null, Token);
        await api.CreateClient().PostReportAsync(SampleReports.Minimal("NO_KEY"));

        Assert.Contains(("airadcr.reports.stored", 1L, "outcome=created"), measurements);
        Assert.Contains(("airadcr.reports.stored", 1L, "outcome=identical"), measurements);
        Assert.Contains(("airadcr.reports.read", 1L, "via=technical_id"), measurements);
        Assert.Contains(("airadcr.navigations", 1L, ""), measurements);
        Assert.Contains(("airadcr.auth.failures", 1L, "key_type=api_key"), measurements);
        Assert.DoesNotContain(measurements, m => m.Tags.Contains("METRICS", StringComparison.Ordinal) || m.Tags.Contains("PAT123456", StringComparison.Ordinal));
    }

    /// <summary>
    /// The first GET marks the report retrieved (a write, after which its cache entry is renewed); reading it again,
    /// as a viewer reopening it does, is then answered from memory: no database read and no decryption.
    /// </summary>
    [Fact]
    public async Task A_report_read_again_after_its_first_read_is_answered_from_memory_without_decrypting_it()
    {
        Listen();
        var client = api.CreateClient().WithApiKey();
        (await client.PostReportAsync(SampleReports.SpecExample("READ_AGAIN"))).EnsureSuccessStatusCode();
        (await client.GetAsync("/pending-report?tid=READ_AGAIN", Token)).EnsureSuccessStatusCode();
        var decryptedByFirstRead = Decrypted();

        for (var i = 0; i < 3; i++)
        {
            var again = await client.GetAsync("/pending-report?tid=READ_AGAIN", Token);
            Assert.Contains("\"status\":\"retrieved\"", await again.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }

        Assert.True(decryptedByFirstRead >= 1, "the first read decrypts the report");
        Assert.Equal(decryptedByFirstRead, Decrypted());
    }

    private long Decrypted() => measurements.Where(m => m.Instrument == "airadcr.reports.decrypted").Sum(m => m.Value);

    private void Listen()
    {
        var factory = api.Service<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ReportApiMetrics.MeterName && instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Enqueue((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();
    }

    public async ValueTask DisposeAsync()
    {
        listener.Dispose();
        await api.DisposeAsync();
        await api.DeleteDataDirectoryAsync();
    }
}
