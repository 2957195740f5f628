using System.Globalization;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

/// <summary>
/// What a gateway process analyses and reports with: a real Orthanc as its PACS and the real inference service (which
/// reads the study back from the gateway's HTTP port, chosen here); the ReportApi's port and key are chosen here too,
/// the test starts the ReportApi when it wants it (<see cref="StartReportApiAsync"/>).
/// </summary>
internal sealed class AnalysisNeighbours : IAsyncDisposable
{
    private AnalysisNeighbours(OrthancServer orthanc, ServerProcess inference, int inferencePort, int gatewayHttpPort)
    {
        Orthanc = orthanc;
        Inference = inference;
        InferencePort = inferencePort;
        GatewayHttpPort = gatewayHttpPort;
    }

    public OrthancServer Orthanc { get; }

    public ServerProcess Inference { get; }

    public int InferencePort { get; }

    /// <summary>The HTTP port the gateway must listen on (the inference service fetches instances there).</summary>
    public int GatewayHttpPort { get; }

    public int ReportApiPort { get; } = FreePort.Next();

    public string ReportApiKey { get; } = "airadcr_" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

    public static async Task<AnalysisNeighbours> StartAsync(FixtureDirectory directory, CancellationToken ct)
    {
        var orthanc = new OrthancServer();
        try
        {
            await orthanc.InitializeAsync();
            var gatewayHttp = FreePort.Next();
            var inferenceHttp = FreePort.Next();
            var inference = await InferenceProcess.StartAsync(inferenceHttp, Url(gatewayHttp), directory.Combine("inference.log"), ct);
            return new AnalysisNeighbours(orthanc, inference, inferenceHttp, gatewayHttp);
        }
        catch
        {
            await orthanc.DisposeAsync();
            throw;
        }
    }

    /// <summary>The gateway's settings (environment form) for these neighbours.</summary>
    public Dictionary<string, string> GatewaySettings() => new()
    {
        ["Gateway__InferenceUrl"] = Url(InferencePort),
        ["Gateway__Pacs__Host"] = "127.0.0.1",
        ["Gateway__Pacs__Port"] = Orthanc.DicomPort.ToString(CultureInfo.InvariantCulture),
        ["Gateway__Pacs__AeTitle"] = Orthanc.AeTitle,
        ["Gateway__ReportApiUrl"] = Url(ReportApiPort),
        ["Gateway__ReportApiKey"] = ReportApiKey,
    };

    /// <summary>The real ReportApi on <see cref="ReportApiPort"/> with <see cref="ReportApiKey"/>; the caller disposes it.</summary>
    public async Task<ServerProcess> StartReportApiAsync(FixtureDirectory directory, CancellationToken ct)
    {
        var process = BuiltService.Start("reportapi", BuiltService.Find("Airadcr.ReportApi"), ReportApiPort, directory.Combine("reportapi.log"),
            new Dictionary<string, string>
            {
                ["AIRADCR_DATA_DIR"] = directory.Combine("reportapi-data"),
                ["AIRADCR_PROD_API_KEY"] = ReportApiKey,
            });
        await BuiltService.WaitForHttpAsync(process, ReportApiPort, "/health", ct);
        return process;
    }

    private static string Url(int port) => $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

    public async ValueTask DisposeAsync()
    {
        await Inference.DisposeAsync();
        await Orthanc.DisposeAsync();
    }
}
