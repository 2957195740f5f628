using System.Buffers.Binary;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.CodecBench;

/// <summary>The native (Explicit VR LE) multi-frame files the encoders start from, written by us, byte-identical on
/// every run (fixed seeds): a CT body with noise (16-bit signed, about 12 bits of HU content), an MR head (12 bits
/// stored), an ultrasound-like RGB sector with colour Doppler and burnt-in text blocks (8-bit).</summary>
internal static class Phantoms
{
    public sealed record Phantom(string Name, string Description, int Frames, Func<int, DicomDataset> Create);

    public static Phantom Ct(int frames) => new("ct", $"CT 512x512 16-bit signed, {frames} frames", frames, CreateCt);

    public static Phantom Mr(int frames) => new("mr", $"MR 256x256 12-bit, {frames} frames", frames, CreateMr);

    public static Phantom Rgb(int frames) => new("rgb", $"US RGB 640x480 8-bit, {frames} frames", frames, CreateRgb);

    public static string Write(Phantom phantom, string directory)
    {
        var path = Path.Combine(directory, $"{phantom.Name}-native.dcm");
        new DicomFile(phantom.Create(phantom.Frames)).Save(path, DicomTransferSyntax.ExplicitVRLittleEndian);
        return path;
    }

    private static DicomDataset CreateCt(int frames)
    {
        const int size = 512;
        var random = new Random(19);
        var pixels = new byte[size * size * 2 * frames];
        for (var f = 0; f < frames; f++)
        {
            var z = (double)f / Math.Max(1, frames - 1);
            var frame = pixels.AsSpan(f * size * size * 2, size * size * 2);
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    var hu = CtHu((x - 256) / 256.0, (y - 256) / 256.0, z) + Noise(random, 12);
                    BinaryPrimitives.WriteInt16LittleEndian(frame[(((y * size) + x) * 2)..], (short)Math.Clamp(hu, -2048, 3071));
                }
            }
        }

        return Common(DicomUids.CTImageStorage, "CT", frames, size, size, 1, "MONOCHROME2")
            .Add(DicomTag.BitsAllocated, DicomVR.US, (ushort)16).Add(DicomTag.BitsStored, DicomVR.US, (ushort)16)
            .Add(DicomTag.HighBit, DicomVR.US, (ushort)15).Add(DicomTag.PixelRepresentation, DicomVR.US, (ushort)1)
            .Add(DicomTag.RescaleIntercept, "0").Add(DicomTag.RescaleSlope, "1")
            .Add(DicomTag.WindowCenter, "40").Add(DicomTag.WindowWidth, "400")
            .AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OW, pixels));
    }

    /// <summary>Air outside an elliptic body; fat rim, soft tissue, two lungs, a spine and a few vessels.</summary>
    private static double CtHu(double x, double y, double z)
    {
        var body = (x * x / 0.81) + (y * y / 0.49);
        if (body > 1)
        {
            return -1000;
        }

        if (body > 0.85)
        {
            return -100;
        }

        var lungX = Math.Abs(x) - 0.38;
        var lung = (lungX * lungX / 0.07) + ((y + 0.05) * (y + 0.05) / (0.18 + (0.04 * z)));
        if (lung < 1)
        {
            var vessel = Math.Sin(x * 40 + z * 3) * Math.Sin(y * 37) > 0.93;
            return vessel ? 40 : -850;
        }

        var spine = (x * x / 0.012) + ((y - 0.45) * (y - 0.45) / 0.012);
        return spine < 1 ? (spine < 0.5 ? 250 : 900) : 45 + (15 * Math.Sin(x * 9) * Math.Cos(y * 7));
    }

    private static DicomDataset CreateMr(int frames)
    {
        const int size = 256;
        var random = new Random(20);
        var pixels = new byte[size * size * 2 * frames];
        for (var f = 0; f < frames; f++)
        {
            var frame = pixels.AsSpan(f * size * size * 2, size * size * 2);
            var scale = 0.75 + (0.2 * Math.Sin(Math.PI * f / Math.Max(1, frames)));
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    var u = (x - 128) / (128.0 * scale);
                    var v = (y - 128) / (140.0 * scale);
                    var r = (u * u) + (v * v);
                    var signal = r > 1 ? 0 : r > 0.85 ? 2600 : r < 0.08 ? 3300 : 1500 + (500 * Math.Cos(u * 11) * Math.Sin(v * 13));
                    var value = Math.Abs(signal + Noise(random, 40));
                    BinaryPrimitives.WriteUInt16LittleEndian(frame[(((y * size) + x) * 2)..], (ushort)Math.Clamp(value, 0, 4095));
                }
            }
        }

        return Common(DicomUids.MRImageStorage, "MR", frames, size, size, 1, "MONOCHROME2")
            .Add(DicomTag.BitsAllocated, DicomVR.US, (ushort)16).Add(DicomTag.BitsStored, DicomVR.US, (ushort)12)
            .Add(DicomTag.HighBit, DicomVR.US, (ushort)11).Add(DicomTag.PixelRepresentation, DicomVR.US, (ushort)0)
            .AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OW, pixels));
    }

    private static DicomDataset CreateRgb(int frames)
    {
        const int width = 640, height = 480;
        var random = new Random(21);
        var pixels = new byte[width * height * 3 * frames];
        for (var f = 0; f < frames; f++)
        {
            var frame = pixels.AsSpan(f * width * height * 3, width * height * 3);
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var (r, g, b) = UltrasoundPixel(x, y, f, random);
                    var i = ((y * width) + x) * 3;
                    frame[i] = r;
                    frame[i + 1] = g;
                    frame[i + 2] = b;
                }
            }
        }

        return Common(DicomUids.UltrasoundMultiFrameImageStorage, "US", frames, height, width, 3, "RGB")
            .Add(DicomTag.PlanarConfiguration, DicomVR.US, (ushort)0)
            .Add(DicomTag.BitsAllocated, DicomVR.US, (ushort)8).Add(DicomTag.BitsStored, DicomVR.US, (ushort)8)
            .Add(DicomTag.HighBit, DicomVR.US, (ushort)7).Add(DicomTag.PixelRepresentation, DicomVR.US, (ushort)0)
            .AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OB, pixels));
    }

    /// <summary>Black outside a 90-degree fan; grey speckle inside; a colour Doppler box; white text-like blocks.</summary>
    private static (byte R, byte G, byte B) UltrasoundPixel(int x, int y, int frame, Random random)
    {
        if (y < 24 && x % 12 < 8 && x < 300 && (x / 12 + frame) % 5 != 0)
        {
            return (230, 230, 230);
        }

        var dx = x - 320.0;
        var dy = y - 20.0;
        var depth = Math.Sqrt((dx * dx) + (dy * dy));
        if (dy <= 0 || Math.Abs(dx) > dy || depth > 440)
        {
            return (0, 0, 0);
        }

        var tissue = 70 + (40 * Math.Sin(depth / 23.0 + frame * 0.2)) + (random.NextDouble() * random.NextDouble() * 120);
        var grey = (byte)Math.Clamp(tissue * (1 - (depth / 900)), 0, 255);
        var inBox = Math.Abs(dx) < 60 && depth > 180 && depth < 280;
        if (inBox && Math.Sin(dx / 9 + frame * 0.5) > 0.3)
        {
            var flow = (byte)Math.Clamp(120 + (100 * Math.Sin(depth / 15.0)), 0, 255);
            return dx > 0 ? (flow, (byte)(flow / 4), 0) : (0, (byte)(flow / 4), flow);
        }

        return (grey, grey, grey);
    }

    /// <summary>Roughly Gaussian noise of standard deviation <paramref name="sigma"/> (sum of 4 uniforms).</summary>
    private static double Noise(Random random, double sigma) =>
        (random.NextDouble() + random.NextDouble() + random.NextDouble() + random.NextDouble() - 2) * sigma * Math.Sqrt(3);

    private static DicomDataset Common(string sopClass, string modality, int frames, int rows, int columns, int samples, string photometric) =>
        new DicomDataset()
            .Add(DicomTag.SOPClassUID, sopClass)
            .Add(DicomTag.SOPInstanceUID, $"2.25.190000000000000000001.{modality[0] + 0}{frames}")
            .Add(DicomTag.StudyDate, "20261207").Add(DicomTag.StudyTime, "120000")
            .Add(DicomTag.Modality, modality).Add(DicomTag.Manufacturer, "AIRADCR")
            .Add(DicomTag.PatientName, "Codec^Bench").Add(DicomTag.PatientID, "CODECBENCH")
            .Add(DicomTag.StudyInstanceUID, "2.25.190000000000000000001.1")
            .Add(DicomTag.SeriesInstanceUID, $"2.25.190000000000000000001.2{modality[0] + 0}")
            .Add(DicomTag.NumberOfFrames, DicomVR.IS, $"{frames}")
            .Add(DicomTag.SamplesPerPixel, DicomVR.US, (ushort)samples)
            .Add(DicomTag.PhotometricInterpretation, photometric)
            .Add(DicomTag.Rows, DicomVR.US, (ushort)rows).Add(DicomTag.Columns, DicomVR.US, (ushort)columns);
}
