using Airadcr.AppHost.Servers;

namespace Airadcr.AppHost.Run;

/// <summary>What the AppHost adds around Aspire for a person at the console: the fixed-port check, the log files, the banner.</summary>
public static class RunConsole
{
    public static void AddRunConsole(this IDistributedApplicationBuilder builder, RunFolder run, AppHostOptions options, OrthancPacs? pacs)
    {
        var randomPorts = string.Equals(builder.Configuration["DcpPublisher:RandomizePorts"], "true", StringComparison.OrdinalIgnoreCase);
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            if (!randomPorts)
            {
                FixedPorts.EnsureFree(start.Model);
            }
            ResourceLogFiles.Start(start.Services, run);
            return Task.CompletedTask;
        });
        builder.Services.AddSingleton(run);
        builder.Services.AddSingleton(new RunBannerSettings(pacs?.PasswordFile));
        builder.Services.AddHostedService<RunBanner>();
    }
}
