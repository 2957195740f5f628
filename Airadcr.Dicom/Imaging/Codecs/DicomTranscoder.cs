using System.Buffers.Binary;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Imaging.Codecs;

/// <summary>Changes a file's transfer syntax, decoding and re-encoding its pixel data when either side is compressed:
/// frames are decoded by <see cref="DicomPixelData"/> and encoded by the target's <see cref="IDicomFrameCodec"/>, one
/// fragment per frame with a Basic Offset Table. Photometric Interpretation and Planar Configuration follow the pixels;
/// lossy encoding records Lossy Image Compression, its ratio and method (PS3.3 C.7.6.1.1.5).</summary>
public static class DicomTranscoder
{
    public static DicomFile Transcode(DicomFile source, DicomTransferSyntax target, DicomCodecOptions? options = null)
    {
        var dataset = new DicomDataset(source.Dataset);
        var from = source.TransferSyntax;
        var recode = dataset.Contains(DicomTag.PixelData) && from.Uid != target.Uid && (from.IsEncapsulated || target.IsEncapsulated);
        if (recode)
        {
            var pixels = new DicomPixelData(source.Dataset, from);
            if (target.IsEncapsulated)
            {
                Encode(dataset, pixels, target, options ?? DicomCodecOptions.Default);
            }
            else
            {
                Decode(dataset, pixels);
            }
        }

        return new DicomFile(dataset, DicomFileWriter.BuildMeta(source.Meta, dataset, target));
    }

    private static void Decode(DicomDataset dataset, DicomPixelData pixels)
    {
        var info = pixels.Info;
        if (info.BitsAllocated == 1)
        {
            throw new NotSupportedException("1-bit encapsulated pixel data cannot be decompressed here");
        }

        var data = new byte[(long)info.FrameLength * info.NumberOfFrames];
        for (var frame = 0; frame < info.NumberOfFrames; frame++)
        {
            pixels.CopyFrameTo(frame, data.AsSpan(frame * info.FrameLength, info.FrameLength));
        }

        dataset.AddOrUpdate(new DicomElement(DicomTag.PixelData, info.BitsAllocated > 8 ? DicomVR.OW : DicomVR.OB, data));
        dataset.Remove(DicomTag.ExtendedOffsetTable);
        dataset.Remove(DicomTag.ExtendedOffsetTableLengths);
        SetLayout(dataset, info, info.Photometric);
    }

    private static void Encode(DicomDataset dataset, DicomPixelData pixels, DicomTransferSyntax target, DicomCodecOptions options)
    {
        var codec = DicomCodecs.Find(target.Uid)
            ?? throw new NotSupportedException($"no encoder for {target}");
        var info = pixels.Info;
        if (info.BitsAllocated == 1 || !codec.CanEncode(info))
        {
            throw new NotSupportedException(
                $"{target.Name} cannot encode {info.BitsAllocated}-bit ({info.BitsStored} stored, {(info.IsSigned ? "signed" : "unsigned")}) {info.Photometric} pixel data with {info.SamplesPerPixel} sample(s)");
        }

        var fragments = new List<ReadOnlyMemory<byte>>(info.NumberOfFrames);
        var offsets = new byte[4 * info.NumberOfFrames];
        long position = 0;
        long encodedBytes = 0;
        var photometric = info.Photometric;
        for (var frame = 0; frame < info.NumberOfFrames; frame++)
        {
            var encoded = codec.Encode(pixels.GetFrameBytes(frame).Span, info, options);
            photometric = encoded.Photometric;
            var data = encoded.Data;
            if ((data.Length & 1) == 1)
            {
                Array.Resize(ref data, data.Length + 1); // items have even lengths (PS3.5 A.4)
            }

            if (position > uint.MaxValue)
            {
                throw new NotSupportedException("encapsulated pixel data over 4 GiB needs an Extended Offset Table");
            }

            BinaryPrimitives.WriteUInt32LittleEndian(offsets.AsSpan(frame * 4), (uint)position);
            fragments.Add(data);
            position += 8 + data.Length;
            encodedBytes += encoded.Data.Length;
        }

        dataset.AddOrUpdate(new DicomFragmentSequence(DicomTag.PixelData, DicomVR.OB, offsets, fragments));
        dataset.Remove(DicomTag.ExtendedOffsetTable);
        dataset.Remove(DicomTag.ExtendedOffsetTableLengths);
        SetLayout(dataset, info, photometric);
        if (codec.IsLossy && IsLossyEncoding(target.Uid, options))
        {
            RecordLossyCompression(dataset, (double)info.FrameLength * info.NumberOfFrames / Math.Max(1, encodedBytes), target.Uid);
        }
    }

    /// <summary>JPEG-LS Near-Lossless with NEAR = 0 is lossless; every other lossy-capable syntax loses here.</summary>
    private static bool IsLossyEncoding(string uid, DicomCodecOptions options) =>
        uid != DicomUids.JPEGLSNearLossless || options.NearLossless > 0;

    private static void SetLayout(DicomDataset dataset, DicomImageInfo info, string photometric)
    {
        dataset.AddOrUpdate(DicomElementFactory.Create(DicomTag.PhotometricInterpretation, DicomVR.CS, photometric));
        if (info.SamplesPerPixel > 1)
        {
            dataset.AddOrUpdate(DicomElementFactory.Create(DicomTag.PlanarConfiguration, DicomVR.US, (ushort)0));
        }
    }

    private static void RecordLossyCompression(DicomDataset dataset, double ratio, string uid)
    {
        var method = uid switch
        {
            DicomUids.JPEGLSNearLossless => "ISO_14495_1",
            DicomUids.JPEG2000 or DicomUids.JPEG2000Lossless => "ISO_15444_1",
            _ => "ISO_10918_1",
        };
        var ratios = dataset.TryGetElement(DicomTag.LossyImageCompressionRatio, out var r) ? r.GetStrings().ToList() : [];
        var methods = dataset.TryGetElement(DicomTag.LossyImageCompressionMethod, out var m) ? m.GetStrings().ToList() : [];
        ratios.Add(DicomElementFactory.FormatDecimalString(Math.Round(ratio, 2)));
        methods.Add(method);
        dataset.AddOrUpdate(DicomElementFactory.Create(DicomTag.LossyImageCompression, DicomVR.CS, "01"));
        dataset.AddOrUpdate(DicomElementFactory.Create(DicomTag.LossyImageCompressionRatio, DicomVR.DS, [.. ratios]));
        dataset.AddOrUpdate(DicomElementFactory.Create(DicomTag.LossyImageCompressionMethod, DicomVR.CS, [.. methods]));
    }
}
