using Airadcr.Inference.Apis;
using Airadcr.Inference.Extensions;
using Airadcr.Inference.Offline;

if (args is ["analyze", ..])
{
    return await OfflineAnalysis.RunAsync(args[1..], Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(ServiceHostArguments.For(args));
builder.AddServiceDefaults();
builder.AddInferenceServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapInferenceDocumentation();
app.MapModelsApi();
app.MapAnalysesApi();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
