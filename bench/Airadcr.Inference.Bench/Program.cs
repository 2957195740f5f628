using System.Diagnostics;
using Airadcr.Inference.Engine;
using Airadcr.Inference.Engine.Catalog;
using Airadcr.Inference.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.ML.OnnxRuntime;

// Service runtime (queue + dynamic batching + tensor assembly + output split) vs a bare InferenceSession.Run on the
// same model, same session options and same inputs, in the same process, measurements interleaved. Both paths
// end with the outputs in managed arrays.
// Usage: dotnet run -c Release --project bench/Airadcr.Inference.Bench -- [model-id] [size] [iterations]
var modelId = args.ElementAtOrDefault(0) ?? "ct-nodule-candidates";
var size = int.Parse(args.ElementAtOrDefault(1) ?? "512", System.Globalization.CultureInfo.InvariantCulture);
var iterations = int.Parse(args.ElementAtOrDefault(2) ?? "30", System.Globalization.CultureInfo.InvariantCulture);

var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddLogging();
builder.Services.AddInferenceEngine(builder.Configuration);
using var host = builder.Build();
var catalog = host.Services.GetRequiredService<ModelCatalog>();
var provider = host.Services.GetRequiredService<ExecutionProvider>();
if (!catalog.TryGet(modelId, out var model))
{
    Console.Error.WriteLine($"model {modelId} not served; problems: {string.Join("; ", catalog.Problems)}");
    return 1;
}

var modelPath = Path.Combine(catalog.Folder, model.Manifest.File);
using var options = provider.CreateSessionOptions();
using var bare = new InferenceSession(modelPath, options);
string[] inputNames = [model.Manifest.Input.Name];
var outputNames = model.Manifest.Decoding.OutputNames.ToArray();
var random = new Random(1);
var planes = Enumerable.Range(0, 16).Select(_ => Enumerable.Range(0, size * size).Select(_ => (float)random.NextDouble()).ToArray()).ToArray();

Console.WriteLine($"model {modelId}, {size}x{size}, provider {provider.Name}, {Environment.ProcessorCount} cores, {iterations} iterations per point");
Console.WriteLine("| batch | bare ms/image | service ms/image | bare images/s | service images/s | overhead |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
foreach (var batch in new[] { 1, 4, 16 })
{
    var input = new float[batch * size * size];
    for (var i = 0; i < batch; i++)
    {
        planes[i].CopyTo(input, i * size * size);
    }

    var servicePlanes = planes.Take(batch).ToList();
    var bareTimes = new List<double>();
    var serviceTimes = new List<double>();
    for (var i = 0; i < iterations + 3; i++)
    {
        // Alternate which path runs first so that neither always follows the other.
        double bareMs, serviceMs;
        if (i % 2 == 0)
        {
            bareMs = Bare();
            serviceMs = await ServiceAsync();
        }
        else
        {
            serviceMs = await ServiceAsync();
            bareMs = Bare();
        }

        if (i >= 3)
        {
            bareTimes.Add(bareMs / batch);
            serviceTimes.Add(serviceMs / batch);
        }
    }

    double Bare()
    {
        var start = Stopwatch.GetTimestamp();
        using (var value = OrtValue.CreateTensorValueFromMemory(input, [batch, 1, size, size]))
        using (var runOptions = new RunOptions())
        using (var outputs = bare.Run(runOptions, inputNames, [value], outputNames))
        {
            // Results leave the run as managed arrays, as they must for any caller that outlives the OrtValue.
            foreach (var output in outputs)
            {
                _ = output.GetTensorDataAsSpan<float>().ToArray();
            }
        }

        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    async Task<double> ServiceAsync()
    {
        var start = Stopwatch.GetTimestamp();
        await model.Runner.RunAsync(servicePlanes, size, size, CancellationToken.None);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    var (b, s) = (Median(bareTimes), Median(serviceTimes));
    Console.WriteLine($"| {batch} | {b:F2} | {s:F2} | {1000 / b:F1} | {1000 / s:F1} | {(s / b) - 1:P1} |");
}

return 0;

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}
