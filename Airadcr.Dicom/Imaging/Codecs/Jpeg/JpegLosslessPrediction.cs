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

    /// <summary>Rebuilds the samples of one lossless component: JpegLibrary's entropy decoding is kept (each
    /// difference is its 16-bit result minus its own prediction, modulo 2^16, H.1.2.2), the prediction is redone as
    /// T.81 says, and the point transform is undone. <paramref name="decoded"/> holds JpegLibrary's 16-bit results
    /// (as it stores them: signed 16-bit); the result holds samples in [0, 2^P).</summary>
    public static int[] Reconstruct(ReadOnlySpan<int> decoded, int width, int height, int precision, JpegLosslessScan scan)
    {
        var initial = 1 << (precision - scan.PointTransform - 1);
        var mask = (1 << (precision - scan.PointTransform)) - 1;
        var samples = new int[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var index = y * width + x;
                var difference = decoded[index] - Library(decoded, width, x, y, scan.Predictor, initial, scan.RestartInterval);
                var prediction = Standard(samples, width, x, y, scan.Predictor, initial, scan.RestartInterval);
                samples[index] = (prediction + difference) & 0xFFFF & mask;
            }
        }

        if (scan.PointTransform > 0)
        {
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] <<= scan.PointTransform;
            }
        }

        return samples;
    }
}
