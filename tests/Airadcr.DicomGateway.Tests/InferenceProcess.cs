using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>The inference service as a process, from its build output (the solution build produces it).</summary>
internal static class InferenceProcess
{
    public static async Task<ServerProcess> StartAsync(int httpPort, string gatewayUrl, string logPath, CancellationToken ct)
    {
        var process = BuiltService.Start("inference", BuiltService.Find("Airadcr.Inference"), httpPort, logPath,
            new Dictionary<string, string> { ["Gateway__BaseAddress"] = gatewayUrl });
        await BuiltService.WaitForHttpAsync(process, httpPort, "/v1/models", ct);
        return process;
    }
}
