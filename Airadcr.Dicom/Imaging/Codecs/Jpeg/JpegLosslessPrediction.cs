using System.Buffers;

namespace Airadcr.Dicom.Imaging.Codecs.Jpeg;

/// <summary>The predictors of lossless JPEG (ITU T.81 H.1.2.1, table H.1): selection values 1-7 over the neighbours
/// Ra (left), Rb (above), Rc (above left); the first line of the scan and of each restart interval uses Ra, the first
/// sample there 2^(P-Pt-1), the first column Rb.</summary>
internal static class JpegLosslessPrediction
{
    public static int Predict(int predictor, int ra, int rb, int rc) => predictor switch
    {
        1 => ra,
        2 => rb,
        3 => rc,
        4 => ra + rb - rc,
        5 => ra + ((rb - rc) >> 1),
        6 => rb + ((ra - rc) >> 1),
        7 => (ra + rb) >> 1,
        _ => 0,
    };

    /// <summary>The T.81 prediction of sample (x, y) from <paramref name="plane"/>, restarts every
    /// <paramref name="restartInterval"/> samples (MCUs of one sample per component).</summary>
    public static int Standard(ReadOnlySpan<int> plane, int width, int x, int y, int predictor, int initial, int restartInterval)
    {
        var index = y * width + x;
        var restartStart = restartInterval > 0 ? index - (index % restartInterval) : 0;
        var firstLine = y == 0 || (restartInterval > 0 && restartStart > (y - 1) * width + x);
        if (index == restartStart)
        {
            return initial;
        }

        if (firstLine)
        {
            return plane[index - 1];
        }

        return x == 0
            ? plane[index - width]
            : Predict(predictor, plane[index - 1], plane[index - width], plane[index - width - 1]);
    }

    /// <summary>The prediction JpegLibrary 0.4.32 applied (its JpegHuffmanLosslessScanDecoder) to its own 16-bit
    /// results: on the first line and at the first MCU of each restart interval it runs the selected predictor with
    /// Rb = Rc = 2^(P-Pt-1) instead of Ra, and later lines of a restart interval use the selected predictor.</summary>
    public static int Library(ReadOnlySpan<int> plane, int width, int x, int y, int predictor, int initial, int restartInterval)
    {
        var index = y * width + x;
        if (y == 0 || (restartInterval > 0 && index % restartInterval == 0))
        {
            return x == 0 ? initial : Predict(predictor, plane[index - 1], initial, initial);
        }

        return x == 0
            ? plane[index - width]
            : Predict(predictor, plane[index - 1], plane[index - width], plane[index - width - 1]);
    }

    /// <summary>Rebuilds the samples of one lossless component in place: JpegLibrary's entropy decoding is kept (each
    /// difference is its 16-bit result minus its own prediction, modulo 2^16, H.1.2.2), the prediction is redone as
    /// T.81 says, and the point transform is undone. <paramref name="plane"/> holds JpegLibrary's 16-bit results (as it
    /// stores them: signed 16-bit) and comes back holding samples in [0, 2^P). Without restart intervals JpegLibrary's
    /// prediction differs from T.81's on the first line only, which the row-by-row loop of each predictor handles;
    /// with them, sample by sample (<see cref="Library"/>, <see cref="Standard"/>).</summary>
    public static void Reconstruct(Span<int> plane, int width, int height, int precision, JpegLosslessScan scan)
    {
        var initial = 1 << (precision - scan.PointTransform - 1);
        var mask = (1 << (precision - scan.PointTransform)) - 1;
        if (scan.RestartInterval > 0)
        {
            WithRestarts(plane, width, height, initial, mask, scan);
        }
        else
        {
            WithoutRestarts(plane, width, height, initial, mask, scan.Predictor);
        }

        if (scan.PointTransform > 0)
        {
            foreach (ref var sample in plane)
            {
                sample <<= scan.PointTransform;
            }
        }
    }

