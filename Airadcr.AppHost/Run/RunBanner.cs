using Microsoft.Extensions.Hosting;

namespace Airadcr.AppHost.Run;

internal sealed record RunBannerSettings(string? OrthancPasswordFile);

/// <summary>
/// Once the Web is healthy, prints where everything is: the Web and its admin password's file, Orthanc and its
/// credentials' file, the DICOM addresses, the ReportApi and its key's file (the Aspire dashboard prints its own
/// login URL at start-up).
/// </summary>
internal sealed class RunBanner(DistributedApplicationModel model, ResourceNotificationService notifications, RunFolder run,
    RunBannerSettings settings) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await notifications.WaitForResourceHealthyAsync("web", stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var secrets = Path.Combine(run.Path, "secrets");
        var lines = new List<string> { "", "AIRADCR is running (Ctrl+C or SIGTERM stops everything):" };
        lines.Add($"  Web (worklist, editor, viewer)  {Url("web", "http")}  sign in as admin, password in {Path.Combine(secrets, "web-admin-password")}");
        if (Find("pacs") is not null)
        {
            lines.Add($"  Orthanc Explorer                {Url("pacs", "http")}/app/explorer.html  user airadcr, password in {settings.OrthancPasswordFile}");
            lines.Add($"  Send studies (DICOM)            ORTHANC@127.0.0.1:{Port("pacs", "dicom")}  (storescu -aec ORTHANC 127.0.0.1 {Port("pacs", "dicom")} *.dcm)");
        }
        lines.Add($"  IA_SERVER (DICOM)               IA_SERVER@127.0.0.1:{Port("dicomgateway", "dicom")}");
        lines.Add($"  ReportApi (RIS, TÉO Hub)        {Url("reportapi", "http")}  (Scalar: /scalar) key in {Path.Combine(secrets, "reportapi-key")}");
        lines.Add($"  Logs                            {run.Logs}/{{resource}}.log, and the Aspire dashboard (its login URL is above)");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }

    private IResourceWithEndpoints? Find(string name) => model.Resources.OfType<IResourceWithEndpoints>().FirstOrDefault(r => r.Name == name);

    private string Url(string resource, string endpoint) => Find(resource) is { } r ? r.GetEndpoint(endpoint).Url : "(not running)";

    private string Port(string resource, string endpoint) =>
        Find(resource) is { } r ? r.GetEndpoint(endpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
}
