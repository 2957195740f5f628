using System.Data.Common;
using System.Globalization;
using Airadcr.DicomGateway.Analysis;
using Airadcr.DicomGateway.Index;

namespace Airadcr.DicomGateway.RtStruct;

/// <summary>
/// The <c>rt_structure_sets</c> table: <c>waiting-for-images</c> -> <c>queued</c> -> <c>processing</c> ->
/// <c>processed</c> | <c>failed</c>; <c>needs_check</c> says an index commit touched its study since its last check.
/// Durable and resumable: a set left <c>processing</c> by a stop is queued again at start-up.
/// </summary>
public sealed class RtStructureSetStore(GatewayDatabase database, TimeProvider time)
{
    /// <summary>What the worker needs of a set.</summary>
    public sealed record WorkItem(string SetId, string StudyInstanceUid, string Path, string State, IReadOnlyList<string>? Referenced, int MissingCount,
        int RoiErrorCount);

    private const string StatusColumns = """
        set_id, study_key, study_uid, state, reason, referenced_count, missing_count, roi_count, roi_error_count, attempts,
        created_at, updated_at, processed_at
        """;

    private const string WorkColumns = "set_id, study_uid, path, state, referenced, missing_count, roi_error_count";

    private string Now => AnalysisJobStore.Stamp(time.GetUtcNow());