    private static void WithRestarts(Span<int> plane, int width, int height, int initial, int mask, JpegLosslessScan scan)
    {
        var decoded = plane.ToArray();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var index = y * width + x;
                var difference = decoded[index] - Library(decoded, width, x, y, scan.Predictor, initial, scan.RestartInterval);
                var prediction = Standard(plane, width, x, y, scan.Predictor, initial, scan.RestartInterval);
                plane[index] = (prediction + difference) & mask;
            }
        }
    }

    private static void WithoutRestarts(Span<int> plane, int width, int height, int initial, int mask, int predictor)
    {
        var rows = ArrayPool<int>.Shared.Rent(2 * width);
        try
        {
            switch (predictor)
            {
                case 1: Rows<Ra>(plane, rows, width, height, initial, mask); break;
                case 2: Rows<Rb>(plane, rows, width, height, initial, mask); break;
                case 3: Rows<Rc>(plane, rows, width, height, initial, mask); break;
                case 4: Rows<RaRbRc>(plane, rows, width, height, initial, mask); break;
                case 5: Rows<RaHalfRbRc>(plane, rows, width, height, initial, mask); break;
                case 6: Rows<RbHalfRaRc>(plane, rows, width, height, initial, mask); break;
                case 7: Rows<Mean>(plane, rows, width, height, initial, mask); break;
                default: Rows<None>(plane, rows, width, height, initial, mask); break;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
        }
    }

    /// <summary>Row by row, keeping JpegLibrary's values of the row above and of this row (its prediction needs them)
    /// while the row is overwritten with the reconstructed samples.</summary>
    private static void Rows<TPredictor>(Span<int> plane, int[] rows, int width, int height, int initial, int mask)
        where TPredictor : struct, IPredictor
    {
        var current = rows.AsSpan(0, width);
        var row = plane[..width];
        row.CopyTo(current);
        row[0] = current[0] & mask;
        for (var x = 1; x < width; x++)
        {
            var difference = current[x] - TPredictor.Predict(current[x - 1], initial, initial);
            row[x] = (row[x - 1] + difference) & mask;
        }

        for (var y = 1; y < height; y++)
        {
            var above = rows.AsSpan((y - 1) % 2 * width, width);
            current = rows.AsSpan(y % 2 * width, width);
            var samplesAbove = plane.Slice((y - 1) * width, width);
            row = plane.Slice(y * width, width);
            row.CopyTo(current);
            row[0] = (samplesAbove[0] + current[0] - above[0]) & mask;
            for (var x = 1; x < width; x++)
            {
                var difference = current[x] - TPredictor.Predict(current[x - 1], above[x], above[x - 1]);
                row[x] = (TPredictor.Predict(row[x - 1], samplesAbove[x], samplesAbove[x - 1]) + difference) & mask;
            }
        }
    }

    private interface IPredictor
    {
        static abstract int Predict(int ra, int rb, int rc);
    }

    private readonly struct Ra : IPredictor
    {
        public static int Predict(int ra, int rb, int rc) => ra;
    }

    private readonly struct Rb : IPredictor
    {
        public static int Predict(int ra, int rb, int rc) => rb;
    }

    private readonly struct Rc : IPredictor
    {
        public static int Predict(int ra, int rb, int rc) => rc;
    }

    private readonly struct RaRbRc : IPredictor
    {
        public static int Predict(int ra, int rb, int rc) => ra + rb - rc;
    }

    private readonly struct RaHalfRbRc : IPredictor
    {
        public static int Predict(int ra, int rb, int rc) => ra + ((rb - rc) >> 1);
    }

    private readonly struct RbHalfRaRc : IPredictor
    {
        public static int Predict(int ra, int rb, int rc) => rb + ((ra - rc) >> 1);
    }

    private readonly struct Mean : IPredictor
    {
        public static int Predict(int ra, int rb, int rc) => (ra + rb) >> 1;
    }

    private readonly struct None : IPredictor
    {
        public static int Predict(int ra, int rb, int rc) => 0;
    }
}
