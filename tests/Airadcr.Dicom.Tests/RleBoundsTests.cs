using System.Buffers.Binary;
using Airadcr.Dicom.Imaging;

namespace Airadcr.Dicom.Tests;

/// <summary>An RLE frame's segments are checked against the image they must fill before the image is allocated.</summary>
public sealed class RleBoundsTests
{
    [Fact]
    public void A_few_bytes_claiming_a_40000_x_40000_frame_are_rejected_before_the_frame_is_allocated()
    {
        var frame = new byte[64 + 2];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), 64);
        frame[64] = 0x81; // replicate the next byte 128 times
        var info = new DicomImageInfo(40000, 40000, 1, 8, 8, 7, false, "MONOCHROME2", 0, 1, 1, 0, null, null);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DicomFormatException>(() => RleDecoder.DecodeFrame(frame, info));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("RLE segment 0 of 2 bytes cannot decode to the 1600000000 bytes", error.Message);
        Assert.True(allocated < 1 << 20, $"{allocated} bytes allocated for a 66-byte frame");
    }
}
