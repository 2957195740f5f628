using System.Net;
using System.Text.Json.Nodes;
using Airadcr.ReportApi.Tests.Infrastructure;

namespace Airadcr.ReportApi.Tests.Contract;

/// <summary>Spec 4.2, POST /pending-report: every row of its tables.</summary>
public abstract class StoreReportContract(IStoreBackend backend) : ContractTestBase(backend)
{
    [Fact]
    public async Task Stores_the_spec_example_and_answers_200_with_retrieval_url_and_expiry()
    {
        await using var api = await StartAsync();
        using var response = await api.CreateClient().WithApiKey().PostReportAsync(SampleReports.SpecExample("TEO_2024_12345"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True(body["success"]!.GetValue<bool>());
        Assert.Equal("TEO_2024_12345", (string?)body["technical_id"]);
        Assert.Equal("https://airadcr.com/app?tori=true&tid=TEO_2024_12345", (string?)body["retrieval_url"]);
        Assert.Equal("2026-02-24T10:30:00Z", (string?)body["expires_at"]);
    }

    [Fact]
    public async Task Expires_in_hours_defaults_to_report_retention_hours()
    {
        await using var api = await StartAsync(new Dictionary<string, string?> { ["Airadcr:report_retention_hours"] = "48" });
        using var response = await api.CreateClient().WithApiKey().PostReportAsync(SampleReports.Minimal("DEFAULT_EXPIRY"));

        Assert.Equal("2026-02-25T10:30:00Z", (string?)(await response.JsonAsync())["expires_at"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("airadcr_unknownKey0123456789abcdefghijklmnopq")]
    [InlineData("not-a-key")]
    public async Task Refuses_a_missing_or_invalid_api_key_with_401(string? key)
    {
        await using var api = await StartAsync();
        var client = api.CreateClient();
        if (key is not null)
        {
            client.WithApiKey(key);
        }

        using var response = await client.PostReportAsync(SampleReports.Minimal("NO_KEY"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid API key", (string?)(await response.JsonAsync())["error"]);
    }

    [Theory]
    [InlineData("A123456789B123456789C123456789D123456789E123456789F123456789G1234", "technical_id must be 64 characters or less")]
    [InlineData("", "technical_id cannot be empty")]
    [InlineData("with space", "technical_id must contain only alphanumeric characters, hyphens, and underscores")]
    [InlineData("https://evil.example/x", "technical_id must contain only alphanumeric characters, hyphens, and underscores")]
    public async Task Refuses_an_invalid_technical_id_with_400_naming_the_field(string technicalId, string error)
    {
        await using var api = await StartAsync();
        using var response = await api.CreateClient().WithApiKey().PostReportAsync(SampleReports.Minimal(technicalId));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(error, (string?)body["error"]);
        Assert.Equal("technical_id", (string?)body["field"]);
    }

    [Fact]
    public async Task Accepts_a_technical_id_of_exactly_64_characters()
    {
        await using var api = await StartAsync();
        using var response = await api.CreateClient().WithApiKey().PostReportAsync(SampleReports.Minimal(new string('a', 64)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"structured":{}}""", "technical_id")]
    [InlineData("""{"technical_id":12,"structured":{}}""", "technical_id")]
    [InlineData("""{"technical_id":"T1"}""", "structured")]
    [InlineData("""{"technical_id":"T1","structured":"text"}""", "structured")]
    [InlineData("""{"technical_id":"T1","structured":[1]}""", "structured")]
    [InlineData("""{"technical_id":"T1","structured":{},"patient_id":123}""", "patient_id")]
    [InlineData("""{"technical_id":"T1","structured":{},"exam_uid":true}""", "exam_uid")]
    [InlineData("""{"technical_id":"T1","structured":{},"accession_number":{}}""", "accession_number")]
    [InlineData("""{"technical_id":"T1","structured":{},"study_instance_uid":[]}""", "study_instance_uid")]
    [InlineData("""{"technical_id":"T1","structured":{},"source_type":1}""", "source_type")]
    [InlineData("""{"technical_id":"T1","structured":{},"ai_modules":"brain"}""", "ai_modules")]
    [InlineData("""{"technical_id":"T1","structured":{},"ai_modules":["ok",2]}""", "ai_modules")]
    [InlineData("""{"technical_id":"T1","structured":{},"modality":5}""", "modality")]
    [InlineData("""{"technical_id":"T1","structured":{},"metadata":"x"}""", "metadata")]
    [InlineData("""{"technical_id":"T1","structured":{},"expires_in_hours":"24"}""", "expires_in_hours")]
    [InlineData("""{"technical_id":"T1","structured":{},"expires_in_hours":1.5}""", "expires_in_hours")]
    [InlineData("""{"technical_id":"T1","structured":{},"expires_in_hours":0}""", "expires_in_hours")]
    [InlineData("""{"technical_id":"T1","structured":{},"expires_in_hours":721}""", "expires_in_hours")]
    public async Task Refuses_a_field_of_the_wrong_type_or_range_with_400_naming_it(string json, string field)
    {
        await using var api = await StartAsync();
        using var response = await api.CreateClient().SendAsync(SampleReports.RawPost("/pending-report", json), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(field, (string?)body["field"]);
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty((string?)body["error"]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(720)]
    public async Task Accepts_expires_in_hours_at_the_bounds(int hours)
    {
        await using var api = await StartAsync();
        var body = SampleReports.Minimal("BOUNDS");
        body["expires_in_hours"] = hours;
        using var response = await api.CreateClient().WithApiKey().PostReportAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(api.Clock.GetUtcNow().AddHours(hours), DateTimeOffset.Parse((string)(await response.JsonAsync())["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("{\"technical_id\": \"T1\", \"structured\": {")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    public async Task Refuses_malformed_json_with_400(string json)
    {
        await using var api = await StartAsync();
        using var response = await api.CreateClient().SendAsync(SampleReports.RawPost("/pending-report", json), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((string?)(await response.JsonAsync())["error"]);
    }

    [Fact]
    public async Task Refuses_deeply_nested_json_with_400()
    {
        await using var api = await StartAsync();
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);
        var json = "{\"technical_id\":\"DEEP\",\"structured\":" + nested + "}";
        using var response = await api.CreateClient().SendAsync(SampleReports.RawPost("/pending-report", json), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("depth", (string?)(await response.JsonAsync())["error"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Refuses_a_body_over_1_MiB_with_413()
    {
        await using var api = await StartAsync();
        var body = SampleReports.Minimal("BIG");
        body["structured"]!["results"] = new string('x', 1024 * 1024);
        using var response = await api.CreateClient().WithApiKey().PostReportAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.NotNull((string?)(await response.JsonAsync())["error"]);
    }

    [Fact]
    public async Task Accepts_a_body_just_under_1_MiB()
    {
        await using var api = await StartAsync();
        var body = SampleReports.Minimal("ALMOST_BIG");
        body["structured"]!["results"] = new string('x', 1024 * 1024 - 200);
        using var response = await api.CreateClient().WithApiKey().PostReportAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Reposting_the_identical_payload_is_an_idempotent_200()
    {
        await using var api = await StartAsync();
        var client = api.CreateClient().WithApiKey();
        using var first = await client.PostReportAsync(SampleReports.SpecExample("RETRY"));
        api.Clock.Advance(TimeSpan.FromMinutes(5));
        using var second = await client.PostReportAsync(SampleReports.SpecExample("RETRY"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((string?)(await first.JsonAsync())["expires_at"], (string?)(await second.JsonAsync())["expires_at"]);
    }

    [Fact]
    public async Task Reposting_a_different_payload_is_409_and_keeps_the_first_report()
    {
        await using var api = await StartAsync();
        var client = api.CreateClient().WithApiKey();
        await client.PostReportAsync(SampleReports.SpecExample("CLASH"));
        var changed = SampleReports.SpecExample("CLASH");
        changed["structured"]!["conclusion"] = "Changed";
        using var conflict = await client.PostReportAsync(changed);

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("technical_id", (string?)(await conflict.JsonAsync())["field"]);
        using var stored = await client.GetAsync("/pending-report?tid=CLASH", Token);
        Assert.Equal("", (string?)(await stored.JsonAsync())["data"]!["structured"]!["conclusion"]);
    }

    [Fact]
    public async Task An_expired_technical_id_can_be_stored_again()
    {
        await using var api = await StartAsync();
        var client = api.CreateClient().WithApiKey();
        var first = SampleReports.Minimal("REUSED");
        first["expires_in_hours"] = 1;
        await client.PostReportAsync(first);
        api.Clock.Advance(TimeSpan.FromHours(2));
        var second = SampleReports.Minimal("REUSED");
        second["structured"]!["title"] = "New";

        using var response = await client.PostReportAsync(second);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stored = await client.GetAsync("/pending-report?tid=REUSED", Token);
        Assert.Equal("New", (string?)(await stored.JsonAsync())["data"]!["structured"]!["title"]);
    }
}
