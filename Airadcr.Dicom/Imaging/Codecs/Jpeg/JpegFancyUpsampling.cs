using System.Buffers;

namespace Airadcr.Dicom.Imaging.Codecs.Jpeg;

/// <summary>libjpeg's "fancy" (triangular) chroma upsampling for 2:1 horizontal (h2v1) and 2:1 both ways (h2v2),
/// which dcmtk's dcmdjpeg and most viewers use: JpegLibrary replicates subsampled samples instead, which leaves
/// colour edges up to tens of levels from what those decoders show. The subsampled plane is taken back from the
/// replicated one (its top-left samples) and upsampled again; edge rows and columns repeat, as in libjpeg.</summary>
internal static class JpegFancyUpsampling
{
    public static void Apply(Span<int> plane, int width, int height, int horizontal, int vertical)
    {
        if (horizontal != 2 || vertical is not (1 or 2))
        {
            return;
        }

        var inWidth = (width + 1) / 2;
        var inHeight = (height + vertical - 1) / vertical;
        var rented = ArrayPool<int>.Shared.Rent(inWidth * inHeight + inWidth * 2);
        try
        {
            var input = rented.AsSpan(0, inWidth * inHeight);
            var row = rented.AsSpan(inWidth * inHeight, inWidth * 2);
            for (var y = 0; y < inHeight; y++)
            {
                for (var x = 0; x < inWidth; x++)
                {
                    input[y * inWidth + x] = plane[y * vertical * width + x * 2];
                }
            }

            for (var y = 0; y < height; y++)
            {
                var source = y / vertical;
                if (vertical == 1)
                {
                    Horizontal(input.Slice(source * inWidth, inWidth), row);
                }
                else
                {
                    var neighbour = Math.Clamp(y % 2 == 0 ? source - 1 : source + 1, 0, inHeight - 1);
                    Both(input.Slice(source * inWidth, inWidth), input.Slice(neighbour * inWidth, inWidth), row);
                }

                row[..width].CopyTo(plane.Slice(y * width, width));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>h2v1_fancy_upsample: each output sample is 3/4 of its nearer input and 1/4 of the further.</summary>
    private static void Horizontal(ReadOnlySpan<int> input, Span<int> output)
    {
        var n = input.Length;
        for (var i = 0; i < n; i++)
        {
            var left = input[Math.Max(i - 1, 0)];
            var right = input[Math.Min(i + 1, n - 1)];
            output[2 * i] = i == 0 ? input[0] : (input[i] * 3 + left + 1) >> 2;
            output[2 * i + 1] = i == n - 1 ? input[i] : (input[i] * 3 + right + 2) >> 2;
        }
    }

    /// <summary>h2v2_fancy_upsample: column sums 3 x this row + the nearer row, then 3:1 between columns.</summary>
    private static void Both(ReadOnlySpan<int> near, ReadOnlySpan<int> far, Span<int> output)
    {
        var n = near.Length;
        for (var i = 0; i < n; i++)
        {
            var sum = near[i] * 3 + far[i];
            var last = near[Math.Max(i - 1, 0)] * 3 + far[Math.Max(i - 1, 0)];
            var next = near[Math.Min(i + 1, n - 1)] * 3 + far[Math.Min(i + 1, n - 1)];
            output[2 * i] = i == 0 ? (sum * 4 + 8) >> 4 : (sum * 3 + last + 8) >> 4;
            output[2 * i + 1] = i == n - 1 ? (sum * 4 + 7) >> 4 : (sum * 3 + next + 7) >> 4;
        }
    }
}
