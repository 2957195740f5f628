using System.Net;
using Airadcr.Dicom.Imaging.Codecs;
using Airadcr.Dicom.Network.Server;
using Airadcr.Dicom.Network.Storage;

namespace Airadcr.DicomGateway.Synchronisation;

/// <summary>
/// The relay's receiving end: a storage SCP under <see cref="SyncOptions.RelayAeTitle"/> that keeps what the source
/// sends as <c>{spool}/{SOP Instance UID}.dcm</c>, as sent (its own transfer syntax), for the C-STORE to the
/// destination. Separate from the gateway's SCP: relayed instances are never indexed nor analysed. Open only while a
/// relay transfer runs; only the source's AE title may store.
/// </summary>
public sealed class RelayListener : IAsyncDisposable
{
    private static readonly IReadOnlyList<string> Syntaxes =
        [.. FolderStorageHandler.UncompressedSyntaxes, .. DicomCodecs.All.OrderBy(c => c.IsLossy).Select(c => c.TransferSyntaxUid)];

    private readonly DicomServer _server;

    private RelayListener(DicomServer server, string spool)
    {
        _server = server;
        Spool = spool;
    }

    public string Spool { get; }

    public static RelayListener Start(SyncOptions options, IPAddress bindAddress, string spool, string sourceAeTitle, TimeProvider time, ILoggerFactory loggers)
    {
        Directory.CreateDirectory(spool);
        var server = DicomServer.Start(new DicomServerOptions
        {
            AeTitle = options.RelayAeTitle,
            Port = options.RelayPort,
            BindAddress = bindAddress,
            MaxAssociations = 4,
            TimeProvider = time,
        }, new FolderStorageHandler(spool, Syntaxes, new HashSet<string>(StringComparer.Ordinal) { sourceAeTitle }),
            loggers.CreateLogger<DicomServer>());
        return new RelayListener(server, spool);
    }

    /// <summary>The instances received whole so far (<c>{SOP Instance UID}.dcm</c>; transfers in progress are elsewhere).</summary>
    public IEnumerable<string> ReceivedFiles() => Directory.EnumerateFiles(Spool, "*.dcm");

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(Spool, recursive: true);
    }
}
