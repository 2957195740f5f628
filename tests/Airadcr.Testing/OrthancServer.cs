using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Airadcr.Testing;

/// <summary>
/// Orthanc 1.10 with the DICOMweb plugin, on free HTTP and DICOM ports, with HTTP authentication on (a generated
/// password) and remote access off. Register DICOM peers with <see cref="Modalities"/> and Lua scripts with
/// <see cref="LuaScripts"/> before start. Share it per test collection.
/// </summary>
public sealed class OrthancServer : IAsyncLifetime
{
    public const string DicomWebPlugin = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";
    private readonly FixtureDirectory _directory = new("orthanc");
    private ServerProcess? _process;
    private HttpClient? _client;

    public string AeTitle { get; init; } = "ORTHANC";

    public string UserName { get; } = "airadcr";

    public string Password { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    public int HttpPort { get; } = FreePort.Next();

    public int DicomPort { get; } = FreePort.Next();

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>DICOM peers Orthanc may send to: name -> (AE title, host, port).</summary>
    public Dictionary<string, (string AeTitle, string Host, int Port)> Modalities { get; } = [];

    /// <summary>Paths of Lua scripts Orthanc loads at start-up.</summary>
    public List<string> LuaScripts { get; } = [];

    /// <summary>Seconds without a new instance after which a study is stable (Lua <c>OnStableStudy</c>).</summary>
    public int StableAgeSeconds { get; init; } = 60;

    /// <summary>An HTTP client for Orthanc's REST API, credentials included.</summary>
    public HttpClient Client => _client ?? throw new InvalidOperationException("Orthanc is not started");

    public ServerProcess Process => _process ?? throw new InvalidOperationException("Orthanc is not started");

    public async ValueTask InitializeAsync()
    {
        var orthanc = ToolLocator.Find("Orthanc", "orthanc");
        if (!File.Exists(DicomWebPlugin))
        {
            throw new MissingToolException(DicomWebPlugin, "orthanc-dicomweb");
        }
        var configuration = _directory.Combine("orthanc.json");
        await File.WriteAllTextAsync(configuration, BuildConfiguration().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Directory.CreateDirectory(_directory.Combine("logs"));

        _client = new HttpClient { BaseAddress = BaseAddress };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{Password}")));

        _process = ServerProcess.Start("orthanc", orthanc, [$"--logdir={_directory.Combine("logs")}", configuration],
            _directory.Combine("orthanc.out"));
        await Readiness.WaitAsync(_process, async ct => (await _client.GetAsync("system", ct)).IsSuccessStatusCode,
            CancellationToken.None);
    }

    private JsonObject BuildConfiguration()
    {
        var modalities = new JsonObject();
        foreach (var (name, (aeTitle, host, port)) in Modalities)
        {
            modalities[name] = new JsonArray(aeTitle, host, port);
        }
        return new JsonObject
        {
            ["Name"] = "airadcr-test-orthanc",
            ["StorageDirectory"] = _directory.Combine("storage"),
            ["IndexDirectory"] = _directory.Combine("index"),
            ["Plugins"] = new JsonArray(DicomWebPlugin),
            ["HttpPort"] = HttpPort,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = true,
            ["RegisteredUsers"] = new JsonObject { [UserName] = Password },
            ["DicomAet"] = AeTitle,
            ["DicomPort"] = DicomPort,
            ["DicomCheckCalledAet"] = false,
            ["DicomAlwaysAllowEcho"] = true,
            ["DicomAlwaysAllowStore"] = true,
            ["DicomModalities"] = modalities,
            ["LuaScripts"] = new JsonArray([.. LuaScripts.Select(path => JsonValue.Create(path))]),
            ["StableAge"] = StableAgeSeconds,
            ["DicomWeb"] = new JsonObject
            {
                ["Enable"] = true,
                ["Root"] = "/dicom-web/",
                ["EnableWado"] = true,
                ["WadoRoot"] = "/wado",
            },
        };
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
