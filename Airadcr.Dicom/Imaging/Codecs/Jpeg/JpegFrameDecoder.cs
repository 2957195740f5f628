using System.Buffers.Binary;

namespace Airadcr.Dicom.Imaging.Codecs.Jpeg;

/// <summary>Decodes one JPEG codestream (baseline, extended, progressive or lossless, Huffman or arithmetic coded, as
/// JpegLibrary reads them) into native interleaved little-endian samples. The frame header is checked against the
/// Image Pixel module before any allocation; lossless samples are re-predicted by <see cref="JpegLosslessPrediction"/>;
/// lossy YCbCr is converted to RGB when <paramref name="toRgb"/>.</summary>
internal static class JpegFrameDecoder
{
    /// <summary>Decodes into <paramref name="destination"/> or, when <paramref name="allocate"/>, into a new array
    /// allocated once the codestream has decoded (a tiny codestream cannot make us allocate a declared huge frame).</summary>
    public static byte[]? Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info, bool toRgb, Span<byte> destination, bool allocate)
    {
        if (!allocate && destination.Length != info.FrameLength)
        {
            throw new ArgumentException($"a frame of {info.FrameLength} bytes does not fit {destination.Length}", nameof(destination));
        }

        var decoder = new JpegStreamDecoder(info);
        using var writer = new JpegPlaneWriter(info.Columns, info.Rows, info.SamplesPerPixel);
        try
        {
            decoder.SetInput(JpegFinalRestart.Prepare(encoded));
            decoder.SetOutputWriter(writer);
            decoder.Decode();
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or ArgumentException
            or IndexOutOfRangeException or NullReferenceException or OverflowException)
        {
            throw new DicomFormatException($"JPEG codestream is corrupt: {ex.Message}", 0, ex);
        }

        var frame = decoder.Frame ?? throw new DicomFormatException("JPEG codestream has no frame header", 0);
        if (!decoder.Ended)
        {
            throw new DicomFormatException("JPEG codestream is truncated (no EOI marker)", encoded.Length);
        }

        if (decoder.IsLossless)
        {
            Reconstruct(writer, info, frame.SamplePrecision, decoder.LosslessScans);
        }
        else
        {
            Clamp(writer, (1 << frame.SamplePrecision) - 1);
            Upsample(writer, info, frame.Components ?? []);
            if (toRgb && writer.Components == 3)
            {
                JpegColor.YCbCrToRgb(writer.Plane(0), writer.Plane(1), writer.Plane(2), (1 << frame.SamplePrecision) - 1);
            }
        }

        var allocated = allocate ? new byte[info.FrameLength] : null;
        Pack(writer, info, allocated ?? destination);
        return allocated;
    }

    private static void Reconstruct(JpegPlaneWriter planes, DicomImageInfo info, int precision, List<JpegLosslessScan> scans)
    {
        var done = new bool[planes.Components];
        foreach (var scan in scans)
        {
            foreach (var c in scan.Components)
            {
                if (!done[c])
                {
                    JpegLosslessPrediction.Reconstruct(planes.Plane(c), info.Columns, info.Rows, precision, scan);
                    done[c] = true;
                }
            }
        }

        var missing = Array.IndexOf(done, false);
        if (missing >= 0)
        {
            throw new DicomFormatException($"lossless JPEG codestream has no scan of component {missing}", 0);
        }
    }

    private static void Upsample(JpegPlaneWriter planes, DicomImageInfo info, JpegLibrary.JpegFrameComponentSpecificationParameters[] components)
    {
        var maxH = components.Max(c => (int)c.HorizontalSamplingFactor);
        var maxV = components.Max(c => (int)c.VerticalSamplingFactor);
        for (var c = 0; c < planes.Components && c < components.Length; c++)
        {
            JpegFancyUpsampling.Apply(planes.Plane(c), info.Columns, info.Rows,
                maxH / components[c].HorizontalSamplingFactor, maxV / components[c].VerticalSamplingFactor);
        }
    }

    private static void Clamp(JpegPlaneWriter planes, int max)
    {
        for (var c = 0; c < planes.Components; c++)
        {
            foreach (ref var sample in planes.Plane(c))
            {
                sample = Math.Clamp(sample, 0, max);
            }
        }
    }

    /// <summary>Interleaves the planes into the Bits Allocated container; signed data is sign-extended from Bits
    /// Stored (JPEG carries the two's complement bit pattern of the stored bits).</summary>
    private static void Pack(JpegPlaneWriter planes, DicomImageInfo info, Span<byte> output)
    {
        var samples = planes.Components;
        var stored = Math.Min(info.BitsStored, 31);
        var signShift = info.IsSigned ? 32 - stored : 0;
        for (var c = 0; c < samples; c++)
        {
            var plane = planes.Plane(c);
            switch (info.BytesPerSample)
            {
                case 1:
                    for (var p = 0; p < plane.Length; p++)
                    {
                        output[p * samples + c] = (byte)SignExtend(plane[p], signShift);
                    }

                    break;
                case 2:
                    var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(output);
                    for (var p = 0; p < plane.Length; p++)
                    {
                        words[p * samples + c] = (short)SignExtend(plane[p], signShift);
                    }

                    break;
                default:
                    for (var p = 0; p < plane.Length; p++)
                    {
                        BinaryPrimitives.WriteInt32LittleEndian(output[((p * samples + c) * 4)..], SignExtend(plane[p], signShift));
                    }

                    break;
            }
        }

        if (!BitConverter.IsLittleEndian && info.BytesPerSample == 2)
        {
            var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(output);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
    }

    /// <summary>A value within Bits Stored, sign-extended when <paramref name="shift"/> (32 - Bits Stored) is set; a
    /// value outside Bits Stored is kept as it is.</summary>
    private static int SignExtend(int value, int shift) =>
        shift == 0 || (value >> (32 - shift)) != 0 ? value : (value << shift) >> shift;
}
