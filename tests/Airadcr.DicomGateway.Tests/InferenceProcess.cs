using System.Globalization;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>The inference service as a process, from its build output (the solution build produces it).</summary>
internal static class InferenceProcess
{
    public static async Task<ServerProcess> StartAsync(int httpPort, string gatewayUrl, string logPath, CancellationToken ct)
    {
        var dll = FindBuiltService("Airadcr.Inference");
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

    /// <summary>A service's built dll, found from the repository root (the folder holding Airadcr.sln).</summary>
    public static string FindBuiltService(string project)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Airadcr.sln")))
        {
            root = root.Parent;
        }
        var bin = root is null ? null : Path.Combine(root.FullName, project, "bin");
        return (bin is not null && Directory.Exists(bin)
                ? Directory.EnumerateFiles(bin, project + ".dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
                : null)
            ?? throw new InvalidOperationException($"{project}.dll is not built: run `dotnet build Airadcr.sln` (eng/test.sh does)");
    }
}
