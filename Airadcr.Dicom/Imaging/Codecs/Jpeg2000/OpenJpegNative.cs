using System.Runtime.InteropServices;

namespace Airadcr.Dicom.Imaging.Codecs.Jpeg2000;

/// <summary>The part of OpenJPEG 2.5's C API (openjpeg.h of v2.5.0) the JPEG 2000 codec calls, from Debian's
/// <c>libopenjp2-7</c>. The library is named by its soname, which the dynamic loader finds in its cache (Debian ships
/// no unversioned <c>libopenjp2.so</c> without the -dev package); no assembly-wide import resolver is set, so that other
/// native codecs of this assembly stay free to set theirs.</summary>
internal static unsafe partial class OpenJpegNative
{
    public const string Library = "libopenjp2.so.7";

    public const int CodecJ2k = 0;
    public const int CodecJp2 = 2;
    public const int ColorSpaceSrgb = 1;
    public const int ColorSpaceGray = 2;

    private static readonly Lazy<string?> LoadFailure = new(ProbeLibrary);

    /// <summary>Throws <see cref="NotSupportedException"/> with the package to install when the library is absent.</summary>
    public static void EnsureLoaded()
    {
        if (LoadFailure.Value is { } failure)
        {
            throw new NotSupportedException(failure);
        }
    }

    private static string? ProbeLibrary() =>
        NativeLibrary.TryLoad(Library, typeof(OpenJpegNative).Assembly, DllImportSearchPath.SafeDirectories, out _)
            ? null
            : $"JPEG 2000 needs OpenJPEG 2.5 ({Library}), which is not installed: apt-get install libopenjp2-7";

    [LibraryImport(Library, EntryPoint = "opj_create_decompress")]
    public static partial nint CreateDecompress(int format);

    [LibraryImport(Library, EntryPoint = "opj_create_compress")]
    public static partial nint CreateCompress(int format);

    [LibraryImport(Library, EntryPoint = "opj_destroy_codec")]
    public static partial void DestroyCodec(nint codec);

    [LibraryImport(Library, EntryPoint = "opj_setup_decoder")]
    public static partial int SetupDecoder(nint codec, DecoderParameters* parameters);

    [LibraryImport(Library, EntryPoint = "opj_set_default_encoder_parameters")]
    private static partial void SetDefaultEncoderParameters(EncoderParameters* parameters);

    [LibraryImport(Library, EntryPoint = "opj_set_default_decoder_parameters")]
    private static partial void SetDefaultDecoderParameters(DecoderParameters* parameters);

    public static EncoderParameters DefaultEncoderParameters()
    {
        EnsureLoaded();
        EncoderParameters parameters;
        SetDefaultEncoderParameters(&parameters);
        return parameters;
    }

    public static DecoderParameters DefaultDecoderParameters()
    {
        EnsureLoaded();
        DecoderParameters parameters;
        SetDefaultDecoderParameters(&parameters);
        return parameters;
    }

    [LibraryImport(Library, EntryPoint = "opj_setup_encoder")]
    public static partial int SetupEncoder(nint codec, EncoderParameters* parameters, Image* image);

    [LibraryImport(Library, EntryPoint = "opj_codec_set_threads")]
    public static partial int SetThreads(nint codec, int threads);

    [LibraryImport(Library, EntryPoint = "opj_set_error_handler")]
    public static partial int SetErrorHandler(nint codec, delegate* unmanaged<byte*, void*, void> handler, void* clientData);

    [LibraryImport(Library, EntryPoint = "opj_set_warning_handler")]
    public static partial int SetWarningHandler(nint codec, delegate* unmanaged<byte*, void*, void> handler, void* clientData);

    [LibraryImport(Library, EntryPoint = "opj_read_header")]
    public static partial int ReadHeader(nint stream, nint codec, Image** image);

    [LibraryImport(Library, EntryPoint = "opj_decode")]
    public static partial int Decode(nint codec, nint stream, Image* image);

    [LibraryImport(Library, EntryPoint = "opj_end_decompress")]
    public static partial int EndDecompress(nint codec, nint stream);

