using System.Buffers.Binary;
using System.Globalization;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Inference.Engine.Imaging;

namespace Airadcr.Inference.Tests.Dicom;

/// <summary>Writes a synthetic volume as a DICOM series (one Part 10 instance per plane) with Airadcr.Dicom.</summary>
public static class DicomSeriesWriter
{
    private static readonly Dictionary<string, string> SopClasses = new()
    {
        ["CT"] = "1.2.840.10008.5.1.4.1.1.2",
        ["MR"] = "1.2.840.10008.5.1.4.1.1.4",
        ["DX"] = "1.2.840.10008.5.1.4.1.1.1.1",
    };

    /// <summary>Stored value = modality value - intercept (slope 1), unsigned 16-bit.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Write(ImageVolume volume, double rescaleIntercept = 0)
    {
        var files = new List<(string, byte[])>();
        for (var z = 0; z < volume.Depth; z++)
        {
            var slice = volume.Slices[z];
            var dataset = new DicomDataset();
            dataset.Add(DicomTag.SOPClassUID, SopClasses[volume.Modality]);
            dataset.Add(DicomTag.SOPInstanceUID, slice.SopInstanceUid);
            dataset.Add(DicomTag.StudyInstanceUID, volume.StudyInstanceUid);
            dataset.Add(DicomTag.SeriesInstanceUID, volume.SeriesInstanceUid);
            dataset.Add(DicomTag.Modality, volume.Modality);
            dataset.Add(DicomTag.InstanceNumber, (z + 1).ToString(CultureInfo.InvariantCulture));
            dataset.Add(DicomTag.ImagePositionPatient, Decimals(slice.Position.X, slice.Position.Y, slice.Position.Z));
            dataset.Add(DicomTag.ImageOrientationPatient, Decimals(
                volume.RowDirection.X, volume.RowDirection.Y, volume.RowDirection.Z,
                volume.ColumnDirection.X, volume.ColumnDirection.Y, volume.ColumnDirection.Z));
            dataset.Add(DicomTag.PixelSpacing, Decimals(volume.RowSpacingMm, volume.ColumnSpacingMm));
            dataset.Add(DicomTag.SliceThickness, Decimals(volume.SliceSpacingMm));
            dataset.Add(DicomTag.SamplesPerPixel, DicomVR.US, (ushort)1);
            dataset.Add(DicomTag.PhotometricInterpretation, "MONOCHROME2");
            dataset.Add(DicomTag.Rows, DicomVR.US, (ushort)volume.Rows);
            dataset.Add(DicomTag.Columns, DicomVR.US, (ushort)volume.Columns);
            dataset.Add(DicomTag.BitsAllocated, DicomVR.US, (ushort)16);
            dataset.Add(DicomTag.BitsStored, DicomVR.US, (ushort)16);
            dataset.Add(DicomTag.HighBit, DicomVR.US, (ushort)15);
            dataset.Add(DicomTag.PixelRepresentation, DicomVR.US, (ushort)0);
            dataset.Add(DicomTag.RescaleIntercept, Decimals(rescaleIntercept));
            dataset.Add(DicomTag.RescaleSlope, "1");
            dataset.AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OW, Pixels(volume.Planes[z], rescaleIntercept)));
            files.Add(($"{volume.Modality}{z + 1:D4}.dcm", DicomFileWriter.ToArray(new DicomFile(dataset), DicomTransferSyntax.ExplicitVRLittleEndian)));
        }

        return files;
    }

    public static void WriteTo(string folder, ImageVolume volume, double rescaleIntercept = 0)
    {
        foreach (var (name, bytes) in Write(volume, rescaleIntercept))
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }
    }

    private static byte[] Pixels(float[] plane, double intercept)
    {
        var bytes = new byte[plane.Length * 2];
        for (var i = 0; i < plane.Length; i++)
        {
            var stored = Math.Clamp(Math.Round(plane[i] - intercept), 0, ushort.MaxValue);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), (ushort)stored);
        }

        return bytes;
    }

    private static string[] Decimals(params double[] values) =>
        values.Select(v => Math.Round(v, 4).ToString("0.####", CultureInfo.InvariantCulture)).ToArray();
}
