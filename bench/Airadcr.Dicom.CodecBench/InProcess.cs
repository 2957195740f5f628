using System.Buffers.Binary;
using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.Imaging.Codecs;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.CodecBench;

/// <summary>Ours inside the process, after a warm-up: open and decode every frame (<see cref="DicomPixelData.GetFrameBytes"/>),
/// and what the CLI does (<see cref="DicomTranscoder"/> to Explicit VR LE, saved to a file).</summary>
internal static class InProcess
{
    public static double DecodeSeconds(string path, int runs) => Timing.InProcess(() =>
    {
        using var file = DicomFile.Open(path);
        var pixels = new DicomPixelData(file.Dataset, file.TransferSyntax);
        for (var i = 0; i < pixels.FrameCount; i++)
        {
            _ = pixels.GetFrameBytes(i);
        }
    }, runs);

    public static double TranscodeSeconds(string path, string output, int runs) => Timing.InProcess(() =>
    {
        using var file = DicomFile.Open(path);
        DicomTranscoder.Transcode(file, DicomTransferSyntax.ExplicitVRLittleEndian).Save(output, DicomTransferSyntax.ExplicitVRLittleEndian);
    }, runs);

    /// <summary>Every frame decoded (kept, for <see cref="MaxDifference"/>), and the layout they come out in.</summary>
    public static (DicomImageInfo Info, byte[][] Frames) DecodeAll(string path)
    {
        using var file = DicomFile.Open(path);
        var pixels = new DicomPixelData(file.Dataset, file.TransferSyntax);
        var frames = new byte[pixels.FrameCount][];
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = pixels.GetFrameBytes(i).ToArray();
        }

        return (pixels.Info, frames);
    }

    /// <summary>The largest absolute difference between our decoded samples and the ones a peer wrote into
    /// <paramref name="peerOutput"/> (uncompressed), or a note when the layouts differ (e.g. a peer keeping YBR).</summary>
    public static string MaxDifference((DicomImageInfo Info, byte[][] Frames) ours, string peerOutput)
    {
        var peer = DecodeAll(peerOutput);
        if (peer.Info.Photometric != ours.Info.Photometric || peer.Info.FrameLength != ours.Info.FrameLength || peer.Frames.Length != ours.Frames.Length)
        {
            return $"n/a (peer: {peer.Info.Photometric}, {peer.Frames.Length} frames)";
        }

        long max = 0;
        for (var f = 0; f < ours.Frames.Length; f++)
        {
            for (var i = 0; i < ours.Info.SamplesPerFrame; i++)
            {
                max = Math.Max(max, Math.Abs(Sample(ours.Frames[f], i, ours.Info) - Sample(peer.Frames[f], i, ours.Info)));
            }
        }

        return max.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static long Sample(byte[] frame, int index, DicomImageInfo info) => info.BytesPerSample switch
    {
        1 => frame[index],
        2 => info.IsSigned ? BinaryPrimitives.ReadInt16LittleEndian(frame.AsSpan(index * 2)) : BinaryPrimitives.ReadUInt16LittleEndian(frame.AsSpan(index * 2)),
        _ => info.IsSigned ? BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(index * 4)) : BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(index * 4)),
    };
}
