using Airadcr.ReportApi;

var builder = WebApplication.CreateBuilder(ServiceHostArguments.For(args));
var environment = builder.AddDesktopConfiguration();
builder.AddServiceDefaults();
builder.UseDesktopListener();
builder.AddReportApiServices(environment);

var app = builder.Build();
app.UseReportApi();
app.MapDefaultEndpoints();
app.MapReportApi();
app.MapApiDocumentation();
app.Run();

public partial class Program;
