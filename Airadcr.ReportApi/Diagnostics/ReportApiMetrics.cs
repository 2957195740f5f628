using System.Diagnostics.Metrics;

namespace Airadcr.ReportApi.Diagnostics;

/// <summary>The service's counters (Meter "Airadcr.ReportApi"). Tags never carry an identifier.</summary>
public sealed class ReportApiMetrics
{
    public const string MeterName = "Airadcr.ReportApi";

    private readonly Counter<long> stored;
    private readonly Counter<long> read;
    private readonly Counter<long> decrypted;
    private readonly Counter<long> expired;
    private readonly Counter<long> authFailures;
    private readonly Counter<long> rateLimited;
    private readonly Counter<long> navigations;
    private readonly Counter<long> reviewed;

    public ReportApiMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        stored = meter.CreateCounter<long>("airadcr.reports.stored", "{report}", "Reports stored (outcome: created, identical, conflict).");
        read = meter.CreateCounter<long>("airadcr.reports.read", "{report}", "Reports read by technical id or search.");
        decrypted = meter.CreateCounter<long>("airadcr.reports.decrypted", "{report}",
            "Stored reports decrypted to answer a read (a report read again from memory is not decrypted again).");
        expired = meter.CreateCounter<long>("airadcr.reports.expired", "{report}", "Expired reports purged.");
        authFailures = meter.CreateCounter<long>("airadcr.auth.failures", "{request}", "Requests refused for a missing or invalid key.");
        rateLimited = meter.CreateCounter<long>("airadcr.ratelimit.rejected", "{request}", "Requests refused by the per-IP rate limit.");
        reviewed = meter.CreateCounter<long>("airadcr.reports.reviewed", "{report}", "Review outcomes recorded (outcome: signed, rejected).");
        navigations = meter.CreateCounter<long>("airadcr.navigations", "{navigation}", "open-report navigations published.");
    }

    public void Reviewed(string outcome) => reviewed.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Stored(string outcome) => stored.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Read(string how) => read.Add(1, new KeyValuePair<string, object?>("via", how));

    public void Decrypted() => decrypted.Add(1);

    public void Expired(int count) => expired.Add(count);

    public void AuthFailure(string keyType) => authFailures.Add(1, new KeyValuePair<string, object?>("key_type", keyType));

    public void RateLimited() => rateLimited.Add(1);

    public void Navigated() => navigations.Add(1);
}
