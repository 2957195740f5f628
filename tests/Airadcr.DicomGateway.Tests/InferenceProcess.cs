using System.Globalization;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>The inference service as a process, from its build output (the solution build produces it).</summary>
internal static class InferenceProcess
{
    public static async Task<ServerProcess> StartAsync(int httpPort, string gatewayUrl, string logPath, CancellationToken ct)
    {
        var dll = BuiltService.Find("Airadcr.Inference");
        var process = ServerProcess.Start("inference", ToolLocator.Find("dotnet", "dotnet-sdk-10.0"), [dll], logPath,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Gateway__BaseAddress"] = gatewayUrl,
            });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}") };
        await Readiness.WaitAsync(process, async token => (await client.GetAsync("/v1/models", token)).IsSuccessStatusCode, ct);
        return process;
    }
}
