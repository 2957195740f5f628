namespace Airadcr.Dicom.Imaging.Codecs.Jpeg;

/// <summary>The JPEG family (PS3.5 A.4.1): Baseline (Process 1, .50), Extended (Process 2 and 4, .51), Lossless
/// (Process 14, .57) and Lossless SV1 (.70). JpegLibrary decodes all of them (<see cref="JpegFrameDecoder"/>); Baseline
/// encodes through JpegLibrary's encoder (<see cref="JpegBaselineEncoder"/>), both lossless syntaxes through
/// <see cref="JpegLosslessEncoder"/> with selection value 1. YCbCr in the lossy syntaxes (YBR_FULL, YBR_FULL_422)
/// decodes to RGB, as dcmtk's dcmdjpeg and pydicom do; lossless data keeps its photometric interpretation.</summary>
internal sealed class JpegCodec : IDicomFrameCodec
{
    private JpegCodec(string uid, bool lossy)
    {
        TransferSyntaxUid = uid;
        IsLossy = lossy;
    }

    public static IEnumerable<IDicomFrameCodec> All { get; } =
    [
        new JpegCodec(DicomUids.JPEGBaseline8Bit, lossy: true),
        new JpegCodec(DicomUids.JPEGExtended12Bit, lossy: true),
        new JpegCodec(DicomUids.JPEGLossless, lossy: false),
        new JpegCodec(DicomUids.JPEGLosslessSV1, lossy: false),
    ];

    public string TransferSyntaxUid { get; }

    public bool IsLossy { get; }

    public string DecodedPhotometric(DicomImageInfo info) => ConvertsToRgb(info) ? "RGB" : info.Photometric;

    public byte[] Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info) =>
        JpegFrameDecoder.Decode(encoded, info, ConvertsToRgb(info), default, allocate: true)!;

    public void Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info, Span<byte> destination) =>
        JpegFrameDecoder.Decode(encoded, info, ConvertsToRgb(info), destination, allocate: false);

    public bool CanEncode(DicomImageInfo info) => TransferSyntaxUid switch
    {
        DicomUids.JPEGBaseline8Bit => JpegBaselineEncoder.CanEncode(info),
        DicomUids.JPEGExtended12Bit => false,
        _ => JpegLosslessEncoder.CanEncode(info),
    };

    public DicomEncodedFrame Encode(ReadOnlySpan<byte> frame, DicomImageInfo info, DicomCodecOptions options)
    {
        if (!CanEncode(info))
        {
            throw new NotSupportedException($"{TransferSyntaxUid} cannot encode {info}");
        }

        return TransferSyntaxUid == DicomUids.JPEGBaseline8Bit
            ? JpegBaselineEncoder.Encode(frame, info, options.Quality)
            : new DicomEncodedFrame(JpegLosslessEncoder.Encode(frame, info), info.Photometric);
    }

    private bool ConvertsToRgb(DicomImageInfo info) =>
        IsLossy && info.SamplesPerPixel == 3 && info.Photometric is "YBR_FULL" or "YBR_FULL_422";
}