    /// <summary>Sets an index commit flagged, oldest first.</summary>
    public async Task<IReadOnlyList<WorkItem>> ToCheckAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection,
            $"SELECT {WorkColumns} FROM rt_structure_sets WHERE needs_check = 1 ORDER BY created_at LIMIT @limit", ("@limit", limit));
        return await ReadWorkAsync(command, cancellationToken);
    }

    /// <summary>
    /// Takes a set's check flag before its images are looked up: an index commit after this flags it again, so no
    /// arrival is missed.
    /// </summary>
    public Task TakeCheckAsync(string setId, CancellationToken cancellationToken) =>
        WriteAsync("UPDATE rt_structure_sets SET needs_check = 0 WHERE set_id = @id", cancellationToken, ("@id", setId));

    /// <summary>Records a check: what the set references, how many are missing, and its new state (if still <paramref name="expectedState"/>).</summary>
    public Task RecordCheckAsync(WorkItem item, string studyKey, IReadOnlyList<string> referenced, int missing, string newState,
        CancellationToken cancellationToken) =>
        WriteAsync("""
            UPDATE rt_structure_sets SET study_key = @key, referenced = @referenced, referenced_count = @count, missing_count = @missing,
                state = @state, updated_at = @now
            WHERE set_id = @id AND state = @expected
            """, cancellationToken, ("@key", studyKey), ("@referenced", string.Join('\n', referenced)), ("@count", referenced.Count),
            ("@missing", missing), ("@state", newState), ("@now", Now), ("@id", item.SetId), ("@expected", item.State));

    /// <summary>The set cannot be read: failed with the reason (a later arrival does not change that; a process request does).</summary>
    public Task FailAsync(string setId, string? studyKey, string reason, CancellationToken cancellationToken) =>
        WriteAsync("""
            UPDATE rt_structure_sets SET state = @failed, reason = @reason, study_key = COALESCE(study_key, @key), updated_at = @now
            WHERE set_id = @id
            """, cancellationToken, ("@failed", RtStructureSetState.Failed), ("@reason", Bounded(reason)), ("@key", studyKey),
            ("@now", Now), ("@id", setId));

    /// <summary>At start-up: what a stop interrupted is queued again.</summary>
    public Task<int> RequeueInterruptedAsync(CancellationToken cancellationToken) =>
        WriteAsync("UPDATE rt_structure_sets SET state = @queued, updated_at = @now WHERE state = @processing", cancellationToken,
            ("@queued", RtStructureSetState.Queued), ("@processing", RtStructureSetState.Processing), ("@now", Now));

    /// <summary>Claims the oldest queued set (a read first: an idle poll takes no write lock); null when none.</summary>
    public async Task<WorkItem?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var any = GatewayDatabase.Command(connection, "SELECT 1 FROM rt_structure_sets WHERE state = @queued LIMIT 1",
                         ("@queued", RtStructureSetState.Queued)))
        {
            if (await any.ExecuteScalarAsync(cancellationToken) is null)
            {
                return null;
            }
        }
        return await database.InWriteTransactionAsync(async connection =>
        {
            // PostgreSQL re-checks the state on the row it updates: of two gateways, one claims it.
            await using var command = GatewayDatabase.Command(connection, $"""
                UPDATE rt_structure_sets SET state = @processing, attempts = attempts + 1, updated_at = @now
                WHERE state = @queued AND set_id = (SELECT set_id FROM rt_structure_sets WHERE state = @queued ORDER BY updated_at, set_id LIMIT 1)
                RETURNING {WorkColumns}
                """, ("@processing", RtStructureSetState.Processing), ("@queued", RtStructureSetState.Queued), ("@now", Now));
            return (await ReadWorkAsync(command, cancellationToken)).SingleOrDefault();
        }, cancellationToken);
    }

    public Task FinishAsync(string setId, int missing, int rois, int roiErrors, CancellationToken cancellationToken) =>
        WriteAsync("""
            UPDATE rt_structure_sets SET state = @processed, reason = NULL, missing_count = @missing, roi_count = @rois,
                roi_error_count = @errors, updated_at = @now, processed_at = @now
            WHERE set_id = @id AND state = @processing
            """, cancellationToken, ("@processed", RtStructureSetState.Processed), ("@missing", missing), ("@rois", rois),
            ("@errors", roiErrors), ("@now", Now), ("@id", setId), ("@processing", RtStructureSetState.Processing));

    /// <summary>On demand: queues the set again (whatever its images); false when it is unknown or being processed now.</summary>
    public async Task<bool> RequestProcessAsync(string setId, CancellationToken cancellationToken) =>
        await WriteAsync("UPDATE rt_structure_sets SET state = @queued, updated_at = @now WHERE set_id = @id AND state <> @processing",
            cancellationToken, ("@queued", RtStructureSetState.Queued), ("@now", Now), ("@id", setId),
            ("@processing", RtStructureSetState.Processing)) == 1;

    public async Task<RtStructureSetStatus?> GetAsync(string setId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, $"SELECT {StatusColumns} FROM rt_structure_sets WHERE set_id = @id", ("@id", setId));
        return (await ReadStatusAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>A page of sets, newest first, all or of one study (by its keyed hash).</summary>
    public async Task<RtStructureSetPage> ListAsync(string? studyKey, int offset, int limit, CancellationToken cancellationToken)
    {
        var filter = studyKey is null ? "" : "WHERE study_key = @key";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var count = GatewayDatabase.Command(connection, $"SELECT COUNT(*) FROM rt_structure_sets {filter}", ("@key", studyKey));
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        await using var command = GatewayDatabase.Command(connection,
            $"SELECT {StatusColumns} FROM rt_structure_sets {filter} ORDER BY created_at DESC, set_id LIMIT @limit OFFSET @offset",
            ("@key", studyKey), ("@limit", limit), ("@offset", offset));
        return new RtStructureSetPage(await ReadStatusAsync(command, cancellationToken), total, offset, limit);
    }

    private Task<int> WriteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        database.InWriteTransactionAsync(connection => GatewayDatabase.ExecuteAsync(connection, sql, cancellationToken, parameters), cancellationToken);

    private static string Bounded(string reason) => reason.Length > 500 ? reason[..500] : reason;

    private static async Task<IReadOnlyList<WorkItem>> ReadWorkAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var items = new List<WorkItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new WorkItem(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4).Split('\n', StringSplitOptions.RemoveEmptyEntries),
                InstanceIndex.Int32(reader, 5), InstanceIndex.Int32(reader, 6)));
        }
        return items;
    }

    private static async Task<IReadOnlyList<RtStructureSetStatus>> ReadStatusAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var items = new List<RtStructureSetStatus>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new RtStructureSetStatus(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), InstanceIndex.Int32(reader, 5), InstanceIndex.Int32(reader, 6),
                InstanceIndex.Int32(reader, 7), InstanceIndex.Int32(reader, 8), InstanceIndex.Int32(reader, 9), Stamp(reader, 10), Stamp(reader, 11),
                reader.IsDBNull(12) ? null : Stamp(reader, 12)));
        }
        return items;
    }

    private static DateTimeOffset Stamp(DbDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture);
}
