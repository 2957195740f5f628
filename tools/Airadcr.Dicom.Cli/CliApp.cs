namespace Airadcr.Dicom.Cli;

/// <summary>Dispatches `airadcr-dicom COMMAND ...`. Exit codes: 0 ok, 1 invalid input, 2 usage.</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int InvalidInput = 1;
    public const int Usage = 2;

    private const string UsageText = """
        usage: airadcr-dicom COMMAND ...
          dump FILE                          dcmdump-like listing
          json FILE [--bulk-uri PREFIX]      DICOM JSON (PS3.18 F) on stdout; binary values inline unless --bulk-uri
          transcode IN OUT --ts SYNTAX [--quality 1-100] [--near N] [--ratio R]
                                             SYNTAX: implicit explicit big deflate rle jpeg jpeg-extended
                                             jpeg-lossless jpeg-sv1 jpegls jpegls-near j2k-lossless j2k, or a UID
          validate FILE                      structure, VR/VM against the dictionary, odd lengths
          pixels FILE --png OUT [--frame N]  render a frame (default window) to PNG
          deidentify IN OUT --profile PROFILE (--secret-file FILE | --secret-env VAR) [--pixel-rules FILE.json]
                                             PS3.15 Annex E basic profile; IN/OUT files or directories (recursive).
                                             PROFILE: basic[+retain-safe-private][+retain-uids][+retain-device-identity]
                                             [+retain-institution-identity][+retain-patient-characteristics]
                                             [+full-dates|+modified-dates][+clean-descriptors]
                                             [+clean-structured-content][+clean-graphics]
          rtstruct IN_DIR --out OUT          every RT Structure Set under IN_DIR against the images there: per-ROI
                                             masks (.nii.gz), meshes (.stl), volumes and surfaces in OUT/summary.json
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length < 2)
        {
            stderr.WriteLine(UsageText);
            return Usage;
        }

        try
        {
            return args[0] switch
            {
                "dump" => DumpCommand.Run(args[1..], stdout),
                "json" => JsonCommand.Run(args[1..], stdout, stderr),
                "transcode" => TranscodeCommand.Run(args[1..], stderr),
                "validate" => ValidateCommand.Run(args[1..], stdout),
                "pixels" => PixelsCommand.Run(args[1..], stderr),
                "deidentify" => DeidentifyCommand.Run(args[1..], stdout, stderr),
                "rtstruct" => RtStructCommand.Run(args[1..], stdout, stderr),
                _ => UsageError(stderr, $"unknown command '{args[0]}'"),
            };
        }
        catch (CliUsageException ex)
        {
            return UsageError(stderr, ex.Message);
        }
        catch (Exception ex) when (ex is Deidentification.DeidentificationRefusedException or DicomFormatException or DicomValueException or Imaging.DicomPixelModuleException or IOException
                                       or UnauthorizedAccessException or NotSupportedException or InvalidOperationException)
        {
            stderr.WriteLine($"airadcr-dicom: {ex.Message}");
            return InvalidInput;
        }
    }

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"airadcr-dicom: {message}");
        stderr.WriteLine(UsageText);
        return Usage;
    }
}
