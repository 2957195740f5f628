using Airadcr.DicomGateway.Assembly;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Dicom;
using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.Logging;
using Airadcr.DicomGateway.Storage;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the gateway's services.</summary>
public static class GatewayExtensions
{
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => GatewayPaths.Resolve(
            services.GetRequiredService<IOptions<GatewayOptions>>().Value, services.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton(services =>
        {
            var paths = services.GetRequiredService<GatewayPaths>();
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Airadcr.DicomGateway").StorageLocation(paths.StorageRoot, paths.IndexDatabase);
            return new GatewayDatabase(paths.IndexDatabase);
        });
        builder.Services.AddSingleton<InstanceIndex>();
        builder.Services.AddSingleton<CallingAeAllowlist>();
        builder.Services.AddSingleton<GatewayStorageHandler>();
        builder.Services.AddSingleton<AnalysisJobQueue>();
        builder.Services.AddSingleton<DicomScpService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DicomScpService>());
        builder.Services.AddSingleton<StudyAssembler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StudyAssembler>());
        return builder;
    }
}
