using System.Data.Common;
using Airadcr.DicomGateway.Analysis;
using Airadcr.DicomGateway.Index;

namespace Airadcr.DicomGateway.Pacs;

/// <summary>Files waiting to go to the PACS (persisted: a restart resumes them), with retry times.</summary>
public sealed class PacsSendQueue(GatewayDatabase database, TimeProvider time)
{
    public sealed record PendingSend(long SendId, string StudyUid, string Path, int Attempts);

    public Task EnqueueAsync(string studyUid, IEnumerable<string> paths, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(async connection =>
        {
            await EnqueueAsync(connection, studyUid, paths, cancellationToken);
            return 0;
        }, cancellationToken);

    /// <summary>Queues the files inside the caller's write transaction (they are queued if and only if it commits).</summary>
    public async Task EnqueueAsync(DbConnection connection, string studyUid, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var now = AnalysisJobStore.Stamp(time.GetUtcNow());
        foreach (var path in paths)
        {
            await GatewayDatabase.ExecuteAsync(connection, """
                INSERT INTO pacs_sends (study_uid, path, state, created_at, updated_at) VALUES (@study, @path, 'pending', @now, @now)
                """, cancellationToken, ("@study", studyUid), ("@path", path), ("@now", now));
        }
    }

    public async Task<IReadOnlyList<PendingSend>> DueAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, """
            SELECT send_id, study_uid, path, attempts FROM pacs_sends
            WHERE state = 'pending' AND (not_before IS NULL OR not_before <= @now) ORDER BY send_id LIMIT @limit
            """, ("@now", AnalysisJobStore.Stamp(time.GetUtcNow())), ("@limit", limit));
        var due = new List<PendingSend>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new PendingSend(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        }
        return due;
    }

    public Task MarkSentAsync(PendingSend send, CancellationToken cancellationToken) =>
        SetAsync(send, "sent", null, null, cancellationToken);

    /// <summary>Retried with exponential backoff (2 s, 4 s, ... at most 10 min); never dropped.</summary>
    public Task RetryLaterAsync(PendingSend send, string error, CancellationToken cancellationToken) =>
        SetAsync(send, "pending", time.GetUtcNow().AddSeconds(Math.Min(600, Math.Pow(2, send.Attempts + 1))), error, cancellationToken);

    private Task SetAsync(PendingSend send, string state, DateTimeOffset? notBefore, string? error, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(connection => GatewayDatabase.ExecuteAsync(connection, """
            UPDATE pacs_sends SET state = @state, attempts = attempts + @failed, not_before = @notBefore, error = @error, updated_at = @now
            WHERE send_id = @id
            """, cancellationToken, ("@state", state), ("@failed", error is null ? 0 : 1),
            ("@notBefore", notBefore is { } at ? AnalysisJobStore.Stamp(at) : null), ("@error", error is { Length: > 500 } ? error[..500] : error),
            ("@now", AnalysisJobStore.Stamp(time.GetUtcNow())), ("@id", send.SendId)), cancellationToken);

    public async Task<int> PendingCountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, "SELECT COUNT(*) FROM pacs_sends WHERE state = 'pending'");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
