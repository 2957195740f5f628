using JpegLibrary;

namespace Airadcr.Dicom.Imaging.Codecs.Jpeg;

/// <summary>Gives JpegLibrary's encoder 8x8 blocks of component planes; blocks past the right and bottom edges
/// repeat the last column and row (as libjpeg pads), which keeps the edge blocks free of ringing.</summary>
internal sealed class JpegPlaneReader(int width, int height, int[][] planes) : JpegBlockInputReader
{
    private const int BlockSize = 8;

    public override int Width => width;

    public override int Height => height;

    public override void ReadBlock(ref short blockRef, int componentIndex, int x, int y)
    {
        var block = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref blockRef, BlockSize * BlockSize);
        var plane = planes[componentIndex];
        for (var row = 0; row < BlockSize; row++)
        {
            var source = Math.Min(y + row, height - 1) * width;
            for (var col = 0; col < BlockSize; col++)
            {
                block[row * BlockSize + col] = (short)plane[source + Math.Min(x + col, width - 1)];
            }
        }
    }
}
