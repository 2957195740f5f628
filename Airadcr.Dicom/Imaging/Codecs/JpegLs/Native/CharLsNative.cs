using System.Runtime.InteropServices;

namespace Airadcr.Dicom.Imaging.Codecs.JpegLs.Native;

/// <summary>CharLS 2.4's <c>charls_frame_info</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CharLsFrameInfo
{
    public uint Width;
    public uint Height;
    public int BitsPerSample;
    public int ComponentCount;
}

/// <summary>CharLS's <c>charls_interleave_mode</c> (the ILV of the start of scan).</summary>
internal enum CharLsInterleaveMode
{
    None = 0,
    Line = 1,
    Sample = 2,
}

/// <summary>The part of CharLS 2.4's C API (charls_jpegls_decoder.h, charls_jpegls_encoder.h, jpegls_error.h) the
/// codec uses. Every function but create/destroy returns a <c>charls_jpegls_errc</c>, 0 on success; the calling
/// convention is the platform default (cdecl).</summary>
internal static unsafe partial class CharLsNative
{
    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_decoder_create")]
    public static partial nint DecoderCreate();

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_decoder_destroy")]
    public static partial void DecoderDestroy(nint decoder);

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_decoder_set_source_buffer")]
    public static partial int DecoderSetSourceBuffer(nint decoder, byte* source, nuint sourceSize);

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_decoder_read_header")]
    public static partial int DecoderReadHeader(nint decoder);

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_decoder_get_frame_info")]
    public static partial int DecoderGetFrameInfo(nint decoder, out CharLsFrameInfo frameInfo);

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_decoder_get_near_lossless")]
    public static partial int DecoderGetNearLossless(nint decoder, int component, out int nearLossless);

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_decoder_get_interleave_mode")]
    public static partial int DecoderGetInterleaveMode(nint decoder, out CharLsInterleaveMode interleaveMode);

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_decoder_get_destination_size")]
    public static partial int DecoderGetDestinationSize(nint decoder, uint stride, out nuint destinationSize);

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_decoder_decode_to_buffer")]
    public static partial int DecoderDecodeToBuffer(nint decoder, byte* destination, nuint destinationSize, uint stride);

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_encoder_create")]
    public static partial nint EncoderCreate();

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_encoder_destroy")]
    public static partial void EncoderDestroy(nint encoder);

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_encoder_set_frame_info")]
    public static partial int EncoderSetFrameInfo(nint encoder, in CharLsFrameInfo frameInfo);

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_encoder_set_near_lossless")]
    public static partial int EncoderSetNearLossless(nint encoder, int nearLossless);

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_encoder_set_interleave_mode")]
    public static partial int EncoderSetInterleaveMode(nint encoder, CharLsInterleaveMode interleaveMode);

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_encoder_get_estimated_destination_size")]
    public static partial int EncoderGetEstimatedDestinationSize(nint encoder, out nuint size);

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_encoder_set_destination_buffer")]
    public static partial int EncoderSetDestinationBuffer(nint encoder, byte* destination, nuint destinationSize);

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_encoder_encode_from_buffer")]
    public static partial int EncoderEncodeFromBuffer(nint encoder, byte* source, nuint sourceSize, uint stride);

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_jpegls_encoder_get_bytes_written")]
    public static partial int EncoderGetBytesWritten(nint encoder, out nuint bytesWritten);

    [LibraryImport(CharLsLibrary.Name, EntryPoint = "charls_get_error_message")]
    private static partial nint GetErrorMessage(int error);

    /// <summary>CharLS's own text for an error code.</summary>
    public static string ErrorMessage(int error) =>
        Marshal.PtrToStringUTF8(GetErrorMessage(error)) ?? $"CharLS error {error}";
}
