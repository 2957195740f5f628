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
    public static ProcessPeer Ours(string workDirectory) =>
        new("airadcr-dicom", NativeCli.Publish(Path.Combine(workDirectory, "cli")), ["deidentify"], ["--profile", "basic", "--secret-env", SecretVariable]);

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

        ToolRun.Output(python, ["-c", "import pydicom"]);
        return new ProcessPeer("pydicom", python,
            [Path.Combine(AppContext.BaseDirectory, "deidentify_pydicom.py"), Path.Combine(root, "eng", "data", "confidentiality-profile-attributes.json")],
            []);
    }

    /// <summary>The command as the report shows it (paths shortened to file names).</summary>
    public string Display => string.Join(' ', [Path.GetFileName(Executable), .. Prefix.Select(Path.GetFileName), "IN_DIR", "OUT_DIR", .. Suffix]);

    /// <summary>One run over <paramref name="input"/> into a fresh <paramref name="output"/> (emptied first,
    /// untimed), its CPU time measured by <c>/usr/bin/time</c>; throws when it fails or writes fewer files than it read.</summary>
    public Sample RunOnce(string input, string output, string secret)
    {
        Folders.Recreate(output);
        var usage = output + ".time";
        var watch = Stopwatch.StartNew();
        ToolRun.Output("/usr/bin/time", ["-f", "%U %S", "-o", usage, Executable, .. Prefix, input, output, .. Suffix],
            new Dictionary<string, string> { [SecretVariable] = secret });
        var wall = watch.Elapsed.TotalSeconds;
        Folders.ExpectSameCount(input, output, Name);
        var cpu = File.ReadAllText(usage).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).TakeLast(2)
            .Sum(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture));
        return new Sample(wall, cpu);
    }
}
