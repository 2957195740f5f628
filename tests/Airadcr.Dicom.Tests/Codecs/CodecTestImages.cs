using System.Buffers.Binary;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests.Codecs;

/// <summary>A native image's layout for codec tests.</summary>
public sealed record CodecImageLayout(
    int Rows, int Columns, int BitsAllocated, int BitsStored, bool Signed, int SamplesPerPixel, string Photometric,
    int Frames = 1, int PlanarConfiguration = 0)
{
    public override string ToString() =>
        $"{Rows}x{Columns} {BitsStored}/{BitsAllocated}{(Signed ? "s" : "u")} {Photometric} x{Frames}{(PlanarConfiguration == 1 ? " planar" : "")}";
}

/// <summary>Native (Explicit VR Little Endian) images with content codecs find realistic: a smooth body, edges, a
/// textured region and noise, from a seed, so that every run builds the same bytes. Values span the layout's whole
/// stored range (including negative values when signed), so bit depth and sign handling are exercised.</summary>
public static class CodecTestImages
{
    /// <summary>Layouts every lossless codec is checked on: CT-like 16-bit signed, 12-bit MR, 8-bit, RGB, multi-frame.</summary>
    public static IReadOnlyList<CodecImageLayout> Common { get; } =
    [
        new(64, 80, 16, 16, true, 1, "MONOCHROME2"),
        new(61, 47, 16, 12, false, 1, "MONOCHROME2"),
        new(48, 64, 16, 12, true, 1, "MONOCHROME1"),
        new(64, 64, 16, 16, false, 1, "MONOCHROME2", Frames: 3),
        new(50, 70, 8, 8, false, 1, "MONOCHROME2"),
        new(40, 56, 8, 8, false, 3, "RGB"),
        new(40, 56, 8, 8, false, 3, "RGB", Frames: 2, PlanarConfiguration: 1),
    ];

    public static DicomFile Create(CodecImageLayout layout, int seed = 1)
    {
        var random = new Random(seed);
        var bytesPerSample = layout.BitsAllocated / 8;
        var frameSamples = layout.Rows * layout.Columns * layout.SamplesPerPixel;
        var data = new byte[(long)frameSamples * bytesPerSample * layout.Frames + ((long)frameSamples * bytesPerSample * layout.Frames & 1)];
        long min = layout.Signed ? -(1L << (layout.BitsStored - 1)) : 0;
        long max = layout.Signed ? (1L << (layout.BitsStored - 1)) - 1 : (1L << layout.BitsStored) - 1;
        for (var f = 0; f < layout.Frames; f++)
        {
            for (var s = 0; s < layout.SamplesPerPixel; s++)
            {
                for (var y = 0; y < layout.Rows; y++)
                {
                    for (var x = 0; x < layout.Columns; x++)
                    {
                        var value = Sample(layout, x, y, s, f, random, min, max);
                        var index = layout.PlanarConfiguration == 1
                            ? (long)f * frameSamples + (long)s * layout.Rows * layout.Columns + y * layout.Columns + x
                            : (long)f * frameSamples + ((long)y * layout.Columns + x) * layout.SamplesPerPixel + s;
                        Write(data, index * bytesPerSample, bytesPerSample, value);
                    }
                }
            }
        }

        var ds = new DicomDataset();
        ds.Add(DicomTag.SOPClassUID, layout.SamplesPerPixel == 3 ? "1.2.840.10008.5.1.4.1.1.7" : "1.2.840.10008.5.1.4.1.1.2");
        ds.Add(DicomTag.SOPInstanceUID, $"1.2.826.0.1.3680043.10.1415.19.{seed}.{layout.Rows}{layout.Columns}{layout.BitsStored}");
        ds.Add(DicomTag.StudyInstanceUID, "1.2.826.0.1.3680043.10.1415.19.1");
        ds.Add(DicomTag.SeriesInstanceUID, "1.2.826.0.1.3680043.10.1415.19.2");
        ds.Add(DicomTag.Modality, layout.SamplesPerPixel == 3 ? "OT" : "CT");
        ds.AddOrUpdate(DicomElementFactory.Create(DicomTag.SamplesPerPixel, DicomVR.US, (ushort)layout.SamplesPerPixel));
        ds.AddOrUpdate(DicomElementFactory.Create(DicomTag.PhotometricInterpretation, DicomVR.CS, layout.Photometric));
        if (layout.SamplesPerPixel > 1)
        {
            ds.AddOrUpdate(DicomElementFactory.Create(DicomTag.PlanarConfiguration, DicomVR.US, (ushort)layout.PlanarConfiguration));
        }

        if (layout.Frames > 1)
        {
            ds.AddOrUpdate(DicomElementFactory.Create(DicomTag.NumberOfFrames, DicomVR.IS, layout.Frames.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        ds.AddOrUpdate(DicomElementFactory.Create(DicomTag.Rows, DicomVR.US, (ushort)layout.Rows));
        ds.AddOrUpdate(DicomElementFactory.Create(DicomTag.Columns, DicomVR.US, (ushort)layout.Columns));
        ds.AddOrUpdate(DicomElementFactory.Create(DicomTag.BitsAllocated, DicomVR.US, (ushort)layout.BitsAllocated));
        ds.AddOrUpdate(DicomElementFactory.Create(DicomTag.BitsStored, DicomVR.US, (ushort)layout.BitsStored));
        ds.AddOrUpdate(DicomElementFactory.Create(DicomTag.HighBit, DicomVR.US, (ushort)(layout.BitsStored - 1)));
        ds.AddOrUpdate(DicomElementFactory.Create(DicomTag.PixelRepresentation, DicomVR.US, (ushort)(layout.Signed ? 1 : 0)));
        ds.AddOrUpdate(new DicomElement(DicomTag.PixelData, layout.BitsAllocated > 8 ? DicomVR.OW : DicomVR.OB, data));
        var meta = DicomFileWriter.BuildMeta(new DicomDataset(), ds, DicomTransferSyntax.ExplicitVRLittleEndian);
        return new DicomFile(ds, meta);
    }

    /// <summary>Writes <paramref name="file"/> under <paramref name="directory"/> and returns its path.</summary>
    public static string Save(DicomFile file, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        file.Save(path);
        return path;
    }

    private static long Sample(CodecImageLayout l, int x, int y, int s, int f, Random random, long min, long max)
    {
        var range = max - min;
        double cx = l.Columns / 2.0, cy = l.Rows / 2.0;
        var r = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) / Math.Max(cx, cy);
        var body = r < 0.8 ? 0.55 + 0.25 * Math.Cos(r * 3 + s + f) : 0.05;
        var edge = x > l.Columns * 0.6 && y < l.Rows * 0.4 ? 0.3 : 0;
        var texture = (x + y) % 7 < 2 ? 0.05 : 0;
        var noise = (random.NextDouble() - 0.5) * 0.04;
        var corner = x == 0 && y == 0 ? -1.0 : x == l.Columns - 1 && y == l.Rows - 1 ? 2.0 : 0; // the range's ends
        var unit = Math.Clamp(body + edge + texture + noise + corner, 0, 1);
        return min + (long)Math.Round(unit * range);
    }

    private static void Write(byte[] data, long at, int bytes, long value)
    {
        switch (bytes)
        {
            case 1:
                data[at] = (byte)value;
                break;
            case 2:
                BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan((int)at), (ushort)value);
                break;
            default:
                BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan((int)at), (uint)value);
                break;
        }
    }
}
