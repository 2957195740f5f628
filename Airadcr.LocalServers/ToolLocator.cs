namespace Airadcr.LocalServers;

/// <summary>Finds the Debian-packaged programs the fixtures and the AppHost start, or fails with the install command.</summary>
public static class ToolLocator
{
    /// <summary>Where Debian puts PostgreSQL 15's server programs (not on PATH).</summary>
    public const string PostgreSqlBinDirectory = "/usr/lib/postgresql/15/bin";

    /// <summary>Looks in <paramref name="extraDirectories"/>, then PATH, then the system's program folders.</summary>
    public static string Find(string tool, string aptPackage, params string[] extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var directories = extraDirectories
            .Concat(path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            .Concat(["/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        return FindIn(directories, tool, aptPackage);
    }

    /// <summary>
    /// A server program (PostgreSQL, Redis, Orthanc): only in <paramref name="serverPath"/> when one is given (the
    /// AppHost's <c>--server-path</c> / <c>AIRADCR_SERVER_PATH</c>: another PostgreSQL version, a locally built Orthanc,
    /// or an empty folder to run every server on its embedded default), else as <see cref="Find"/>.
    /// </summary>
    public static string FindServer(string tool, string aptPackage, IReadOnlyList<string>? serverPath, params string[] extraDirectories) =>
        serverPath is null ? Find(tool, aptPackage, extraDirectories) : FindIn(serverPath, tool, aptPackage);

    private static string FindIn(IEnumerable<string> directories, string tool, string aptPackage)
    {
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new MissingToolException(tool, aptPackage);
    }
}
