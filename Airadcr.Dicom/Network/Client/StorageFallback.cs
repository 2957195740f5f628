using Airadcr.Dicom.Imaging.Codecs;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Network.Client;

/// <summary>When a peer did not accept a file's own transfer syntax: the accepted context to send it in instead and
/// the data set encoded for it. Uncompressed syntaxes come first (compressed pixel data decoded), then lossless
/// compressed ones we can encode (RLE, JPEG Lossless, JPEG-LS Lossless, JPEG 2000 Lossless); a lossy syntax is never
/// chosen, so no information is lost on the way.</summary>
internal static class StorageFallback
{
    private static readonly string[] LosslessEncodings =
    [
        DicomUids.JPEGLSLossless, DicomUids.JPEG2000Lossless, DicomUids.JPEGLosslessSV1, DicomUids.JPEGLossless, DicomUids.RLELossless,
    ];

    public static (AcceptedPresentationContext Context, byte[] DataSet)? Transcode(DicomFile file, IReadOnlyList<AcceptedPresentationContext> accepted)
    {
        var hasPixels = file.Dataset.Contains(DicomTag.PixelData);
        if (hasPixels && file.TransferSyntax.IsEncapsulated && !DicomCodecs.CanDecode(file.TransferSyntax))
        {
            return null;
        }

        var ordered = accepted.Where(c => !c.TransferSyntax.IsEncapsulated)
            .OrderBy(c => c.TransferSyntax.Uid == DicomUids.ExplicitVRLittleEndian ? 0 : 1)
            .Concat(accepted.Where(c => Array.IndexOf(LosslessEncodings, c.TransferSyntax.Uid) >= 0)
                .OrderBy(c => Array.IndexOf(LosslessEncodings, c.TransferSyntax.Uid)));
        foreach (var context in ordered)
        {
            if (!hasPixels && context.TransferSyntax.IsEncapsulated)
            {
                continue; // no pixel data: an uncompressed syntax carries it, and one was not accepted
            }

            try
            {
                var transcoded = DicomTranscoder.Transcode(file, context.TransferSyntax);
                return (context, DicomDatasetWriter.ToArray(transcoded.Dataset, context.TransferSyntax));
            }
            catch (NotSupportedException)
            {
                // this codec cannot encode this layout: the next accepted syntax may
            }
        }

        return null;
    }
}
