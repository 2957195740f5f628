using Airadcr.DicomGateway.Archives;
using Airadcr.DicomGateway.Configuration;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>
/// Where the synchronisation finds an archive: the archives registry (by id or by name; a disabled archive is not
/// used), else <c>Gateway:Sync:Archives</c> (by id); and the per-pair settings.
/// </summary>
public sealed class SyncArchives(ArchiveRegistry registry, IOptions<GatewayOptions> options)
{
    private SyncOptions Sync => options.Value.Sync;

    public async Task<SyncArchive?> FindAsync(string idOrName, CancellationToken cancellationToken)
    {
        var registered = await registry.GetAsync(idOrName, cancellationToken) ?? await registry.FindByNameAsync(idOrName, cancellationToken);
        if (registered is { Enabled: true })
        {
            return new SyncArchive { Id = idOrName, AeTitle = registered.AeTitle, Host = registered.Host, Port = registered.Port };
        }
        return registered is null ? Sync.Archives.FirstOrDefault(a => string.Equals(a.Id, idOrName, StringComparison.Ordinal)) : null;
    }

    /// <summary>The pair's configured method; relay when the pair is not configured (it needs no setting on the source beyond the relay AE).</summary>
    public TransferMethod MethodFor(string source, string destination) =>
        Sync.Pairs.FirstOrDefault(p => p.Source == source && p.Destination == destination)?.Method ?? TransferMethod.Relay;
}
