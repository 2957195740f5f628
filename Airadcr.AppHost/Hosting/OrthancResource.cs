using System.Globalization;
using Airadcr.LocalServers;

namespace Airadcr.AppHost.Hosting;

/// <summary>
/// Orthanc with DICOMweb (Debian packages <c>orthanc</c>, <c>orthanc-dicomweb</c>) as the PACS: configuration generated
/// per run (credentials included), DICOM peers from <see cref="WithModality"/>, Lua scripts from
/// <see cref="WithLuaScript"/>; storage kept under the run folder. Fallback: no PACS.
/// </summary>
public sealed class OrthancResource(string name) : ServerResource(name), IResourceWithConnectionString, IResourceWithServiceDiscovery
{
    private readonly List<(string Name, string AeTitle, Func<Endpoint> Endpoint)> _modalities = [];
    private readonly List<string> _luaScripts = [];
    private int _stableAgeSeconds = 5;
    private Func<GatewayApiSettings?>? _gatewayApi;

    public Endpoint Http { get; } = new("http", 8042);

    public Endpoint Dicom { get; } = new("dicom", 4242);

    public string AeTitle => "ORTHANC";

    public string UserName => "airadcr";

    /// <summary>Generated per run.</summary>
    public string Password { get; } = GeneratedSecret.Hex(12);

    public bool IsReachable => Published || State == ResourceState.Running;

    /// <summary><c>Endpoint=...;Username=...;Password=...;AeTitle=...;DicomPort=...</c> for a project that talks to the PACS.</summary>
    public string? ConnectionString => IsReachable
        ? $"Endpoint={Http.Url};Username={UserName};Password={(Published ? "${ORTHANC_PASSWORD}" : Password)};AeTitle={AeTitle};DicomPort={Dicom.Port.ToString(CultureInfo.InvariantCulture)}"
        : null;

    /// <summary>A DICOM peer Orthanc may send to and accept studies from (on the loopback host only).</summary>
    public OrthancResource WithModality(string modalityName, string aeTitle, Func<Endpoint> endpoint)
    {
        _modalities.Add((modalityName, aeTitle, endpoint));
        return this;
    }

    /// <summary>A Lua script (path relative to the repository) Orthanc runs, e.g. the routing of stable studies.</summary>
    public OrthancResource WithLuaScript(string relativePath)
    {
        _luaScripts.Add(relativePath);
        return this;
    }

    /// <summary>
    /// Orthanc's <c>StableAge</c>: seconds without a new instance before <c>OnStableStudy</c>. Orthanc counts whole
    /// seconds, at least 1: a fraction is rounded up.
    /// </summary>
    public OrthancResource WithStableAge(double seconds)
    {
        _stableAgeSeconds = Math.Max(1, (int)Math.Ceiling(seconds));
        return this;
    }

    /// <summary>
    /// The gateway's HTTP API the routing script tells when it has forwarded a whole stable study, so the gateway
    /// analyses it at once (resolved when Orthanc starts; null: not told, the gateway's stability window applies).
    /// </summary>
    public OrthancResource WithGatewayApi(Func<GatewayApiSettings?> gatewayApi)
    {
        _gatewayApi = gatewayApi;
        return this;
    }

    internal GatewayApiSettings? GatewayApi => _gatewayApi?.Invoke();

    internal IReadOnlyList<(string Name, string AeTitle, Func<Endpoint> Endpoint)> Modalities => _modalities;

    internal IReadOnlyList<string> LuaScripts => _luaScripts;

    internal int StableAgeSeconds => _stableAgeSeconds;

    public override IEnumerable<(string, string)> Urls() => IsReachable
        ?
        [
            ("Orthanc Explorer", $"{Http.Url}/app/explorer.html (user {UserName}, password {Password})"),
            ("DICOMweb", $"{Http.Url}/dicom-web"),
            ("DICOM", $"{AeTitle}@127.0.0.1:{Dicom.Port.ToString(CultureInfo.InvariantCulture)}"),
        ]
        : [];

    internal override IEnumerable<Endpoint> Endpoints() => [Http, Dicom];

    protected override string EmbeddedDefault => "no PACS: results stay in the gateway's storage";

    protected override string FindProgram(IReadOnlyList<string>? serverPath) => OrthancInstance.FindServer(serverPath);

    private protected override Task<ServerProcess> StartServerAsync(RunContext context, CancellationToken cancellationToken)
    {
        var directory = context.DataDirectoryOf(this);
        var modalities = _modalities.ToDictionary(m => m.Name, m => (m.AeTitle, m.Endpoint().Host, m.Endpoint().Port));
        // The local modality (storescu, a scanner simulator) may send studies; Orthanc checks AE title and host.
        modalities.TryAdd("LOCAL_SCU", ("STORESCU", "127.0.0.1", 104));
        return new OrthancInstance
        {
            Directory = directory,
            HttpPort = Http.Port,
            DicomPort = Dicom.Port,
            AeTitle = AeTitle,
            UserName = UserName,
            Password = Password,
            Modalities = modalities,
            AlwaysAllowStore = false,
            LuaScripts = [.. _luaScripts.Select(script => CopyScript(context, directory, script))],
            StableAgeSeconds = _stableAgeSeconds,
            GatewayApi = GatewayApi,
            ServerPath = context.Options.ServerPath,
        }.StartAsync(context.LogPathOf(this), cancellationToken);
    }

    private static string CopyScript(RunContext context, string directory, string relativePath)
    {
        var target = Path.Combine(directory, Path.GetFileName(relativePath));
        File.Copy(Path.Combine(context.RepositoryRoot, relativePath), target, overwrite: true);
        return target;
    }
}
