using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>Server mode with a Redis that is not up yet: the gateway keeps serving, and jobs flow once Redis starts.</summary>
public sealed class AnalysisJobTransportTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("gateway-redis-late");

    [Fact]
    public async Task A_redis_that_starts_late_delays_the_jobs_but_neither_stops_the_gateway_nor_loses_them()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var redis = new RedisServer(); // its port is chosen now, the server starts later
        await using var inference = new HungHttpPeer();
        var files = SyntheticInstances.WriteStudy(_directory.Combine("study"), 2);
        using var first = DicomFile.Open(files[0]);
        var study = first.Dataset.GetString(DicomTag.StudyInstanceUID)!;
        await using var gateway = await GatewayProcess.StartAsync(_directory.Combine("storage"), FreePort.Next(), _directory.Combine("gateway.log"), ct,
            settings: new Dictionary<string, string>
            {
                ["ConnectionStrings__cache"] = redis.ConnectionString,
                ["Gateway__InferenceUrl"] = inference.Url,
            });

        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, files, ct)).EnsureSuccess();
        await Task.Delay(TimeSpan.FromSeconds(3), ct); // the study completes; its job cannot reach the stream
        Assert.False(gateway.Process.HasExited, gateway.Process.LogTail(30));
        Assert.Empty(inference.Bodies);

        await redis.InitializeAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (!inference.Bodies.Any(body => body.Contains(study, StringComparison.Ordinal)) && !deadline.IsCancellationRequested)
        {
            await Task.Delay(100, ct);
        }
        Assert.True(inference.Bodies.Any(body => body.Contains(study, StringComparison.Ordinal)), gateway.Process.LogTail(30));
        (await DcmtkTools.EchoAsync(GatewayHost.AeTitle, gateway.DicomPort, ct)).EnsureSuccess();
    }

    public void Dispose() => _directory.Dispose();
}
