namespace Airadcr.DicomGateway.RtStruct;

/// <summary>Registration of RT structure set processing.</summary>
public static class RtStructExtensions
{
    public static IHostApplicationBuilder AddGatewayRtStruct(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RtStructWakeUp>();
        builder.Services.AddSingleton<RtStructureSetStore>();
        builder.Services.AddSingleton<RtStructWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RtStructWorker>());
        return builder;
    }
}
