using Airadcr.ReportApi;

var builder = WebApplication.CreateBuilder(args);
var environment = builder.AddDesktopConfiguration();
builder.UseDesktopListener();
builder.AddReportApiServices(environment);

var app = builder.Build();
app.UseReportApi();
app.MapReportApi();
app.MapApiDocumentation();
app.Run();

public partial class Program;
