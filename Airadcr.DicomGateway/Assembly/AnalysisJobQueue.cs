using Airadcr.DicomGateway.Index;

namespace Airadcr.DicomGateway.Assembly;

/// <summary>The analysis jobs of the outbox (embedded mode: the SQLite table; they survive restarts).</summary>
public sealed class AnalysisJobQueue(GatewayDatabase database)
{
    public async Task<IReadOnlyList<AnalysisJob>> ListAsync(string? state, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, """
            SELECT job_id, study_uid, state, attempts, created_at FROM analysis_jobs
            WHERE CAST(@state AS TEXT) IS NULL OR state = @state ORDER BY job_id
            """, ("@state", state));
        return await Analysis.AnalysisJobStore.ReadJobsAsync(command, cancellationToken);
    }

    /// <summary>Jobs per state (queue depths).</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByStateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, "SELECT state, COUNT(*) FROM analysis_jobs GROUP BY state");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = InstanceIndex.Int32(reader, 1);
        }
        return counts;
    }
}
