using static Airadcr.Dicom.Imaging.Codecs.Jpeg2000.OpenJpegNative;

namespace Airadcr.Dicom.Imaging.Codecs.Jpeg2000;

/// <summary>Decodes one JPEG 2000 frame (raw codestream or JP2) with OpenJPEG into native samples: each component's
/// int32 samples go to the Bits Allocated container, little-endian, interleaved. The codestream's SIZ is checked
/// against the Image Pixel module before the library reads it, and its header again before it decodes (which
/// allocates). OpenJPEG inverts a multi-component transform (YBR_RCT/YBR_ICT) itself, so colour frames come out RGB.</summary>
internal static unsafe class Jpeg2000Decoder
{
    /// <summary>OpenJPEG holds each sample as an int32 (and a tile copy): frames over this many samples are refused.</summary>
    public const long MaxSamples = 1L << 28;

    /// <summary>Frames of at least this many samples are decoded by several threads (code-blocks in parallel).</summary>
    private const long ThreadedSamples = 256 * 256;

    public static byte[] Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info) => Decode(encoded, info, default, allocate: true)!;

    /// <summary>One frame into <paramref name="output"/> (<see cref="DicomImageInfo.FrameLength"/> bytes).</summary>
    public static void Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info, Span<byte> output) =>
        Decode(encoded, info, output, allocate: false);

    /// <summary>Checks the codestream's header against the module, decodes, and writes the samples into
    /// <paramref name="output"/> or, when <paramref name="allocate"/>, into a new array allocated after the checks.</summary>
    private static byte[]? Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info, Span<byte> output, bool allocate)
    {
        if (!allocate && output.Length != info.FrameLength)
        {
            throw new ArgumentException($"a JPEG 2000 frame of {info.FrameLength} bytes does not fit {output.Length}", nameof(output));
        }

        var header = Jpeg2000Header.Read(encoded);
        header.CheckAgainst(info);
        if ((long)info.SamplesPerFrame > MaxSamples)
        {
            throw new DicomFormatException($"a JPEG 2000 frame of {info.SamplesPerFrame} samples is larger than the {MaxSamples} decoded here", 0);
        }

        using var session = OpenJpegSession.ForDecoding(header.IsJp2 ? CodecJp2 : CodecJ2k);
        var parameters = DefaultDecoderParameters();
        Require(session, SetupDecoder(session.Codec, &parameters), "cannot set up the JPEG 2000 decoder");
        if (info.SamplesPerFrame >= ThreadedSamples)
        {
            SetThreads(session.Codec, Environment.ProcessorCount);
        }

        fixed (byte* data = encoded)
        {
            session.OpenInput(data, encoded.Length);
            Image* image = null;
            try
            {
                Require(session, ReadHeader(session.Stream, session.Codec, &image), "JPEG 2000 header is invalid");
                CheckImage(image, info);
                Require(session, OpenJpegNative.Decode(session.Codec, session.Stream, image), "JPEG 2000 codestream is corrupt");
                Require(session, EndDecompress(session.Codec, session.Stream), "JPEG 2000 codestream is corrupt");
                var allocated = allocate ? new byte[info.FrameLength] : null;
                ToNative(image, info, allocated ?? output);
                return allocated;
            }
            finally
            {
                if (image is not null)
                {
                    ImageDestroy(image);
                }
            }
        }
    }

    private static void Require(OpenJpegSession session, int result, string what)
    {
        if (result == 0)
        {
            throw new DicomFormatException($"{what}: OpenJPEG: {session.Messages}", 0);
        }
    }

    /// <summary>The decoder's view of the header must still be the frame the module describes (a JP2 file's own
    /// header boxes could say otherwise than its codestream).</summary>
    private static void CheckImage(Image* image, DicomImageInfo info)
    {
        if (image->ComponentCount != info.SamplesPerPixel || image->X1 - image->X0 != info.Columns || image->Y1 - image->Y0 != info.Rows)
        {
            throw new DicomFormatException($"JPEG 2000 image is {image->X1 - image->X0} x {image->Y1 - image->Y0} with {image->ComponentCount} component(s), not the frame the Image Pixel module describes", 0);
        }

        for (var c = 0; c < info.SamplesPerPixel; c++)
        {
            var component = image->Components[c].Geometry;
            if (component.Dx != 1 || component.Dy != 1 || component.Precision > info.BitsAllocated || component.Precision > 16)
            {
                throw new DicomFormatException($"JPEG 2000 component {c} ({component.Precision} bits, sampling {component.Dx} x {component.Dy}) does not fit the Image Pixel module", 0);
            }
        }
    }

    private static void ToNative(Image* image, DicomImageInfo info, Span<byte> output)
    {
        var samples = info.SamplesPerPixel;
        var pixels = info.Rows * info.Columns;
        for (var c = 0; c < samples; c++)
        {
            var component = image->Components[c];
            if (component.Data is null || component.Geometry.Width != info.Columns || component.Geometry.Height != info.Rows)
            {
                throw new DicomFormatException($"JPEG 2000 component {c} decoded to {component.Geometry.Width} x {component.Geometry.Height}, not {info.Columns} x {info.Rows}", 0);
            }

            var source = new ReadOnlySpan<int>(component.Data, pixels);
            if (info.BytesPerSample == 1)
            {
                for (var p = 0; p < pixels; p++)
                {
                    output[p * samples + c] = (byte)source[p];
                }
            }
            else if (info.BytesPerSample == 2)
            {
                fixed (byte* bytes = output)
                {
                    var target = (ushort*)bytes;
                    for (var p = 0; p < pixels; p++)
                    {
                        target[p * samples + c] = (ushort)source[p]; // little-endian host (x86-64, arm64)
                    }
                }
            }
            else
            {
                fixed (byte* bytes = output)
                {
                    var target = (int*)bytes;
                    for (var p = 0; p < pixels; p++)
                    {
                        target[p * samples + c] = source[p];
                    }
                }
            }
        }
    }
}
