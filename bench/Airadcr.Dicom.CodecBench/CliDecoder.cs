using Airadcr.LocalServers;

namespace Airadcr.Dicom.CodecBench;

/// <summary>A command-line decoder run as a process: <c>{Executable} {Prefix...} IN OUT {Suffix...}</c> writes OUT
/// uncompressed. <see cref="Executable"/> is null when the tool is not installed (<see cref="Missing"/> says which
/// package has it).</summary>
internal sealed record CliDecoder(string Name, string? Executable, string[] Prefix, string[] Suffix, string? Missing)
{
    /// <summary>How the command reads in the report (ours: the dll's file name after <c>dotnet</c>, not its full path).</summary>
    public string Display(string input, string output) =>
        string.Join(' ', Executable is { } exe && Path.GetFileNameWithoutExtension(exe) == "dotnet"
            ? ["dotnet", .. Arguments(input, output).Select((a, i) => i == 0 ? Path.GetFileName(a) : a)]
            : [Name, .. Arguments(input, output)]);

    public bool Available => Executable is not null;

    public string[] Arguments(string input, string output) => [.. Prefix, input, output, .. Suffix];


    /// <summary>dcmtk's decoder for a syntax: <c>dcmdrle</c>, <c>dcmdjpeg</c>, <c>dcmdjpls</c>; Debian's dcmtk has
    /// no JPEG 2000 decoder (DCMJP2K is a commercial module), so none for .90/.91.</summary>
    public static CliDecoder? Dcmtk(string transferSyntaxUid) => transferSyntaxUid switch
    {
        "1.2.840.10008.1.2.5" => Tool("dcmdrle", "dcmtk"),
        "1.2.840.10008.1.2.4.50" or "1.2.840.10008.1.2.4.51" or "1.2.840.10008.1.2.4.57" or "1.2.840.10008.1.2.4.70" => Tool("dcmdjpeg", "dcmtk"),
        "1.2.840.10008.1.2.4.80" or "1.2.840.10008.1.2.4.81" => Tool("dcmdjpls", "dcmtk"),
        _ => null,
    };

    /// <summary>GDCM's <c>gdcmconv --raw</c> (every syntax here).</summary>
    public static CliDecoder Gdcm { get; } = Tool("gdcmconv", "libgdcm-tools", prefix: ["--raw"]);

    /// <summary>Ours: <c>dotnet airadcr-dicom.dll transcode IN OUT --ts explicit</c>, the CLI of this build configuration.</summary>
    public static CliDecoder Ours()
    {
        var root = BuiltProject.RepositoryRoot() ?? throw new InvalidOperationException("run from the repository (Airadcr.sln not found upwards)");
        var dll = Path.Combine(root, "tools", "Airadcr.Dicom.Cli", "bin", BuildConfiguration, "net10.0", "airadcr-dicom.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: `dotnet run -c {BuildConfiguration} --project bench/Airadcr.Dicom.CodecBench` builds it");
        }

        var dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? host
            : ToolLocator.Find("dotnet", "dotnet-sdk-10.0");
        return new CliDecoder("airadcr-dicom", dotnet, [dll, "transcode"], ["--ts", "explicit"], null);
    }

    /// <summary>This program's build configuration (Debug or Release), whose CLI build it runs.</summary>
    public static string BuildConfiguration { get; } =
        typeof(CliDecoder).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().SingleOrDefault()?.Configuration ?? "Release";

    private static CliDecoder Tool(string tool, string aptPackage, string[]? prefix = null)
    {
        try
        {
            return new CliDecoder(tool, ToolLocator.Find(tool, aptPackage), prefix ?? [], [], null);
        }
        catch (MissingToolException)
        {
            return new CliDecoder(tool, null, prefix ?? [], [], $"{tool} not found (apt install {aptPackage})");
        }
    }
}
