using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.Imaging.Codecs;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Deidentification;

/// <summary>
/// Clean Pixel Data: every frame decoded (<see cref="DicomPixelData"/>), each rectangle (clipped to the frame) set to
/// zero in every sample, then stored again: in the source syntax when it is native or one we encode losslessly (RLE,
/// JPEG Lossless, JPEG-LS Lossless, JPEG 2000 Lossless), otherwise (a lossy source: re-encoding would lose twice)
/// as Explicit VR Little Endian.
/// </summary>
internal static class PixelDataCleaner
{
    private static readonly HashSet<string> LosslessSyntaxes = new(StringComparer.Ordinal)
    {
        DicomUids.RLELossless, DicomUids.JPEGLossless, DicomUids.JPEGLosslessSV1, DicomUids.JPEGLSLossless, DicomUids.JPEG2000Lossless,
    };

    /// <summary>Cleans <paramref name="dataset"/>'s pixel data in place; returns the syntax to write it in.</summary>
    public static DicomTransferSyntax Clean(DicomDataset dataset, DicomTransferSyntax syntax, IReadOnlyList<PixelRectangle> rectangles)
    {
        if (!dataset.Contains(DicomTag.PixelData))
        {
            throw new DeidentificationRefusedException("the instance may carry burned-in identifiers and has no pixel data a Clean Pixel Data rule could clean");
        }

        DicomPixelData pixels;
        try
        {
            pixels = new DicomPixelData(dataset, syntax);
        }
        catch (NotSupportedException ex)
        {
            throw new DeidentificationRefusedException($"its pixel data cannot be cleaned: {ex.Message}");
        }

        var info = pixels.Info;
        if (info.BitsAllocated < 8)
        {
            throw new DeidentificationRefusedException("its pixel data cannot be cleaned: 1-bit pixel data");
        }

        var data = new byte[(long)info.FrameLength * info.NumberOfFrames];
        var pixelBytes = info.BytesPerSample * info.SamplesPerPixel;
        for (var frame = 0; frame < info.NumberOfFrames; frame++)
        {
            var target = data.AsSpan(frame * info.FrameLength, info.FrameLength);
            pixels.GetFrameBytes(frame).Span.CopyTo(target);
            foreach (var r in rectangles)
            {
                var x0 = Math.Clamp(r.X, 0, info.Columns);
                var x1 = Math.Clamp((long)r.X + r.Width, 0, info.Columns);
                var y0 = Math.Clamp(r.Y, 0, info.Rows);
                var y1 = Math.Clamp((long)r.Y + r.Height, 0, info.Rows);
                for (var y = y0; y < y1; y++)
                {
                    target.Slice((int)((y * info.Columns + x0) * pixelBytes), (int)((x1 - x0) * pixelBytes)).Clear();
                }
            }
        }

        dataset.AddOrUpdate(new DicomElement(DicomTag.PixelData, info.BitsAllocated > 8 ? DicomVR.OW : DicomVR.OB, data));
        dataset.Remove(DicomTag.ExtendedOffsetTable);
        dataset.Remove(DicomTag.ExtendedOffsetTableLengths);
        dataset.AddOrUpdate(DicomElementFactory.Create(DicomTag.PhotometricInterpretation, DicomVR.CS, info.Photometric));
        if (info.SamplesPerPixel > 1)
        {
            dataset.AddOrUpdate(DicomElementFactory.Create(DicomTag.PlanarConfiguration, DicomVR.US, (ushort)0));
        }

        if (!syntax.IsEncapsulated)
        {
            return syntax;
        }

        var explicitLe = DicomTransferSyntax.ExplicitVRLittleEndian;
        if (!LosslessSyntaxes.Contains(syntax.Uid) || DicomCodecs.Find(syntax.Uid) is not { } codec || !codec.CanEncode(info))
        {
            return explicitLe;
        }

        var native = new DicomFile(new DicomDataset(dataset.Where(i => i is not DicomSequence)), DicomFileWriter.BuildMeta(new DicomDataset(), dataset, explicitLe));
        var encoded = DicomTranscoder.Transcode(native, syntax);
        foreach (var tag in new[] { DicomTag.PixelData, DicomTag.PhotometricInterpretation, DicomTag.PlanarConfiguration })
        {
            if (encoded.Dataset[tag] is { } item)
            {
                dataset.AddOrUpdate(item);
            }
        }

        return syntax;
    }
}
