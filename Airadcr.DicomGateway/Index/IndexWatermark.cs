using System.Globalization;

namespace Airadcr.DicomGateway.Index;

/// <summary>
/// The index's durable watermark: "every instance placed in storage before this time has its row on disk". The group
/// commit's rows are committed without their own flush (<see cref="CommitSync.Deferred"/>); the watermark is recorded
/// by a flushed commit, which also puts every earlier commit on disk (one WAL, written in order). After a power loss
/// the start-up recovery only has to look at what storage gained since it (<c>Storage/StorageRecovery.cs</c>).
/// </summary>
public sealed class IndexWatermark(GatewayDatabase database)
{
    /// <summary>The recorded watermark, or null when none was ever recorded (a new or older index: scan everything).</summary>
    public async Task<DateTimeOffset?> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = GatewayDatabase.Command(connection, "SELECT durable_before FROM index_watermark WHERE id = 1");
        return await command.ExecuteScalarAsync(cancellationToken) is string stamp
            ? DateTimeOffset.Parse(stamp, CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>
    /// Records <paramref name="durableBefore"/> in a flushed commit: the caller guarantees that every instance placed
    /// before it has its row committed by now.
    /// </summary>
    public Task RecordAsync(DateTimeOffset durableBefore, CancellationToken cancellationToken) =>
        database.InWriteTransactionAsync(async connection => await GatewayDatabase.ExecuteAsync(connection, """
            INSERT INTO index_watermark (id, durable_before) VALUES (1, @stamp)
            ON CONFLICT (id) DO UPDATE SET durable_before = excluded.durable_before
            """, cancellationToken, ("@stamp", durableBefore.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture))), cancellationToken);
}
