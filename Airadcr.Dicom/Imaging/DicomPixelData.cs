using System.Buffers.Binary;
using Airadcr.Dicom.Imaging.Codecs;

namespace Airadcr.Dicom.Imaging;

/// <summary>Frames of a dataset's pixel data: native (little or big endian) or encapsulated in a syntax that
/// <see cref="DicomCodecs"/> decodes (RLE, JPEG, JPEG-LS, JPEG 2000); other syntaxes throw
/// <see cref="NotSupportedException"/>. Frames come out little-endian with samples interleaved. The constructor checks
/// the Image Pixel module against the pixel data (<see cref="DicomPixelModuleException"/>), so that no frame access
/// overflows or reads past the data; a codestream that disagrees with the module throws <see cref="DicomFormatException"/>.</summary>
public sealed class DicomPixelData
{
    private readonly DicomItem _pixels;
    private readonly IDicomFrameCodec? _codec;
    private readonly EncapsulatedFrames? _frames;

    public DicomPixelData(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        StoredInfo = DicomImageInfo.FromDataset(dataset);
        _pixels = dataset[DicomTag.PixelData] ?? throw new DicomValueException(DicomTag.PixelData, "is absent");
        PixelModuleCheck.Validate(StoredInfo, _pixels);
        if (_pixels is not DicomFragmentSequence fragments)
        {
            Info = StoredInfo;
            return;
        }

        _codec = DicomCodecs.Find(syntax.Uid)
            ?? throw new NotSupportedException($"pixel data in {syntax.Name} [{syntax.Uid}] is not decodable here");
        _frames = new EncapsulatedFrames(fragments, StoredInfo.NumberOfFrames, dataset);
        Info = StoredInfo with { Photometric = _codec.DecodedPhotometric(StoredInfo), PlanarConfiguration = 0 };
    }

    /// <summary>The layout of the frames this returns: the stored module, with the photometric interpretation a codec
    /// decodes to (YBR_FULL_422 JPEG comes out RGB) and samples interleaved.</summary>
    public DicomImageInfo Info { get; }

    /// <summary>The Image Pixel module as the data set declares it.</summary>
    public DicomImageInfo StoredInfo { get; }

    /// <summary>The codec of encapsulated pixel data; null for native data.</summary>
    public IDicomFrameCodec? Codec => _codec;

    public int FrameCount => Info.NumberOfFrames;

    /// <summary>One frame as little-endian, interleaved sample bytes (a view of the source for native LE data).</summary>
    public ReadOnlyMemory<byte> GetFrameBytes(int frame)
    {
        if (frame < 0 || frame >= FrameCount)
        {
            throw new ArgumentOutOfRangeException(nameof(frame), $"frame {frame} of {FrameCount}");
        }

        if (_codec is not null)
        {
            var decoded = _codec.Decode(_frames![frame].Span, StoredInfo);
            return decoded.Length == Info.FrameLength
                ? decoded
                : throw new DicomFormatException($"frame {frame} decoded to {decoded.Length} bytes, not the {Info.FrameLength} the Image Pixel module describes", 0);
        }

        var element = (DicomElement)_pixels;
        if (Info.BitsAllocated == 1)
        {
            return UnpackBits(element.Data.Span, (long)frame * Info.SamplesPerFrame, Info.SamplesPerFrame);
        }

        var length = Info.FrameLength;
        if ((long)(frame + 1) * length > element.Length)
        {
            throw new DicomFormatException($"pixel data of {element.Length} bytes is too short for frame {frame} of {length} bytes", 0);
        }

        var bytes = element.Data.Slice(frame * length, length);
        if (element.IsBigEndian && element.VR != DicomVR.OB && Info.BytesPerSample > 1)
        {
            bytes = DicomByteOrder.ToLittleEndian(bytes.Span, Info.BytesPerSample);
        }

        return Info.PlanarConfiguration == 1 && Info.SamplesPerPixel > 1 ? Interleave(bytes.Span) : bytes;
    }

    /// <summary>One frame as <see cref="GetFrameBytes"/> gives it, written into <paramref name="destination"/>
    /// (<see cref="DicomImageInfo.FrameLength"/> bytes): compressed frames decode straight into it.</summary>
    public void CopyFrameTo(int frame, Span<byte> destination)
    {
        if (_codec is null || frame < 0 || frame >= FrameCount)
        {
            GetFrameBytes(frame).Span.CopyTo(destination);
            return;
        }

        if (destination.Length != Info.FrameLength)
        {
            throw new ArgumentException($"a frame of {Info.FrameLength} bytes does not fit {destination.Length}", nameof(destination));
        }

        _codec.Decode(_frames![frame].Span, StoredInfo, destination);
    }

    /// <summary>Sample values as stored in their container (signed when Pixel Representation is 1), like pydicom's
    /// pixel_array, interleaved.</summary>
    public long[] GetContainerValues(int frame)
    {
        var bytes = GetFrameBytes(frame).Span;
        var n = Info.SamplesPerFrame;
        var values = new long[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = (Info.BitsAllocated, Info.IsSigned) switch
            {
                (1 or 8, false) => bytes[i],
                (8, true) => (sbyte)bytes[i],
                (16, false) => BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]),
                (16, true) => BinaryPrimitives.ReadInt16LittleEndian(bytes[(i * 2)..]),
                (_, false) => BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * 4)..]),
                _ => BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]),
            };
        }

        return values;
    }

    /// <summary>Stored values (bits stored/high bit applied, sign-extended), through the modality LUT
    /// (rescale slope/intercept) when <paramref name="applyModalityLut"/>: a float buffer for inference.</summary>
    public float[] GetFrameAsFloat(int frame, bool applyModalityLut = true)
    {
        var raw = GetContainerValues(frame);
        var shift = Info.HighBit + 1 - Info.BitsStored;
        var bits = Info.BitsStored;
        var mask = bits == 64 ? -1L : (1L << bits) - 1;
        var signBit = 1L << (bits - 1);
        var slope = applyModalityLut ? Info.RescaleSlope : 1.0;
        var intercept = applyModalityLut ? Info.RescaleIntercept : 0.0;
        var result = new float[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            var v = (raw[i] >> Math.Max(0, shift)) & mask;
            if (Info.IsSigned && (v & signBit) != 0)
            {
                v -= 1L << bits;
            }

            result[i] = (float)(v * slope + intercept);
        }

        return result;
    }

    /// <summary>1-bit data, least significant bit first, frames not necessarily byte-aligned.</summary>
    private static byte[] UnpackBits(ReadOnlySpan<byte> data, long firstBit, int count)
    {
        if ((firstBit + count + 7) / 8 > data.Length)
        {
            throw new DicomFormatException($"1-bit pixel data of {data.Length} bytes is too short", 0);
        }

        var result = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var bit = firstBit + i;
            result[i] = (byte)((data[(int)(bit >> 3)] >> (int)(bit & 7)) & 1);
        }

        return result;
    }

    private byte[] Interleave(ReadOnlySpan<byte> planar)
    {
        var bps = Info.BytesPerSample;
        var pixels = Info.Rows * Info.Columns;
        var output = new byte[planar.Length];
        for (var s = 0; s < Info.SamplesPerPixel; s++)
        {
            for (var p = 0; p < pixels; p++)
            {
                planar.Slice((s * pixels + p) * bps, bps).CopyTo(output.AsSpan((p * Info.SamplesPerPixel + s) * bps));
            }
        }

        return output;
    }
}
