namespace Airadcr.AppHost.Run;

/// <summary>
/// The run folder (<c>--data</c>, default <c>.airadcr</c>): one folder per resource (a PostgreSQL cluster, Orthanc's
/// storage, each service's data), <c>logs/</c> (every resource's console output) and <c>secrets/</c> (generated on
/// first use, owner-only, kept with the data they protect).
/// </summary>
public sealed class RunFolder
{
    public RunFolder(AppHostOptions options)
    {
        Path = options.DataDirectory ?? throw new ArgumentException("the run folder is not set", nameof(options));
        if (options.Fresh && options.Command == "run" && Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    public string Path { get; }

    public string Logs => System.IO.Path.Combine(Path, "logs");

    /// <summary>The folder of one resource, created.</summary>
    public string DirectoryOf(string resource) => Directory.CreateDirectory(System.IO.Path.Combine(Path, resource)).FullName;

    /// <summary>A secret of this run folder (generated on first read).</summary>
    public RunSecret Secret(string name, SecretShapeAnnotation? shape = null) => new(Path, name, shape ?? SecretShapeAnnotation.Prefixed());
}
