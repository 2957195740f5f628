using Airadcr.ReportApi.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Airadcr.ReportApi.Diagnostics;

/// <summary>/ready: the report database answers a trivial query.</summary>
public sealed class ReportStoreHealthCheck(ReportDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy(database.Engine);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(database.Engine + " unavailable", e);
        }
    }
}
