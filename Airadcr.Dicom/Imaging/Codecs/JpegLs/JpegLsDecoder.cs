using Airadcr.Dicom.Imaging.Codecs.JpegLs.Native;

namespace Airadcr.Dicom.Imaging.Codecs.JpegLs;

/// <summary>Decodes one JPEG-LS frame (ISO/IEC 14495-1) with CharLS into the native layout of
/// <see cref="IDicomFrameCodec"/>. The frame header is read and checked against the Image Pixel module before any
/// output is allocated, so a codestream can neither make us allocate more than the module's frame nor make CharLS
/// write past our buffer. Uninterleaved scans (ILV 0, CharLS writes one plane per component) are interleaved here.
/// JPEG-LS codes unsigned P-bit samples: signed data is stored as its bit pattern (PS3.5 A.4.4), of Bits Stored bits
/// or of the whole container (dcmtk's and GDCM's default). The pattern goes into the container as it is, byte for
/// byte what dcmtk's dcmdjpls and GDCM's gdcmconv write (neither sign-extends a P &lt; 16 pattern); readers apply
/// Bits Stored, High Bit and Pixel Representation as for native data (<see cref="DicomPixelData.GetFrameAsFloat"/>).</summary>
internal static unsafe class JpegLsDecoder
{
    private static ReadOnlySpan<byte> EndOfImage => [0xFF, 0xD9];

