using System.Buffers.Binary;
using Airadcr.Dicom.Imaging.Codecs.JpegLs.Native;

namespace Airadcr.Dicom.Imaging.Codecs.JpegLs;

/// <summary>Encodes one native frame to a JPEG-LS codestream with CharLS, one scan per frame with sample interleaving
/// for colour (ILV 2, the layout of our frames) and no colour transform (RGB stays RGB). JPEG-LS codes unsigned
/// samples, so signed data goes in as its bit pattern (PS3.5 A.4.4): unsigned samples as their Bits Stored bits
/// (P = Bits Stored), signed ones sign-extended from Bits Stored into the whole container (P = Bits Allocated, as
/// dcmtk and GDCM encode them), which every decoder then returns as the same container values.</summary>
internal static unsafe class JpegLsEncoder
{
    public static byte[] Encode(ReadOnlySpan<byte> frame, DicomImageInfo info, int nearLossless)
    {
        if (frame.Length < info.FrameLength)
        {
            throw new ArgumentException($"a frame of {frame.Length} bytes where the module describes {info.FrameLength}", nameof(frame));
        }

        var bitsPerSample = info.IsSigned ? info.BitsAllocated : info.BitsStored;
        var source = Normalized(frame[..info.FrameLength], info);
        CharLsLibrary.EnsureLoaded();
        var encoder = CharLsNative.EncoderCreate();
        if (encoder == 0)
        {
            throw new InsufficientMemoryException("CharLS could not create a JPEG-LS encoder");
        }

        try
        {
            var frameInfo = new CharLsFrameInfo
            {
                Width = (uint)info.Columns,
                Height = (uint)info.Rows,
                BitsPerSample = bitsPerSample,
                ComponentCount = info.SamplesPerPixel,
            };
            Check(CharLsNative.EncoderSetFrameInfo(encoder, frameInfo));
            Check(CharLsNative.EncoderSetNearLossless(encoder, nearLossless));
            Check(CharLsNative.EncoderSetInterleaveMode(encoder, info.SamplesPerPixel > 1 ? CharLsInterleaveMode.Sample : CharLsInterleaveMode.None));
            Check(CharLsNative.EncoderGetEstimatedDestinationSize(encoder, out var estimate));
            var encoded = new byte[checked((int)estimate)];
            fixed (byte* destination = encoded)
            fixed (byte* samples = source)
            {
                Check(CharLsNative.EncoderSetDestinationBuffer(encoder, destination, (nuint)encoded.Length));
                Check(CharLsNative.EncoderEncodeFromBuffer(encoder, samples, (nuint)source.Length, 0));
            }

            Check(CharLsNative.EncoderGetBytesWritten(encoder, out var written));
            return encoded.AsSpan(0, checked((int)written)).ToArray();
        }
        finally
        {
            CharLsNative.EncoderDestroy(encoder);
        }
    }

    /// <summary>The frame with every sample in 0..2^P-1 as CharLS expects: unsigned ones cut to their Bits Stored low
    /// bits, signed ones sign-extended from Bits Stored (whatever the bits above High Bit held).</summary>
    private static byte[] Normalized(ReadOnlySpan<byte> frame, DicomImageInfo info)
    {
        var samples = frame.ToArray();
        var bits = info.BitsStored;
        if (bits == info.BitsAllocated)
        {
            return samples;
        }

        var mask = (1 << bits) - 1;
        var shift = 32 - bits;
        var twoBytes = info.BytesPerSample == 2;
        for (var i = 0; i < samples.Length; i += info.BytesPerSample)
        {
            var span = samples.AsSpan(i);
            int value = twoBytes ? BinaryPrimitives.ReadUInt16LittleEndian(span) : span[0];
            value = info.IsSigned ? (value << shift) >> shift : value & mask;
            if (twoBytes)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value);
            }
            else
            {
                span[0] = (byte)value;
            }
        }

        return samples;
    }

    private static void Check(int error)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"CharLS could not encode the JPEG-LS frame: {CharLsNative.ErrorMessage(error)}");
        }
    }
}
