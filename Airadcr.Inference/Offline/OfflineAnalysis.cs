using System.Text.Json;
using Airadcr.Inference.Engine;
using Airadcr.Inference.Engine.Analysis;
using Airadcr.Inference.Engine.Imaging;
using Airadcr.Inference.Engine.Runtime;

namespace Airadcr.Inference.Offline;

/// <summary>
/// <c>analyze DIR [--models a,b]</c>: analyses the DICOM files under DIR (recursively) in-process and prints the
/// findings JSON (the body <c>POST /v1/analyses</c> returns). Exit codes: 0 done, 2 usage, 3 refused (reason on stderr).
/// </summary>
public static class OfflineAnalysis
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length is not (1 or 3) || (args.Length == 3 && args[1] != "--models") || !Directory.Exists(args[0]))
        {
            await error.WriteLineAsync("usage: Airadcr.Inference analyze DIR [--models id1,id2]   (DIR: a folder of DICOM files)");
            return 2;
        }

        var models = args.Length == 3 ? args[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddInferenceEngine(builder.Configuration);
        using var host = builder.Build();
        try
        {
            var instances = Directory.EnumerateFiles(args[0], "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(path => new StoredInstance(Path.GetRelativePath(args[0], path), File.ReadAllBytes(path)))
                .ToList();
            var volumes = host.Services.GetRequiredService<StudyReader>().Read(instances);
            var result = await host.Services.GetRequiredService<StudyAnalyzer>().AnalyzeAsync(volumes, models, CancellationToken.None);
            await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            return 0;
        }
        catch (Exception e) when (e is AnalysisRejectedException or InferenceQueueFullException)
        {
            await error.WriteLineAsync("analysis refused: " + e.Message);
            return 3;
        }
    }
}
