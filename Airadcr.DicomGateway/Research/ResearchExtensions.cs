using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Research;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the research space (projects, runner, exports, re-identification).</summary>
public static class ResearchExtensions
{
    public static IHostApplicationBuilder AddGatewayResearch(this IHostApplicationBuilder builder, bool serverDatabase)
    {
        builder.Services.AddSingleton(services =>
        {
            var configured = services.GetRequiredService<IOptions<GatewayOptions>>().Value.Research.DataKey
                ?? services.GetRequiredService<IConfiguration>()[ResearchKeys.EnvironmentVariable];
            var paths = services.GetRequiredService<GatewayPaths>();
            return new ResearchAccess(ResearchKeys.Load(configured, paths.StorageRoot, serverDatabase), paths);
        });
        builder.Services.AddSingleton<ResearchStore>();
        builder.Services.AddSingleton<ResearchSelection>();
        builder.Services.AddSingleton<ResearchWakeUp>();
        builder.Services.AddSingleton<ResearchAudit>();
        builder.Services.AddSingleton<ResearchRunner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ResearchRunner>());
        builder.Services.AddSingleton<ResearchExporter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ResearchExporter>());
        return builder;
    }
}
