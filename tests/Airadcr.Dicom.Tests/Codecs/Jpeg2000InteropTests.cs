using System.Runtime.CompilerServices;
using Airadcr.Dicom.Imaging.Codecs.Jpeg2000;

namespace Airadcr.Dicom.Tests.Codecs;

/// <summary>The structs declared for OpenJPEG match the library's layout (openjpeg.h of v2.5.0, no header being
/// installed): their sizes are those of sizeof, and the defaults the library writes land in the fields declared at
/// their offsets, including ones near each struct's end.</summary>
public sealed class Jpeg2000InteropTests
{
    [Fact]
    public void Struct_sizes_are_those_of_openjpeg_2_5()
    {
        Assert.Equal(18720, Unsafe.SizeOf<OpenJpegNative.EncoderParameters>());
        Assert.Equal(8252, Unsafe.SizeOf<OpenJpegNative.DecoderParameters>());
        Assert.Equal(48, Unsafe.SizeOf<OpenJpegNative.Image>());
        Assert.Equal(64, Unsafe.SizeOf<OpenJpegNative.ImageComponent>());
        Assert.Equal(36, Unsafe.SizeOf<OpenJpegNative.ComponentParameters>());
    }

    [Fact]
    public void The_library_defaults_land_at_the_declared_offsets()
    {
        var encoder = OpenJpegNative.DefaultEncoderParameters();
        Assert.Equal(6, encoder.Resolutions);
        Assert.Equal(64, encoder.CodeBlockWidth);
        Assert.Equal(-1, encoder.RoiComponent);
        Assert.Equal(-1, encoder.OutputFormat);
        Assert.Equal(0, encoder.Irreversible);
        var decoder = OpenJpegNative.DefaultDecoderParameters();
        Assert.Equal(-1, decoder.OutputFormat);
        Assert.Equal(0u, decoder.Reduce);
    }
}
