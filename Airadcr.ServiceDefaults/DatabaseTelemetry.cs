using System.Diagnostics;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// PostgreSQL through Aspire's Npgsql client integration (data source, health check in <c>/ready</c>, metrics), with a
/// span for a command only inside a trace: the services' pollers (study assembly, send queues, jobs) run a query every
/// few hundred milliseconds outside any request, and a root span each would bury a study's trace in the dashboard.
/// </summary>
public static class DatabaseTelemetry
{
    public static TBuilder AddPostgresDataSource<TBuilder>(this TBuilder builder, string connectionName) where TBuilder : IHostApplicationBuilder
    {
        builder.AddNpgsqlDataSource(connectionName, configureDataSourceBuilder: dataSource => dataSource.ConfigureTracing(tracing => tracing
            .ConfigureCommandFilter(_ => WithinATrace())
            .ConfigureBatchFilter(_ => WithinATrace())));
        return builder;
    }

    /// <summary>True when the current code runs under a span (a request, an analysis), false in a poller's own loop.</summary>
    public static bool WithinATrace() => Activity.Current is not null;
}
