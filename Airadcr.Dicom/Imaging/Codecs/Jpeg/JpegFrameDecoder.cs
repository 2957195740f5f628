using System.Buffers.Binary;

namespace Airadcr.Dicom.Imaging.Codecs.Jpeg;

/// <summary>Decodes one JPEG codestream (baseline, extended, progressive or lossless, Huffman or arithmetic coded, as
/// JpegLibrary reads them) into native interleaved little-endian samples. The frame header is checked against the
/// Image Pixel module before any allocation; lossless samples are re-predicted by <see cref="JpegLosslessPrediction"/>;
/// lossy YCbCr is converted to RGB when <paramref name="toRgb"/>.</summary>
internal static class JpegFrameDecoder
{
    public static byte[] Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info, bool toRgb)
    {
        var decoder = new JpegStreamDecoder(info);
        var writer = new JpegPlaneWriter(info.Columns, info.Rows, info.SamplesPerPixel);
        try
        {
            decoder.SetInput(encoded.ToArray());
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

        var planes = writer.Planes;
        if (decoder.IsLossless)
        {
            planes = Reconstruct(planes, info, frame.SamplePrecision, decoder.LosslessScans);
        }
        else
        {
            Clamp(planes, (1 << frame.SamplePrecision) - 1);
            Upsample(planes, info, frame.Components ?? []);
            if (toRgb && planes.Length == 3)
            {
                JpegColor.YCbCrToRgb(planes[0], planes[1], planes[2], (1 << frame.SamplePrecision) - 1);
            }
        }

        return Pack(planes, info);
    }

    private static int[][] Reconstruct(int[][] planes, DicomImageInfo info, int precision, List<JpegLosslessScan> scans)
    {
        var result = new int[planes.Length][];
        foreach (var scan in scans)
        {
            foreach (var c in scan.Components)
            {
                result[c] = JpegLosslessPrediction.Reconstruct(planes[c], info.Columns, info.Rows, precision, scan);
            }
        }

        for (var c = 0; c < result.Length; c++)
        {
            if (result[c] is null)
            {
                throw new DicomFormatException($"lossless JPEG codestream has no scan of component {c}", 0);
            }
        }

        return result;
    }

    private static void Upsample(int[][] planes, DicomImageInfo info, JpegLibrary.JpegFrameComponentSpecificationParameters[] components)
    {
        var maxH = components.Max(c => (int)c.HorizontalSamplingFactor);
        var maxV = components.Max(c => (int)c.VerticalSamplingFactor);
        for (var c = 0; c < planes.Length && c < components.Length; c++)
        {
            JpegFancyUpsampling.Apply(planes[c], info.Columns, info.Rows,
                maxH / components[c].HorizontalSamplingFactor, maxV / components[c].VerticalSamplingFactor);
        }
    }

    private static void Clamp(int[][] planes, int max)
    {
        foreach (var plane in planes)
        {
            for (var i = 0; i < plane.Length; i++)
            {
                plane[i] = Math.Clamp(plane[i], 0, max);
            }
        }
    }

    /// <summary>Interleaves the planes into the Bits Allocated container; signed data is sign-extended from Bits
    /// Stored (JPEG carries the two's complement bit pattern of the stored bits).</summary>
    private static byte[] Pack(int[][] planes, DicomImageInfo info)
    {
        var output = new byte[info.FrameLength];
        var samples = planes.Length;
        var bytes = info.BytesPerSample;
        var stored = Math.Min(info.BitsStored, 31);
        var sign = 1 << (stored - 1);
        var storedMask = (1 << stored) - 1;
        for (var c = 0; c < samples; c++)
        {
            var plane = planes[c];
            for (var p = 0; p < plane.Length; p++)
            {
                var value = plane[p];
                if (info.IsSigned && (value & ~storedMask) == 0 && (value & sign) != 0)
                {
                    value -= 1 << stored;
                }

                var at = (p * samples + c) * bytes;
                switch (bytes)
                {
                    case 1:
                        output[at] = (byte)value;
                        break;
                    case 2:
                        BinaryPrimitives.WriteInt16LittleEndian(output.AsSpan(at), (short)value);
                        break;
                    default:
                        BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(at), value);
                        break;
                }
            }
        }

        return output;
    }
}
