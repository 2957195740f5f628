using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Airadcr.ReportApi.Tests.Infrastructure;
using Airadcr.Testing;

namespace Airadcr.ReportApi.Tests.Process;

/// <summary>The run contract, checked on the real process: ports, restarts, crashes, rate limiting.</summary>
public sealed class RealServerTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("airadcr-process-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Falls_back_to_the_next_port_when_http_port_is_taken_and_logs_it()
    {
        var port = FreeRunOfThreePorts();
        using var squatter = new TcpListener(IPAddress.Loopback, port);
        squatter.Start();

        await using var api = await ReportApiProcess.StartAsync(dataDirectory, port, expectedPort: port + 1);

        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(api.BaseUrl(port + 1) + "/health", Token)).StatusCode);
        Assert.Contains($"Port {port} is in use, falling back to {port + 1}", api.LogTail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listens_on_loopback_only()
    {
        var port = FreePort.Next();
        await using var api = await ReportApiProcess.StartAsync(dataDirectory, port);

        var listeners = await File.ReadAllTextAsync("/proc/net/tcp", Token) + await File.ReadAllTextAsync("/proc/net/tcp6", Token);
        var portHex = ":" + port.ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + " ";
        var rows = listeners.Split('\n').Where(line => line.Contains(portHex, StringComparison.Ordinal) && line.Contains(" 0A ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Contains("0100007F" + portHex, row, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reports_survive_a_restart()
    {
        var port = FreePort.Next();
        await using (var first = await ReportApiProcess.StartAsync(dataDirectory, port))
        {
            using var client = Client(first);
            Assert.Equal(HttpStatusCode.OK, (await client.PostReportAsync(SampleReports.SpecExample("PERSISTED"))).StatusCode);
        }

        await using var second = await ReportApiProcess.StartAsync(dataDirectory, port);
        using var reader = Client(second);
        var body = await (await reader.GetAsync("/pending-report?tid=PERSISTED", Token)).JsonAsync();
        Assert.Equal("PAT123456", (string?)body["data"]!["patient_id"]);
    }

    [Fact]
    public async Task After_kill_9_during_a_store_load_every_acknowledged_report_is_there()
    {
        var port = FreePort.Next();
        var acknowledged = new ConcurrentBag<string>();
        await using (var api = await ReportApiProcess.StartAsync(dataDirectory, port))
        {
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
            {
                using var client = Client(api);
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var tid = $"CRASH_{writer}_{i}";
                    try
                    {
                        using var response = await client.PostReportAsync(SampleReports.Minimal(tid, accession: "ACC_" + tid));
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            acknowledged.Add(tid);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToArray();
            while (acknowledged.Count < 300)
            {
                await Task.Delay(10, Token);
            }

            await api.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        await using var restarted = await ReportApiProcess.StartAsync(dataDirectory, port);
        using var reader = Client(restarted);
        var missing = new List<string>();
        foreach (var tid in acknowledged)
        {
            if ((await reader.GetAsync($"/find-report?accession_number=ACC_{tid}", Token)).StatusCode != HttpStatusCode.OK)
            {
                missing.Add(tid);
            }
        }

        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged reports lost: {string.Join(", ", missing.Take(10))}");
    }

    [Fact]
    public async Task Rate_limit_answers_429_with_retry_after_and_a_json_error()
    {
        var environment = new Dictionary<string, string> { ["Airadcr__rate_limit_per_minute"] = "1", ["Airadcr__rate_limit_burst"] = "3" };
        await using var api = await ReportApiProcess.StartAsync(dataDirectory, FreePort.Next(), environment);
        using var client = Client(api);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 5 && limited is null; i++)
        {
            var response = await client.GetAsync("/find-report?accession_number=ANY", Token);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.NotNull(limited);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("Rate limit exceeded. Retry later.", (string?)(await limited.JsonAsync())["error"]);
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.NotFound));
    }

    private static HttpClient Client(ReportApiProcess api) =>
        new HttpClient { BaseAddress = new Uri(api.BaseUrl()) }.WithApiKey();

    private static int FreeRunOfThreePorts()
    {
        while (true)
        {
            var port = FreePort.Next();
            if (port < 65000 && FreePort.IsFree(port + 1) && FreePort.IsFree(port + 2))
            {
                return port;
            }
        }
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
