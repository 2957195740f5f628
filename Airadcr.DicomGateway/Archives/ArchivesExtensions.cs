using Airadcr.DicomGateway.Archives;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the archives registry (multi-PACS): registry, credential sealing, start-up seeding, audit.</summary>
public static class ArchivesExtensions
{
    public static IHostApplicationBuilder AddGatewayArchives(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ArchiveCredentialSealer>();
        builder.Services.AddSingleton<ArchiveRegistry>();
        builder.Services.AddSingleton<ArchiveAudit>();
        builder.Services.AddHostedService<ArchiveSeeding>();
        return builder;
    }
}
