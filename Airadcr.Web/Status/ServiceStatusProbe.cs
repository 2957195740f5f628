namespace Airadcr.Web.Status;

/// <summary>One service's health as the status page shows it.</summary>
public sealed record ServiceHealth(string Service, bool Healthy, string Detail);

/// <summary>Asks each service of the graph for <c>/alive</c> (ServiceDefaults) through service discovery.</summary>
public sealed class ServiceStatusProbe(IHttpClientFactory clients)
{
    public const string ClientName = "status";
    public static readonly IReadOnlyList<string> Services = ["reportapi", "dicomgateway", "inference"];

    public async Task<IReadOnlyList<ServiceHealth>> CheckAllAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(Services.Select(service => CheckAsync(service, cancellationToken)));

    private async Task<ServiceHealth> CheckAsync(string service, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(ClientName);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var response = await http.GetAsync($"http://{service}/alive", timeout.Token);
            return new ServiceHealth(service, response.IsSuccessStatusCode, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception error) when (error is HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            return new ServiceHealth(service, false, error.GetType().Name);
        }
    }
}
