using Airadcr.DicomGateway.Synchronisation;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the comparison and synchronisation between archives.</summary>
public static class SyncExtensions
{
    public static IHostApplicationBuilder AddGatewaySync(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SyncArchives>();
        builder.Services.AddSingleton<SyncJobStore>();
        builder.Services.AddSingleton<SyncAudit>();
        builder.Services.AddSingleton<SyncRunner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SyncRunner>());
        builder.Services.AddSingleton<SyncScheduler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SyncScheduler>());
        return builder;
    }
}
