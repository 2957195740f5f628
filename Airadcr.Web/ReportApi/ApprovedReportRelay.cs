using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.Web.Configuration;
using Microsoft.Extensions.Options;

namespace Airadcr.Web.ReportApi;

/// <summary>What became of a signed report's approved text on its way to TÉO Hub.</summary>
public sealed record TeoHubOutcome(string State, string? Detail = null)
{
    public const string Posted = "posted";
    public const string Disabled = "disabled";
    public const string Failed = "failed";
}

/// <summary>Body of the ReportApi's <c>POST /airadcr/reports/{tid}/approved</c> (AIRADCR extension).</summary>
public sealed record ApprovedReport(
    string ApprovedText,
    string RadiologistName,
    DateTimeOffset ApprovalTimestamp,
    bool ModificationsMade,
    IReadOnlyList<string> ModifiedSections);

/// <summary>
/// Hands a signed report to the ReportApi, which posts it to TÉO Hub with its own client when <c>[teo_hub]</c> is
/// enabled (the Web has no TÉO Hub client). Its own HttpClient without the standard retry handler: the ReportApi
/// already retries TÉO Hub, and a 502 retried here would post the report again.
/// </summary>
public sealed class ApprovedReportRelay(HttpClient http, IOptions<WebOptions> options)
{
    public async Task<TeoHubOutcome> PostAsync(string technicalId, ApprovedReport approved, CancellationToken cancellationToken)
    {
        using var request = ReportApiClient.Request(options.Value, HttpMethod.Post,
            $"airadcr/reports/{Uri.EscapeDataString(technicalId)}/approved", approved, admin: true);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new TeoHubOutcome(TeoHubOutcome.Failed, $"{(int)response.StatusCode}: {await ErrorOfAsync(response, cancellationToken)}");
            }
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return answer.TryGetProperty("teo_hub", out var state) && state.GetString() == TeoHubOutcome.Disabled
                ? new TeoHubOutcome(TeoHubOutcome.Disabled)
                : new TeoHubOutcome(response.StatusCode == HttpStatusCode.Accepted ? TeoHubOutcome.Posted : TeoHubOutcome.Failed);
        }
        catch (Exception error) when (error is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new TeoHubOutcome(TeoHubOutcome.Failed, "ReportApi unreachable (" + error.GetType().Name + ")");
        }
    }

    /// <summary>
    /// <c>POST /airadcr/reports/{tid}/review</c> with the outcome <c>rejected</c> and its reason (the report's
    /// <c>review</c> extension field). Null when recorded, else why not (a 409: another outcome is in force).
    /// </summary>
    public async Task<string?> PostRejectionAsync(string technicalId, string reviewer, DateTimeOffset at, string reason, CancellationToken cancellationToken)
    {
        using var request = ReportApiClient.Request(options.Value, HttpMethod.Post, $"airadcr/reports/{Uri.EscapeDataString(technicalId)}/review",
            new { outcome = "rejected", reviewedBy = reviewer, reviewedAt = at, reason }, admin: true);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode}: {await ErrorOfAsync(response, cancellationToken)}";
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return "ReportApi unreachable (" + error.GetType().Name + ")";
        }
    }

    private static async Task<string> ErrorOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var error = JsonDocument.Parse(text);
            return error.RootElement.TryGetProperty("error", out var message) ? message.GetString() ?? text : text;
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
