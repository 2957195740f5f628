using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Airadcr.AppHost.Servers;

/// <summary>Healthy when the resource's connection string opens a connection that answers <c>SELECT 1</c>.</summary>
internal sealed class NpgsqlHealthCheck(IResourceWithConnectionString resource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(await resource.ConnectionStringExpression.GetValueAsync(cancellationToken));
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception error) when (error is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Unhealthy(error.Message);
        }
    }
}
