using System.Buffers.Binary;
using static Airadcr.Dicom.Imaging.Codecs.Jpeg2000.OpenJpegNative;

namespace Airadcr.Dicom.Imaging.Codecs.Jpeg2000;

/// <summary>Encodes one native frame to a raw JPEG 2000 codestream (J2K, as DICOM stores it) with OpenJPEG: one tile,
/// one quality layer, up to 6 resolutions. Lossless: reversible 5/3 wavelet, no rate. Lossy: irreversible 9/7 wavelet
/// at a target compression ratio. Three-sample frames use the multi-component transform (RCT when reversible, ICT
/// otherwise), which the data set declares as YBR_RCT or YBR_ICT.</summary>
internal static unsafe class Jpeg2000Encoder
{
    private const int MaxResolutions = 6;

    public static byte[] Encode(ReadOnlySpan<byte> frame, DicomImageInfo info, double? compressionRatio, bool colourTransform)
    {
        if (frame.Length < info.FrameLength)
        {
            throw new ArgumentException($"a frame of {frame.Length} bytes is shorter than the {info.FrameLength} the layout needs", nameof(frame));
        }

        var components = stackalloc ComponentParameters[info.SamplesPerPixel];
        for (var c = 0; c < info.SamplesPerPixel; c++)
        {
            components[c] = new ComponentParameters
            {
                Dx = 1, Dy = 1, Width = (uint)info.Columns, Height = (uint)info.Rows,
                Precision = (uint)info.BitsStored, Signed = info.IsSigned ? 1u : 0u,
            };
        }

        using var session = OpenJpegSession.ForEncoding();
        var image = ImageCreate((uint)info.SamplesPerPixel, components, info.SamplesPerPixel == 1 ? ColorSpaceGray : ColorSpaceSrgb);
        if (image is null)
        {
            throw new InvalidOperationException("opj_image_create failed");
        }

        try
        {
            image->X1 = (uint)info.Columns;
            image->Y1 = (uint)info.Rows;
            Fill(image, frame, info);
            var parameters = DefaultEncoderParameters();
            parameters.Layers = 1;
            parameters.DistortionAllocation = 1;
            parameters.FirstLayerRate = compressionRatio is { } ratio ? (float)ratio : 0;
            parameters.Irreversible = compressionRatio is null ? 0 : 1;
            parameters.Resolutions = Resolutions(info);
            parameters.MultiComponentTransform = colourTransform ? (byte)1 : (byte)0;
            Require(session, SetupEncoder(session.Codec, &parameters, image), "cannot set up the JPEG 2000 encoder");
            if (info.SamplesPerFrame >= 256 * 256)
            {
                SetThreads(session.Codec, Environment.ProcessorCount);
            }

            session.OpenOutput(info.FrameLength / 2);
            Require(session, StartCompress(session.Codec, image, session.Stream), "JPEG 2000 encoding failed to start");
            Require(session, OpenJpegNative.Encode(session.Codec, session.Stream), "JPEG 2000 encoding failed");
            Require(session, EndCompress(session.Codec, session.Stream), "JPEG 2000 encoding failed to end");
            return session.Output;
        }
        finally
        {
            ImageDestroy(image);
        }
    }

    /// <summary>As many decomposition levels as the smaller dimension allows (each halves it), at most 5.</summary>
    private static int Resolutions(DicomImageInfo info)
    {
        var smaller = Math.Min(info.Rows, info.Columns);
        var resolutions = 1;
        while (resolutions < MaxResolutions && smaller >> resolutions > 0)
        {
            resolutions++;
        }

        return resolutions;
    }

    private static void Require(OpenJpegSession session, int result, string what)
    {
        if (result == 0)
        {
            throw new InvalidOperationException($"{what}: OpenJPEG: {session.Messages}");
        }
    }

    /// <summary>Stored values (Bits Stored low bits of each container, sign-extended when signed) into the components.</summary>
    private static void Fill(Image* image, ReadOnlySpan<byte> frame, DicomImageInfo info)
    {
        var samples = info.SamplesPerPixel;
        var pixels = info.Rows * info.Columns;
        var shift = 32 - info.BitsStored;
        for (var c = 0; c < samples; c++)
        {
            var target = new Span<int>(image->Components[c].Data, pixels);
            for (var p = 0; p < pixels; p++)
            {
                var i = p * samples + c;
                var raw = info.BytesPerSample == 1 ? frame[i] : (int)BinaryPrimitives.ReadUInt16LittleEndian(frame[(i * 2)..]);
                target[p] = info.IsSigned ? (raw << shift) >> shift : (int)((uint)(raw << shift) >> shift);
            }
        }
    }
}
