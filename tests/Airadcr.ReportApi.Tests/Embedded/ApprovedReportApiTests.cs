using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Airadcr.ReportApi.Tests.Infrastructure;
using Airadcr.Testing;

namespace Airadcr.ReportApi.Tests.Embedded;

/// <summary>
/// POST /airadcr/reports/{technical_id}/approved (AIRADCR extension): a signed report's text goes to TÉO Hub (the
/// <see cref="TeoHubStandIn"/> on loopback) through the ReportApi's TÉO Hub client when [teo_hub] is enabled.
/// </summary>
public sealed class ApprovedReportApiTests : IAsyncDisposable
{
    private const string Token = "teo-approved-token";
    private readonly TeoHubStandIn hub = new();
    private readonly List<ReportApiFactory> apis = [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly object Approval = new
    {
        approved_text = "IRM Cérébrale\nConclusion : pas de lésion.",
        radiologist_name = "dr.martin",
        approval_timestamp = "2026-02-23T10:45:00+01:00",
        modifications_made = true,
        modified_sections = new[] { "conclusion" },
    };

    [Fact]
    public async Task An_enabled_teo_hub_receives_the_approved_report_in_the_desktop_shape_and_the_answer_is_202()
    {
        var client = await ClientWithReportAsync(enabled: true, "APPROVED_1");

        using var response = await client.PostAsJsonAsync("/airadcr/reports/APPROVED_1/approved", Approval, Cancel);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("posted", (await response.JsonAsync())["teo_hub"]!.GetValue<string>());
        var posted = Assert.Single(hub.ApprovedReports);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"patient_id":"PAT123456","study_uid":"1.2.840.10008.5.1.4.1.1.2.XXX",
             "approved_report":"IRM Cérébrale\nConclusion : pas de lésion.",
             "report_id":"APPROVED_1","accession_number":"ACC2024001",
             "approved_text":"IRM Cérébrale\nConclusion : pas de lésion.","radiologist_name":"dr.martin",
             "approval_timestamp":"2026-02-23T09:45:00.0000000+00:00","modifications_made":true,"modified_sections":["conclusion"]}
            """), posted), posted?.ToJsonString());
        Assert.Equal(Token, hub.LastToken);
    }

    [Fact]
    public async Task A_disabled_teo_hub_is_not_called_and_the_answer_says_so()
    {
        var client = await ClientWithReportAsync(enabled: false, "APPROVED_2");

        using var response = await client.PostAsJsonAsync("/airadcr/reports/APPROVED_2/approved", Approval, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("disabled", (await response.JsonAsync())["teo_hub"]!.GetValue<string>());
        Assert.Empty(hub.ApprovedReports);
    }

    [Fact]
    public async Task A_teo_hub_failing_after_its_retries_gives_502_in_the_spec_error_shape()
    {
        var client = await ClientWithReportAsync(enabled: true, "APPROVED_3");
        hub.FailuresLeft = 100;

        using var response = await client.PostAsJsonAsync("/airadcr/reports/APPROVED_3/approved", Approval, Cancel);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = await response.JsonAsync();
        Assert.False(error["success"]!.GetValue<bool>());
        Assert.Contains("after 2 attempt(s)", error["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(hub.ApprovedReports);
    }

    [Fact]
    public async Task An_unknown_report_is_404_and_nothing_is_sent()
    {
        var client = await ClientWithReportAsync(enabled: true, "APPROVED_4");

        using var response = await client.PostAsJsonAsync("/airadcr/reports/NOT_THERE/approved", Approval, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Report not found or expired", (await response.JsonAsync())["error"]!.GetValue<string>());
        Assert.Empty(hub.ApprovedReports);
    }

    [Fact]
    public async Task The_admin_key_is_required_and_an_empty_text_is_refused()
    {
        var client = await ClientWithReportAsync(enabled: true, "APPROVED_5");
        var withApiKeyOnly = apis[0].CreateClient().WithApiKey();

        using var unauthorized = await withApiKeyOnly.PostAsJsonAsync("/airadcr/reports/APPROVED_5/approved", Approval, Cancel);
        using var empty = await client.PostAsJsonAsync("/airadcr/reports/APPROVED_5/approved", new { approved_text = " " }, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("approved_text", (await empty.JsonAsync())["field"]!.GetValue<string>());
        Assert.Empty(hub.ApprovedReports);
    }

    /// <summary>A ReportApi whose [teo_hub] points at the stand-in (1 retry), holding the spec's example report.</summary>
    private async Task<HttpClient> ClientWithReportAsync(bool enabled, string technicalId)
    {
        var api = new ReportApiFactory(new Dictionary<string, string?>(), new Dictionary<string, string?>
        {
            ["Airadcr:teo_hub:enabled"] = enabled ? "true" : "false",
            ["Airadcr:teo_hub:host"] = "127.0.0.1",
            ["Airadcr:teo_hub:port"] = hub.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Airadcr:teo_hub:retry_count"] = "1",
            ["Airadcr:teo_hub:retry_delay_ms"] = "0",
            ["AIRADCR_TEO_HUB_TOKEN"] = Token,
        });
        apis.Add(api);
        (await api.CreateClient().WithApiKey().PostReportAsync(SampleReports.SpecExample(technicalId))).EnsureSuccessStatusCode();
        return api.CreateClient().WithAdminKey();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var api in apis)
        {
            await api.DisposeAsync();
            await api.DeleteDataDirectoryAsync();
        }
        await hub.DisposeAsync();
    }
}
