using System.Security.Cryptography;

namespace Airadcr.Testing;

/// <summary>
/// Orthanc 1.10 with the DICOMweb plugin (<see cref="OrthancInstance"/>), on free HTTP and DICOM ports, with HTTP
/// authentication on (a generated password) and remote access off. Register DICOM peers with <see cref="Modalities"/>
/// and Lua scripts with <see cref="LuaScripts"/> before start. Share it per test collection.
/// </summary>
public sealed class OrthancServer : IAsyncLifetime
{
    public const string DicomWebPlugin = OrthancInstance.DicomWebPlugin;
    private readonly FixtureDirectory _directory = new("orthanc");
    private ServerProcess? _process;
    private HttpClient? _client;

    public string AeTitle { get; init; } = "ORTHANC";

    public string UserName { get; } = "airadcr";

    public string Password { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    public int HttpPort { get; } = FreePort.Next();

    public int DicomPort { get; } = FreePort.Next();

    public Uri BaseAddress => Instance.BaseAddress;

    /// <summary>DICOM peers Orthanc may send to: name -> (AE title, host, port).</summary>
    public Dictionary<string, (string AeTitle, string Host, int Port)> Modalities { get; } = [];

    /// <summary>Paths of Lua scripts Orthanc loads at start-up.</summary>
    public List<string> LuaScripts { get; } = [];

    /// <summary>Seconds without a new instance after which a study is stable (Lua <c>OnStableStudy</c>).</summary>
    public int StableAgeSeconds { get; init; } = 60;

    /// <summary>The gateway's HTTP API the routing script tells when it has sent a whole study.</summary>
    public GatewayApiSettings? GatewayApi { get; init; }

    /// <summary>An HTTP client for Orthanc's REST API, credentials included.</summary>
    public HttpClient Client => _client ?? throw new InvalidOperationException("Orthanc is not started");

    public ServerProcess Process => _process ?? throw new InvalidOperationException("Orthanc is not started");

    private OrthancInstance Instance => new()
    {
        Directory = _directory.Path,
        HttpPort = HttpPort,
        DicomPort = DicomPort,
        AeTitle = AeTitle,
        UserName = UserName,
        Password = Password,
        Modalities = Modalities,
        LuaScripts = LuaScripts,
        StableAgeSeconds = StableAgeSeconds,
        GatewayApi = GatewayApi,
    };

    public async ValueTask InitializeAsync()
    {
        var instance = Instance;
        _process = await instance.StartAsync(_directory.Combine("orthanc.out"), CancellationToken.None);
        _client = instance.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        _directory.Dispose();
    }
}
