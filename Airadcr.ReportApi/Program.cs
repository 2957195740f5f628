using Airadcr.Audit.Verification;
using Airadcr.ReportApi;

var builder = WebApplication.CreateBuilder(ServiceHostArguments.For(args));
var environment = builder.AddDesktopConfiguration();
builder.AddServiceDefaults();
builder.UseDesktopListener();
builder.AddReportApiServices(environment);

var app = builder.Build();
if (AuditVerifyCommand.IsRequested(args))
{
    return await AuditVerifyCommand.RunAsync(app.Services, Console.Out, CancellationToken.None);
}
app.UseReportApi();
app.MapDefaultEndpoints();
app.MapReportApi();
app.MapApiDocumentation();
await app.RunAsync();
return 0;

public partial class Program;
