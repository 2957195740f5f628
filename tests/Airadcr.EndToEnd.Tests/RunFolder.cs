using Airadcr.Testing;

namespace Airadcr.EndToEnd.Tests;

/// <summary>
/// A temporary run folder for the AppHost. Temporary directories are 0700; PostgreSQL runs as the <c>postgres</c>
/// user (tests run as root) and must traverse it to reach its cluster, so the folder is opened to 0755.
/// </summary>
internal static class RunFolder
{
    public static FixtureDirectory Create(string purpose)
    {
        var directory = new FixtureDirectory(purpose);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory.Path, (UnixFileMode)0b111_101_101);
        }
        return directory;
    }
}
