using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.Imaging.Codecs;
using Airadcr.Dicom.IO;
using CsCheck;

namespace Airadcr.Dicom.Tests.Codecs;

/// <summary>Corrupt, truncated or disagreeing JPEG codestreams raise <see cref="DicomFormatException"/>: no other
/// exception, no hang, no allocation a frame header asks for before it is checked against the Image Pixel module.</summary>
public sealed class JpegBadInputTests
{
    private static readonly IDicomFrameCodec Codec = DicomCodecs.Find(DicomUids.JPEGLosslessSV1)!;

    /// <summary>Valid codestreams of each kind: our lossless (8-bit grey, 16-bit signed, RGB) and baseline (grey, RGB),
    /// dcmtk's 4:2:0 baseline, a 12-bit extended file and GDCM's lossless RGB from pydicom's corpus.</summary>
    private static readonly Lazy<List<(byte[] Codestream, DicomImageInfo Info)>> Seeds = new(() =>
    [
        Ours(JpegTestData.LosslessSV1, new CodecImageLayout(20, 24, 8, 8, false, 1, "MONOCHROME2")),
        Ours(JpegTestData.LosslessSV1, new CodecImageLayout(16, 12, 16, 16, true, 1, "MONOCHROME2")),
        Ours(JpegTestData.LosslessSV1, new CodecImageLayout(9, 11, 8, 8, false, 3, "RGB")),
        Ours(JpegTestData.Baseline, new CodecImageLayout(20, 24, 8, 8, false, 1, "MONOCHROME2")),
        Ours(JpegTestData.Baseline, new CodecImageLayout(17, 9, 8, 8, false, 3, "RGB")),
        Theirs("test_files/SC_rgb_dcmtk_+eb+cy+np.dcm"),
        Theirs("test_files/JPGExtended.dcm"),
        Theirs("test_files/SC_rgb_jpeg_gdcm.dcm"),
    ]);

    [Fact]
    public void Every_seed_decodes()
    {
        foreach (var (codestream, info) in Seeds.Value)
        {
            Assert.Equal(info.FrameLength, Codec.Decode(codestream, info).Length);
        }
    }

    [Fact]
    public void Truncated_codestreams_are_refused()
    {
        foreach (var (codestream, info) in Seeds.Value)
        {
            for (var length = 0; length < codestream.Length - 1; length += Math.Max(1, codestream.Length / 23))
            {
                Assert.Throws<DicomFormatException>(() => Codec.Decode(codestream.AsSpan(0, length), info));
            }
        }
    }

    [Fact]
    public void Garbage_is_refused()
    {
        var random = new Random(19);
        var info = Seeds.Value[0].Info;
        foreach (var length in new[] { 0, 1, 2, 3, 16, 1000 })
        {
            var garbage = new byte[length];
            random.NextBytes(garbage);
            Assert.Throws<DicomFormatException>(() => Codec.Decode(garbage, info));
        }

        Assert.Throws<DicomFormatException>(() => Codec.Decode([0xFF, 0xD8, 0xFF, 0xD9], info));
    }

    [Theory]
    [InlineData(21, 24, 1, 8)]
    [InlineData(20, 23, 1, 8)]
    [InlineData(20, 24, 3, 8)]
    [InlineData(20, 24, 1, 16)]
    public void A_frame_header_that_disagrees_with_the_module_is_refused(int rows, int columns, int samples, int bitsAllocated)
    {
        var (codestream, info) = Seeds.Value[0];
        var other = info with { Rows = rows, Columns = columns, SamplesPerPixel = samples, BitsAllocated = bitsAllocated, BitsStored = bitsAllocated, HighBit = bitsAllocated - 1, Photometric = samples == 3 ? "RGB" : "MONOCHROME2" };
        if (bitsAllocated == 16)
        {
            // 8-bit samples fit a 16-bit container: make the codestream claim 16-bit precision in an 8-bit one instead.
            codestream = [.. codestream];
            codestream[SofOffset(codestream) + 4] = 16;
            other = info;
        }

        var ex = Assert.Throws<DicomFormatException>(() => Codec.Decode(codestream, other));
        Assert.Contains("JPEG", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_frame_header_is_refused_before_anything_is_allocated_for_it()
    {
        var (codestream, info) = Seeds.Value[0];
        var huge = codestream.ToArray();
        var sof = SofOffset(huge);
        huge[sof + 5] = huge[sof + 6] = huge[sof + 7] = huge[sof + 8] = 0xFF; // 65535 x 65535
        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<DicomFormatException>(() => Codec.Decode(huge, info));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "allocated a megabyte or more");
        Assert.Contains("65535x65535", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Bounded fuzzing: mutated seeds (bytes overwritten, inserted, cut) decode or raise
    /// <see cref="DicomFormatException"/>, each within a second.</summary>
    [Fact]
    public void Mutated_codestreams_only_ever_raise_DicomFormatException()
    {
        var seeds = Seeds.Value;
        var mutation = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Int[0, 2]);
        var gen = Gen.Select(Gen.Int[0, seeds.Count - 1], mutation.Array[1, 6], Gen.Int[0, 40]);
        var decoded = 0;
        var refused = 0;
        gen.Sample((seed, mutations, cut) =>
        {
            var (codestream, info) = seeds[seed];
            var bytes = codestream.ToList();
            foreach (var (at, value, kind) in mutations)
            {
                var i = at % bytes.Count;
                switch (kind)
                {
                    case 0: bytes[i] = value; break;
                    case 1: bytes.Insert(i, value); break;
                    default: bytes.RemoveAt(i); break;
                }
            }

            var input = bytes.Take(cut == 0 ? bytes.Count / 2 : bytes.Count).ToArray();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                Assert.Equal(info.FrameLength, Codec.Decode(input, info).Length);
                Interlocked.Increment(ref decoded);
            }
            catch (DicomFormatException)
            {
                Interlocked.Increment(ref refused);
            }

            Assert.True(watch.ElapsedMilliseconds < 8000, $"decoding took {watch.ElapsedMilliseconds} ms: a hang guard (microseconds expected), not a speed target");
        }, iter: 3000, time: 5, seed: null);
        Assert.True(decoded > 0 && refused > 0, $"decoded {decoded}, refused {refused}");
    }

    private static int SofOffset(byte[] codestream)
    {
        for (var i = 0; i + 1 < codestream.Length; i++)
        {
            if (codestream[i] == 0xFF && codestream[i + 1] is 0xC0 or 0xC1 or 0xC3)
            {
                return i;
            }
        }

        throw new InvalidOperationException("no SOF");
    }

    private static (byte[], DicomImageInfo) Ours(DicomTransferSyntax syntax, CodecImageLayout layout)
    {
        var file = DicomTranscoder.Transcode(CodecTestImages.Create(layout, seed: 3), syntax);
        return First(file);
    }

    private static (byte[], DicomImageInfo) Theirs(string relative) => First(DicomFile.Open(Corpus.PathOf(relative)));

    private static (byte[], DicomImageInfo) First(DicomFile file)
    {
        var info = DicomImageInfo.FromDataset(file.Dataset);
        var frames = new EncapsulatedFrames((DicomFragmentSequence)file.Dataset[DicomTag.PixelData]!, info.NumberOfFrames, file.Dataset);
        var codestream = frames[0].ToArray();
        var end = codestream.AsSpan().LastIndexOf([(byte)0xFF, (byte)0xD9]);
        return (codestream[..(end + 2)], info);
    }
}
