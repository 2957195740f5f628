using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Airadcr.LocalServers;

/// <summary>What an Orthanc holds, through its REST API (a client from <see cref="OrthancInstance.CreateClient"/>): benchmarks empty it between runs and check the count after.</summary>
public static class OrthancContents
{
    public static async Task EmptyAsync(HttpClient orthanc, CancellationToken cancellationToken = default)
    {
        foreach (var id in await orthanc.GetFromJsonAsync<List<string>>("studies", cancellationToken) ?? [])
        {
            (await orthanc.DeleteAsync("studies/" + id, cancellationToken)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Throws unless Orthanc holds exactly <paramref name="expected"/> instances.</summary>
    public static async Task ExpectInstancesAsync(HttpClient orthanc, int expected, string what, CancellationToken cancellationToken = default)
    {
        var stored = (await orthanc.GetFromJsonAsync<JsonObject>("statistics", cancellationToken))!["CountInstances"]!.GetValue<int>();
        if (stored != expected)
        {
            throw new InvalidOperationException($"{what}: Orthanc holds {stored} instances, not {expected}");
        }
    }
}
