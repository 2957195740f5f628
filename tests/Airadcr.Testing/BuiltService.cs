using System.Globalization;

namespace Airadcr.Testing;

/// <summary>Another service's build output started as a real process on a loopback HTTP port (see <see cref="BuiltProject"/>).</summary>
public static class BuiltService
{
    /// <summary>A service's built dll, found from the repository root (the folder holding Airadcr.sln).</summary>
    public static string Find(string project) => BuiltProject.Find(project);

    /// <summary>
    /// Starts a built service (<c>dotnet X.dll</c>) on a loopback HTTP port, in Production unless
    /// <paramref name="settings"/> names another <c>ASPNETCORE_ENVIRONMENT</c> or <c>ASPNETCORE_URLS</c> (a Blazor app
    /// run from its build output serves its static assets in Development only).
    /// </summary>
    public static ServerProcess Start(string name, string dll, int httpPort, string logPath, IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>(settings);
        environment.TryAdd("ASPNETCORE_URLS", $"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}");
        environment.TryAdd("ASPNETCORE_ENVIRONMENT", "Production");
        return BuiltProject.Start(name, dll, logPath, environment);
    }

    /// <summary>Waits until the service answers <paramref name="path"/> with a success status.</summary>
    public static async Task WaitForHttpAsync(ServerProcess process, int httpPort, string path, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}") };
        await Readiness.WaitAsync(process, async token => (await client.GetAsync(path, token)).IsSuccessStatusCode, ct);
    }
}
