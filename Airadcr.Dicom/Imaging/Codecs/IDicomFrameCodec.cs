namespace Airadcr.Dicom.Imaging.Codecs;

/// <summary>The frame codec of one compressed transfer syntax (PS3.5 8.2, annex A.4). A frame goes in and out as the
/// bytes of one encapsulated frame (its fragments concatenated) and as native samples: little-endian, samples
/// interleaved (planar configuration 0), each in its Bits Allocated container, signed as Pixel Representation says.
/// Corrupt or truncated input, or a codestream that disagrees with the Image Pixel module, throws
/// <see cref="DicomFormatException"/>; nothing allocates more than the module's decoded frame size.</summary>
public interface IDicomFrameCodec
{
    string TransferSyntaxUid { get; }

    /// <summary>Encoding may lose information (JPEG Baseline/Extended, JPEG-LS Near-Lossless, JPEG 2000).</summary>
    bool IsLossy { get; }

    /// <summary>The photometric interpretation of the frames <see cref="Decode"/> returns for data stored as
    /// <paramref name="info"/> says (e.g. YBR_FULL_422 in JPEG Baseline and YBR_ICT/YBR_RCT in JPEG 2000 come out RGB).</summary>
    string DecodedPhotometric(DicomImageInfo info);

    /// <summary>One frame, exactly <see cref="DicomImageInfo.FrameLength"/> bytes.</summary>
    byte[] Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info);

    /// <summary>One frame into <paramref name="destination"/> (exactly <see cref="DicomImageInfo.FrameLength"/>
    /// bytes): no frame-sized allocation and copy per frame.</summary>
    void Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info, Span<byte> destination);

    /// <summary>Whether <see cref="Encode"/> takes frames of this layout (bit depth, samples, photometric).</summary>
    bool CanEncode(DicomImageInfo info);

    /// <summary>One native frame (<see cref="DicomImageInfo.FrameLength"/> bytes, interleaved, little-endian) to a
    /// codestream, and the photometric interpretation the encapsulated data set must declare.</summary>
    DicomEncodedFrame Encode(ReadOnlySpan<byte> frame, DicomImageInfo info, DicomCodecOptions options);
}

/// <summary>An encoded frame and the Photometric Interpretation to store with it.</summary>
public sealed record DicomEncodedFrame(byte[] Data, string Photometric);

/// <summary>Encoder settings: JPEG quality (1-100) for the lossy JPEG processes, the NEAR parameter of JPEG-LS
/// Near-Lossless, the target compression ratio of lossy JPEG 2000.</summary>
public sealed record DicomCodecOptions(int Quality = 90, int NearLossless = 2, double CompressionRatio = 10)
{
    public static DicomCodecOptions Default { get; } = new();
}
