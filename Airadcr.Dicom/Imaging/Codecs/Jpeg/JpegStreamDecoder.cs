using System.Buffers;
using JpegLibrary;

namespace Airadcr.Dicom.Imaging.Codecs.Jpeg;

/// <summary>One scan of a lossless (SOF3) codestream: its components (frame indices), predictor (Ss), point transform
/// (Al) and the restart interval in force (DRI), as <see cref="JpegLosslessPrediction"/> needs them.</summary>
internal sealed record JpegLosslessScan(int[] Components, int Predictor, int PointTransform, int RestartInterval);

/// <summary>JpegLibrary's decoder, watched: a frame header (SOF) is checked against the Image Pixel module before
/// JpegLibrary allocates anything for it, and the scan headers of a lossless codestream are recorded.</summary>
internal sealed class JpegStreamDecoder(DicomImageInfo info) : JpegDecoder
{
    private const int MaxPrecision = 16;

    public JpegFrameHeader? Frame { get; private set; }

    public bool IsLossless { get; private set; }

    /// <summary>Whether the codestream reached its EOI marker: JpegLibrary decodes a truncated scan without a word.</summary>
    public bool Ended { get; private set; }

    public List<JpegLosslessScan> LosslessScans { get; } = [];

    protected override bool ProcessMarkerForDecode(JpegMarker marker, ref JpegReader reader)
    {
        switch (marker)
        {
            case JpegMarker.StartOfFrame0 or JpegMarker.StartOfFrame1 or JpegMarker.StartOfFrame2
                or JpegMarker.StartOfFrame3 or JpegMarker.StartOfFrame9 or JpegMarker.StartOfFrame10:
                var segment = Peek(reader);
                if (Frame is not null || !JpegFrameHeader.TryParse(segment, false, out var frame, out _))
                {
                    throw new DicomFormatException("JPEG frame header is malformed or repeated", reader.ConsumedByteCount);
                }

                Check(frame, marker == JpegMarker.StartOfFrame3, reader.ConsumedByteCount);
                Frame = frame;
                IsLossless = marker == JpegMarker.StartOfFrame3;
                SetRestartInterval(RestartIntervalBeforeFirstScan(reader) ?? GetRestartInterval());
                break;
            case JpegMarker.DefineRestartInterval when Frame is not null:
                var interval = Peek(reader);
                if (interval.Length != 2 || TwoBytes(interval) != GetRestartInterval())
                {
                    throw new DicomFormatException("JPEG restart interval changes between scans, which is not supported here", reader.ConsumedByteCount);
                }

                break;
            case JpegMarker.StartOfScan when IsLossless:
                if (!JpegScanHeader.TryParse(Peek(reader), false, out var scan, out _) || scan.Components is null)
                {
                    throw new DicomFormatException("JPEG scan header is malformed", reader.ConsumedByteCount);
                }

                var offset = reader.ConsumedByteCount;
                LosslessScans.Add(new JpegLosslessScan(
                    [.. scan.Components.Select(c => ComponentIndex(c.ScanComponentSelector, offset))],
                    scan.StartOfSpectralSelection, scan.SuccessiveApproximationBitPositionLow, GetRestartInterval()));
                break;
        }

        Ended |= marker == JpegMarker.EndOfImage;
        return base.ProcessMarkerForDecode(marker, ref reader);
    }

    /// <summary>JpegLibrary's scan decoders take the restart interval in force at the frame header, but DRI usually
    /// follows it (libjpeg writes it before SOS): the interval defined between the frame header and the first scan.</summary>
    private static int? RestartIntervalBeforeFirstScan(JpegReader reader)
    {
        var copy = reader;
        int? interval = null;
        while (copy.TryPeekBytes(2, out var lengthBytes) && TwoBytes(lengthBytes) is var length and >= 2 && copy.TryAdvance(length))
        {
            if (!copy.TryReadMarker(out var marker) || marker == JpegMarker.StartOfScan)
            {
                break;
            }

            if (marker == JpegMarker.DefineRestartInterval)
            {
                var segment = Peek(copy);
                interval = segment.Length == 2 ? TwoBytes(segment) : throw new DicomFormatException("JPEG restart interval segment is malformed", copy.ConsumedByteCount);
            }
        }

        return interval;
    }

    /// <summary>The segment after a marker, left unread for JpegLibrary.</summary>
    private static ReadOnlySequence<byte> Peek(JpegReader reader)
    {
        var copy = reader;
        return copy.TryPeekBytes(2, out var lengthBytes) && TwoBytes(lengthBytes) is var length and >= 2
            && copy.TryAdvance(2) && copy.TryReadBytes(length - 2, out var segment)
            ? segment
            : throw new DicomFormatException("JPEG marker segment is truncated", reader.ConsumedByteCount);
    }

    private static int TwoBytes(ReadOnlySequence<byte> bytes)
    {
        Span<byte> two = stackalloc byte[2];
        bytes.CopyTo(two);
        return two[0] << 8 | two[1];
    }

    private void Check(JpegFrameHeader frame, bool lossless, int offset)
    {
        var components = frame.Components ?? [];
        if (frame.NumberOfLines != info.Rows || frame.SamplesPerLine != info.Columns
            || frame.NumberOfComponents != info.SamplesPerPixel || components.Length != info.SamplesPerPixel)
        {
            throw new DicomFormatException(
                $"JPEG frame of {frame.SamplesPerLine}x{frame.NumberOfLines} with {frame.NumberOfComponents} component(s) disagrees with the Image Pixel module ({info.Columns}x{info.Rows}, {info.SamplesPerPixel} samples)", offset);
        }

        if (frame.SamplePrecision < 2 || frame.SamplePrecision > Math.Min(MaxPrecision, info.BitsAllocated)
            || (!lossless && frame.SamplePrecision is not (8 or 12)))
        {
            throw new DicomFormatException(
                $"JPEG sample precision {frame.SamplePrecision} does not fit {info.BitsAllocated} bits allocated", offset);
        }

        foreach (var c in components)
        {
            if (c.HorizontalSamplingFactor is not (1 or 2 or 4) || c.VerticalSamplingFactor is not (1 or 2 or 4)
                || (lossless && (c.HorizontalSamplingFactor != 1 || c.VerticalSamplingFactor != 1)))
            {
                throw new DicomFormatException(
                    $"JPEG sampling factors {c.HorizontalSamplingFactor}x{c.VerticalSamplingFactor} are not supported{(lossless ? " in lossless JPEG" : "")}", offset);
            }
        }
    }

    private int ComponentIndex(byte selector, int offset)
    {
        var components = Frame?.Components ?? [];
        for (var i = 0; i < components.Length; i++)
        {
            if (components[i].Identifier == selector)
            {
                return i;
            }
        }

        throw new DicomFormatException($"JPEG scan names component {selector}, which the frame lacks", offset);
    }
}
