using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Airadcr.DicomGateway.Apis;
using Airadcr.DicomGateway.Archives;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests.Archives;

/// <summary>The archives and their gateway, shared by the search and the API tests.</summary>
[CollectionDefinition(nameof(FederatedArchivesCollection))]
public sealed class FederatedArchivesCollection : ICollectionFixture<FederatedArchives>;

/// <summary>
/// Three real archives and a gateway that knows them: two Orthancs (A asked with QIDO-RS and its credentials, B with
/// C-FIND) and dcmtk's dcmqrscp (C-FIND), seeded with overlapping and conflicting studies of patients named
/// <c>FED{tag}^...</c>: <see cref="Shared"/> in all three, <see cref="Alpha"/> in A and dcmqrscp, <see cref="Beta"/> in
/// B only, <see cref="Conflict"/> in A and B with another patient name and accession in each, <see cref="Gamma"/> in
/// dcmqrscp only.
/// </summary>
public sealed partial class FederatedArchives : IAsyncLifetime
{
    public const string FindScuAe = "FINDSCU";
    private readonly FixtureDirectory _directory = new("federated");

    public FederatedArchives()
    {
        Tag = Random.Shared.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture);
        OrthancA = new OrthancServer { AeTitle = "ORTHANC_A", Modalities = { ["gateway"] = (GatewayHost.AeTitle, "127.0.0.1", 104), ["findscu"] = (FindScuAe, "127.0.0.1", 104) } };
        OrthancB = new OrthancServer { AeTitle = "ORTHANC_B", Modalities = { ["gateway"] = (GatewayHost.AeTitle, "127.0.0.1", 104), ["findscu"] = (FindScuAe, "127.0.0.1", 104) } };
        Shared = new($"1.2.826.0.1.3680043.9.7778.{Tag}.1", $"FED{Tag}^SHARED", $"P{Tag}1", $"A{Tag}1", "20240110", "CT");
        Alpha = new($"1.2.826.0.1.3680043.9.7778.{Tag}.2", $"FED{Tag}^ALPHA", $"P{Tag}2", $"A{Tag}2", "20240215", "MR");
        Beta = new($"1.2.826.0.1.3680043.9.7778.{Tag}.3", $"FED{Tag}^BETA", $"P{Tag}3", $"A{Tag}3", "20230505", "CT");
        Conflict = new($"1.2.826.0.1.3680043.9.7778.{Tag}.4", $"FED{Tag}^CONFLICT", $"P{Tag}4", $"A{Tag}4", "20240301", "CT");
        ConflictInB = Conflict with { PatientName = $"FED{Tag}^KONFLIKT", Accession = $"B{Tag}4" };
        Gamma = new($"1.2.826.0.1.3680043.9.7778.{Tag}.5", $"FED{Tag}^GAMMA", $"P{Tag}5", $"A{Tag}5", "20220101", "MR");
    }

    public string Tag { get; }

    public OrthancServer OrthancA { get; }

    public OrthancServer OrthancB { get; }

    public DcmqrscpServer Dcmqrscp { get; } = new();

    public GatewayHost Gateway { get; } = new(GatewayMode.Embedded, new Dictionary<string, string>
    {
        ["Gateway:Archives:SearchTimeoutSeconds"] = "60",
        // A seeded archive, disabled so that it stays out of the searches (ArchivesApiTests checks the seeding).
        ["Gateway:Archives:Seed:0:Name"] = SeededName,
        ["Gateway:Archives:Seed:0:AeTitle"] = "SEEDED",
        ["Gateway:Archives:Seed:0:Host"] = "127.0.0.1",
        ["Gateway:Archives:Seed:0:Port"] = "4242",
        ["Gateway:Archives:Seed:0:DicomWebBaseUrl"] = "http://127.0.0.1:8042/dicom-web/",
        ["Gateway:Archives:Seed:0:Role"] = "Primary",
        ["Gateway:Archives:Seed:0:Enabled"] = "false",
        ["Gateway:Archives:Seed:0:UserName"] = "seed-user",
        ["Gateway:Archives:Seed:0:Password"] = "seed-password",
    });

    public const string SeededName = "seeded-primary";

    public SeededStudy Shared { get; }

    public SeededStudy Alpha { get; }

    public SeededStudy Beta { get; }

    public SeededStudy Conflict { get; }

    public SeededStudy ConflictInB { get; }

    public SeededStudy Gamma { get; }

    public IReadOnlyList<SeededStudy> All => [Shared, Alpha, Beta, Conflict, Gamma];

    /// <summary>The registered archives' ids.</summary>
    public string IdA { get; private set; } = "";

    public string IdB { get; private set; } = "";

    public string IdQ { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var ct = CancellationToken.None;
        await Task.WhenAll(OrthancA.InitializeAsync().AsTask(), OrthancB.InitializeAsync().AsTask(), Dcmqrscp.InitializeAsync().AsTask(),
            Gateway.InitializeAsync().AsTask());
        await UploadAsync(OrthancA, [Shared, Alpha, Conflict], ct);
        await UploadAsync(OrthancB, [Shared, Beta, ConflictInB], ct);
        await Dcmqrscp.SeedAsync([.. new[] { Shared, Alpha, Gamma }.Select(study => ArchiveStudies.Write(_directory.Combine("q"), study))], ct);

        using var http = Gateway.CreateClient();
        IdA = await RegisterAsync(http, new ArchivesApi.ArchiveRequest("orthanc-a", OrthancA.AeTitle, "127.0.0.1", OrthancA.DicomPort,
            new Uri(OrthancA.BaseAddress, "dicom-web/").ToString(), ArchiveRole.Primary, UserName: OrthancA.UserName, Password: OrthancA.Password), ct);
        IdB = await RegisterAsync(http, new ArchivesApi.ArchiveRequest("orthanc-b", OrthancB.AeTitle, "127.0.0.1", OrthancB.DicomPort, null,
            ArchiveRole.Secondary), ct);
        IdQ = await RegisterAsync(http, new ArchivesApi.ArchiveRequest("dcmqrscp", Dcmqrscp.AeTitle, "127.0.0.1", Dcmqrscp.Port, null,
            ArchiveRole.Research), ct);
    }

    public static async Task<string> RegisterAsync(HttpClient http, ArchivesApi.ArchiveRequest request, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/admin/archives", request, ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
        return (await response.Content.ReadFromJsonAsync<ArchiveDefinition>(ct))!.Id;
    }

    public static async Task<FederatedSearchResult> SearchAsync(HttpClient http, StudyQuery query, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/admin/archives/search", query, ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
        return (await response.Content.ReadFromJsonAsync<FederatedSearchResult>(ct))!;
    }

    private async Task UploadAsync(OrthancServer orthanc, IEnumerable<SeededStudy> studies, CancellationToken ct)
    {
        foreach (var study in studies)
        {
            var path = ArchiveStudies.Write(_directory.Combine(orthanc.AeTitle), study);
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path, ct));
            using var response = await orthanc.Client.PostAsync("instances", content, ct);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
        }
    }

    /// <summary>The Study Instance UIDs dcmtk's findscu gets from an archive (study root, STUDY level) for these keys.</summary>
    public static async Task<IReadOnlySet<string>> FindScuAsync(string aeTitle, int port, IEnumerable<string> keys, CancellationToken ct)
    {
        var result = (await DcmtkTools.FindAsync(aeTitle, port, ["QueryRetrieveLevel=STUDY", "StudyInstanceUID", .. keys], ct, callingAe: FindScuAe))
            .EnsureSuccess();
        return StudyUidLine().Matches(result.StandardOutput + result.StandardError).Select(match => match.Groups[1].Value.Trim('\0', ' '))
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\(0020,000d\) UI \[([^\]]*)\]")]
    private static partial Regex StudyUidLine();

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Dcmqrscp.DisposeAsync();
        await OrthancB.DisposeAsync();
        await OrthancA.DisposeAsync();
        _directory.Dispose();
    }
}
