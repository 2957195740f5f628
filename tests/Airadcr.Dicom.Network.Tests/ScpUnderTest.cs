using Airadcr.Dicom.Network.Client;
using Airadcr.Dicom.Network.Server;
using Airadcr.Dicom.Network.Storage;
using Airadcr.Testing;

namespace Airadcr.Dicom.Network.Tests;

/// <summary>Our SCP on a free loopback port, storing into a temporary folder.</summary>
public sealed class ScpUnderTest : IAsyncDisposable
{
    public const string AeTitle = "AIRADCR_SCP";

    private readonly FixtureDirectory _directory = new("scp");

    private ScpUnderTest(Func<string, IDicomServiceHandler>? handler, Func<DicomServerOptions, DicomServerOptions>? configure)
    {
        Handler = handler?.Invoke(Folder) ?? new FolderStorageHandler(Folder);
        var options = new DicomServerOptions { AeTitle = AeTitle, Port = 0 };
        Server = DicomServer.Start(configure?.Invoke(options) ?? options, Handler, Log);
    }

    /// <summary>What the server logged.</summary>
    public RecordingLogger Log { get; } = new();

    public static readonly IReadOnlyList<string> AllTransferSyntaxes =
        [.. FolderStorageHandler.UncompressedSyntaxes,
         .. DicomUidInfo.All.Where(u => u.Type == "Transfer Syntax").Select(u => u.Uid).Order(StringComparer.Ordinal)];

    public string Folder => _directory.Combine("store");

    public IDicomServiceHandler Handler { get; }

    public DicomServer Server { get; }

    public int Port => Server.Port;

    public static ScpUnderTest Start(Func<string, IDicomServiceHandler>? handler = null,
        Func<DicomServerOptions, DicomServerOptions>? configure = null) => new(handler, configure);

    /// <summary>Accepts every transfer syntax of the dictionary (compressed pass-through).</summary>
    public static ScpUnderTest StartPassThrough(int port = 0) =>
        Start(folder => new FolderStorageHandler(folder, AllTransferSyntaxes), o => o with { Port = port });

    public DicomClientOptions ClientOptions(string callingAe = "TEST_SCU") =>
        new() { Host = "127.0.0.1", Port = Port, CalledAe = AeTitle, CallingAe = callingAe };

    public IReadOnlyList<string> StoredFiles() =>
        Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.dcm") : [];

    public IReadOnlyList<string> PartialFiles() =>
        Directory.Exists(Path.Combine(Folder, ".incoming")) ? Directory.GetFiles(Path.Combine(Folder, ".incoming")) : [];

    /// <summary>Waits until the server has finished every association (its counters are updated after the peer
    /// already saw the release response), and every pending connection has ended.</summary>
    public async Task WaitForIdleAsync(CancellationToken cancellationToken)
    {
        while (Server.ActiveAssociations > 0 || Server.PendingConnections > 0)
        {
            await Task.Delay(5, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _directory.Dispose();
    }
}
