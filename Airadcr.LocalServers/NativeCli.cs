namespace Airadcr.LocalServers;

/// <summary><c>airadcr-dicom</c> as it is installed: the native executable (Native AOT) that
/// <c>dotnet publish tools/Airadcr.Dicom.Cli -c Release</c> writes, what the benches run against dcmtk, GDCM,
/// pydicom and Orthanc.</summary>
public static class NativeCli
{
    /// <summary>Publishes the CLI into <paramref name="outputDirectory"/> and returns the executable's path.</summary>
    public static string Publish(string outputDirectory)
    {
        var root = BuiltProject.RepositoryRoot() ?? throw new InvalidOperationException("run from the repository (Airadcr.sln not found upwards)");
        var dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? host
            : ToolLocator.Find("dotnet", "dotnet-sdk-10.0");
        ToolRun.Output(dotnet, ["publish", Path.Combine(root, "tools", "Airadcr.Dicom.Cli"), "-c", "Release", "-o", outputDirectory, "--nologo", "-v", "quiet"]);
        var executable = Path.Combine(outputDirectory, "airadcr-dicom");
        return File.Exists(executable)
            ? executable
            : throw new InvalidOperationException($"`dotnet publish` wrote no {executable} (Native AOT needs clang: apt install clang)");
    }
}
