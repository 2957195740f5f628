using System.Buffers.Binary;
using System.IO.Compression;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;

namespace Airadcr.DicomGateway.Tests;

/// <summary>
/// A small Part 10 file in Deflated Explicit VR Little Endian whose data set inflates to a chosen size: a multi-frame
/// 4096x4096 16-bit image of zeros (600 MiB deflate to about 600 KB). Written as a stream, never held in memory.
/// The memory bench links this file.
/// </summary>
public static class DeflateBomb
{
    private const int Side = 4096;
    private const long FrameBytes = (long)Side * Side * 2;

    /// <summary>Writes the file; its data set inflates to at least <paramref name="inflatedBytes"/> (whole frames).</summary>
    public static string Write(string path, long inflatedBytes)
    {
        var frames = (int)Math.Max(1, (inflatedBytes + FrameBytes - 1) / FrameBytes);
        var dataset = new DicomDataset()
            .Add(DicomTag.SOPClassUID, DicomUids.CTImageStorage)
            .Add(DicomTag.SOPInstanceUID, DicomUidGenerator.New())
            .Add(DicomTag.StudyInstanceUID, DicomUidGenerator.New())
            .Add(DicomTag.SeriesInstanceUID, DicomUidGenerator.New())
            .Add(DicomTag.Modality, "CT")
            .Add(DicomTag.SamplesPerPixel, DicomVR.US, (ushort)1)
            .Add(DicomTag.PhotometricInterpretation, "MONOCHROME2")
            .Add(DicomTag.NumberOfFrames, DicomVR.IS, frames)
            .Add(DicomTag.Rows, DicomVR.US, (ushort)Side)
            .Add(DicomTag.Columns, DicomVR.US, (ushort)Side)
            .Add(DicomTag.BitsAllocated, DicomVR.US, (ushort)16)
            .Add(DicomTag.BitsStored, DicomVR.US, (ushort)16)
            .Add(DicomTag.HighBit, DicomVR.US, (ushort)15)
            .Add(DicomTag.PixelRepresentation, DicomVR.US, (ushort)0);
        using var file = File.Create(path);
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        DicomDatasetWriter.Write(file, DicomFileWriter.BuildMeta(new DicomDataset(), dataset, DicomTransferSyntax.DeflatedExplicitVRLittleEndian),
            DicomTransferSyntax.ExplicitVRLittleEndian);
        using var deflate = new DeflateStream(file, CompressionLevel.Optimal);
        DicomDatasetWriter.Write(deflate, dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
        Span<byte> pixelHeader = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(pixelHeader, 0x0010_7FE0);
        "OW"u8.CopyTo(pixelHeader[4..]);
        BinaryPrimitives.WriteUInt32LittleEndian(pixelHeader[8..], checked((uint)(frames * FrameBytes)));
        deflate.Write(pixelHeader);
        var zeros = new byte[1 << 20];
        for (long left = frames * FrameBytes; left > 0; left -= zeros.Length)
        {
            deflate.Write(zeros, 0, (int)Math.Min(zeros.Length, left));
        }
        return path;
    }
}
