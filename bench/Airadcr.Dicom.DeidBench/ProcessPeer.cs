using System.Diagnostics;
using Airadcr.LocalServers;

namespace Airadcr.Dicom.DeidBench;

/// <summary>A de-identifier run as a program over a whole folder: <c>{Executable} {Prefix...} IN_DIR OUT_DIR
/// {Suffix...}</c>, the project secret in <see cref="SecretVariable"/> (never on the command line).</summary>
internal sealed record ProcessPeer(string Name, string Executable, string[] Prefix, string[] Suffix)
{
    public const string SecretVariable = "AIRADCR_DEID_SECRET";

    /// <summary>Ours as installed: <c>airadcr-dicom deidentify IN OUT --profile basic --secret-env VAR</c>, the native
    /// executable `dotnet publish tools/Airadcr.Dicom.Cli -c Release` writes (Native AOT), published into
    /// <paramref name="workDirectory"/>.</summary>
    public static ProcessPeer Ours(string workDirectory)
    {
        var root = BuiltProject.RepositoryRoot() ?? throw new InvalidOperationException("run from the repository (Airadcr.sln not found upwards)");
        var output = Path.Combine(workDirectory, "cli");
        var dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? host
            : ToolLocator.Find("dotnet", "dotnet-sdk-10.0");
        Tool.Run(dotnet, ["publish", Path.Combine(root, "tools", "Airadcr.Dicom.Cli"), "-c", "Release", "-o", output, "--nologo", "-v", "quiet"]);
        var executable = Path.Combine(output, "airadcr-dicom");
        return File.Exists(executable)
            ? new ProcessPeer("airadcr-dicom", executable, ["deidentify"], ["--profile", "basic", "--secret-env", SecretVariable])
            : throw new InvalidOperationException($"`dotnet publish` wrote no {executable} (Native AOT needs clang: apt install clang)");
    }

    /// <summary><c>/usr/bin/python3 deidentify_pydicom.py PROFILE_JSON IN OUT</c>: Debian's python3 and
    /// python3-pydicom (not a pyenv python).</summary>
    public static ProcessPeer Pydicom()
    {
        var root = BuiltProject.RepositoryRoot() ?? throw new InvalidOperationException("run from the repository (Airadcr.sln not found upwards)");
        const string python = "/usr/bin/python3";
        if (!File.Exists(python))
        {
            throw new MissingToolException(python, "python3-pydicom");
        }

        Tool.Run(python, ["-c", "import pydicom"]);
        return new ProcessPeer("pydicom", python,
            [Path.Combine(AppContext.BaseDirectory, "deidentify_pydicom.py"), Path.Combine(root, "eng", "data", "confidentiality-profile-attributes.json")],
            []);
    }

    /// <summary>The command as the report shows it (paths shortened to file names).</summary>
    public string Display => string.Join(' ', [Path.GetFileName(Executable), .. Prefix.Select(Path.GetFileName), "IN_DIR", "OUT_DIR", .. Suffix]);

    /// <summary>Seconds of one run over <paramref name="input"/> into a fresh <paramref name="output"/> (emptied
    /// first, untimed); throws when it fails or writes fewer files than it read.</summary>
    public double RunOnce(string input, string output, string secret)
    {
        Folders.Recreate(output);
        var watch = Stopwatch.StartNew();
        Tool.Run(Executable, [.. Prefix, input, output, .. Suffix], (SecretVariable, secret));
        var seconds = watch.Elapsed.TotalSeconds;
        Folders.ExpectSameCount(input, output, Name);
        return seconds;
    }
}
