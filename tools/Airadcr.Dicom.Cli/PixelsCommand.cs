namespace Airadcr.Dicom.Cli;

/// <summary>`pixels FILE --png OUT [--frame N]`.</summary>
internal static class PixelsCommand
{
    public static int Run(string[] args, TextWriter stderr)
    {
        _ = args;
        stderr.WriteLine("pixels: not yet implemented");
        return CliApp.InvalidInput;
    }
}
