using System.Buffers.Binary;
using Airadcr.Dicom.Imaging;
using Airadcr.Dicom.Imaging.Codecs;
using Airadcr.Dicom.IO;
using CsCheck;

namespace Airadcr.Dicom.Tests.Codecs;

/// <summary>Corrupt, truncated or lying JPEG 2000 frames end in <see cref="DicomFormatException"/>: never a crash of
/// the native library, a hang, or an allocation the Image Pixel module does not bound.</summary>
public sealed class Jpeg2000BadInputTests
{
    private static readonly IDicomFrameCodec Codec = DicomCodecs.Find(DicomUids.JPEG2000Lossless)!;

    /// <summary>A 64 x 80 16-bit signed frame and a 40 x 56 RGB one encoded lossless, a 12-bit one lossy, and GDCM's
    /// tiled JP2 file of pydicom's corpus (400 x 400 YBR_RCT in 9 tiles), with their layouts.</summary>
    private static readonly (byte[] Codestream, DicomImageInfo Info)[] Valid =
    [
        Encoded(CodecTestImages.Common[0], lossy: false),
        Encoded(CodecTestImages.Common[5], lossy: false),
        Encoded(CodecTestImages.Common[1], lossy: true),
        Stored("test_files/GDCMJ2K_TextGBR.dcm"),
    ];

    [Fact]
    public void Valid_codestreams_decode()
    {
        foreach (var (codestream, info) in Valid)
        {
            Assert.Equal(info.FrameLength, Codec.Decode(codestream, info).Length);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(20)]
    [InlineData(60)]
    [InlineData(200)]
    [InlineData(1000)]
    public void Truncated_codestreams_are_rejected(int keep)
    {
        var (codestream, info) = Valid[0];
        Assert.Throws<DicomFormatException>(() => Codec.Decode(codestream.AsSpan(0, Math.Min(keep, codestream.Length - 10)), info));
    }

    /// <summary>OpenJPEG 2.5 decodes strictly by default: a codestream missing its last packets is an error, not
    /// a partly decoded frame.</summary>
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void Codestreams_missing_their_last_packets_are_rejected(double fraction)
    {
        foreach (var (codestream, info) in Valid)
        {
            var error = Assert.Throws<DicomFormatException>(() => Codec.Decode(codestream.AsSpan(0, (int)(codestream.Length * fraction)), info));
            Assert.Contains("OpenJPEG", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Garbage_is_rejected()
    {
        var random = new Random(19);
        var (codestream, info) = Valid[0];
        var garbage = new byte[4000];
        random.NextBytes(garbage);
        Assert.Throws<DicomFormatException>(() => Codec.Decode(garbage, info));
        var afterHeader = codestream.ToArray();
        random.NextBytes(afterHeader.AsSpan(120));
        Assert.Throws<DicomFormatException>(() => Codec.Decode(afterHeader, info));
    }

    [Fact]
    public void A_codestream_that_disagrees_with_the_module_is_rejected_before_decoding()
    {
        var (codestream, info) = Valid[0];
        var rows = Assert.Throws<DicomFormatException>(() => Codec.Decode(codestream, info with { Rows = info.Rows + 1 }));
        Assert.Contains("Image Pixel module", rows.Message, StringComparison.Ordinal);
        Assert.Throws<DicomFormatException>(() => Codec.Decode(codestream, info with { SamplesPerPixel = 3, Photometric = "RGB" }));
        Assert.Throws<DicomFormatException>(() => Codec.Decode(codestream, info with { BitsAllocated = 8, BitsStored = 8, HighBit = 7 }));
    }

    [Fact]
    public void Huge_declared_sizes_are_refused_without_allocating()
    {
        var (codestream, info) = Valid[0];
        var huge = WithSiz(codestream, width: 40000, height: 40000, tileWidth: 40000, tileHeight: 40000);
        var hugeInfo = info with { Rows = 40000, Columns = 40000 };
        var before = GC.GetTotalAllocatedBytes(precise: true);
        Assert.Throws<DicomFormatException>(() => Codec.Decode(huge, hugeInfo));
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 1 << 20);

        var tiny = WithSiz(codestream, width: 4000, height: 4000, tileWidth: 1, tileHeight: 1);
        var tiles = Assert.Throws<DicomFormatException>(() => Codec.Decode(tiny, info with { Rows = 4000, Columns = 4000 }));
        Assert.Contains("tiles", tiles.Message, StringComparison.Ordinal);
    }

    /// <summary>Mutated valid codestreams (bytes flipped, runs overwritten, cut short) for a few seconds: only
    /// <see cref="DicomFormatException"/> escapes the decoder.</summary>
    [Fact]
    public void Mutated_codestreams_only_ever_raise_DicomFormatException()
    {
        var mutation = Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Int[0, int.MaxValue], Gen.Int[1, 12], Gen.Byte, Gen.Bool);
        var decoded = 0;
        var rejected = 0;
        mutation.Sample((seed, where, count, value, cut) =>
        {
            var (codestream, info) = Valid[seed];
            var input = codestream.ToArray();
            var random = new Random(where);
            for (var i = 0; i < count; i++)
            {
                input[random.Next(input.Length)] = i == 0 ? value : (byte)random.Next(256);
            }

            var length = cut ? random.Next(input.Length) : input.Length;
            try
            {
                Codec.Decode(input.AsSpan(0, length), info);
                Interlocked.Increment(ref decoded);
            }
            catch (DicomFormatException)
            {
                Interlocked.Increment(ref rejected);
            }
        }, iter: 200_000, time: 4, threads: 1);
        Assert.True(rejected > 0 && decoded > 0, $"decoded {decoded}, rejected {rejected}");
    }

    private static (byte[], DicomImageInfo) Encoded(CodecImageLayout layout, bool lossy)
    {
        var file = CodecTestImages.Create(layout);
        var pixels = new DicomPixelData(file.Dataset, file.TransferSyntax);
        var codec = DicomCodecs.Find(lossy ? DicomUids.JPEG2000 : DicomUids.JPEG2000Lossless)!;
        var encoded = codec.Encode(pixels.GetFrameBytes(0).Span, pixels.Info, DicomCodecOptions.Default);
        return (encoded.Data, pixels.Info with { Photometric = encoded.Photometric });
    }

    private static (byte[], DicomImageInfo) Stored(string file)
    {
        var dicom = DicomFile.Open(Corpus.PathOf(file));
        var fragments = (DicomFragmentSequence)dicom.Dataset[DicomTag.PixelData]!;
        return (Assert.Single(fragments.Fragments).ToArray(), DicomImageInfo.FromDataset(dicom.Dataset));
    }

    /// <summary>The codestream with its SIZ (right after SOC) declaring another image and tile size.</summary>
    private static byte[] WithSiz(byte[] codestream, uint width, uint height, uint tileWidth, uint tileHeight)
    {
        var copy = codestream.ToArray();
        var siz = copy.AsSpan(4);
        BinaryPrimitives.WriteUInt32BigEndian(siz[4..], width);
        BinaryPrimitives.WriteUInt32BigEndian(siz[8..], height);
        BinaryPrimitives.WriteUInt32BigEndian(siz[20..], tileWidth);
        BinaryPrimitives.WriteUInt32BigEndian(siz[24..], tileHeight);
        return copy;
    }
}
