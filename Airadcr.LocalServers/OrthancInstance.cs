using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Airadcr.LocalServers;

/// <summary>
/// Orthanc 1.10 with the DICOMweb plugin (<c>/dicom-web</c>, <c>/wado</c>), configuration generated into
/// <see cref="Directory"/>: HTTP authentication on (generated password), remote HTTP access off, DICOM peers in
/// <see cref="Modalities"/>, Lua scripts in <see cref="LuaScripts"/>. Storage and index are kept in the directory.
/// </summary>
public sealed class OrthancInstance
{
    public const string AptPackage = "orthanc";
    public const string DicomWebAptPackage = "orthanc-dicomweb";
    public const string DicomWebPlugin = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";

    public required string Directory { get; init; }

    public required int HttpPort { get; init; }

    public required int DicomPort { get; init; }

    public string AeTitle { get; init; } = "ORTHANC";

    public string UserName { get; init; } = "airadcr";

    public string Password { get; init; } = GeneratedSecret.Hex(12);

    /// <summary>DICOM peers: name -> (AE title, host, port). Orthanc sends to them and accepts their C-STOREs.</summary>
    public Dictionary<string, (string AeTitle, string Host, int Port)> Modalities { get; init; } = [];

    /// <summary>Accept C-STORE from any calling AE (tests); otherwise only from <see cref="Modalities"/> on their host.</summary>
    public bool AlwaysAllowStore { get; init; } = true;

    /// <summary>Paths of Lua scripts Orthanc loads at start-up.</summary>
    public List<string> LuaScripts { get; init; } = [];

    /// <summary>Seconds without a new instance after which a study is stable (Lua <c>OnStableStudy</c>).</summary>
    public int StableAgeSeconds { get; init; } = 60;

    /// <summary>The gateway's HTTP API the routing script tells when it has sent a whole study (none: it is not told).</summary>
    public GatewayApiSettings? GatewayApi { get; init; }

    /// <summary>Folders holding <c>Orthanc</c>, searched instead of the defaults (see <see cref="ToolLocator.FindServer"/>).</summary>
    public IReadOnlyList<string>? ServerPath { get; init; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>The Orthanc program, or a <see cref="MissingToolException"/> naming the package (plugin included).</summary>
    public static string FindServer(IReadOnlyList<string>? serverPath = null)
    {
        var orthanc = ToolLocator.FindServer("Orthanc", AptPackage, serverPath);
        return File.Exists(DicomWebPlugin) ? orthanc : throw new MissingToolException(DicomWebPlugin, DicomWebAptPackage);
    }

    /// <summary>An HTTP client for the REST API and DICOMweb, credentials included.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{Password}")));
        return client;
    }

    public async Task<ServerProcess> StartAsync(string logPath, CancellationToken cancellationToken)
    {
        var orthanc = FindServer(ServerPath);
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "logs"));
        var configuration = Path.Combine(Directory, "orthanc.json");
        await File.WriteAllTextAsync(configuration, Configuration().ToJsonString(new JsonSerializerOptions { WriteIndented = true }),
            cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(configuration, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var server = ServerProcess.Start("orthanc", orthanc, [$"--logdir={Path.Combine(Directory, "logs")}", configuration], logPath);
        using var client = CreateClient();
        await Readiness.WaitAsync(server, async ct => (await client.GetAsync("system", ct)).IsSuccessStatusCode, cancellationToken);
        return server;
    }

    /// <summary>The generated <c>orthanc.json</c>.</summary>
    public JsonObject Configuration()
    {
        var modalities = new JsonObject();
        foreach (var (name, (aeTitle, host, port)) in Modalities)
        {
            modalities[name] = new JsonArray(aeTitle, host, port);
        }
        var configuration = new JsonObject
        {
            ["Name"] = "AIRADCR PACS (Orthanc)",
            ["StorageDirectory"] = Path.Combine(Directory, "storage"),
            ["IndexDirectory"] = Path.Combine(Directory, "index"),
            ["Plugins"] = new JsonArray(DicomWebPlugin),
            ["HttpPort"] = HttpPort,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = true,
            ["RegisteredUsers"] = new JsonObject { [UserName] = Password },
            ["DicomAet"] = AeTitle,
            ["DicomPort"] = DicomPort,
            ["DicomCheckCalledAet"] = false,
            ["DicomAlwaysAllowEcho"] = true,
            ["DicomAlwaysAllowStore"] = AlwaysAllowStore,
            ["DicomCheckModalityHost"] = !AlwaysAllowStore,
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
        if (GatewayApi is { } gateway)
        {
            configuration[GatewayApiSettings.Section] = new JsonObject([.. gateway.ToSection()
                .Select(setting => KeyValuePair.Create(setting.Key, (JsonNode?)JsonValue.Create(setting.Value)))]);
        }
        return configuration;
    }
}
