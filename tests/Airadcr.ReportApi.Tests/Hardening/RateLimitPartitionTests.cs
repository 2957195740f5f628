using System.Net;
using Airadcr.ReportApi.Tests.Infrastructure;
using Airadcr.Testing;

namespace Airadcr.ReportApi.Tests.Hardening;

/// <summary>
/// Issue 20, item 6: on loopback every client has the same IP; a local process sending invalid keys must not spend the
/// budget of the gateway's and the Web's valid keys.
/// </summary>
public sealed class RateLimitPartitionTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("airadcr-ratelimit-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Failed_authentications_do_not_spend_a_valid_keys_budget()
    {
        await using var api = await StartWithBurstOfThreeAsync();
        using var attacker = new HttpClient { BaseAddress = new Uri(api.BaseUrl()) }.WithApiKey("airadcr_WrongKey0123456789abcdefghijklmnopqrst");
        using var legitimate = new HttpClient { BaseAddress = new Uri(api.BaseUrl()) }.WithApiKey();

        var refused = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            refused.Add((await attacker.PostReportAsync(SampleReports.Minimal($"ATTACK_{i}"))).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, refused);
        Assert.Equal(HttpStatusCode.OK, (await legitimate.PostReportAsync(SampleReports.Minimal("LEGITIMATE"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await legitimate.GetAsync("/pending-report?tid=LEGITIMATE", Token)).StatusCode);
    }

    [Fact]
    public async Task Each_valid_key_has_its_own_budget_and_unauthenticated_reads_theirs()
    {
        await using var api = await StartWithBurstOfThreeAsync();
        using var keyed = new HttpClient { BaseAddress = new Uri(api.BaseUrl()) }.WithApiKey();
        using var anonymous = new HttpClient { BaseAddress = new Uri(api.BaseUrl()) };

        var keyedStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            keyedStatuses.Add((await keyed.GetAsync("/find-report?accession_number=ANY", Token)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, keyedStatuses[^1]);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/find-report?accession_number=ANY", Token)).StatusCode);
    }

    private Task<ReportApiProcess> StartWithBurstOfThreeAsync() =>
        ReportApiProcess.StartAsync(dataDirectory, FreePort.Next(),
            new Dictionary<string, string> { ["Airadcr__rate_limit_per_minute"] = "1", ["Airadcr__rate_limit_burst"] = "3" });

    public void Dispose()
    {
        Directory.Delete(dataDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
