using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Airadcr.Audit.Storage;
using Airadcr.ReportApi.Apis;
using Airadcr.ReportApi.Configuration;
using Airadcr.ReportApi.Diagnostics;
using Airadcr.ReportApi.Lifecycle;
using Airadcr.ReportApi.Navigation;
using Airadcr.ReportApi.Reports;
using Airadcr.ReportApi.Security;
using Airadcr.ReportApi.Storage;
using Airadcr.ReportApi.TeoHub;
using Airadcr.ReportApi.Worklist;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Airadcr.ReportApi;

public static class Extensions
{
    public const string ReportsDbConnectionName = "reportsdb";
    public const string CacheConnectionName = "cache";

    public static WebApplicationBuilder AddReportApiServices(this WebApplicationBuilder builder, DesktopEnvironment environment)
    {
        var services = builder.Services;
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.TryAddSingleton(TimeProvider.System);
        // The audit chain in reportsdb (audit_chain, audit_checkpoint); SQLite appends take the store's writer turn.
        services.AddAuditTrail("reportapi", sp => sp.GetRequiredService<ReportDatabase>() switch
            {
                SqliteReportDatabase sqlite => new SqliteAuditStore(
                    new SqliteConnectionStringBuilder { DataSource = sqlite.DatabasePath }.ToString(), sqlite.OpenWriterAsync),
                _ => new PostgresAuditStore(sp.GetRequiredService<NpgsqlDataSource>()),
            },
            _ => environment.DataDirectory);
        services.AddMetrics();
        services.AddSingleton<ReportApiMetrics>();
        services.AddSingleton(DataKeySource.Load(environment.DataKey, environment.DataDirectory));
        services.AddSingleton<ReportSealer>();
        services.AddSingleton<AdminKeyCheck>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<PendingReportService>();
        services.AddSingleton<NavigationBroadcaster>();
        services.AddSingleton<AppReadiness>();
        services.AddSingleton<TeoHubClient>();
        services.AddSingleton<Worklist.ReportListing>();

        services.AddSingleton<SchemaMigrator>();
        services.AddHostedService<StoreInitializer>();
        services.AddHostedService<ReportListingWarmup>();
        builder.AddReportStorage(environment);
        services.AddHostedService<ReadinessSignal>();
        services.AddSingleton<ExpiredReportPurger>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpiredReportPurger>());
        services.AddHealthChecks().AddCheck<ReportStoreHealthCheck>(ReportsDbConnectionName);
        services.AddRebindingProtection();
        services.AddClientRateLimiting();
        services.AddOpenApi(openApi => openApi.AddSpecExamples());
        return builder;
    }

    /// <summary>PostgreSQL when ConnectionStrings:reportsdb is set, else SQLite in the data directory; HybridCache in front.</summary>
    private static void AddReportStorage(this WebApplicationBuilder builder, DesktopEnvironment environment)
    {
        var services = builder.Services;
        if (builder.Configuration.GetConnectionString(ReportsDbConnectionName) is { Length: > 0 })
        {
            // Aspire's Npgsql client integration: the data source (disposed with the container), health check, telemetry.
            builder.AddPostgresDataSource(ReportsDbConnectionName);
            services.AddSingleton<ReportDatabase, PostgresReportDatabase>();
        }
        else
        {
            var path = Path.Combine(environment.DataDirectory, SqliteReportDatabase.FileName);
            services.AddSingleton(sp => new SqliteReportDatabase(path, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<ReportDatabase>(sp => sp.GetRequiredService<SqliteReportDatabase>());
            services.AddSingleton<DatabaseBackup>();
            services.AddHostedService<DatabaseBackupWhenEnabled>();
            services.AddSingleton<WalCheckpointer>();
            services.AddHostedService(sp => sp.GetRequiredService<WalCheckpointer>());
        }

        var redis = builder.Configuration.GetConnectionString(CacheConnectionName);
        if (!string.IsNullOrEmpty(redis))
        {
            // Aspire's Redis client integration (health check, traces) holds the connection; the distributed cache
            // behind HybridCache uses it.
            builder.AddRedisClient(CacheConnectionName, configureOptions: options => options.AbortOnConnectFail = false);
            services.AddStackExchangeRedisCache(cache => cache.InstanceName = "airadcr-reportapi:");
            services.AddOptions<RedisCacheOptions>().Configure<IConnectionMultiplexer>((cache, connection) =>
                cache.ConnectionMultiplexerFactory = () => Task.FromResult(connection));
        }

        services.AddHybridCache();
        var entryOptions = new HybridCacheEntryOptions
        {
            Expiration = TimeSpan.FromMinutes(5),
            LocalCacheExpiration = TimeSpan.FromMinutes(5),
            // With several instances sharing Redis, a local copy could outlive another instance's delete.
            Flags = string.IsNullOrEmpty(redis) ? HybridCacheEntryFlags.None : HybridCacheEntryFlags.DisableLocalCache,
        };
        services.AddSingleton<IApiKeyStore>(sp => new SqlApiKeyStore(sp.GetRequiredService<ReportDatabase>()));
        services.AddSingleton<IReportStore>(sp => new CachedReportStore(
            new SqlReportStore(sp.GetRequiredService<ReportDatabase>()), sp.GetRequiredService<HybridCache>(), entryOptions));
    }
}

/// <summary>Runs the daily SQLite backup only when backup_enabled is on.</summary>
public sealed class DatabaseBackupWhenEnabled(DatabaseBackup backup, IOptions<DesktopOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.BackupEnabled ? backup.StartAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) =>
        options.Value.BackupEnabled ? backup.StopAsync(cancellationToken) : Task.CompletedTask;
}
