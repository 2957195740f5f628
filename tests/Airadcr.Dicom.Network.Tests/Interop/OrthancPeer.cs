using Airadcr.Testing;

namespace Airadcr.Dicom.Network.Tests.Interop;

/// <summary>Orthanc with our SCP registered as its modality "airadcr" (so C-MOVE can target it), and our SCP.</summary>
public sealed class OrthancPeer : IAsyncLifetime
{
    private readonly int _scpPort = FreePort.Next();

    public OrthancPeer() => Orthanc = new OrthancServer { Modalities = { ["airadcr"] = (ScpUnderTest.AeTitle, "127.0.0.1", _scpPort) } };

    public OrthancServer Orthanc { get; }

    public ScpUnderTest Scp { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Scp = ScpUnderTest.StartPassThrough(_scpPort);
        await Orthanc.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Orthanc.DisposeAsync();
        await Scp.DisposeAsync();
    }
}

[CollectionDefinition(nameof(OrthancPeerCollection))]
public sealed class OrthancPeerCollection : ICollectionFixture<OrthancPeer>;
