using System.Buffers;
using Airadcr.Dicom.IO;

namespace Airadcr.Dicom.Tests;

/// <summary>The bare-dataset entry points a network layer uses: streams, multi-segment sequences, buffer writers.</summary>
public sealed class StreamIoTests
{
    private static DicomDataset Command() => new DicomDataset()
        .AddOrUpdate(new DicomElement(new DicomTag(0x00000000), DicomVR.UL, new byte[4]))
        .Add(new DicomTag(0x00000002), DicomVR.UI, DicomUids.Verification)
        .Add(new DicomTag(0x00000100), DicomVR.US, (ushort)0x0030)
        .Add(new DicomTag(0x00000110), DicomVR.US, (ushort)7)
        .Add(new DicomTag(0x00000800), DicomVR.US, (ushort)0x0101);

    [Fact]
    public async Task Command_set_round_trips_through_a_stream_with_its_group_length_recalculated()
    {
        using var stream = new MemoryStream();
        await DicomDatasetWriter.WriteAsync(stream, Command(), DicomTransferSyntax.ImplicitVRLittleEndian, TestContext.Current.CancellationToken);
        stream.Position = 0;
        var back = await DicomDatasetReader.ReadAsync(stream, DicomTransferSyntax.ImplicitVRLittleEndian, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(DicomUids.Verification, back.GetString(new DicomTag(0x00000002)));
        // Group length = everything after the (0000,0000) element: 4 elements of 8-byte headers + values.
        var expected = (8 + 18) + (8 + 2) * 3;
        Assert.Equal(expected, back.GetValue<int>(new DicomTag(0x00000000)));
        var path = WriteTemp(stream.ToArray());
        var (rc, stdout, _) = Corpus.Run("dcmdump", "-f", "-t=", "+E", path);
        File.Delete(path);
        Assert.Equal(0, rc);
        Assert.Contains("(0000,0000) UL 56", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_segment_sequences_read_like_one_buffer()
    {
        var bytes = DicomDatasetWriter.ToArray(Command(), DicomTransferSyntax.ExplicitVRLittleEndian);
        var first = new Segment(bytes.AsMemory(0, 13));
        var last = first.Append(bytes.AsMemory(13));
        var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        var back = DicomDatasetReader.Read(sequence, DicomTransferSyntax.ExplicitVRLittleEndian);
        Assert.Null(DicomDatasetComparer.FirstDifference(Command(), back));
    }

    private static string WriteTemp(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"airadcr-command-{Guid.NewGuid():N}.dcm");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
