using Airadcr.Dicom.Imaging.Codecs.Jpeg2000;

namespace Airadcr.Dicom.Imaging.Codecs;

/// <summary>JPEG 2000 (PS3.5 A.4.4) through OpenJPEG: Lossless Only (1.2.840.10008.1.2.4.90) encodes with the
/// reversible wavelet and colour transform (YBR_RCT); JPEG 2000 (.91) encodes lossy, irreversible wavelet and colour
/// transform (YBR_ICT) at <see cref="DicomCodecOptions.CompressionRatio"/>. Both decode either kind, raw codestreams
/// or JP2; YBR_RCT and YBR_ICT frames come out RGB, the library inverting the codestream's transform.</summary>
internal sealed class Jpeg2000Codec(bool lossy) : IDicomFrameCodec
{
    public string TransferSyntaxUid => lossy ? DicomUids.JPEG2000 : DicomUids.JPEG2000Lossless;

    public bool IsLossy => lossy;

    public string DecodedPhotometric(DicomImageInfo info) =>
        info.Photometric is "YBR_ICT" or "YBR_RCT" ? "RGB" : info.Photometric;

    public byte[] Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info) => Jpeg2000Decoder.Decode(encoded, info);

    public void Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info, Span<byte> destination) =>
        Jpeg2000Decoder.Decode(encoded, info, destination);

    /// <summary>8 or 16-bit containers with up to 16 stored bits at the bottom; monochrome or palette frames, or RGB and
    /// YBR_FULL colour frames (interleaved as every frame is here).</summary>
    public bool CanEncode(DicomImageInfo info) =>
        info.BitsAllocated is 8 or 16 && info.HighBit == info.BitsStored - 1
        && (info.SamplesPerPixel == 1
            ? info.IsMonochrome || info.Photometric == "PALETTE COLOR"
            : info.Photometric is "RGB" or "YBR_FULL");

    public DicomEncodedFrame Encode(ReadOnlySpan<byte> frame, DicomImageInfo info, DicomCodecOptions options)
    {
        var colourTransform = info.Photometric == "RGB";
        var ratio = lossy ? options.CompressionRatio : (double?)null;
        if (ratio is <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CompressionRatio, "a lossy JPEG 2000 compression ratio must be above 1");
        }

        var data = Jpeg2000Encoder.Encode(frame, info, ratio, colourTransform);
        var photometric = colourTransform ? (lossy ? "YBR_ICT" : "YBR_RCT") : info.Photometric;
        return new DicomEncodedFrame(data, photometric);
    }
}
