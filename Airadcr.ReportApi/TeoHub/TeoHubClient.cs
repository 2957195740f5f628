using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.ReportApi.Configuration;
using Airadcr.ReportApi.Logging;
using Microsoft.Extensions.Options;

namespace Airadcr.ReportApi.TeoHub;

/// <summary>
/// Client of the TÉO Hub AI server ([teo_hub] section; disabled by default): health, get AI report, post approved
/// report. Each attempt is bounded by timeout_secs; failures (network, timeout, 5xx) are retried retry_count times
/// after retry_delay_ms doubling each time; https when tls_enabled. The token (AIRADCR_TEO_HUB_TOKEN) goes in the
/// API_TOKEN header.
/// </summary>
public sealed class TeoHubClient : IDisposable
{
    public const string TokenHeader = "API_TOKEN";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
    private readonly TeoHubOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<TeoHubClient> logger;
    private readonly HttpClient http;

    public TeoHubClient(IOptions<DesktopOptions> desktop, DesktopEnvironment environment, TimeProvider timeProvider, ILogger<TeoHubClient> logger)
    {
        options = desktop.Value.TeoHub;
        this.timeProvider = timeProvider;
        this.logger = logger;
        http = new HttpClient(new SocketsHttpHandler(), disposeHandler: true)
        {
            BaseAddress = options.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (environment.TeoHubToken is { } token)
        {
            http.DefaultRequestHeaders.Add(TokenHeader, token);
        }
    }

    public bool IsEnabled => options.Enabled;

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync("health", () => new HttpRequestMessage(HttpMethod.Get, options.HealthEndpoint), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (TeoHubException)
        {
            return false;
        }
    }

    /// <summary>The AI report for a study, or null when TÉO Hub has none (404).</summary>
    public async Task<TeoAiReport?> GetAiReportAsync(string patientId, string studyUid, CancellationToken cancellationToken)
    {
        var path = $"{options.GetReportEndpoint}?patient_id={Uri.EscapeDataString(patientId)}&study_uid={Uri.EscapeDataString(studyUid)}";
        using var response = await SendAsync("get_ai_report", () => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess(response, "get_ai_report");
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        if (!document.RootElement.TryGetProperty("result", out var result) || !result.TryGetProperty("structured_report", out var report))
        {
            throw new TeoHubException("TÉO Hub answer has no result.structured_report");
        }

        return report.Deserialize<TeoAiReport>(Json);
    }

    public async Task PostApprovedReportAsync(TeoApprovedReport approved, CancellationToken cancellationToken)
    {
        using var response = await SendAsync("post_approved_report",
            () => new HttpRequestMessage(HttpMethod.Post, options.PostReportEndpoint) { Content = JsonContent.Create(approved, options: Json) },
            cancellationToken);
        EnsureSuccess(response, "post_approved_report");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!body.TryGetProperty("status", out var status) || status.GetString() != "OK")
        {
            throw new TeoHubException("TÉO Hub did not confirm the approved report");
        }
    }

    public void Dispose() => http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(string operation, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            throw new TeoHubException("TÉO Hub is disabled ([teo_hub] enabled = false)");
        }

        var attempts = options.RetryCount + 1;
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSecs));
            Exception failure;
            try
            {
                using var message = request();
                var response = await http.SendAsync(message, timeout.Token);
                if ((int)response.StatusCode < 500)
                {
                    return response;
                }

                failure = new TeoHubException($"TÉO Hub {operation} answered {(int)response.StatusCode}");
                response.Dispose();
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                failure = e;
            }

            logger.TeoHubAttemptFailed(operation, attempt, attempts, failure);
            if (attempt == attempts)
            {
                throw new TeoHubException($"TÉO Hub {operation} failed after {attempts} attempt(s)", failure);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(options.RetryDelayMs * Math.Pow(2, attempt - 1)), timeProvider, cancellationToken);
        }
    }

    private static void EnsureSuccess(HttpResponseMessage response, string operation)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new TeoHubException($"TÉO Hub {operation} answered {(int)response.StatusCode}");
        }
    }
}
