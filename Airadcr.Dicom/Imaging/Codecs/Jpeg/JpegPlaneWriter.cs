using JpegLibrary;

namespace Airadcr.Dicom.Imaging.Codecs.Jpeg;

/// <summary>Receives JpegLibrary's decoded 8x8 blocks (samples at full resolution: JpegLibrary replicates subsampled
/// chroma) into one plane per component, cropped to the image.</summary>
internal sealed class JpegPlaneWriter(int width, int height, int components) : JpegBlockOutputWriter
{
    private const int BlockSize = 8;

    public int[][] Planes { get; } = [.. Enumerable.Range(0, components).Select(_ => new int[width * height])];

    public override void WriteBlock(ref short blockRef, int componentIndex, int x, int y)
    {
        if ((uint)componentIndex >= (uint)components || x < 0 || y < 0 || x >= width || y >= height)
        {
            return;
        }

        var block = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref blockRef, BlockSize * BlockSize);
        var plane = Planes[componentIndex];
        var w = Math.Min(BlockSize, width - x);
        var h = Math.Min(BlockSize, height - y);
        for (var row = 0; row < h; row++)
        {
            var target = plane.AsSpan((y + row) * width + x, w);
            var source = block.Slice(row * BlockSize, w);
            for (var i = 0; i < w; i++)
            {
                target[i] = source[i];
            }
        }
    }
}
