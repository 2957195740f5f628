namespace Airadcr.LocalServers;

/// <summary>
/// Our services as built by <c>dotnet build</c>: <c>{repository}/{Project}/bin/**/{Project}.dll</c>, started with
/// <c>dotnet</c> (services share no project reference; the AppHost and the tests start them from their build output).
/// </summary>
public static class BuiltProject
{
    /// <summary>The folder holding <c>Airadcr.sln</c>, found upwards from <paramref name="start"/> (this program's folder by default).</summary>
    public static string? RepositoryRoot(string? start = null)
    {
        var root = new DirectoryInfo(start ?? AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Airadcr.sln")))
        {
            root = root.Parent;
        }
        return root?.FullName;
    }

    /// <summary>
    /// The newest built <c>{project}.dll</c> (of <paramref name="configuration"/>, e.g. Release, when given), or null
    /// when the project has no such build output (or does not exist).
    /// </summary>
    public static string? TryFind(string project, string? repositoryRoot = null, string? configuration = null)
    {
        var root = repositoryRoot ?? RepositoryRoot();
        var bin = root is null ? null : Path.Combine(root, project, "bin", configuration ?? "");
        return bin is not null && Directory.Exists(bin)
            ? Directory.EnumerateFiles(bin, project + ".dll", SearchOption.AllDirectories)
                .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}publish{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
    }

    public static string Find(string project) =>
        TryFind(project) ?? throw new InvalidOperationException($"{project}.dll is not built: run `dotnet build Airadcr.sln` (eng/test.sh does)");

    /// <summary>Starts <c>dotnet {dll} {arguments}</c> as a <see cref="ServerProcess"/> with <paramref name="environment"/> added.</summary>
    public static ServerProcess Start(string name, string dll, string logPath, IReadOnlyDictionary<string, string> environment,
        IEnumerable<string>? arguments = null) =>
        ServerProcess.Start(name, ToolLocator.Find("dotnet", "dotnet-sdk-10.0"), [dll, .. arguments ?? []], logPath, environment);
}
