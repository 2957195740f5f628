namespace Microsoft.Extensions.Hosting;

/// <summary>The command line every AIRADCR service builds its host from.</summary>
public static class ServiceHostArguments
{
    /// <summary>
    /// <paramref name="args"/> plus <c>hostBuilder:reloadConfigOnChange=false</c>: appsettings files are read once.
    /// Watching them for changes watches the whole content root (the working directory) recursively; with a data or
    /// storage folder under it (a service started from the home folder or from the AppHost's repository root) every
    /// database, WAL or instance write becomes a file event for a watcher thread. Our services read their settings at
    /// start-up only.
    /// </summary>
    public static string[] For(string[] args) => [.. args, "--hostBuilder:reloadConfigOnChange=false"];
}
