namespace Airadcr.LocalServers;

/// <summary>Finds the Debian-packaged programs the fixtures start, or fails with the install command.</summary>
public static class ToolLocator
{
    /// <summary>Where Debian puts PostgreSQL 15's server programs (not on PATH).</summary>
    public const string PostgreSqlBinDirectory = "/usr/lib/postgresql/15/bin";

    public static string Find(string tool, string aptPackage, params string[] extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var directories = extraDirectories
            .Concat(path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            .Concat(["/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
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
