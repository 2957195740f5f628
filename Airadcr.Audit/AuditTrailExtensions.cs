using Airadcr.Audit;
using Airadcr.Audit.Checkpoints;
using Airadcr.Audit.Storage;
using Airadcr.Audit.Verification;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of a service's audit trail.</summary>
public static class AuditTrailExtensions
{
    /// <summary>
    /// The chain in <paramref name="store"/> (the service's own database), written as <paramref name="serviceName"/>;
    /// the key, the pepper and the default export file in <paramref name="dataDirectory"/> unless <c>Audit:*</c> names
    /// them. Call before the service's other hosted services: the writer then stops last, after their last events.
    /// </summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services, string serviceName,
        Func<IServiceProvider, IAuditStore> store, Func<IServiceProvider, string> dataDirectory)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName)
            .Configure<IServiceProvider>((options, provider) => options.DataDirectory ??= dataDirectory(provider));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new AuditServiceName(serviceName));
        services.AddSingleton(store);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AuditOptions>>().Value;
            return AuditSigningKey.Load(options.SigningKey, options.ResolveDataDirectory());
        });
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AuditOptions>>().Value;
            return AuditSubjects.Load(options.Pepper, options.ResolveDataDirectory());
        });
        services.AddSingleton(provider => new CheckpointExport(provider.GetRequiredService<IOptions<AuditOptions>>().Value.ResolveExportPath()));
        services.AddSingleton<AuditCheckpointer>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton(provider => new AuditVerifier(provider.GetRequiredService<IAuditStore>(),
            provider.GetRequiredService<AuditSigningKey>(), provider.GetRequiredService<CheckpointExport>()));
        services.AddHostedService<Airadcr.Audit.AuditTrailWorker>();
        return services;
    }
}
