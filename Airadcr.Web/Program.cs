using Airadcr.Web.Extensions;

var builder = WebApplication.CreateBuilder(ServiceHostArguments.For(args));
builder.AddServiceDefaults();
builder.AddWebServices();

var app = builder.Build();
app.UseWeb();
app.MapDefaultEndpoints();
app.MapWeb();
app.Run();

public partial class Program;
