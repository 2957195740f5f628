namespace Airadcr.DicomGateway.Tests;

/// <summary>Where the solution build put another service's dll (services share no project reference).</summary>
internal static class BuiltService
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
}
