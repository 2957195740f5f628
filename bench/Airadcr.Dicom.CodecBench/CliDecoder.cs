using Airadcr.LocalServers;

namespace Airadcr.Dicom.CodecBench;

/// <summary>A command-line decoder run as a process: <c>{Executable} {Prefix...} IN OUT {Suffix...}</c> writes OUT
/// uncompressed. <see cref="Executable"/> is null when the tool is not installed (<see cref="Missing"/> says which
/// package has it).</summary>
internal sealed record CliDecoder(string Name, string? Executable, string[] Prefix, string[] Suffix, string? Missing)
{
    /// <summary>How the command reads in the report: its name, not its full path.</summary>
    public string Display(string input, string output) => string.Join(' ', [Name, .. Arguments(input, output)]);

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

    /// <summary>Ours as it is installed: <c>airadcr-dicom transcode IN OUT --ts explicit</c>, the native executable
    /// `dotnet publish tools/Airadcr.Dicom.Cli -c Release` writes (Native AOT), published here into
    /// <paramref name="workDirectory"/>.</summary>
    public static CliDecoder Ours(string workDirectory) =>
        new("airadcr-dicom", NativeCli.Publish(Path.Combine(workDirectory, "cli")), ["transcode"], ["--ts", "explicit"], null);

    /// <summary>This program's build configuration (Debug or Release): the in-process figures come from it.</summary>
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
