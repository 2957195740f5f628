using Airadcr.DicomGateway.Apis;
using Airadcr.DicomGateway.Research;

if (args is ["report", .. var reportArgs])
{
    var configuration = new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables().Build();
    return await Airadcr.DicomGateway.Offline.ReportCommand.RunAsync(reportArgs, configuration, Console.Error);
}

var builder = WebApplication.CreateBuilder(ServiceHostArguments.For(args));

builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapStudiesApi();
app.MapAdminApi();
app.MapThroughputApi();
app.MapSignedReportApi();
app.MapResearchApi();

await app.RunAsync();
return 0;

public partial class Program;
