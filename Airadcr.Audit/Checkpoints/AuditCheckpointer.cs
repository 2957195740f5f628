using Airadcr.Audit.Storage;

namespace Airadcr.Audit.Checkpoints;

/// <summary>
/// Signs the chain's head with the service's key, stores the checkpoint beside the chain and appends it to the export
/// file. Run by <see cref="AuditTrailWorker"/> every <c>Audit:CheckpointInterval</c> when entries were added, and at
/// shutdown; an admin can ask for one now ("export head").
/// </summary>
public sealed class AuditCheckpointer(IAuditStore store, AuditSigningKey key, CheckpointExport export, AuditServiceName service, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _lastSeq = -1;

    /// <summary>Checkpoints the head: always when <paramref name="force"/>, else only when it moved since the last one.</summary>
    public async Task<AuditCheckpoint?> CheckpointAsync(bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var head = await store.HeadAsync(cancellationToken);
            if (head is null || (!force && head.Seq == _lastSeq))
            {
                return null;
            }
            var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
            var signature = key.Sign(AuditCheckpoint.SignedBytes(head.Seq, head.Hash, now, service.Name));
            var checkpoint = new AuditCheckpoint(head.Seq, head.Hash, now, service.Name, key.KeyId, Convert.ToBase64String(signature));
            await store.AddCheckpointAsync(checkpoint, cancellationToken);
            export.Append(checkpoint);
            _lastSeq = head.Seq;
            return checkpoint;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>The name a service writes into its entries and checkpoints (<c>web</c>, <c>dicomgateway</c>, <c>reportapi</c>).</summary>
public sealed record AuditServiceName(string Name);
