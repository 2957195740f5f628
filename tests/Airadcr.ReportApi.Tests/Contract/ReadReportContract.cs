using System.Net;
using System.Text.Json.Nodes;
using Airadcr.ReportApi.Tests.Infrastructure;

namespace Airadcr.ReportApi.Tests.Contract;

/// <summary>Spec 4.3-4.5: GET and DELETE /pending-report, GET /find-report, and require_auth_for_reads.</summary>
public abstract class ReadReportContract(IStoreBackend backend) : ContractTestBase(backend)
{
    [Fact]
    public async Task Get_returns_every_field_and_moves_pending_to_retrieved()
    {
        await using var api = await StartAsync();
        var client = api.CreateClient();
        await client.WithApiKey().PostReportAsync(SampleReports.SpecExample("TEO_2024_12345"));
        var anonymous = api.CreateClient();

        using var response = await anonymous.GetAsync("/pending-report?tid=TEO_2024_12345", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True(body["success"]!.GetValue<bool>());
        var data = body["data"]!.AsObject();
        var sent = SampleReports.SpecExample("TEO_2024_12345");
        foreach (var field in new[] { "technical_id", "patient_id", "exam_uid", "accession_number", "study_instance_uid", "source_type", "modality" })
        {
            Assert.Equal((string?)sent[field], (string?)data[field]);
        }

        Assert.True(JsonNode.DeepEquals(sent["structured"], data["structured"]));
        Assert.True(JsonNode.DeepEquals(sent["ai_modules"], data["ai_modules"]));
        Assert.True(JsonNode.DeepEquals(sent["metadata"], data["metadata"]));
        Assert.Equal("retrieved", (string?)data["status"]);
        Assert.Equal("2026-02-23T10:30:00Z", (string?)data["created_at"]);
    }

    [Fact]
    public async Task Source_type_defaults_to_tauri_local_and_absent_fields_are_omitted()
    {
        await using var api = await StartAsync();
        var client = api.CreateClient().WithApiKey();
        await client.PostReportAsync(SampleReports.Minimal("MINIMAL"));

        var data = (await (await client.GetAsync("/pending-report?tid=MINIMAL", Token)).JsonAsync())["data"]!.AsObject();

        Assert.Equal("tauri_local", (string?)data["source_type"]);
        Assert.False(data.ContainsKey("patient_id"));
        Assert.False(data.ContainsKey("metadata"));
    }

    [Fact]
    public async Task Find_report_sees_pending_before_the_first_get_and_retrieved_after()
    {
        await using var api = await StartAsync();
        var client = api.CreateClient().WithApiKey();
        await client.PostReportAsync(SampleReports.Minimal("STATUS", accession: "ACC_STATUS"));

        var before = await (await client.GetAsync("/find-report?accession_number=ACC_STATUS", Token)).JsonAsync();
        await client.GetAsync("/pending-report?tid=STATUS", Token);
        var after = await (await client.GetAsync("/find-report?accession_number=ACC_STATUS", Token)).JsonAsync();

        Assert.Equal("pending", (string?)before["data"]!["status"]);
        Assert.Equal("retrieved", (string?)after["data"]!["status"]);
    }

    [Theory]
    [InlineData("/pending-report", 400)]
    [InlineData("/pending-report?tid=", 400)]
    [InlineData("/pending-report?tid=bad%20tid", 400)]
    [InlineData("/pending-report?tid=UNKNOWN", 404)]
    public async Task Get_answers_400_without_a_valid_tid_and_404_for_an_unknown_one(string path, int status)
    {
        await using var api = await StartAsync();
        using var response = await api.CreateClient().GetAsync(path, Token);

        Assert.Equal(status, (int)response.StatusCode);
        var body = await response.JsonAsync();
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.NotNull((string?)body["error"]);
    }

    [Fact]
    public async Task An_expired_report_is_invisible_to_get_find_and_open()
    {
        await using var api = await StartAsync();
        var client = api.CreateClient().WithApiKey();
        var body = SampleReports.Minimal("SHORT", accession: "ACC_SHORT");
        body["expires_in_hours"] = 1;
        await client.PostReportAsync(body);
        api.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/pending-report?tid=SHORT", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/find-report?accession_number=ACC_SHORT", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/open-report?tid=SHORT", null, Token)).StatusCode);
    }

    [Fact]
    public async Task Delete_answers_deleted_true_then_false()
    {
        await using var api = await StartAsync();
        var client = api.CreateClient().WithApiKey();
        await client.PostReportAsync(SampleReports.Minimal("GONE"));

        var first = await (await client.DeleteAsync("/pending-report?tid=GONE", Token)).JsonAsync();
        var second = await (await client.DeleteAsync("/pending-report?tid=GONE", Token)).JsonAsync();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"success":true,"deleted":true}"""), first));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"success":true,"deleted":false}"""), second));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/pending-report?tid=GONE", Token)).StatusCode);
    }

    [Fact]
    public async Task Delete_requires_an_api_key()
    {
        await using var api = await StartAsync();
        await api.CreateClient().WithApiKey().PostReportAsync(SampleReports.Minimal("KEEP"));

        using var response = await api.CreateClient().DeleteAsync("/pending-report?tid=KEEP", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync("/pending-report?tid=KEEP", Token)).StatusCode);
    }

    [Theory]
    [InlineData("accession_number=ACC_F1", "F_ONE")]
    [InlineData("patient_id=PAT_F", "F_TWO")]
    [InlineData("exam_uid=1.2.3.1", "F_ONE")]
    [InlineData("patient_id=PAT_F&accession_number=ACC_F1", "F_ONE")]
    [InlineData("patient_id=PAT_F&exam_uid=1.2.3.2", "F_TWO")]
    public async Task Find_report_combines_identifiers_with_and_and_returns_the_most_recent(string query, string expected)
    {
        await using var api = await StartAsync();
        var client = api.CreateClient().WithApiKey();
        await client.PostReportAsync(SampleReports.Minimal("F_ONE", accession: "ACC_F1", patient: "PAT_F", exam: "1.2.3.1"));
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        await client.PostReportAsync(SampleReports.Minimal("F_TWO", accession: "ACC_F2", patient: "PAT_F", exam: "1.2.3.2"));

        using var response = await api.CreateClient().GetAsync("/find-report?" + query, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True(body["success"]!.GetValue<bool>());
        Assert.Equal(expected, (string?)body["data"]!["technical_id"]);
        Assert.Equal($"http://localhost/pending-report?tid={expected}", (string?)body["retrieval_url"]);
    }

    [Theory]
    [InlineData("/find-report", 400)]
    [InlineData("/find-report?accession_number=", 400)]
    [InlineData("/find-report?accession_number=NOPE", 404)]
    [InlineData("/find-report?patient_id=PAT_F&accession_number=ACC_OTHER", 404)]
    public async Task Find_report_answers_400_without_identifiers_and_404_without_a_match(string path, int status)
    {
        await using var api = await StartAsync();
        await api.CreateClient().WithApiKey().PostReportAsync(SampleReports.Minimal("F_ONE", accession: "ACC_F1", patient: "PAT_F"));

        using var response = await api.CreateClient().GetAsync(path, Token);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.NotNull((string?)(await response.JsonAsync())["error"]);
    }

    [Theory]
    [InlineData("/pending-report?tid=GUARDED")]
    [InlineData("/find-report?accession_number=ACC_GUARDED")]
    public async Task Require_auth_for_reads_makes_reads_need_an_api_key(string path)
    {
        await using var api = await StartAsync(new Dictionary<string, string?> { ["Airadcr:require_auth_for_reads"] = "true" });
        await api.CreateClient().WithApiKey().PostReportAsync(SampleReports.Minimal("GUARDED", accession: "ACC_GUARDED"));

        using var anonymous = await api.CreateClient().GetAsync(path, Token);
        using var authenticated = await api.CreateClient().WithApiKey().GetAsync(path, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Invalid API key", (string?)(await anonymous.JsonAsync())["error"]);
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
    }
}
