using Airadcr.Audit.Verification;
using Airadcr.Web.Extensions;

var builder = WebApplication.CreateBuilder(ServiceHostArguments.For(args));
builder.AddServiceDefaults();
builder.AddWebServices();

var app = builder.Build();
if (AuditVerifyCommand.IsRequested(args))
{
    return await AuditVerifyCommand.RunAsync(app.Services, Console.Out, CancellationToken.None);
}
app.UseWeb();
app.MapDefaultEndpoints();
app.MapWeb();
await app.RunAsync();
return 0;

public partial class Program;
