using CsCheck;
using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.Imaging.Codecs;

namespace Airadcr.Dicom.Tests.Codecs;

/// <summary>Corrupt, truncated or disagreeing JPEG-LS frames raise <see cref="DicomFormatException"/>: never a crash
/// of the native decoder, another exception type, or an allocation beyond the module's frame.</summary>
public sealed class JpegLsBadInputTests
{
    /// <summary>A hang guard, not a speed target: a frame of a few thousand samples decodes in microseconds, and CharLS
    /// 2.4.1 left alone spins 10-20 s on a truncated scan; past this bound the decoder is spinning, whatever the load.</summary>
    private static readonly TimeSpan MaxDecodeTime = TimeSpan.FromSeconds(8);

    private static readonly IDicomFrameCodec Codec = DicomCodecs.Find(DicomUids.JPEGLSLossless)!;

    /// <summary>Valid frames to break: 16-bit signed, 12-bit, 8-bit grey, RGB; with the module they were coded from.</summary>
    private static readonly (byte[] Frame, DicomImageInfo Info)[] Seeds = [.. new[] { 0, 1, 4, 5 }.Select(Encoded)];

    [Fact]
    public void A_valid_frame_decodes()
    {
        foreach (var (frame, info) in Seeds)
        {
            Assert.Equal(info.FrameLength, Codec.Decode(frame, info).Length);
        }
    }

    [Fact]
    public void Truncated_frames_are_rejected()
    {
        foreach (var (frame, info) in Seeds)
        {
            foreach (var length in new[] { 0, 1, 2, 4, 10, 20, frame.Length / 3, frame.Length / 2, frame.Length - 3 })
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                Assert.Throws<DicomFormatException>(() => Codec.Decode(frame.AsSpan(0, length), info));
                Assert.True(clock.Elapsed < MaxDecodeTime, $"{length} of {frame.Length} bytes took {clock.Elapsed} to reject");
            }
        }
    }

    [Fact]
    public void Garbage_is_rejected()
    {
        var random = new Random(19);
        var info = Seeds[0].Info;
        for (var i = 0; i < 50; i++)
        {
            var garbage = new byte[random.Next(1, 4096)];
            random.NextBytes(garbage);
            Assert.Throws<DicomFormatException>(() => Codec.Decode(garbage, info));
        }

        Assert.Throws<DicomFormatException>(() => Codec.Decode([0xFF, 0xD8, 0xFF, 0xD9], info));
    }

    [Theory]
    [InlineData(1, 0, 0, 0)]
    [InlineData(0, 1, 0, 0)]
    [InlineData(0, 0, 2, 0)]
    [InlineData(0, 0, 0, 8)]
    public void A_header_that_disagrees_with_the_module_is_rejected(int extraRows, int extraColumns, int extraSamples, int bitsAllocated)
    {
        var (frame, info) = Seeds[0];
        var other = info with
        {
            Rows = info.Rows + extraRows,
            Columns = info.Columns + extraColumns,
            SamplesPerPixel = info.SamplesPerPixel + extraSamples,
            BitsAllocated = bitsAllocated == 0 ? info.BitsAllocated : bitsAllocated,
            BitsStored = bitsAllocated == 0 ? info.BitsStored : bitsAllocated,
        };
        var error = Assert.Throws<DicomFormatException>(() => Codec.Decode(frame, other));
        Assert.Contains("JPEG-LS frame", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_declared_frame_is_rejected_before_allocating()
    {
        var (frame, info) = Seeds[0];
        var huge = (byte[])frame.Clone();
        var sof = huge.AsSpan().IndexOf([(byte)0xFF, (byte)0xF7]);
        Assert.True(sof > 0, "no SOF55 in our codestream");
        huge[sof + 5] = huge[sof + 6] = huge[sof + 7] = huge[sof + 8] = 0xFF; // 65535 lines of 65535 samples
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<DicomFormatException>(() => Codec.Decode(huge, info));
        Assert.Throws<DicomFormatException>(() => Codec.Decode(huge, info with { Rows = 65535, Columns = 65535 }));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 << 20, "allocated for a frame it could not decode");
    }

    [Fact]
    public void Mutated_frames_only_ever_raise_DicomFormatException()
    {
        var decoded = 0;
        var rejected = 0;
        var mutation = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 3], Gen.Byte);
        Gen.Select(Gen.Int[0, Seeds.Length - 1], mutation.Array[1, 8]).Sample(
            (seed, mutations) =>
            {
                var (frame, info) = Seeds[seed];
                var data = Mutate(frame, mutations);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    Assert.Equal(info.FrameLength, Codec.Decode(data, info).Length);
                    Interlocked.Increment(ref decoded);
                }
                catch (DicomFormatException)
                {
                    Interlocked.Increment(ref rejected); // the documented outcome for a corrupt codestream
                }

                Assert.True(clock.Elapsed < MaxDecodeTime, $"a {data.Length}-byte frame took {clock.Elapsed} to decode or reject");
            },
            time: 3,
            threads: 1);
        Assert.True(decoded > 0 && rejected > 0, $"decoded {decoded}, rejected {rejected}: the mutations reach neither or only one outcome");
        TestContext.Current.TestOutputHelper?.WriteLine($"decoded {decoded}, rejected {rejected}");
    }

    /// <summary>Flips a bit, sets a byte, truncates or duplicates a byte, biased to the headers at the start.</summary>
    private static byte[] Mutate(byte[] frame, (int At, int Kind, byte Value)[] mutations)
    {
        var data = frame;
        foreach (var (at, kind, value) in mutations)
        {
            if (data.Length == 0)
            {
                break;
            }

            var position = at % 2 == 0 ? at % Math.Min(64, data.Length) : at % data.Length;
            data = kind switch
            {
                0 => Replace(data, position, (byte)(data[position] ^ (1 << (value & 7)))),
                1 => Replace(data, position, value),
                2 => data[..position],
                _ => [.. data[..position], value, .. data[position..]],
            };
        }

        return data;
    }

    private static byte[] Replace(byte[] data, int position, byte value)
    {
        var copy = (byte[])data.Clone();
        copy[position] = value;
        return copy;
    }

    private static (byte[] Frame, DicomImageInfo Info) Encoded(int layout)
    {
        var file = CodecTestImages.Create(CodecTestImages.Common[layout], seed: layout + 1);
        var pixels = new DicomPixelData(file.Dataset, file.TransferSyntax);
        var frame = Codec.Encode(pixels.GetFrameBytes(0).Span, pixels.Info, DicomCodecOptions.Default);
        return (frame.Data, pixels.Info);
    }
}
