namespace Airadcr.Dicom.Imaging.Codecs;

/// <summary>The frame codecs Airadcr.Dicom has, by transfer syntax UID. RLE Lossless is decoded by
/// <see cref="RleDecoder"/>; every syntax listed here decodes, and <see cref="IDicomFrameCodec.CanEncode"/> says
/// which layouts also encode.</summary>
public static class DicomCodecs
{
    private static readonly Dictionary<string, IDicomFrameCodec> ByUid = Create().ToDictionary(c => c.TransferSyntaxUid);

    public static IReadOnlyCollection<IDicomFrameCodec> All => ByUid.Values;

    /// <summary>The codec of a compressed syntax, or null when none is here.</summary>
    public static IDicomFrameCodec? Find(string transferSyntaxUid) => ByUid.GetValueOrDefault(transferSyntaxUid);

    /// <summary>Whether pixel data in this syntax can be decoded: native, RLE, or a codec above.</summary>
    public static bool CanDecode(DicomTransferSyntax syntax) =>
        !syntax.IsEncapsulated || syntax.Uid == DicomUids.RLELossless || ByUid.ContainsKey(syntax.Uid);

    private static IEnumerable<IDicomFrameCodec> Create()
    {
        yield return new RleCodec();
        foreach (var jpeg in Jpeg.JpegCodec.All)
        {
            yield return jpeg;
        }
        yield return new JpegLs.JpegLsCodec(nearLossless: false);
        yield return new JpegLs.JpegLsCodec(nearLossless: true);
        yield return new Jpeg2000Codec(lossy: false);
        yield return new Jpeg2000Codec(lossy: true);
    }
}
