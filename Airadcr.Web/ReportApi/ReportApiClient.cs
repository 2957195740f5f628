using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.Audit.Verification;
using Airadcr.Web.Configuration;
using Microsoft.Extensions.Options;

namespace Airadcr.Web.ReportApi;

/// <summary>
/// The ReportApi, server to server (base address <c>http://reportapi</c> through service discovery): reports with the
/// Web's API key, the listing and API keys with the admin key. Nothing here reaches the browser.
/// </summary>
public sealed class ReportApiClient(HttpClient http, IOptions<WebOptions> options)
{
    public const string ApiKeyHeader = "X-API-Key";
    public const string AdminKeyHeader = "X-Admin-Key";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public Task<ReportListPage> QueryAsync(ReportListQuery query, CancellationToken cancellationToken) =>
        SendAsync<ReportListPage>(HttpMethod.Post, "airadcr/reports/query", query, admin: true, cancellationToken);

    /// <summary>The report, or null when it does not exist or expired.</summary>
    public async Task<ReportData?> GetReportAsync(string technicalId, CancellationToken cancellationToken)
    {
        using var request = Request(options.Value, HttpMethod.Get, "pending-report?tid=" + Uri.EscapeDataString(technicalId), null, admin: false);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return null;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<ReportEnvelope>(Json, cancellationToken))?.Data;
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync(CancellationToken cancellationToken) =>
        (await SendAsync<ApiKeyList>(HttpMethod.Get, "api-keys", null, admin: true, cancellationToken)).Keys;

    public Task<CreatedApiKey> CreateApiKeyAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<CreatedApiKey>(HttpMethod.Post, "api-keys", new { name }, admin: true, cancellationToken);

    public async Task RevokeApiKeyAsync(string id, CancellationToken cancellationToken)
    {
        using var request = Request(options.Value, HttpMethod.Delete, "api-keys/" + Uri.EscapeDataString(id), null, admin: true);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>GET /admin/audit/verify (admin key): the ReportApi's verification of its own audit chain.</summary>
    public async Task<AuditVerificationReport> VerifyAuditAsync(CancellationToken cancellationToken)
    {
        using var request = Request(options.Value, HttpMethod.Get, AuditVerifyEndpoint.Path.TrimStart('/'), null, admin: true);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<AuditVerificationReport>(AuditVerifyEndpoint.Json, cancellationToken)
            ?? throw new HttpRequestException("ReportApi: empty audit verification");
    }

    /// <summary>GET /health; true when it answers 200.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("health", cancellationToken);
        return response.IsSuccessStatusCode;
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, bool admin, CancellationToken cancellationToken)
    {
        using var request = Request(options.Value, method, path, body, admin);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new HttpRequestException($"ReportApi {path}: empty answer");
    }

    /// <summary>A request to the ReportApi with its JSON body and the Web's API key, or its admin key.</summary>
    internal static HttpRequestMessage Request(WebOptions web, HttpMethod method, string path, object? body, bool admin)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }
        var key = admin ? web.ReportApiAdminKey : web.ReportApiKey;
        if (!string.IsNullOrEmpty(key))
        {
            request.Headers.Add(admin ? AdminKeyHeader : ApiKeyHeader, key);
        }
        return request;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"ReportApi answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }
    }
}
