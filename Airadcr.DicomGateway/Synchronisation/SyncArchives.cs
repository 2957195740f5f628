using Airadcr.DicomGateway.Configuration;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>Where the synchronisation finds archives by id, and the per-pair settings.</summary>
public sealed class SyncArchives(IOptions<GatewayOptions> options)
{
    private SyncOptions Sync => options.Value.Sync;

    public Task<SyncArchive?> FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(Sync.Archives.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.Ordinal)));

    /// <summary>The pair's configured method; relay when the pair is not configured (it needs no setting on the source beyond the relay AE).</summary>
    public TransferMethod MethodFor(string source, string destination) =>
        Sync.Pairs.FirstOrDefault(p => p.Source == source && p.Destination == destination)?.Method ?? TransferMethod.Relay;
}
