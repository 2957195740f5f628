using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Airadcr.AppHost.Servers;

/// <summary>Healthy when Orthanc answers <c>GET /system</c> with the run's credentials.</summary>
internal sealed class OrthancHealthCheck(OrthancPacs pacs) : IHealthCheck, IDisposable
{
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var password = await pacs.Password.Resource.GetValueAsync(cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, pacs.Http.Url + "/system");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{OrthancPacs.UserName}:{password}")));
            using var response = await _client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"GET /system answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException error)
        {
            return HealthCheckResult.Unhealthy(error.Message);
        }
    }

    public void Dispose() => _client.Dispose();
}
