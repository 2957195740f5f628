using System.Globalization;

namespace Airadcr.Testing;

/// <summary>Runs dcmtk's command-line tools (the reference DICOM implementation our code is checked against).</summary>
public static class DcmtkTools
{
    public const string AptPackage = "dcmtk";

    public static Task<ToolResult> EchoAsync(string calledAe, int port, CancellationToken cancellationToken,
        string callingAe = "ECHOSCU", string host = "127.0.0.1") =>
        RunAsync("echoscu", ["-aet", callingAe, "-aec", calledAe, host, Invariant(port)], cancellationToken);

    /// <summary>C-STORE of files (or directories with <c>+sd</c> scanning) to a peer.</summary>
    public static Task<ToolResult> StoreAsync(string calledAe, int port, IEnumerable<string> files,
        CancellationToken cancellationToken, string callingAe = "STORESCU", string host = "127.0.0.1",
        IEnumerable<string>? options = null) =>
        RunAsync("storescu",
            [.. options ?? [], "-aet", callingAe, "-aec", calledAe, host, Invariant(port), .. files], cancellationToken);

    /// <summary>C-FIND with <c>-k</c> keys, e.g. <c>["QueryRetrieveLevel=STUDY", "StudyInstanceUID"]</c>.</summary>
    public static Task<ToolResult> FindAsync(string calledAe, int port, IEnumerable<string> keys,
        CancellationToken cancellationToken, string callingAe = "FINDSCU", string host = "127.0.0.1", bool studyRoot = true,
        IEnumerable<string>? options = null) =>
        RunAsync("findscu",
            [.. options ?? [], studyRoot ? "-S" : "-P", "-aet", callingAe, "-aec", calledAe, .. keys.SelectMany(k => new[] { "-k", k }),
             host, Invariant(port)], cancellationToken);

    /// <summary>PS3.18 DICOM JSON of a file (binary values inline, like our CLI's <c>json</c>).</summary>
    public static Task<ToolResult> Dcm2JsonAsync(string file, CancellationToken cancellationToken) =>
        RunAsync("dcm2json", ["--compact-code", file], cancellationToken);

    public static Task<ToolResult> DcmDumpAsync(string file, CancellationToken cancellationToken, params string[] options) =>
        RunAsync("dcmdump", [.. options, file], cancellationToken);

    /// <summary>Runs any dcmtk tool with <c>TCP_NODELAY=1</c> (dcmtk keeps Nagle on otherwise: ~90 ms per C-ECHO).</summary>
    public static Task<ToolResult> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ExternalTool.RunAsync(tool, AptPackage, arguments, cancellationToken);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
