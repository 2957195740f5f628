namespace Airadcr.Dicom.Imaging.Codecs.Jpeg;

/// <summary>JpegLibrary 0.4.32's lossless scan decoder looks for a restart marker after every restart interval, the
/// last one included: when the scan's samples are a whole number of intervals it meets EOI there and returns without
/// flushing its last rows (up to 8 lines come out empty). The codestream it is given therefore gets one more RSTn in
/// front of EOI in that case: JpegLibrary takes it as a restart, finishes the scan, and then meets EOI. Only
/// JpegLibrary's input is changed; the codestream as stored is untouched.</summary>
internal static class JpegFinalRestart
{
    private const byte Marker = 0xFF;
    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;
    private const byte StartOfScan = 0xDA;
    private const byte Lossless = 0xC3;
    private const byte DefineRestartInterval = 0xDD;
    private const byte FirstRestart = 0xD0;

    public static byte[] Prepare(ReadOnlySpan<byte> encoded)
    {
        var (samples, interval) = LosslessHeader(encoded);
        var end = encoded.LastIndexOf([Marker, EndOfImage]);
        if (samples == 0 || interval == 0 || samples % interval != 0 || end < 0)
        {
            return encoded.ToArray();
        }

        var restarts = samples / interval - 1;
        return [.. encoded[..end], Marker, (byte)(FirstRestart + restarts % 8), .. encoded[end..]];
    }

    /// <summary>Samples per component of a lossless (SOF3) frame and the restart interval defined before its first
    /// scan; zeros when the codestream is not lossless, has no interval, or its header cannot be walked (JpegLibrary
    /// then reports what is wrong).</summary>
    private static (long Samples, int Interval) LosslessHeader(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length < 4 || encoded[0] != Marker || encoded[1] != StartOfImage)
        {
            return (0, 0);
        }

        long samples = 0;
        var interval = 0;
        var at = 2;
        while (at + 4 <= encoded.Length && encoded[at] == Marker)
        {
            var marker = encoded[at + 1];
            if (marker == Marker)
            {
                at++;
                continue;
            }

            if (marker == StartOfScan)
            {
                break;
            }

            var length = encoded[at + 2] << 8 | encoded[at + 3];
            if (length < 2 || at + 2 + length > encoded.Length)
            {
                return (0, 0);
            }

            var segment = encoded.Slice(at + 4, length - 2);
            if (marker == Lossless && segment.Length >= 5)
            {
                samples = (long)(segment[1] << 8 | segment[2]) * (segment[3] << 8 | segment[4]);
            }
            else if (marker == DefineRestartInterval && segment.Length == 2)
            {
                interval = segment[0] << 8 | segment[1];
            }

            at += 2 + length;
        }

        return (samples, interval);
    }
}
