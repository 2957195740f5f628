namespace Airadcr.Dicom.CodecBench;

/// <summary>An independent encoder's command line (dcmtk or GDCM) that writes one compressed syntax.</summary>
internal sealed record Encoder(string Tool, string AptPackage, string[] Options)
{
    public override string ToString() => string.Join(' ', [Tool, .. Options]);
}

/// <summary>One measured file: a phantom compressed into <see cref="TransferSyntaxUid"/> by <see cref="Encoder"/>.</summary>
internal sealed record BenchCase(string Syntax, string TransferSyntaxUid, string Phantom, Encoder Encoder, bool Lossy)
{
    public string FileName => $"{Phantom}-{TransferSyntaxUid}.dcm";
}

/// <summary>Every syntax of issue 19 that dcmtk or GDCM can write, on the phantoms it applies to: RLE, JPEG Lossless
/// SV1 and any predictor, JPEG-LS and JPEG 2000 on all three (or two); JPEG Baseline on the 8-bit RGB, JPEG Extended on
/// the 12-bit MR (what dcmtk writes them for); JPEG-LS near-lossless on MR and RGB (dcmcjpls refuses signed data for
/// it); JPEG 2000, the slowest to decode, on CT and MR (lossy: CT) to keep a run within minutes. GDCM's long option
/// <c>--rate</c> aborts (an assertion in gdcmconv 3.0), hence <c>-r</c>.</summary>
internal static class Cases
{
    private const string Dcmtk = "dcmtk";
    private const string Gdcm = "libgdcm-tools";

    public static IReadOnlyList<BenchCase> All { get; } =
    [
        .. Each("RLE Lossless", "1.2.840.10008.1.2.5", new Encoder("dcmcrle", Dcmtk, []), false, "ct", "mr", "rgb"),
        .. Each("JPEG Lossless SV1", "1.2.840.10008.1.2.4.70", new Encoder("dcmcjpeg", Dcmtk, ["+e1"]), false, "ct", "mr", "rgb"),
        .. Each("JPEG Lossless (SV 6)", "1.2.840.10008.1.2.4.57", new Encoder("dcmcjpeg", Dcmtk, ["+el", "+sv", "6"]), false, "ct", "mr"),
        .. Each("JPEG Baseline", "1.2.840.10008.1.2.4.50", new Encoder("dcmcjpeg", Dcmtk, ["+eb"]), true, "rgb"),
        .. Each("JPEG Extended (12-bit)", "1.2.840.10008.1.2.4.51", new Encoder("dcmcjpeg", Dcmtk, ["+ee"]), true, "mr"),
        .. Each("JPEG-LS Lossless", "1.2.840.10008.1.2.4.80", new Encoder("dcmcjpls", Dcmtk, ["+el"]), false, "ct", "mr", "rgb"),
        .. Each("JPEG-LS Near-Lossless (NEAR 2)", "1.2.840.10008.1.2.4.81", new Encoder("dcmcjpls", Dcmtk, ["+en"]), true, "mr", "rgb"),
        .. Each("JPEG 2000 Lossless", "1.2.840.10008.1.2.4.90", new Encoder("gdcmconv", Gdcm, ["--j2k"]), false, "ct", "mr"),
        .. Each("JPEG 2000 (lossy, rate 10)", "1.2.840.10008.1.2.4.91", new Encoder("gdcmconv", Gdcm, ["--j2k", "--lossy", "-r", "10"]), true, "ct"),
    ];

    private static IEnumerable<BenchCase> Each(string syntax, string uid, Encoder encoder, bool lossy, params string[] phantoms) =>
        phantoms.Select(p => new BenchCase(syntax, uid, p, encoder, lossy));
}

internal static class Encoders
{
    public static string Locate(Encoder encoder) => Airadcr.LocalServers.ToolLocator.Find(encoder.Tool, encoder.AptPackage);
}
