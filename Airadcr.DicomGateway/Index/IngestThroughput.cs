using Airadcr.DicomGateway.Analysis;

namespace Airadcr.DicomGateway.Index;

/// <summary>One minute of activity: instances indexed (received) and analysis jobs finished (<c>done</c>) in it.</summary>
public sealed record ThroughputMinute(DateTimeOffset Minute, int InstancesReceived, int AnalysesCompleted);

/// <summary>The last minutes of activity, oldest first, one entry per minute (zero when nothing happened).</summary>
public sealed record Throughput(int Minutes, DateTimeOffset From, IReadOnlyList<ThroughputMinute> Points);

/// <summary>
/// Ingest and analysis throughput per minute, read from the index: <c>instances.received_at</c> and the
/// <c>updated_at</c> of jobs in state <c>done</c>. Stamps are ISO 8601 UTC text in both engines, so the minute is
/// their first 16 characters and the same SQL serves SQLite and PostgreSQL.
/// </summary>
public sealed class IngestThroughput(GatewayDatabase database, TimeProvider time)
{
    public const int MaxMinutes = 24 * 60;

    public async Task<Throughput> LastMinutesAsync(int minutes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var from = current.AddMinutes(1 - minutes);
        var since = AnalysisJobStore.Stamp(from);
        await using var connection = await database.OpenAsync(cancellationToken);
        var received = await PerMinuteAsync(connection,
            "SELECT substr(received_at, 1, 16), COUNT(*) FROM instances WHERE received_at >= @since GROUP BY substr(received_at, 1, 16)",
            since, cancellationToken);
        var completed = await PerMinuteAsync(connection,
            "SELECT substr(updated_at, 1, 16), COUNT(*) FROM analysis_jobs WHERE state = 'done' AND updated_at >= @since GROUP BY substr(updated_at, 1, 16)",
            since, cancellationToken);
        var points = Enumerable.Range(0, minutes).Select(i => from.AddMinutes(i)).Select(minute =>
        {
            var key = AnalysisJobStore.Stamp(minute)[..16];
            return new ThroughputMinute(minute, received.GetValueOrDefault(key), completed.GetValueOrDefault(key));
        }).ToList();
        return new Throughput(minutes, from, points);
    }

    private static async Task<Dictionary<string, int>> PerMinuteAsync(System.Data.Common.DbConnection connection, string sql, string since,
        CancellationToken cancellationToken)
    {
        await using var command = GatewayDatabase.Command(connection, sql, ("@since", since));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = InstanceIndex.Int32(reader, 1);
        }
        return counts;
    }
}
