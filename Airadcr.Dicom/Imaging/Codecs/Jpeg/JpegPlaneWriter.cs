using System.Buffers;
using JpegLibrary;

namespace Airadcr.Dicom.Imaging.Codecs.Jpeg;

/// <summary>Receives JpegLibrary's decoded 8x8 blocks (samples at full resolution: JpegLibrary replicates subsampled
/// chroma) into one plane per component, cropped to the image. The planes are pooled (a multi-frame series decodes
/// without fresh large allocations, whose page faults cost as much as the decoding) and cleared before use.</summary>
internal sealed class JpegPlaneWriter : JpegBlockOutputWriter, IDisposable
{
    private const int BlockSize = 8;
    private readonly int width;
    private readonly int height;
    private readonly int components;
    private readonly int[][] planes;

    public JpegPlaneWriter(int width, int height, int components)
    {
        (this.width, this.height, this.components) = (width, height, components);
        planes = new int[components][];
        for (var c = 0; c < components; c++)
        {
            planes[c] = ArrayPool<int>.Shared.Rent(width * height);
            Array.Clear(planes[c], 0, width * height);
        }
    }

    public int Components => components;

    /// <summary>Component <paramref name="c"/>'s samples, row by row.</summary>
    public Span<int> Plane(int c) => planes[c].AsSpan(0, width * height);

    public void Dispose()
    {
        foreach (var plane in planes)
        {
            ArrayPool<int>.Shared.Return(plane);
        }
    }

    public override void WriteBlock(ref short blockRef, int componentIndex, int x, int y)
    {
        if ((uint)componentIndex >= (uint)components || x < 0 || y < 0 || x >= width || y >= height)
        {
            return;
        }

        var block = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref blockRef, BlockSize * BlockSize);
        var plane = planes[componentIndex];
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
