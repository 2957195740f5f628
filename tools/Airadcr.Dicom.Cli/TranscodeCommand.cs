using System.Globalization;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Imaging.Codecs;

namespace Airadcr.Dicom.Cli;

/// <summary>`transcode IN OUT --ts NAME|UID [--quality 1-100] [--near N] [--ratio R]`: between the uncompressed
/// syntaxes, deflate, RLE, JPEG, JPEG-LS and JPEG 2000 (decoding and re-encoding pixel data when either side is compressed).</summary>
internal static class TranscodeCommand
{
    /// <summary>Short names for the syntaxes; a UID is accepted too.</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["implicit"] = DicomUids.ImplicitVRLittleEndian,
        ["explicit"] = DicomUids.ExplicitVRLittleEndian,
        ["big"] = DicomUids.ExplicitVRBigEndian,
        ["deflate"] = DicomUids.DeflatedExplicitVRLittleEndian,
        ["rle"] = DicomUids.RLELossless,
        ["jpeg"] = DicomUids.JPEGBaseline8Bit,
        ["jpeg-extended"] = DicomUids.JPEGExtended12Bit,
        ["jpeg-lossless"] = DicomUids.JPEGLossless,
        ["jpeg-sv1"] = DicomUids.JPEGLosslessSV1,
        ["jpegls"] = DicomUids.JPEGLSLossless,
        ["jpegls-near"] = DicomUids.JPEGLSNearLossless,
        ["j2k-lossless"] = DicomUids.JPEG2000Lossless,
        ["j2k"] = DicomUids.JPEG2000,
    };

    public static string SyntaxList => string.Join('|', Names.Keys);

    public static int Run(string[] args, TextWriter stderr)
    {
        var a = new CliArguments(args, "--ts", "--quality", "--near", "--ratio");
        a.ExpectPositional(2);
        var syntax = Syntax(a.RequiredOption("--ts"));
        var options = new DicomCodecOptions(
            Number(a, "--quality", DicomCodecOptions.Default.Quality, 1, 100),
            Number(a, "--near", DicomCodecOptions.Default.NearLossless, 0, 255),
            a.Option("--ratio") is { } ratio
                ? double.TryParse(ratio, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r >= 1 && r <= 1000 ? r
                    : throw new CliUsageException($"--ratio must be a number from 1 to 1000, not '{ratio}'")
                : DicomCodecOptions.Default.CompressionRatio);
        using var file = DicomFile.Open(a.Positional(0, "IN"));
        var transcoded = DicomTranscoder.Transcode(file, syntax, options);

        // Streamed to a temporary file beside OUT, then moved over it: no partial OUT on an error, no copy in memory.
        var output = Path.GetFullPath(a.Positional(1, "OUT"));
        var temporary = output + ".part";
        try
        {
            transcoded.Save(temporary, syntax);
            File.Move(temporary, output, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return CliApp.Ok;
    }

    private static DicomTransferSyntax Syntax(string value)
    {
        if (Names.TryGetValue(value, out var uid))
        {
            return DicomTransferSyntax.Lookup(uid);
        }

        if (DicomTransferSyntax.Uncompressed.Any(ts => ts.Uid == value) || DicomCodecs.Find(value) is not null)
        {
            return DicomTransferSyntax.Lookup(value);
        }

        throw new CliUsageException($"--ts must be {SyntaxList} or the UID of one of them, not '{value}'");
    }

    private static int Number(CliArguments a, string name, int fallback, int min, int max) =>
        a.Option(name) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
        : throw new CliUsageException($"{name} must be a whole number from {min} to {max}, not '{text}'");
}
