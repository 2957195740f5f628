using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Airadcr.Testing;

namespace Airadcr.Web.Tests.EndToEnd;

/// <summary>
/// The real ReportApi and Web processes (built dlls), wired as the AppHost wires them: the Web finds the ReportApi
/// through <c>services__reportapi__http__0</c>, uses an API key for reports and the admin key for the listing and
/// API keys. The first admin comes from the environment. A real Orthanc (DICOMweb, HTTP authentication) sits behind
/// the Web's /dicom-web proxy, its credentials given to the Web only. No gateway runs: the Web shows it as unavailable
/// (<see cref="GatewayWebStack"/> adds one, and TÉO Hub).
/// </summary>
public class WebStack : IAsyncLifetime
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "Admin-Passw0rd-E2E!";
    public const string UserPassword = "User-Passw0rd-E2E!";

    private readonly FixtureDirectory directory = new("web-e2e");
    private readonly int absentGatewayPort = FreePort.Next();
    private ServerProcess? reportApi;
    private ServerProcess? web;

    public string AdminKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    public string ApiKey { get; } = "airadcr_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
    public int ReportApiPort { get; } = FreePort.Next();
    public int WebPort { get; } = FreePort.Next();
    public string WebUrl => $"http://127.0.0.1:{WebPort.ToString(CultureInfo.InvariantCulture)}";
    public HttpClient ReportApiClient { get; private set; } = default!;
    public OrthancServer Orthanc { get; } = new();
    public string ArtefactDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "artefacts");

    /// <summary>Where the Web looks for the gateway (here a port nobody listens on).</summary>
    protected virtual string GatewayUrl => $"http://127.0.0.1:{absentGatewayPort.ToString(CultureInfo.InvariantCulture)}";

    protected FixtureDirectory Folder => directory;

    /// <summary>The Web's data directory: webdb (SQLite, with its audit chain), the audit key, pepper and export.</summary>
    public string WebDataDirectory => directory.Combine("web");

    /// <summary>Starts what the ReportApi and the Web talk to besides each other (none here).</summary>
    protected virtual Task StartNeighboursAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Extra environment of the ReportApi process.</summary>
    protected virtual void ConfigureReportApi(IDictionary<string, string> environment)
    {
    }

    protected virtual ValueTask StopNeighboursAsync() => ValueTask.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(ArtefactDirectory);
        await Orthanc.InitializeAsync();
        await StartNeighboursAsync(ct);
        var reportApiEnvironment = new Dictionary<string, string>
        {
            ["AIRADCR_DATA_DIR"] = directory.Combine("reportapi"),
            ["AIRADCR_ADMIN_KEY"] = AdminKey,
            ["AIRADCR_PROD_API_KEY"] = ApiKey,
            ["Airadcr__rate_limit_per_minute"] = "0",
        };
        ConfigureReportApi(reportApiEnvironment);
        reportApi = BuiltService.Start("reportapi", BuiltService.Find("Airadcr.ReportApi"), ReportApiPort, directory.Combine("reportapi.log"),
            reportApiEnvironment);
        await BuiltService.WaitForHttpAsync(reportApi, ReportApiPort, "/health", ct);
        ReportApiClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ReportApiPort.ToString(CultureInfo.InvariantCulture)}") };
        ReportApiClient.DefaultRequestHeaders.Add("X-API-Key", ApiKey);

        web = BuiltService.Start("web", BuiltService.Find("Airadcr.Web"), WebPort, directory.Combine("web.log"),
            new Dictionary<string, string>
            {
                // Blazor serves its framework files from the build output in Development only.
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["services__reportapi__http__0"] = ReportApiClient.BaseAddress!.ToString(),
                ["services__dicomgateway__http__0"] = GatewayUrl,
                ["Web__DataDirectory"] = WebDataDirectory,
                ["Web__ReportApiKey"] = ApiKey,
                ["Web__ReportApiAdminKey"] = AdminKey,
                ["Web__WorklistPollInterval"] = "00:00:01",
                ["services__orthanc__http__0"] = Orthanc.BaseAddress.ToString(),
                ["Web__Orthanc__Username"] = Orthanc.UserName,
                ["Web__Orthanc__Password"] = Orthanc.Password,
                ["AIRADCR_WEB_ADMIN_USER"] = AdminUser,
                ["AIRADCR_WEB_ADMIN_PASSWORD"] = AdminPassword,
            });
        await BuiltService.WaitForHttpAsync(web, WebPort, "/account/login", ct);
    }

    /// <summary>Posts a report to the ReportApi as TÉO Hub / the gateway would.</summary>
    public async Task SeedReportAsync(SeededReport report, CancellationToken ct)
    {
        using var response = await ReportApiClient.PostAsJsonAsync("pending-report", new Dictionary<string, object?>
        {
            ["technical_id"] = report.TechnicalId,
            ["patient_id"] = report.PatientId,
            ["accession_number"] = report.AccessionNumber,
            ["study_instance_uid"] = report.StudyInstanceUid,
            ["modality"] = report.Modality,
            ["source_type"] = "airadcr_gateway",
            ["ai_modules"] = new[] { "lung-nodules" },
            ["structured"] = new Dictionary<string, string>
            {
                ["title"] = report.Title,
                ["indication"] = "Toux chronique",
                ["technique"] = "Acquisition hélicoïdale",
                ["results"] = "Nodule lobaire supérieur droit de 6 mm.",
                ["conclusion"] = "Nodule à surveiller.",
            },
            ["metadata"] = new Dictionary<string, object>
            {
                ["models"] = new[] { new { id = "lung-nodules", version = "2.1.0" } },
                ["findings"] = report.Findings ?? [new { label = "Nodule", confidence = 0.87, model_id = "lung-nodules", model_version = "2.1.0", location = "LSD" }],
            },
        }, ct);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        ReportApiClient?.Dispose();
        if (web is not null)
        {
            await web.DisposeAsync();
        }
        if (reportApi is not null)
        {
            await reportApi.DisposeAsync();
        }
        await StopNeighboursAsync();
        await Orthanc.DisposeAsync();
        var prefix = GetType().Name.ToLowerInvariant() + "-";
        foreach (var log in Directory.GetFiles(directory.Path, "*.log"))
        {
            File.Copy(log, Path.Combine(ArtefactDirectory, prefix + Path.GetFileName(log)), overwrite: true);
        }
        directory.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A report to seed; <paramref name="Findings"/> replaces the default <c>metadata.findings[]</c> (one nodule, no image).</summary>
public sealed record SeededReport(string TechnicalId, string PatientId, string AccessionNumber, string Modality, string Title,
    string StudyInstanceUid = "1.2.826.0.1.3680043.8.498.1", IReadOnlyList<object>? Findings = null);

[CollectionDefinition(Name)]
public sealed class WebStackCollection : ICollectionFixture<WebStack>, ICollectionFixture<BrowserSession>
{
    public const string Name = "web stack";
}
