using System.Buffers.Binary;

namespace Airadcr.Dicom.Imaging.Codecs;

/// <summary>Where each frame of encapsulated pixel data lies (PS3.5 A.4): the Extended Offset Table when present, one
/// fragment per frame, every fragment for a single frame, the Basic Offset Table, or else fragments that open with a
/// codestream's start marker (JPEG SOI, JPEG 2000 SOC, the JP2 signature), as dcmtk and pydicom do.</summary>
internal sealed class EncapsulatedFrames
{
    private readonly DicomFragmentSequence _fragments;
    private readonly int[][] _framesFragments;

    public EncapsulatedFrames(DicomFragmentSequence fragments, int frameCount, DicomDataset dataset)
    {
        _fragments = fragments;
        if (fragments.Fragments.Count == 0)
        {
            throw new DicomPixelModuleException("encapsulated pixel data has no fragment");
        }

        if (frameCount > fragments.Fragments.Count)
        {
            throw new DicomPixelModuleException(
                $"Number of Frames is {frameCount} but the encapsulated pixel data has only {fragments.Fragments.Count} fragment(s)");
        }

        _framesFragments = Locate(fragments, frameCount, dataset);
    }

    /// <summary>The codestream of one frame: a view of its fragment, or its fragments concatenated.</summary>
    public ReadOnlyMemory<byte> this[int frame]
    {
        get
        {
            var indexes = _framesFragments[frame];
            if (indexes.Length == 1)
            {
                return _fragments.Fragments[indexes[0]];
            }

            var result = new byte[indexes.Sum(i => (long)_fragments.Fragments[i].Length)];
            var at = 0;
            foreach (var i in indexes)
            {
                _fragments.Fragments[i].Span.CopyTo(result.AsSpan(at));
                at += _fragments.Fragments[i].Length;
            }

            return result;
        }
    }

    private static int[][] Locate(DicomFragmentSequence f, int frames, DicomDataset dataset)
    {
        var count = f.Fragments.Count;
        if (dataset.TryGetElement(DicomTag.ExtendedOffsetTable, out var extended) && extended.Length > 0)
        {
            return ByOffsets(f, frames, ReadOffsets64(extended.Data.Span), "Extended Offset Table");
        }

        if (count == frames)
        {
            return [.. Enumerable.Range(0, count).Select(i => new[] { i })];
        }

        if (frames == 1)
        {
            return [[.. Enumerable.Range(0, count)]];
        }

        var basic = f.Offsets;
        if (basic.Length > 0)
        {
            return ByOffsets(f, frames, [.. basic.Select(o => (long)o)], "Basic Offset Table");
        }

        var starts = Enumerable.Range(0, count).Where(i => OpensCodestream(f.Fragments[i].Span)).ToList();
        if (starts.Count != frames || starts[0] != 0)
        {
            throw new DicomPixelModuleException(
                $"{count} fragments for {frames} frames, no offset table, and {starts.Count} fragment(s) opening a codestream");
        }

        starts.Add(count);
        return [.. Enumerable.Range(0, frames).Select(i => Enumerable.Range(starts[i], starts[i + 1] - starts[i]).ToArray())];
    }

    /// <summary>Offsets count from the first byte of the first fragment's item tag; each fragment takes 8 + length.</summary>
    private static int[][] ByOffsets(DicomFragmentSequence f, int frames, long[] offsets, string table)
    {
        if (offsets.Length != frames)
        {
            throw new DicomPixelModuleException($"the {table} has {offsets.Length} entries for {frames} frames");
        }

        var positions = new long[f.Fragments.Count];
        long position = 0;
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = position;
            position += 8 + f.Fragments[i].Length;
        }

        var result = new int[frames][];
        for (var frame = 0; frame < frames; frame++)
        {
            var start = offsets[frame];
            var end = frame + 1 < frames ? offsets[frame + 1] : long.MaxValue;
            var first = Array.IndexOf(positions, start);
            if (first < 0 || end <= start)
            {
                throw new DicomPixelModuleException($"the {table}'s offset {start} for frame {frame} is not the start of a fragment in order");
            }

            var last = first;
            while (last + 1 < positions.Length && positions[last + 1] < end)
            {
                last++;
            }

            result[frame] = [.. Enumerable.Range(first, last - first + 1)];
        }

        return result;
    }

    private static long[] ReadOffsets64(ReadOnlySpan<byte> data)
    {
        var result = new long[data.Length / 8];
        for (var i = 0; i < result.Length; i++)
        {
            var value = BinaryPrimitives.ReadUInt64LittleEndian(data[(i * 8)..]);
            result[i] = value > long.MaxValue ? -1 : (long)value;
        }

        return result;
    }

    private static bool OpensCodestream(ReadOnlySpan<byte> fragment) =>
        fragment.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8]) // JPEG, JPEG-LS: SOI
        || fragment.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x4F, 0xFF, 0x51]) // JPEG 2000 codestream: SOC SIZ
        || fragment.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20]); // JP2 signature box
}
