using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Airadcr.DicomGateway.Index;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>
/// GET /admin/throughput: a study stored with storescu and analysed by the real inference service shows up as its
/// instances received and one analysis completed, per minute over the last hour, in both index engines.
/// </summary>
public sealed class ThroughputTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("throughput");

    [Theory]
    [InlineData(GatewayMode.Embedded)]
    [InlineData(GatewayMode.Server)]
    public async Task Stored_instances_and_the_completed_analysis_are_counted_in_their_minute(GatewayMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var backends = await GatewayBackends.StartAsync(mode, ct);
        var gatewayHttp = FreePort.Next();
        var inferenceHttp = FreePort.Next();
        await using var inference = await InferenceProcess.StartAsync(inferenceHttp,
            $"http://127.0.0.1:{gatewayHttp.ToString(CultureInfo.InvariantCulture)}", _directory.Combine("inference.log"), ct);
        await using var gateway = await GatewayProcess.StartAsync(_directory.Combine("storage"), FreePort.Next(),
            _directory.Combine("gateway.log"), ct, gatewayHttp, new Dictionary<string, string>(backends.Environment)
            {
                ["Gateway__InferenceUrl"] = $"http://127.0.0.1:{inferenceHttp.ToString(CultureInfo.InvariantCulture)}",
            });
        var empty = await gateway.HttpClient.GetFromJsonAsync<Throughput>("/admin/throughput", ct);
        Assert.Equal(0, empty!.Points.Sum(p => p.InstancesReceived));

        var files = SyntheticInstances.CtVolume(_directory.Combine("study"), slices: 6);
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, files, ct)).EnsureSuccess();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        Throughput throughput;
        do
        {
            await Task.Delay(250, ct);
            throughput = (await gateway.HttpClient.GetFromJsonAsync<Throughput>("/admin/throughput?minutes=60", ct))!;
        }
        while (throughput.Points.Sum(p => p.AnalysesCompleted) == 0 && !deadline.IsCancellationRequested);

        Assert.Equal(60, throughput.Points.Count);
        Assert.Equal(files.Count, throughput.Points.Sum(p => p.InstancesReceived));
        Assert.Equal(1, throughput.Points.Sum(p => p.AnalysesCompleted));
        Assert.Equal(Enumerable.Range(0, 60).Select(i => throughput.From.AddMinutes(i)), throughput.Points.Select(p => p.Minute));
        var now = DateTimeOffset.UtcNow;
        Assert.InRange(throughput.Points[^1].Minute, now.AddMinutes(-2), now);
        // Every instance is counted in one minute (a storescu run can straddle two), within the last few minutes.
        Assert.All(throughput.Points.Where(p => p.InstancesReceived > 0), p => Assert.InRange(p.Minute, now.AddMinutes(-4), now));
    }

    [Fact]
    public async Task A_window_outside_1_to_1440_minutes_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await GatewayProcess.StartAsync(_directory.Combine("storage"), FreePort.Next(), _directory.Combine("gateway.log"), ct);

        using var zero = await gateway.HttpClient.GetAsync("/admin/throughput?minutes=0", ct);
        using var tooLong = await gateway.HttpClient.GetAsync("/admin/throughput?minutes=1441", ct);
        var day = await gateway.HttpClient.GetFromJsonAsync<Throughput>("/admin/throughput?minutes=1440", ct);

        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(1440, day!.Points.Count);
    }

    public void Dispose() => _directory.Dispose();
}
