using System.Net.Http.Json;
using Airadcr.DicomGateway.Assembly;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>Waiting on a gateway process: a condition polled until true, failing with the gateway's log tail.</summary>
internal static class GatewayWait
{
    public static async Task UntilAsync(GatewayProcess gateway, Func<Task<bool>> condition, string what, CancellationToken ct, int seconds = 60)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"timed out waiting for {what}\n{gateway.Process.LogTail(30)}");
            }
            await Task.Delay(100, ct);
        }
    }

    /// <summary>The analysis jobs (<c>GET /admin/jobs</c>).</summary>
    public static async Task<List<AnalysisJob>> JobsAsync(GatewayProcess gateway, CancellationToken ct) =>
        await gateway.HttpClient.GetFromJsonAsync<List<AnalysisJob>>("/admin/jobs", ct) ?? [];
}
