namespace Airadcr.AppHost.Hosting;

/// <summary>What every resource needs to start: options, the run folder layout, the repository.</summary>
internal sealed class RunContext(AppHostOptions options, string repositoryRoot)
{
    public AppHostOptions Options => options;

    public string RepositoryRoot => repositoryRoot;

    /// <summary>The resource's own folder under the run folder (created).</summary>
    public string DataDirectoryOf(Resource resource) => Directory.CreateDirectory(Path.Combine(options.DataDirectory, resource.Name)).FullName;

    /// <summary>The resource's log file (<c>logs/{name}.log</c>, appended across runs).</summary>
    public string LogPathOf(Resource resource) =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(options.DataDirectory, "logs")).FullName, resource.Name + ".log");
}
