using Airadcr.Audit.Verification;
using Airadcr.DicomGateway.Apis;
using Airadcr.DicomGateway.Auditing;
using Airadcr.DicomGateway.Research;
using Airadcr.DicomGateway.RtStruct;
using Airadcr.DicomGateway.Stow;
using Airadcr.DicomGateway.Synchronisation;
using Scalar.AspNetCore;

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
if (AuditVerifyCommand.IsRequested(args))
{
    return await AuditVerifyCommand.RunAsync(app.Services, Console.Out, CancellationToken.None);
}

app.UseRequestAudit();
app.MapDefaultEndpoints();
app.MapStudiesApi();
app.MapAdminApi();
app.MapThroughputApi();
app.MapSignedReportApi();
app.MapPublishingApi();
app.MapAuditVerify().RequireAdminKey();
app.MapResearchApi();
app.MapArchivesApi();
app.MapSyncApi();
app.MapRtStructApi();
app.MapStowApi();
if (app.Environment.IsDevelopment())
{
    // OpenAPI document (/openapi/v1.json) and Scalar UI (/scalar) of the HTTP API.
    app.MapOpenApi();
    app.MapScalarApiReference();
}

await app.RunAsync();
return 0;

public partial class Program;
