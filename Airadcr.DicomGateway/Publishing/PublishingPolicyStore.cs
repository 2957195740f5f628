using Airadcr.DicomGateway.Analysis;
using Airadcr.DicomGateway.Configuration;
using Airadcr.DicomGateway.Index;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Publishing;

/// <summary>
/// The publishing policy in force: the one an admin set at runtime (<c>PUT /admin/publishing</c>, kept in
/// <c>gateway_settings</c>), else <c>Gateway:PublishPolicy</c> from configuration.
/// </summary>
public sealed class PublishingPolicyStore(GatewayDatabase database, IOptions<GatewayOptions> options, TimeProvider time)
{
    private const string Setting = "publish-policy";

    /// <summary>The policy, who set it and when (null for the configuration's default).</summary>
    public sealed record PublishingPolicy(string Policy, string Source, string? UpdatedBy, DateTimeOffset? UpdatedAt);

    public async Task<PublishingPolicy> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection,
            "SELECT value, updated_by, updated_at FROM gateway_settings WHERE name = @name", ("@name", Setting));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && PublishPolicies.IsKnown(reader.GetString(0))
            ? new PublishingPolicy(reader.GetString(0), "admin", reader.GetString(1), DateTimeOffset.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture))
            : new PublishingPolicy(options.Value.PublishPolicy, "configuration", null, null);
    }

    public Task SetAsync(string policy, string actor, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(connection => GatewayDatabase.ExecuteAsync(connection, """
            INSERT INTO gateway_settings (name, value, updated_by, updated_at) VALUES (@name, @value, @actor, @now)
            ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """, cancellationToken, ("@name", Setting), ("@value", policy), ("@actor", actor), ("@now", AnalysisJobStore.Stamp(time.GetUtcNow()))),
            cancellationToken);
}
