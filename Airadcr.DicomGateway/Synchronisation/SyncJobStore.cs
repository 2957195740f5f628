using System.Data.Common;
using System.Globalization;
using Airadcr.DicomGateway.Analysis;
using Airadcr.DicomGateway.Index;

namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>Sync jobs and their per-instance progress in <c>gatewaydb</c> (<c>sync_jobs</c>, <c>sync_items</c>): a restart resumes them.</summary>
public sealed class SyncJobStore(GatewayDatabase database, TimeProvider time)
{
    private const string JobColumns = """
        j.job_id, j.source, j.destination, j.method, j.conflict, j.scope, j.scope_value, j.state, j.requested_by, j.error,
        j.created_at, j.started_at, j.finished_at, j.planned_at,
        (SELECT COUNT(*) FROM sync_items i WHERE i.job_id = j.job_id AND i.state = 'pending'),
        (SELECT COUNT(*) FROM sync_items i WHERE i.job_id = j.job_id AND i.state = 'copied'),
        (SELECT COUNT(*) FROM sync_items i WHERE i.job_id = j.job_id AND i.state = 'failed'),
        (SELECT COUNT(*) FROM sync_items i WHERE i.job_id = j.job_id AND i.state = 'skipped')
        """;

    public Task<long> CreateAsync(string source, string destination, TransferMethod method, ConflictStrategy conflict, SyncScope scope,
        string requestedBy, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(async connection =>
        {
            var now = Now();
            await using var command = GatewayDatabase.Command(connection, """
                INSERT INTO sync_jobs (source, destination, method, conflict, scope, scope_value, state, requested_by, created_at, updated_at)
                VALUES (@source, @destination, @method, @conflict, @scope, @value, 'queued', @by, @now, @now) RETURNING job_id
                """, ("@source", source), ("@destination", destination), ("@method", Name(method)), ("@conflict", Name(conflict)),
                ("@scope", Name(scope.Kind)), ("@value", scope.Value), ("@by", requestedBy), ("@now", now));
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }, cancellationToken);

    /// <summary>The oldest job still to run: a <c>running</c> one first (left by a restart), then a <c>queued</c> one, marked running.</summary>
    public async Task<SyncJob?> NextAsync(CancellationToken cancellationToken)
    {
        var next = (await ListWhereAsync("j.state IN ('running', 'queued') ORDER BY CASE j.state WHEN 'running' THEN 0 ELSE 1 END, j.job_id LIMIT 1",
            cancellationToken)).SingleOrDefault();
        if (next is { State: "queued" })
        {
            await database.InWriteTransactionAsync(connection => GatewayDatabase.ExecuteAsync(connection,
                "UPDATE sync_jobs SET state = 'running', started_at = @now, updated_at = @now WHERE job_id = @id AND state = 'queued'",
                cancellationToken, ("@now", Now()), ("@id", next.JobId)), cancellationToken);
            return await GetAsync(next.JobId, cancellationToken);
        }
        return next;
    }

    public async Task<SyncJob?> GetAsync(long jobId, CancellationToken cancellationToken) =>
        (await ListWhereAsync("j.job_id = @id", cancellationToken, ("@id", jobId))).SingleOrDefault();

    /// <summary>The newest jobs first.</summary>
    public Task<IReadOnlyList<SyncJob>> ListAsync(int limit, CancellationToken cancellationToken) =>
        ListWhereAsync("1 = 1 ORDER BY j.job_id DESC LIMIT @limit", cancellationToken, ("@limit", limit));

    /// <summary>Whether a job for this pair is queued or running (the scheduler adds none then).</summary>
    public async Task<bool> ActiveForPairAsync(string source, string destination, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection,
            "SELECT COUNT(*) FROM sync_jobs WHERE source = @source AND destination = @destination AND state IN ('queued', 'running')",
            ("@source", source), ("@destination", destination));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Records the plan (idempotent: an instance already recorded keeps its state) and marks the job planned.</summary>
    public Task SavePlanAsync(long jobId, IReadOnlyList<PlannedItem> items, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(async connection =>
        {
            var now = Now();
            foreach (var item in items)
            {
                await GatewayDatabase.ExecuteAsync(connection, """
                    INSERT INTO sync_items (job_id, sop_instance_uid, study_uid, series_uid, state, error, updated_at)
                    VALUES (@job, @sop, @study, @series, @state, @error, @now) ON CONFLICT (job_id, sop_instance_uid) DO NOTHING
                    """, cancellationToken, ("@job", jobId), ("@sop", item.SopInstanceUid), ("@study", item.StudyInstanceUid),
                    ("@series", item.SeriesInstanceUid), ("@state", item.SkipReason is null ? "pending" : "skipped"), ("@error", item.SkipReason),
                    ("@now", now));
            }
            return await GatewayDatabase.ExecuteAsync(connection, "UPDATE sync_jobs SET planned_at = @now, updated_at = @now WHERE job_id = @id",
                cancellationToken, ("@now", now), ("@id", jobId));
        }, cancellationToken);

    /// <summary>The job's pending instances.</summary>
    public async Task<IReadOnlyList<SyncItem>> PendingAsync(long jobId, CancellationToken cancellationToken) =>
        await ItemsWhereAsync("job_id = @job AND state = 'pending' ORDER BY study_uid, series_uid, sop_instance_uid", cancellationToken, ("@job", jobId));

    /// <summary>The job's instances (a page of them), for the API.</summary>
    public async Task<IReadOnlyList<SyncItem>> ItemsAsync(long jobId, int limit, CancellationToken cancellationToken) =>
        await ItemsWhereAsync("job_id = @job ORDER BY study_uid, series_uid, sop_instance_uid LIMIT @limit", cancellationToken,
            ("@job", jobId), ("@limit", limit));

    /// <summary>Settles instances (only pending ones: a settled instance never changes again).</summary>
    public Task SettleAsync(long jobId, IEnumerable<string> sopInstanceUids, string state, string? error, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(async connection =>
        {
            var now = Now();
            var changed = 0;
            foreach (var sop in sopInstanceUids)
            {
                changed += await GatewayDatabase.ExecuteAsync(connection, """
                    UPDATE sync_items SET state = @state, error = @error, updated_at = @now
                    WHERE job_id = @job AND sop_instance_uid = @sop AND state = 'pending'
                    """, cancellationToken, ("@state", state), ("@error", Truncate(error)), ("@now", now), ("@job", jobId), ("@sop", sop));
            }
            return changed;
        }, cancellationToken, CommitSync.Deferred);

    /// <summary>Ends a running job in <paramref name="state"/> (a cancelled job stays cancelled).</summary>
    public Task FinishAsync(long jobId, string state, string? error, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(connection => GatewayDatabase.ExecuteAsync(connection, """
            UPDATE sync_jobs SET state = @state, error = @error, finished_at = @now, updated_at = @now WHERE job_id = @id AND state = 'running'
            """, cancellationToken, ("@state", state), ("@error", Truncate(error)), ("@now", Now()), ("@id", jobId)), cancellationToken);

    /// <summary>Cancels a queued or running job; false when it is unknown or already over.</summary>
    public async Task<bool> CancelAsync(long jobId, CancellationToken cancellationToken) =>
        await database.InWriteTransactionAsync(connection => GatewayDatabase.ExecuteAsync(connection, """
            UPDATE sync_jobs SET state = 'cancelled', finished_at = @now, updated_at = @now WHERE job_id = @id AND state IN ('queued', 'running')
            """, cancellationToken, ("@now", Now()), ("@id", jobId)), cancellationToken) > 0;

    private async Task<IReadOnlyList<SyncJob>> ListWhereAsync(string condition, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, $"SELECT {JobColumns} FROM sync_jobs j WHERE {condition}", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var jobs = new List<SyncJob>();
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(new SyncJob(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), Text(reader, 6), reader.GetString(7), reader.GetString(8), Text(reader, 9), Parse(reader.GetString(10)),
                Text(reader, 11) is { } started ? Parse(started) : null, Text(reader, 12) is { } finished ? Parse(finished) : null,
                !reader.IsDBNull(13),
                new SyncCounts(InstanceIndex.Int32(reader, 14), InstanceIndex.Int32(reader, 15), InstanceIndex.Int32(reader, 16), InstanceIndex.Int32(reader, 17))));
        }
        return jobs;
    }

    private async Task<IReadOnlyList<SyncItem>> ItemsWhereAsync(string condition, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection,
            $"SELECT sop_instance_uid, study_uid, series_uid, state, error FROM sync_items WHERE {condition}", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<SyncItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new SyncItem(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Text(reader, 4)));
        }
        return items;
    }

    private string Now() => AnalysisJobStore.Stamp(time.GetUtcNow());

    private static DateTimeOffset Parse(string stamp) => DateTimeOffset.Parse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string? Truncate(string? error) => error is { Length: > 500 } ? error[..500] : error;

    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant() switch
    {
        "sourceoftruth" => "source-of-truth",
        var name => name,
    };
}
