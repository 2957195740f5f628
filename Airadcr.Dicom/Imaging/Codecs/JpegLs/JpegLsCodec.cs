namespace Airadcr.Dicom.Imaging.Codecs.JpegLs;

/// <summary>JPEG-LS Lossless (1.2.840.10008.1.2.4.80) and Near-Lossless (.81) frames through CharLS 2.4, the
/// standard's reference implementation (Debian's libcharls2, P/Invoke). Frames decode to the stored photometric
/// interpretation (RGB stays RGB, YBR_FULL stays YBR_FULL). Near-Lossless encodes with
/// <see cref="DicomCodecOptions.NearLossless"/>; it takes only unsigned samples, since a NEAR error on a signed
/// value's bit pattern can cross the sign bit (dcmtk refuses the same).</summary>
internal sealed class JpegLsCodec(bool nearLossless) : IDicomFrameCodec
{
    /// <summary>The largest NEAR accepted (ISO/IEC 14495-1 C.2.4.1.1: min(255, MAXVAL/2)).</summary>
    private const int MaxNear = 255;

    public string TransferSyntaxUid => nearLossless ? DicomUids.JPEGLSNearLossless : DicomUids.JPEGLSLossless;

    public bool IsLossy => nearLossless;

    public string DecodedPhotometric(DicomImageInfo info) => info.Photometric;

    public byte[] Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info) => JpegLsDecoder.Decode(encoded, info);

    public void Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info, Span<byte> destination) =>
        JpegLsDecoder.Decode(encoded, info, destination);

    public bool CanEncode(DicomImageInfo info) =>
        info.BitsAllocated is 8 or 16
        && info.BitsStored >= 2
        && info.HighBit == info.BitsStored - 1
        && !(nearLossless && info.IsSigned)
        && (info.SamplesPerPixel, info.Photometric) is (1, "MONOCHROME1" or "MONOCHROME2" or "PALETTE COLOR") or (3, "RGB" or "YBR_FULL");

    public DicomEncodedFrame Encode(ReadOnlySpan<byte> frame, DicomImageInfo info, DicomCodecOptions options)
    {
        if (!CanEncode(info))
        {
            throw new NotSupportedException($"JPEG-LS cannot encode {info.BitsStored}/{info.BitsAllocated}-bit {info.Photometric} with {info.SamplesPerPixel} sample(s){(info.IsSigned && nearLossless ? ", signed, near-lossless" : "")}");
        }

        var near = nearLossless ? options.NearLossless : 0;
        var limit = Math.Min(MaxNear, ((1 << info.BitsStored) - 1) / 2); // unsigned only: P = Bits Stored
        if (near < 0 || near > limit)
        {
            throw new ArgumentOutOfRangeException(nameof(options), near, $"JPEG-LS NEAR must be 0..{limit} for {info.BitsStored}-bit samples");
        }

        return new DicomEncodedFrame(JpegLsEncoder.Encode(frame, info, near), info.Photometric);
    }
}
