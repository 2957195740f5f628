using Airadcr.ReportApi.Configuration;
using Airadcr.ReportApi.Logging;
using Airadcr.ReportApi.Security;
using Airadcr.ReportApi.Storage;

namespace Airadcr.ReportApi.Lifecycle;

/// <summary>
/// Before the server listens: migrate the schema and register AIRADCR_PROD_API_KEY. (Hosted services of a
/// WebApplication start before Kestrel.)
/// </summary>
public sealed class StoreInitializer(
    SchemaMigrator migrator,
    ReportDatabase database,
    ApiKeyService apiKeys,
    AdminKeyCheck adminKey,
    DesktopEnvironment environment,
    ILogger<StoreInitializer> logger) : IHostedService
{
    public const string ProductionKeyName = "AIRADCR_PROD_API_KEY";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var version = await migrator.MigrateAsync(cancellationToken);
        logger.StoreReady(database.Engine, version);
        if (environment.ProductionApiKey is { } productionKey)
        {
            await apiKeys.RegisterAsync(ProductionKeyName, productionKey, cancellationToken);
        }

        if (!adminKey.IsConfigured)
        {
            logger.AdminKeyMissing();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
