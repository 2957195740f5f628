using Airadcr.Dicom.IO;
using Airadcr.Dicom.Text;

namespace Airadcr.Dicom.Cli;

/// <summary>`dump FILE`: meta group and dataset, dcmdump style.</summary>
internal static class DumpCommand
{
    public static int Run(string[] args, TextWriter stdout)
    {
        var a = new CliArguments(args);
        a.ExpectPositional(1);
        using var file = DicomFile.Open(a.Positional(0, "FILE"));
        stdout.WriteLine("# Dicom-File-Format");
        stdout.WriteLine();
        stdout.WriteLine("# Dicom-Meta-Information-Header");
        stdout.WriteLine($"# Used TransferSyntax: {file.TransferSyntax.Name}");
        DicomDumpWriter.Write(stdout, file.Meta);
        stdout.WriteLine();
        stdout.WriteLine("# Dicom-Data-Set");
        stdout.WriteLine($"# Used TransferSyntax: {file.TransferSyntax.Name}");
        DicomDumpWriter.Write(stdout, file.Dataset);
        return CliApp.Ok;
    }
}
