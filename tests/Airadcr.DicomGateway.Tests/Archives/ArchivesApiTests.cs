using System.Net;
using System.Net.Http.Json;
using Airadcr.Audit;
using Airadcr.DicomGateway.Apis;
using Airadcr.DicomGateway.Archives;
using Airadcr.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Airadcr.DicomGateway.Tests.Archives;

/// <summary>Issue 22, item 1: the archives API (test with C-ECHO and QIDO-RS, bad input, audit, OpenAPI).</summary>
[Collection(nameof(FederatedArchivesCollection))]
public sealed class ArchivesApiTests(FederatedArchives archives)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ArchiveTestResult> TestAsync(HttpClient http, string id)
    {
        using var response = await http.PostAsync($"/admin/archives/{id}/test", null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ArchiveTestResult>(Ct))!;
    }

    [Fact]
    public async Task Testing_an_orthanc_echoes_and_probes_qido_with_round_trip_times()
    {
        using var http = archives.Gateway.CreateClient();

        var result = await TestAsync(http, archives.IdA);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal("C-ECHO status 0x0000", result.Echo.Detail);
        Assert.True(result.Echo.RoundTripMs > 0 && result.Echo.RoundTripMs <= result.Echo.ElapsedMs);
        Assert.Equal("QIDO-RS HTTP 200", result.Qido!.Detail);
        Assert.True((await TestAsync(http, archives.IdQ)).Echo.Ok);
        // dcmtk's echoscu agrees with both (the independent check).
        Assert.True((await DcmtkTools.EchoAsync(archives.OrthancA.AeTitle, archives.OrthancA.DicomPort, Ct)).Succeeded);
        Assert.True((await DcmtkTools.EchoAsync(archives.Dcmqrscp.AeTitle, archives.Dcmqrscp.Port, Ct)).Succeeded);
    }

    [Fact]
    public async Task Testing_a_dead_port_fails_with_the_reason()
    {
        using var http = archives.Gateway.CreateClient();
        var port = FreePort.Next();
        var id = await FederatedArchives.RegisterAsync(http, new("dead-port", "NOBODY", "127.0.0.1", port, null, ArchiveRole.Secondary), Ct);

        var result = await TestAsync(http, id);

        Assert.False((await DcmtkTools.EchoAsync("NOBODY", port, Ct)).Succeeded); // echoscu agrees
        Assert.False(result.Ok);
        Assert.False(result.Echo.Ok);
        Assert.Null(result.Echo.RoundTripMs);
        Assert.Contains("Cannot associate", result.Echo.Detail, StringComparison.Ordinal);
        using var deleted = await http.DeleteAsync($"/admin/archives/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Testing_qido_with_wrong_credentials_fails_while_echo_passes()
    {
        using var http = archives.Gateway.CreateClient();
        var a = archives.OrthancA;
        var id = await FederatedArchives.RegisterAsync(http, new("wrong-credentials", a.AeTitle, "127.0.0.1", a.DicomPort,
            new Uri(a.BaseAddress, "dicom-web").ToString(), ArchiveRole.Secondary, UserName: a.UserName, Password: "not-the-password"), Ct);

        var result = await TestAsync(http, id);

        Assert.True(result.Echo.Ok);
        Assert.Equal((false, "QIDO-RS HTTP 401"), (result.Qido!.Ok, result.Qido.Detail));
        using var deleted = await http.DeleteAsync($"/admin/archives/{id}", Ct);
    }

    /// <summary>Bad archive definitions (<c>/admin/archives</c>) and bad queries (<c>/admin/archives/search</c>), with the field named.</summary>
    public static TheoryData<string, string, string> BadInput => new()
    {
        { "/admin/archives", """{"name":"","aeTitle":"X","host":"127.0.0.1","port":104,"role":"secondary"}""", "name" },
        { "/admin/archives", """{"name":"n1","aeTitle":"WAY_TOO_LONG_AE_TITLE","host":"127.0.0.1","port":104,"role":"secondary"}""", "aeTitle" },
        { "/admin/archives", """{"name":"n2","aeTitle":"X","host":"bad host!","port":104,"role":"secondary"}""", "host" },
        { "/admin/archives", """{"name":"n3","aeTitle":"X","host":"127.0.0.1","port":70000,"role":"secondary"}""", "port" },
        { "/admin/archives", """{"name":"n4","aeTitle":"X","host":"127.0.0.1","port":104,"dicomWebBaseUrl":"ftp://x","role":"secondary"}""", "dicomWebBaseUrl" },
        { "/admin/archives", """{"name":"n5","aeTitle":"X","host":"127.0.0.1","port":104,"role":"secondary","userName":"u"}""", "userName" },
        { "/admin/archives/search", """{"patientName":"A\\B"}""", "patientName" },
        { "/admin/archives/search", """{"studyDateFrom":"2024-13-01"}""", "studyDateFrom" },
        { "/admin/archives/search", """{"studyDateFrom":"20240301","studyDateTo":"20240101"}""", "studyDateFrom" },
        { "/admin/archives/search", """{"modalitiesInStudy":"ct"}""", "modalitiesInStudy" },
        { "/admin/archives/search", """{"pageSize":100000}""", "pageSize" },
        { "/admin/archives/search", """{"timeoutMs":5}""", "timeoutMs" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_with_the_field(string path, string body, string field)
    {
        using var http = archives.Gateway.CreateClient();

        using var response = await http.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<ApiError>(Ct))!.Field);
    }

    [Fact]
    public async Task A_duplicate_name_is_a_conflict()
    {
        using var http = archives.Gateway.CreateClient();

        using var response = await http.PostAsJsonAsync("/admin/archives",
            new ArchivesApi.ArchiveRequest("orthanc-b", "X", "127.0.0.1", 104, null, ArchiveRole.Secondary), Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Changes_and_searches_are_audited_without_the_criteria_or_credentials()
    {
        using var http = archives.Gateway.CreateClient();
        http.DefaultRequestHeaders.Add(ArchivesApi.ActorHeader, "admin-alice");
        var secret = "pw-" + Guid.NewGuid().ToString("N");
        var id = await FederatedArchives.RegisterAsync(http, new("audited", "AUDITED", "127.0.0.1", 104, "http://127.0.0.1:1/dicom-web",
            ArchiveRole.Research, Enabled: false, UserName: "audit-user", Password: secret), Ct);
        using (var disabled = await http.PutAsJsonAsync($"/admin/archives/{id}/enabled", new ArchivesApi.EnabledRequest(false), Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        }
        await FederatedArchives.SearchAsync(http, new StudyQuery(PatientName: archives.Shared.PatientName), Ct);
        using (var deleted = await http.DeleteAsync($"/admin/archives/{id}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var store = archives.Gateway.Services.GetRequiredService<AuditTrail>().Store;
        IReadOnlyList<AuditEntry> entries;
        do
        {
            await Task.Delay(100, Ct);
            entries = await store.ReadAsync(1, Ct).ToListAsync(Ct);
        }
        while (!entries.Any(entry => entry.Action == "archive-search" && entry.Actor == "user:admin-alice"));

        var ours = entries.Where(entry => entry.Actor == "user:admin-alice").ToList();
        Assert.Equal(["archive-added", "archive-disabled", "archive-deleted"],
            ours.Where(entry => entry.Action.StartsWith("archive-", StringComparison.Ordinal) && entry.Action != "archive-search").Select(entry => entry.Action));
        Assert.All(ours.Where(entry => entry.Action != "archive-search"), entry => Assert.Equal("archive:" + id, entry.Subject));
        var search = ours.Single(entry => entry.Action == "archive-search");
        Assert.StartsWith("query:", search.Subject, StringComparison.Ordinal);
        var text = string.Join("\n", entries.Select(entry => $"{entry.Subject} {entry.Detail}"));
        foreach (var clear in new[] { archives.Shared.PatientName, "FED" + archives.Tag, archives.Shared.StudyUid, secret, "audit-user" })
        {
            Assert.DoesNotContain(clear, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_seeded_archive_is_registered_once_with_its_credentials_sealed()
    {
        var registry = archives.Gateway.Services.GetRequiredService<ArchiveRegistry>();
        var seeded = (await registry.FindByNameAsync(FederatedArchives.SeededName, Ct))!;
        var seeding = archives.Gateway.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ArchiveSeeding>().Single();

        await seeding.StartAsync(Ct); // a restart: nothing changes

        Assert.Equal((ArchiveRole.Primary, false, true, 4242), (seeded.Role, seeded.Enabled, seeded.HasCredentials, seeded.Port));
        Assert.Equal(new ArchiveCredentials("seed-user", "seed-password"), await registry.GetCredentialsAsync(seeded.Id, Ct));
        Assert.Equal(seeded, Assert.Single(await registry.ListAsync(Ct), archive => archive.Name == FederatedArchives.SeededName));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_archives_api()
    {
        using var http = archives.Gateway.CreateClient();

        var document = await http.GetStringAsync("/openapi/v1.json", Ct);

        Assert.Contains("/admin/archives/search", document, StringComparison.Ordinal);
        Assert.Contains("/admin/archives/{id}/test", document, StringComparison.Ordinal);
        Assert.Contains("Federated study search", document, StringComparison.Ordinal);
    }
}
