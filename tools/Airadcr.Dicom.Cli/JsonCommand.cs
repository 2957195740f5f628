using Airadcr.Dicom.IO;
using Airadcr.Dicom.Json;

namespace Airadcr.Dicom.Cli;

/// <summary>`json FILE [--bulk-uri PREFIX]`: the dataset as DICOM JSON (binary inline like dcm2json).</summary>
internal static class JsonCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new CliArguments(args, "--bulk-uri");
        a.ExpectPositional(1);
        using var file = DicomFile.Open(a.Positional(0, "FILE"));
        var prefix = a.Option("--bulk-uri");
        var options = prefix is null
            ? DicomJsonOptions.Default
            : DicomJsonOptions.Default with { BulkDataUri = (tag, _) => $"{prefix}{tag.Value:X8}" };
        stdout.WriteLine(DicomJsonWriter.ToJson(file.Dataset, options));
        return CliApp.Ok;
    }
}