    public static byte[] Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info) => Decode(encoded, info, default, allocate: true)!;

    /// <summary>One frame into <paramref name="output"/> (<see cref="DicomImageInfo.FrameLength"/> bytes).</summary>
    public static void Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info, Span<byte> output) =>
        Decode(encoded, info, output, allocate: false);

    /// <summary>Checks the header, then decodes into <paramref name="output"/> or, when <paramref name="allocate"/>,
    /// a new array: straight from CharLS when its layout is the module's (interleaved, same sample size), else
    /// through a temporary buffer.</summary>
    private static byte[]? Decode(ReadOnlySpan<byte> encoded, DicomImageInfo info, Span<byte> output, bool allocate)
    {
        if (info.BitsAllocated is not (8 or 16))
        {
            throw new DicomFormatException($"JPEG-LS pixel data with {info.BitsAllocated} bits allocated (8 or 16)", 0);
        }

        if (encoded.IsEmpty)
        {
            throw new DicomFormatException("JPEG-LS frame is empty", 0);
        }

        CharLsLibrary.EnsureLoaded();
        encoded = UpToEndOfImage(encoded);
        var decoder = CharLsNative.DecoderCreate();
        if (decoder == 0)
        {
            throw new InsufficientMemoryException("CharLS could not create a JPEG-LS decoder");
        }

        try
        {
            fixed (byte* source = encoded)
            {
                Check(CharLsNative.DecoderSetSourceBuffer(decoder, source, (nuint)encoded.Length));
                Check(CharLsNative.DecoderReadHeader(decoder));
                Check(CharLsNative.DecoderGetFrameInfo(decoder, out var frame));
                Check(CharLsNative.DecoderGetInterleaveMode(decoder, out var interleave));
                var bytesPerSample = CheckHeader(frame, info);
                var length = (long)info.Rows * info.Columns * info.SamplesPerPixel * bytesPerSample;
                if (length > Array.MaxLength)
                {
                    throw new DicomFormatException($"JPEG-LS frame of {length} bytes is too large to decode", 0);
                }

                Check(CharLsNative.DecoderGetDestinationSize(decoder, 0, out var required));
                if ((ulong)length != required)
                {
                    throw new DicomFormatException($"JPEG-LS frame needs {required} bytes where the module describes {length}", 0);
                }

                var direct = (interleave != CharLsInterleaveMode.None || info.SamplesPerPixel == 1) && info.BytesPerSample == bytesPerSample;
                var allocated = allocate ? new byte[length * info.BytesPerSample / bytesPerSample] : null;
                if (allocated is not null)
                {
                    output = allocated;
                }
                else if (output.Length != length * info.BytesPerSample / bytesPerSample)
                {
                    throw new ArgumentException($"a JPEG-LS frame of {info.FrameLength} bytes does not fit {output.Length}", nameof(output));
                }

                var decoded = direct ? output : new byte[length];
                fixed (byte* destination = decoded)
                {
                    Check(CharLsNative.DecoderDecodeToBuffer(decoder, destination, (nuint)decoded.Length, 0));
                }

                if (!direct)
                {
                    var samples = decoded.ToArray();
                    if (interleave == CharLsInterleaveMode.None && info.SamplesPerPixel > 1)
                    {
                        samples = Interleave(samples, info.SamplesPerPixel, bytesPerSample);
                    }

                    ToContainer(samples, bytesPerSample, info).CopyTo(output);
                }

                return allocated;
            }
        }
        finally
        {
            CharLsNative.DecoderDestroy(decoder);
        }
    }

    /// <summary>The frame up to its End of Image marker (padding or bytes after it dropped: dcmtk may leave one); a
    /// frame without one is truncated and rejected here, before CharLS: CharLS 2.4 spins for seconds (2^32 bit reads)
    /// when an entropy-coded segment runs into the end of its buffer rather than into a marker. FFD9 cannot occur in
    /// entropy-coded data (an FF there is followed by a byte below 80).</summary>
    private static ReadOnlySpan<byte> UpToEndOfImage(ReadOnlySpan<byte> encoded)
    {
        var end = encoded.LastIndexOf(EndOfImage);
        if (end < 0)
        {
            throw new DicomFormatException("JPEG-LS frame has no End of Image marker (FFD9): truncated", encoded.Length);
        }

        return encoded[..(end + EndOfImage.Length)];
    }

    /// <summary>The frame header (SOF55) against the module; the decoded bytes per sample.</summary>
    private static int CheckHeader(in CharLsFrameInfo frame, DicomImageInfo info)
    {
        if (frame.Width != info.Columns || frame.Height != info.Rows || frame.ComponentCount != info.SamplesPerPixel)
        {
            throw new DicomFormatException(
                $"JPEG-LS frame is {frame.Width}x{frame.Height} with {frame.ComponentCount} component(s) where the module says {info.Columns}x{info.Rows} with {info.SamplesPerPixel} sample(s) per pixel", 0);
        }

        if (frame.BitsPerSample < 2 || frame.BitsPerSample > info.BitsAllocated)
        {
            throw new DicomFormatException(
                $"JPEG-LS frame has {frame.BitsPerSample}-bit samples where the module allocates {info.BitsAllocated} bits", 0);
        }

        return frame.BitsPerSample > 8 ? 2 : 1;
    }

    /// <summary>Planes (one per component) to interleaved samples.</summary>
    private static byte[] Interleave(byte[] planar, int components, int bytesPerSample)
    {
        var result = new byte[planar.Length];
        var samplesPerPlane = planar.Length / components / bytesPerSample;
        for (var c = 0; c < components; c++)
        {
            for (var i = 0; i < samplesPerPlane; i++)
            {
                var from = (c * samplesPerPlane + i) * bytesPerSample;
                var to = (i * components + c) * bytesPerSample;
                planar.AsSpan(from, bytesPerSample).CopyTo(result.AsSpan(to));
            }
        }

        return result;
    }

    /// <summary>Decoded samples (1 or 2 bytes each, as CharLS writes them: little-endian on this host) in the module's
    /// container: 8-bit samples of a 16-bit container are widened, others are already in place.</summary>
    private static byte[] ToContainer(byte[] decoded, int bytesPerSample, DicomImageInfo info)
    {
        if (info.BytesPerSample == bytesPerSample)
        {
            return decoded;
        }

        var result = new byte[decoded.Length * 2];
        for (var i = 0; i < decoded.Length; i++)
        {
            result[i * 2] = decoded[i];
        }

        return result;
    }

    private static void Check(int error)
    {
        if (error != 0)
        {
            throw new DicomFormatException($"JPEG-LS codestream rejected by CharLS: {CharLsNative.ErrorMessage(error)}", 0);
        }
    }
}