    [LibraryImport(Library, EntryPoint = "opj_start_compress")]
    public static partial int StartCompress(nint codec, Image* image, nint stream);

    [LibraryImport(Library, EntryPoint = "opj_encode")]
    public static partial int Encode(nint codec, nint stream);

    [LibraryImport(Library, EntryPoint = "opj_end_compress")]
    public static partial int EndCompress(nint codec, nint stream);

    [LibraryImport(Library, EntryPoint = "opj_image_create")]
    public static partial Image* ImageCreate(uint components, ComponentParameters* parameters, int colorSpace);

    [LibraryImport(Library, EntryPoint = "opj_image_destroy")]
    public static partial void ImageDestroy(Image* image);

    [LibraryImport(Library, EntryPoint = "opj_stream_create")]
    public static partial nint StreamCreate(nuint bufferSize, int isInput);

    [LibraryImport(Library, EntryPoint = "opj_stream_destroy")]
    public static partial void StreamDestroy(nint stream);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_read_function")]
    public static partial void StreamSetRead(nint stream, delegate* unmanaged<byte*, nuint, void*, nuint> read);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_write_function")]
    public static partial void StreamSetWrite(nint stream, delegate* unmanaged<byte*, nuint, void*, nuint> write);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_skip_function")]
    public static partial void StreamSetSkip(nint stream, delegate* unmanaged<long, void*, long> skip);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_seek_function")]
    public static partial void StreamSetSeek(nint stream, delegate* unmanaged<long, void*, int> seek);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_user_data")]
    public static partial void StreamSetUserData(nint stream, void* data, nint freeFunction);

    [LibraryImport(Library, EntryPoint = "opj_stream_set_user_data_length")]
    public static partial void StreamSetUserDataLength(nint stream, ulong length);

    /// <summary>opj_dparameters_t: 8252 bytes on LP64 x86-64 (sizeof and offsetof over openjpeg.h of v2.5.0);
    /// the defaults of opj_set_default_decoder_parameters are used as they are.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 8252)]
    public struct DecoderParameters
    {
        [FieldOffset(0)] public uint Reduce;
        [FieldOffset(4)] public uint Layers;
        [FieldOffset(8204)] public int OutputFormat;
    }

    /// <summary>opj_cparameters_t: 18720 bytes on LP64 x86-64 (sizeof and offsetof over openjpeg.h of v2.5.0); the
    /// fields the codec sets, the rest from opj_set_default_encoder_parameters.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 18720)]
    public struct EncoderParameters
    {
        [FieldOffset(20)] public int DistortionAllocation;
        [FieldOffset(4796)] public int Layers;
        [FieldOffset(4800)] public float FirstLayerRate;
        [FieldOffset(5600)] public int Resolutions;
        [FieldOffset(5604)] public int CodeBlockWidth;
        [FieldOffset(5616)] public int Irreversible;
        [FieldOffset(5620)] public int RoiComponent;
        [FieldOffset(18208)] public int OutputFormat;
        [FieldOffset(18698)] public byte MultiComponentTransform;
    }

    /// <summary>opj_image_t (48 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Image
    {
        public uint X0;
        public uint Y0;
        public uint X1;
        public uint Y1;
        public uint ComponentCount;
        public int ColorSpace;
        public ImageComponent* Components;
        public byte* IccProfile;
        public uint IccProfileLength;
    }

    /// <summary>opj_image_comp_t (64 bytes): the fields of opj_image_cmptparm_t, then the decoder's and the data.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ImageComponent
    {
        public ComponentParameters Geometry;
        public uint ResolutionsDecoded;
        public uint Factor;
        public int* Data;
        public ushort Alpha;
    }

    /// <summary>opj_image_cmptparm_t (36 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ComponentParameters
    {
        public uint Dx;
        public uint Dy;
        public uint Width;
        public uint Height;
        public uint X0;
        public uint Y0;
        public uint Precision;
        public uint Bpp;
        public uint Signed;
    }
}
