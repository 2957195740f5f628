using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Airadcr.DicomGateway.Index;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>Acknowledged means durable: kill -9 during a 4-association load loses no acknowledged instance.</summary>
public sealed partial class CrashDurabilityTests : IDisposable
{
    private readonly FixtureDirectory _directory = new("gateway-crash");

    [Theory]
    [InlineData(GatewayMode.Embedded)]
    [InlineData(GatewayMode.Server)]
    public async Task Every_instance_acknowledged_before_kill_9_is_present_and_indexed_after_restart(GatewayMode mode)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var backends = await GatewayBackends.StartAsync(mode, ct);
        var storage = _directory.Combine("storage");
        var studies = Enumerable.Range(0, 4).Select(i => SyntheticInstances.WriteStudy(_directory.Combine($"study{i}"), 60)).ToList();
        var dicomPort = FreePort.Next();
        var gateway = await GatewayProcess.StartAsync(storage, dicomPort, _directory.Combine("gateway-1.log"), ct, settings: backends.Environment);

        var loads = studies.Select((files, i) => DcmtkTools.StoreAsync(GatewayHost.AeTitle, dicomPort, files, ct,
            callingAe: $"LOAD{i}", options: ["-v"])).ToList();
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
        {
            while (CountStored(storage) < 60 && !deadline.IsCancellationRequested && !loads.All(l => l.IsCompleted))
            {
                await Task.Delay(20, ct);
            }
        }
        gateway.Kill();
        var results = await Task.WhenAll(loads);
        await gateway.DisposeAsync();

        var acknowledged = results.SelectMany((result, i) => studies[i].Take(SuccessCount(result))).ToList();
        Assert.NotEmpty(acknowledged);
        Assert.True(acknowledged.Count < 240, $"the load finished before the kill: nothing was tested ({CountStored(storage)} stored; {results[0].StandardError[..Math.Min(600, results[0].StandardError.Length)]})");

        await using var restarted = await GatewayProcess.StartAsync(storage, dicomPort, _directory.Combine("gateway-2.log"), ct,
            settings: backends.Environment);
        var indexed = new HashSet<string>();
        foreach (var study in await restarted.HttpClient.GetFromJsonAsync<List<StudySummary>>("/studies?limit=1000", ct) ?? [])
        {
            var instances = await restarted.HttpClient.GetFromJsonAsync<List<InstanceSummary>>($"/studies/{study.StudyInstanceUid}/instances", ct);
            indexed.UnionWith(instances!.Select(i => i.SopInstanceUid));
        }
        foreach (var file in acknowledged)
        {
            var sop = SyntheticInstances.SopOf(file);
            Assert.Contains(sop, indexed);
            Assert.Single(Directory.GetFiles(storage, sop + ".dcm", SearchOption.AllDirectories));
        }
        Assert.Empty(Directory.GetFiles(Path.Combine(storage, ".incoming")));
    }

    private static int CountStored(string storage) =>
        Directory.Exists(storage) ? Directory.EnumerateFiles(storage, "*.dcm", SearchOption.AllDirectories).Count() : 0;

    /// <summary>storescu -v logs one "Received Store Response (Success)" per acknowledged file, in file order.</summary>
    private static int SuccessCount(ToolResult result) =>
        SuccessResponse().Matches(result.StandardOutput + result.StandardError).Count;

    [GeneratedRegex(@"Received Store Response \(Success\)")]
    private static partial Regex SuccessResponse();

    public void Dispose() => _directory.Dispose();
}
