using Airadcr.DicomGateway.Archives;
using Microsoft.Extensions.Http.Resilience;

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
        builder.Services.AddSingleton<ArchiveStudyFinder>();
        builder.Services.AddSingleton<FederatedSearch>();
        builder.Services.AddSingleton<ArchiveProbe>();
        // The search's own per-archive timeout bounds each request: no retries, no other timeout (ServiceDefaults'
        // standard handler, configured for every client, would retry a slow archive past it).
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(ArchiveStudyFinder.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return builder;
    }
}
