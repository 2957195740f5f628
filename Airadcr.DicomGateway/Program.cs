using Airadcr.DicomGateway.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapStudiesApi();
app.MapAdminApi();

app.Run();

public partial class Program;
