using Airadcr.Audit.Storage;
using Airadcr.DicomGateway.Analysis;
using Airadcr.DicomGateway.Auditing;
using Airadcr.DicomGateway.Apis;
using Airadcr.DicomGateway.Assembly;
using Airadcr.DicomGateway.Pacs;
using Airadcr.DicomGateway.Publishing;
using Airadcr.DicomGateway.ReportApi;
using Airadcr.DicomGateway.Reports;
using Airadcr.DicomGateway.RtStruct;
using Microsoft.Extensions.Http.Resilience;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Dicom;
using Airadcr.DicomGateway.Index;
using Airadcr.DicomGateway.Logging;
using Airadcr.DicomGateway.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

using Microsoft.Data.Sqlite;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the gateway's services.</summary>
public static class GatewayExtensions
{
    /// <summary>The gateway's database resource (Aspire: <c>ConnectionStrings__gatewaydb</c>, Npgsql format).</summary>
    public const string GatewayDbConnectionName = "gatewaydb";

    /// <summary>The Redis resource (Aspire: <c>ConnectionStrings__cache</c>, StackExchange.Redis format).</summary>
    public const string CacheConnectionName = "cache";

    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => GatewayPaths.Resolve(
            services.GetRequiredService<IOptions<GatewayOptions>>().Value, services.GetRequiredService<IConfiguration>()));
        // Server mode: Aspire's Npgsql client integration (data source, health check, traces and metrics).
        var serverDatabase = builder.Configuration.GetConnectionString(GatewayDbConnectionName) is { Length: > 0 };
        if (serverDatabase)
        {
            builder.AddPostgresDataSource(GatewayDbConnectionName);
        }
        builder.Services.AddSingleton<GatewayDatabase>(services =>
        {
            // Start-up: the database must be migrated before the SCP takes its first association.
            var paths = services.GetRequiredService<GatewayPaths>();
            GatewayDatabase database = serverDatabase
                ? PostgresGatewayDatabase.OpenAsync(services.GetRequiredService<NpgsqlDataSource>(), CancellationToken.None).GetAwaiter().GetResult()
                : SqliteGatewayDatabase.OpenAsync(paths.IndexDatabase, CancellationToken.None).GetAwaiter().GetResult();
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Airadcr.DicomGateway")
                .StorageLocation(paths.StorageRoot, database.Engine, database.Location);
            return database;
        });
        // The audit chain in gatewaydb (audit_chain, audit_checkpoint); registered before the SCP, its writer stops last.
        // SQLite: appends take the index's writer turn. Key, pepper and default export in the storage folder.
        builder.Services.AddAuditTrail("dicomgateway",
            services => services.GetRequiredService<GatewayDatabase>() is SqliteGatewayDatabase sqlite
                ? new SqliteAuditStore(new SqliteConnectionStringBuilder { DataSource = sqlite.Location }.ToString(), sqlite.OpenWriterAsync)
                : new PostgresAuditStore(services.GetRequiredService<NpgsqlDataSource>()),
            services => services.GetRequiredService<GatewayPaths>().StorageRoot);
        builder.Services.AddSingleton<AssociationAudit>();
        builder.Services.AddSingleton<InstanceIndex>();
        builder.Services.AddSingleton<IndexWatermark>();
        builder.Services.AddSingleton<StorageRecovery>();
        builder.Services.AddSingleton<InstanceGroupCommit>();
        builder.Services.AddSingleton<InstanceCommit>();
        builder.Services.AddSingleton<Airadcr.DicomGateway.Stow.StowReceiver>();
        builder.Services.AddSingleton<CallingAeAllowlist>();
        builder.Services.AddSingleton<AdminKeyRequirement>();
        builder.Services.AddSingleton<GatewayStorageHandler>();
        builder.Services.AddSingleton<AnalysisJobQueue>();
        builder.Services.AddSingleton<DicomScpService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DicomScpService>());
        builder.Services.AddSingleton<AnalysisWakeUp>();
        builder.Services.AddSingleton<StudyAssembler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StudyAssembler>());

        // Analysis -> reports -> PACS and ReportApi
        builder.Services.AddSingleton<AnalysisJobStore>();
        if (builder.Configuration.GetConnectionString(CacheConnectionName) is { Length: > 0 })
        {
            // Server mode: the outbox is relayed to a Redis stream read by a consumer group; the connection is
            // Aspire's Redis client integration (health check, traces).
            builder.AddRedisClient(CacheConnectionName, configureOptions: options => options.AbortOnConnectFail = false);
            builder.Services.AddSingleton<RedisAnalysisJobSource>();
            builder.Services.AddSingleton<IAnalysisJobSource>(services => services.GetRequiredService<RedisAnalysisJobSource>());
            builder.Services.AddHostedService<AnalysisJobRelay>();
        }
        else
        {
            builder.Services.AddSingleton<IAnalysisJobSource, OutboxAnalysisJobSource>();
        }
        builder.Services.AddSingleton<StudyReportBuilder>();
        builder.Services.AddSingleton<PacsSendQueue>();
        builder.Services.AddSingleton<PublishingPolicyStore>();
        builder.Services.AddSingleton<StudyPublications>();
        builder.Services.AddSingleton<PublicationAudit>();
        // An analysis of a large study takes longer than the standard 10 s attempt timeout. The defaults' handler
        // (ServiceDefaults, for every client) is configured under one shared name, so this client replaces it
        // (RemoveAllResilienceHandlers is still marked experimental in Microsoft.Extensions.Http.Resilience 10.x).
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<InferenceClient>((services, http) =>
            {
                http.BaseAddress = new Uri(services.GetRequiredService<IOptions<GatewayOptions>>().Value.InferenceUrl.TrimEnd('/') + "/");
            })
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.AttemptTimeout.Timeout = TimeSpan.FromMinutes(5);
                resilience.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(15);
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(10);
            });
#pragma warning restore EXTEXP0001
        builder.Services.AddHttpClient<ReportApiClient>((services, http) =>
        {
            http.BaseAddress = new Uri(services.GetRequiredService<IOptions<GatewayOptions>>().Value.ReportApiUrl.TrimEnd('/') + "/");
        });
        builder.Services.AddSingleton<AnalysisWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AnalysisWorker>());
        builder.Services.AddHostedService<ReportWarmupService>();
        builder.Services.AddSingleton<PacsSender>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PacsSender>());
        builder.AddGatewayResearch(serverDatabase);
        builder.AddGatewayArchives();
        builder.Services.AddOpenApi();
        builder.AddGatewaySync();
        builder.AddGatewayRtStruct();
        return builder;
    }
}
