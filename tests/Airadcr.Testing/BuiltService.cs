using System.Globalization;

namespace Airadcr.Testing;

/// <summary>Where the solution build put another service's dll (services share no project reference).</summary>
public static class BuiltService
{
    /// <summary>A service's built dll, found from the repository root (the folder holding Airadcr.sln).</summary>
    public static string Find(string project)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Airadcr.sln")))
        {
            root = root.Parent;
        }
        var bin = root is null ? null : Path.Combine(root.FullName, project, "bin");
        return (bin is not null && Directory.Exists(bin)
                ? Directory.EnumerateFiles(bin, project + ".dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
                : null)
            ?? throw new InvalidOperationException($"{project}.dll is not built: run `dotnet build Airadcr.sln` (eng/test.sh does)");
    }

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
        return ServerProcess.Start(name, ToolLocator.Find("dotnet", "dotnet-sdk-10.0"), [dll], logPath, environment);
    }

    /// <summary>Waits until the service answers <paramref name="path"/> with a success status.</summary>
    public static async Task WaitForHttpAsync(ServerProcess process, int httpPort, string path, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}") };
        await Readiness.WaitAsync(process, async token => (await client.GetAsync(path, token)).IsSuccessStatusCode, ct);
    }
}
