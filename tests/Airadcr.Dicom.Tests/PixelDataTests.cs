using System.Text.Json.Nodes;
using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests;

/// <summary>Frames equal pydicom's pixel_array (native and RLE, MONOCHROME1/2, RGB planar, signed, 8/16/32 bits).</summary>
public sealed class PixelDataTests
{
    /// <summary>Files with pixel data we decode (native or RLE), YBR_FULL_422 (subsampled) excluded.</summary>
    private static List<string> Decodable()
    {
        var result = new List<string>();
        foreach (var relative in Corpus.Files.Where(f => !CorpusReadTests.Invalid.ContainsKey(f)))
        {
            using var file = DicomFile.Open(Corpus.PathOf(relative));
            var ts = file.TransferSyntax;
            if (file.Dataset.Contains(DicomTag.PixelData) && (!ts.IsEncapsulated || ts.Uid == DicomUids.RLELossless)
                && file.Dataset.GetStringOrDefault(DicomTag.PhotometricInterpretation) != "YBR_FULL_422")
            {
                result.Add(relative);
            }
        }

        return result;
    }

    [Fact]
    public void Frames_equal_pydicom_pixel_array()
    {
        var files = Decodable();
        Assert.Contains("test_files/SC_rgb_rle_32bit_2frame.dcm", files);
        Assert.Contains("test_files/MR_small_bigendian.dcm", files);
        var script = Path.Combine(AppContext.BaseDirectory, "Oracles", "pydicom_pixels.py");
        var (rc, stdout, stderr) = Corpus.Run("/usr/bin/python3", [script, .. files.Select(Corpus.PathOf)]);
        Assert.True(rc == 0, $"pydicom oracle failed: {stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(files.Count, lines.Length);
        var failures = new List<string>();
        var pydicomFails = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var oracle = JsonNode.Parse(lines[i])!;
            if (oracle["error"] is { } error)
            {
                pydicomFails.Add($"{files[i]}: {error}");
                continue;
            }

            var expected = oracle["values"]!.AsArray().Select(v => v!.GetValue<long>()).ToArray();
            using var file = DicomFile.Open(Corpus.PathOf(files[i]));
            var pixels = new DicomPixelData(file.Dataset, file.TransferSyntax);
            var actual = Enumerable.Range(0, pixels.FrameCount).SelectMany(pixels.GetContainerValues).ToArray();
            if (!expected.AsSpan().SequenceEqual(actual))
            {
                failures.Add($"{files[i]}: {actual.Length} values vs pydicom's {expected.Length}, first difference at " +
                             $"{expected.Zip(actual).TakeWhile(p => p.First == p.Second).Count()}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));

        // badVR.dcm: a malformed DS that pydicom 2.3 trips over while formatting its error message;
        // meta_missing_tsyntax.dcm: pydicom needs the meta group's transfer syntax (we detect the encoding);
        // nested_priv_SQ.dcm: pixel data without the Image Pixel module (we refuse it too, below).
        Assert.Equal(
            ["test_files/badVR.dcm", "test_files/meta_missing_tsyntax.dcm", "test_files/nested_priv_SQ.dcm"],
            pydicomFails.Select(f => f[..f.IndexOf(':', StringComparison.Ordinal)]));
        using var incomplete = DicomFile.Open(Corpus.PathOf("test_files/nested_priv_SQ.dcm"));
        Assert.Throws<DicomValueException>(() => new DicomPixelData(incomplete.Dataset, incomplete.TransferSyntax));
    }

    [Fact]
    public void Modality_lut_gives_float_values_in_output_units()
    {
        using var file = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm"));
        var pixels = new DicomPixelData(file.Dataset, file.TransferSyntax);
        var raw = pixels.GetContainerValues(0);
        var hu = pixels.GetFrameAsFloat(0);
        var slope = file.Dataset.GetValue<double>(DicomTag.RescaleSlope);
        var intercept = file.Dataset.GetValue<double>(DicomTag.RescaleIntercept);
        Assert.Equal((float)(raw[100] * slope + intercept), hu[100]);
    }

    [Fact]
    public void Monochrome1_renders_inverted()
    {
        var ds = new DicomDataset()
            .Add(DicomTag.Rows, DicomVR.US, (ushort)1).Add(DicomTag.Columns, DicomVR.US, (ushort)2)
            .Add(DicomTag.BitsAllocated, DicomVR.US, (ushort)8).Add(DicomTag.BitsStored, DicomVR.US, (ushort)8)
            .Add(DicomTag.PhotometricInterpretation, "MONOCHROME1")
            .AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OB, new byte[] { 0, 255 }));
        var rendering = DicomRenderer.Render(new DicomPixelData(ds, DicomTransferSyntax.ExplicitVRLittleEndian));
        Assert.Equal([255, 0], rendering.Pixels);
    }

    [Fact]
    public void Ybr_full_renders_as_rgb()
    {
        // Red, green, blue, grey in YCbCr full range (PS3.3 C.7.6.3.1.2): Y = .299R + .587G + .114B, Cb and Cr centred on 128.
        byte[] ybr = [76, 85, 255, 150, 44, 21, 29, 255, 107, 128, 128, 128];
        var ds = new DicomDataset()
            .Add(DicomTag.Rows, DicomVR.US, (ushort)1).Add(DicomTag.Columns, DicomVR.US, (ushort)4)
            .Add(DicomTag.SamplesPerPixel, DicomVR.US, (ushort)3)
            .Add(DicomTag.BitsAllocated, DicomVR.US, (ushort)8).Add(DicomTag.BitsStored, DicomVR.US, (ushort)8)
            .Add(DicomTag.PhotometricInterpretation, "YBR_FULL")
            .AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OB, ybr));
        var rendering = DicomRenderer.Render(new DicomPixelData(ds, DicomTransferSyntax.ExplicitVRLittleEndian));
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 128, 128, 128];
        Assert.Equal(3, rendering.Channels);
        Assert.All(rgb.Zip(rendering.Pixels), p => Assert.InRange(p.Second, p.First - 2, p.First + 2));
    }

    [Fact]
    public void Signed_values_with_fewer_bits_stored_are_sign_extended()
    {
        var ds = new DicomDataset()
            .Add(DicomTag.Rows, DicomVR.US, (ushort)1).Add(DicomTag.Columns, DicomVR.US, (ushort)2)
            .Add(DicomTag.BitsAllocated, DicomVR.US, (ushort)16).Add(DicomTag.BitsStored, DicomVR.US, (ushort)12)
            .Add(DicomTag.HighBit, DicomVR.US, (ushort)11).Add(DicomTag.PixelRepresentation, DicomVR.US, (ushort)1)
            .Add(DicomTag.PhotometricInterpretation, "MONOCHROME2")
            .AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OW, new byte[] { 0xFF, 0x0F, 0x05, 0x00 }));
        var values = new DicomPixelData(ds, DicomTransferSyntax.ExplicitVRLittleEndian).GetFrameAsFloat(0);
        Assert.Equal([-1f, 5f], values);
    }

    [Fact]
    public void Compressed_syntaxes_without_a_codec_say_they_are_not_decodable()
    {
        using var file = DicomFile.Open(Corpus.PathOf("test_files/JPEG2000.dcm"));
        var partTwo = DicomTransferSyntax.Lookup(DicomUids.JPEG2000MC); // JPEG 2000 Part 2: no codec here
        var ex = Assert.Throws<NotSupportedException>(() => new DicomPixelData(file.Dataset, partTwo));
        Assert.Contains("is not decodable", ex.Message, StringComparison.Ordinal);
    }
}
