using System.Net;
using System.Net.Http.Json;
using Airadcr.ReportApi.Lifecycle;
using Airadcr.ReportApi.Security;
using Airadcr.ReportApi.Storage;
using Airadcr.ReportApi.Tests.Infrastructure;
using Airadcr.ReportApi.Worklist;

namespace Airadcr.ReportApi.Tests.Contract;

/// <summary>Expiry and purge on the injected clock, parallel stores, and restarts, on every store.</summary>
public abstract class LifecycleContract(IStoreBackend backend) : ContractTestBase(backend)
{
    [Fact]
    public async Task The_purge_deletes_expired_reports_and_keeps_the_others()
    {
        await using var api = await StartAsync();
        var client = api.CreateClient().WithApiKey();
        var shortLived = SampleReports.Minimal("SHORT_LIVED");
        shortLived["expires_in_hours"] = 1;
        await client.PostReportAsync(shortLived);
        await client.PostReportAsync(SampleReports.Minimal("LONG_LIVED"));
        api.Clock.Advance(TimeSpan.FromHours(2));

        await api.Service<ExpiredReportPurger>().RunOnceAsync(Token);

        Assert.Null(await StoredRowAsync(api, "SHORT_LIVED"));
        Assert.NotNull(await StoredRowAsync(api, "LONG_LIVED"));
    }

    [Fact]
    public async Task The_purge_runs_every_cleanup_interval_on_the_clock()
    {
        await using var api = await StartAsync(new Dictionary<string, string?> { ["Airadcr:cleanup_interval_secs"] = "60" });
        var client = api.CreateClient().WithApiKey();
        var report = SampleReports.Minimal("PURGED_BY_TIMER");
        report["expires_in_hours"] = 1;
        await client.PostReportAsync(report);

        while (await StoredRowAsync(api, "PURGED_BY_TIMER") is not null)
        {
            api.Clock.Advance(TimeSpan.FromSeconds(60));
            await Task.Delay(20, Token);
        }

        Assert.True(api.Clock.GetUtcNow() >= new DateTimeOffset(2026, 2, 23, 11, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_hundred_parallel_stores_are_all_acknowledged_and_all_readable()
    {
        await using var api = await StartAsync();
        var client = api.CreateClient().WithApiKey();
        var tids = Enumerable.Range(0, 100).Select(i => $"PARALLEL_{i:D3}").ToArray();

        var responses = await Task.WhenAll(tids.Select(tid => client.PostReportAsync(SampleReports.Minimal(tid, accession: "ACC_" + tid))));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var reads = await Task.WhenAll(tids.Select(tid => client.GetAsync($"/find-report?accession_number=ACC_{tid}", Token)));
        Assert.All(reads, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
    }

    [Fact]
    public async Task Reports_and_keys_survive_a_restart()
    {
        var (first, store) = await StartWithStoreAsync();
        var created = await (await first.CreateClient().WithAdminKey().PostAsJsonAsync("/api-keys", new { name = "Persisted" }, Token)).JsonAsync();
        await first.CreateClient().WithApiKey().PostReportAsync(SampleReports.SpecExample("RESTARTED"));
        await first.DisposeAsync();

        await using var second = Restart(first, store);
        var client = second.CreateClient().WithApiKey((string)created["key"]!);

        using var response = await client.GetAsync("/pending-report?tid=RESTARTED", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ACC2024001", (string?)(await response.JsonAsync())["data"]!["accession_number"]);
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync("/pending-report?tid=RESTARTED", Token)).StatusCode);
    }

    [Fact]
    public async Task After_a_restart_the_worklist_summaries_are_opened_before_the_first_listing()
    {
        var (first, store) = await StartWithStoreAsync();
        var client = first.CreateClient().WithApiKey();
        foreach (var tid in new[] { "WARM_1", "WARM_2", "WARM_3" })
        {
            (await client.PostReportAsync(SampleReports.Minimal(tid))).EnsureSuccessStatusCode();
        }
        await first.DisposeAsync();

        await using var second = Restart(first, store);
        var listing = second.Service<ReportListing>(); // starts the host; no listing is asked for

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (listing.OpenedCount < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Token);
        }
        Assert.Equal(3, listing.OpenedCount);
    }

    [Theory]
    [InlineData("/alive")]
    [InlineData("/ready")]
    public async Task Liveness_and_readiness_including_the_store_answer_healthy(string path)
    {
        await using var api = await StartAsync();

        using var response = await api.CreateClient().GetAsync(path, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Token));
    }
}
