using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Cli;

/// <summary>`transcode IN OUT --ts implicit|explicit|big|deflate`.</summary>
internal static class TranscodeCommand
{
    public static int Run(string[] args, TextWriter stderr)
    {
        var a = new CliArguments(args, "--ts");
        a.ExpectPositional(2);
        var syntax = a.RequiredOption("--ts") switch
        {
            "implicit" => DicomTransferSyntax.ImplicitVRLittleEndian,
            "explicit" => DicomTransferSyntax.ExplicitVRLittleEndian,
            "big" => DicomTransferSyntax.ExplicitVRBigEndian,
            "deflate" => DicomTransferSyntax.DeflatedExplicitVRLittleEndian,
            var other => throw new CliUsageException($"--ts must be implicit, explicit, big or deflate, not '{other}'"),
        };
        using var file = DicomFile.Open(a.Positional(0, "IN"));
        using var output = new MemoryStream();
        file.Save(output, syntax);
        File.WriteAllBytes(a.Positional(1, "OUT"), output.ToArray());
        return CliApp.Ok;
    }
}
