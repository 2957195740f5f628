using System.Net;
using System.Text.Json.Nodes;
using Airadcr.ReportApi.Navigation;
using Airadcr.ReportApi.Tests.Infrastructure;

namespace Airadcr.ReportApi.Tests.Contract;

/// <summary>Spec 4.6, POST /open-report, and the navigation stream that replaces the desktop's window event.</summary>
public abstract class OpenReportContract(IStoreBackend backend) : ContractTestBase(backend)
{
    [Theory]
    [InlineData("tid=TEO_2024_12345")]
    [InlineData("accession_number=ACC2024001")]
    [InlineData("patient_id=PAT123456")]
    [InlineData("exam_uid=1.2.840.113619.2.XXX.YYY.ZZZ")]
    [InlineData("tid=TEO_2024_12345&accession_number=UNKNOWN")]
    public async Task Opens_by_tid_first_else_by_search_and_answers_the_spec_shape(string query)
    {
        await using var api = await StartAsync();
        var client = api.CreateClient().WithApiKey();
        await client.PostReportAsync(SampleReports.SpecExample("TEO_2024_12345"));

        using var response = await client.PostAsync("/open-report?" + query, null, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = JsonNode.Parse("""
            {"success": true, "message": "Navigation triggered successfully", "technical_id": "TEO_2024_12345",
             "navigated_to": "https://airadcr.com/app?tori=true&tid=TEO_2024_12345"}
            """);
        Assert.True(JsonNode.DeepEquals(expected, await response.JsonAsync()));
    }

    [Theory]
    [InlineData("/open-report", 400)]
    [InlineData("/open-report?tid=bad%20tid", 400)]
    [InlineData("/open-report?tid=A123456789B123456789C123456789D123456789E123456789F123456789G1234", 400)]
    [InlineData("/open-report?tid=UNKNOWN", 404)]
    [InlineData("/open-report?accession_number=UNKNOWN", 404)]
    public async Task Answers_400_without_identifier_or_with_invalid_tid_and_404_when_not_found(string path, int status)
    {
        await using var api = await StartAsync();
        using var response = await api.CreateClient().WithApiKey().PostAsync(path, null, Token);

        Assert.Equal(status, (int)response.StatusCode);
        var body = await response.JsonAsync();
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.NotNull((string?)body["error"]);
    }

    [Fact]
    public async Task Answers_401_without_a_valid_api_key()
    {
        await using var api = await StartAsync();
        await api.CreateClient().WithApiKey().PostReportAsync(SampleReports.SpecExample("TEO_2024_12345"));

        using var missing = await api.CreateClient().PostAsync("/open-report?tid=TEO_2024_12345", null, Token);
        using var wrong = await api.CreateClient().WithApiKey("airadcr_wrongKey0123456789abcdefghijklmnopqrs").PostAsync("/open-report?tid=TEO_2024_12345", null, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Answers_503_with_retry_after_2_until_the_application_is_ready()
    {
        await using var api = await StartAsync(ready: false);
        await api.CreateClient().WithApiKey().PostReportAsync(SampleReports.SpecExample("TEO_2024_12345"));

        using var response = await api.CreateClient().WithApiKey().PostAsync("/open-report?tid=TEO_2024_12345", null, Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("2", response.Headers.GetValues("Retry-After").Single());
        Assert.NotNull((string?)(await response.JsonAsync())["error"]);
        api.Service<AppReadiness>().MarkReady();
        using var ready = await api.CreateClient().WithApiKey().PostAsync("/open-report?tid=TEO_2024_12345", null, Token);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Navigation_is_recorded_and_pushed_to_navigation_event_subscribers()
    {
        await using var api = await StartAsync();
        var client = api.CreateClient().WithApiKey();
        await client.PostReportAsync(SampleReports.SpecExample("TEO_2024_12345"));
        using var stream = await client.GetAsync("/navigation-events", HttpCompletionOption.ResponseHeadersRead, Token);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(Token));
        var broadcaster = api.Service<NavigationBroadcaster>();
        Assert.Equal(1, broadcaster.SubscriberCount);

        await client.PostAsync("/open-report?accession_number=ACC2024001", null, Token);

        Assert.Equal("event: navigate_to_report", await reader.ReadLineAsync(Token));
        var data = JsonNode.Parse((await reader.ReadLineAsync(Token))!["data: ".Length..])!;
        Assert.Equal("TEO_2024_12345", (string?)data["technical_id"]);
        Assert.Equal("https://airadcr.com/app?tori=true&tid=TEO_2024_12345", (string?)data["navigated_to"]);
        Assert.Equal("TEO_2024_12345", broadcaster.Recent.Single().TechnicalId);
    }

    [Fact]
    public async Task Navigation_events_require_an_api_key()
    {
        await using var api = await StartAsync();

        using var response = await api.CreateClient().GetAsync("/navigation-events", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
