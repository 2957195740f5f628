using System.Buffers.Binary;
using Airadcr.Dicom.Dictionary;

namespace Airadcr.Dicom.IO;

/// <summary>Parses a dataset from one contiguous buffer. Element values are slices of the buffer (never copied);
/// every length is checked against what remains, nesting is bounded.</summary>
internal ref struct DicomParser
{
    private const uint UndefinedLength = 0xFFFFFFFF;
    private readonly ReadOnlyMemory<byte> _memory;
    private readonly ReadOnlySpan<byte> _span;
    private readonly long _baseOffset;
    private readonly DicomReadOptions _options;
    private bool _explicit;
    private bool _bigEndian;
    private int _pos;

    public DicomParser(ReadOnlyMemory<byte> memory, DicomTransferSyntax syntax, DicomReadOptions options, long baseOffset = 0)
    {
        _memory = memory;
        _span = memory.Span;
        _explicit = syntax.IsExplicitVR;
        _bigEndian = syntax.IsBigEndian;
        _options = options;
        _baseOffset = baseOffset;
    }

    public readonly int Position => _pos;

    /// <summary>Parses elements into <paramref name="dataset"/> until the end of the buffer or, when
    /// <paramref name="groupFilter"/> is set, until an element of another group.</summary>
    public void ParseTopLevel(DicomDataset dataset, ushort? groupFilter = null)
    {
        ParseDataset(dataset, _span.Length, 0, groupFilter);
    }

    private readonly DicomFormatException Error(string message, int at) => new(message, _baseOffset + at);

    private readonly ushort U16(int at) => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(_span[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(_span[at..]);

    private readonly uint U32(int at) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(_span[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(_span[at..]);

    private readonly void Need(int count, int end, string what)
    {
        if (end - _pos < count)
        {
            throw Error($"truncated: {what} needs {count} bytes, {Math.Max(0, end - _pos)} remain", _pos);
        }
    }

    /// <summary>Returns true when it stopped at an item delimiter.</summary>
    private bool ParseDataset(DicomDataset dataset, int end, int depth, ushort? groupFilter = null)
    {
        while (_pos < end)
        {
            if (groupFilter is { } g && (end - _pos < 2 || BinaryPrimitives.ReadUInt16LittleEndian(_span[_pos..]) != g))
            {
                return false;
            }

            Need(8, end, "element header");
            var tag = new DicomTag(U16(_pos), U16(_pos + 2));
            if (tag.Group == 0xFFFE)
            {
                if (tag == DicomTag.ItemDelimitationItem)
                {
                    _pos += 8;
                    return true;
                }

                if (tag == DicomTag.SequenceDelimitationItem && depth == 0)
                {
                    // A stray sequence delimiter at the top level: tolerated (dcmtk and pydicom skip it).
                    _pos += 8;
                    continue;
                }

                throw Error($"unexpected {tag} inside a dataset", _pos);
            }

            if (_options.StopBeforePixelData && depth == 0 && tag.Value == 0x7FE00010)
            {
                _pos = end;
                return false;
            }

            var item = ParseElement(dataset, tag, end, depth);
            if (item is not null)
            {
                dataset.AddOrUpdate(item);
            }
        }

        return false;
    }

    private DicomItem? ParseElement(DicomDataset dataset, DicomTag tag, int end, int depth)
    {
        var start = _pos;
        DicomVR vr;
        uint length;
        ushort code = 0;
        var explicitVR = _explicit && TryExplicitVR(out code);
        if (explicitVR)
        {
            vr = (DicomVR)code;
            if (vr.HasLongLength())
            {
                Need(12, end, $"{tag} header");
                length = U32(_pos + 8);
                _pos += 12;
            }
            else
            {
                length = U16(_pos + 6);
                _pos += 8;
            }
        }
        else
        {
            // Implicit VR, or an explicit VR stream with a non-VR pair of bytes (tolerated like dcmtk).
            vr = ImplicitVR(tag, dataset);
            length = U32(_pos + 4);
            _pos += 8;
        }

        if (length == UndefinedLength)
        {
            if (vr == DicomVR.SQ)
            {
                return ParseSequence(tag, end, end, depth, undefined: true);
            }

            if (vr == DicomVR.UN || !_explicit && vr == DicomVR.None)
            {
                return ParseImplicitSequence(tag, end, depth);
            }

            if (vr is DicomVR.OB or DicomVR.OW || tag.Value == 0x7FE00010)
            {
                return ParseFragments(tag, explicitVR && vr == DicomVR.OW ? DicomVR.OW : DicomVR.OB, end);
            }

            if (!explicitVR && tag.IsPrivate)
            {
                // The private dictionary gave a VR this vendor's element does not have: read it as an unknown one.
                return ParseImplicitSequence(tag, end, depth);
            }

            throw Error($"{tag} has undefined length with VR {vr.Code()}", start);
        }

        if (length > (uint)(end - _pos))
        {
            throw Error($"{tag} length {length} exceeds the {end - _pos} bytes remaining", start);
        }

        if (vr == DicomVR.SQ)
        {
            return ParseSequence(tag, _pos + (int)length, end, depth, undefined: false);
        }

        var value = _memory.Slice(_pos, (int)length);
        _pos += (int)length;
        return new DicomElement(tag, vr == DicomVR.None ? DicomVR.UN : vr, value, _bigEndian);
    }

    private readonly bool TryExplicitVR(out ushort code)
    {
        code = (ushort)(_span[_pos + 4] << 8 | _span[_pos + 5]);
        return DicomVRInfo.IsKnown(code);
    }

    private static DicomVR ImplicitVR(DicomTag tag, DicomDataset dataset)
    {
        if (tag.IsPrivate && (tag.IsPrivateCreator || tag.IsGroupLength))
        {
            return tag.IsPrivateCreator ? DicomVR.LO : DicomVR.UL;
        }

        // A private data element takes its VR from the private dictionary, keyed by the creator of its block.
        if (DicomPrivateDictionary.TryLookup(dataset, tag, out var privateEntry))
        {
            return privateEntry.VR;
        }

        if (tag.IsPrivate)
        {
            return DicomVR.UN;
        }

        if (!DicomDictionary.TryLookup(tag, out var entry))
        {
            return DicomVR.UN;
        }

        // "US or SS" follows Pixel Representation (0028,0103), read before in the same dataset (as dcmtk does).
        return entry.AlternateVR == DicomVR.SS && dataset.TryGetElement(new DicomTag(0x00280103), out var pr)
            && pr.Length >= 2 && pr.GetValue<int>() == 1
            ? DicomVR.SS
            : entry.VR;
    }

    private DicomSequence ParseImplicitSequence(DicomTag tag, int end, int depth)
    {
        // UN with undefined length: an implicit VR little endian sequence (PS3.5 6.2.2).
        var (wasExplicit, wasBig) = (_explicit, _bigEndian);
        _explicit = false;
        _bigEndian = false;
        try
        {
            return ParseSequence(tag, end, end, depth, undefined: true);
        }
        finally
        {
            _explicit = wasExplicit;
            _bigEndian = wasBig;
        }
    }

    private DicomSequence ParseSequence(DicomTag tag, int end, int outerEnd, int depth, bool undefined)
    {
        if (depth >= _options.MaxDepth)
        {
            throw Error($"{tag} nests sequences deeper than {_options.MaxDepth}", _pos);
        }

        var sequence = new DicomSequence(tag);
        while (_pos < end)
        {
            Need(8, end, $"item header in {tag}");
            var itemTag = new DicomTag(U16(_pos), U16(_pos + 2));
            var length = U32(_pos + 4);
            var at = _pos;
            _pos += 8;
            if (itemTag == DicomTag.SequenceDelimitationItem)
            {
                return sequence;
            }

            if (itemTag != DicomTag.Item)
            {
                throw Error($"expected an item in {tag}, found {itemTag}", at);
            }

            var item = new DicomDataset();
            sequence.Items.Add(item);
            if (length == UndefinedLength)
            {
                if (!ParseDataset(item, end, depth + 1))
                {
                    throw Error($"item of {tag} has no item delimiter", _pos);
                }
            }
            else
            {
                // An item overrunning its sequence's defined length, or the data itself, is read up to the end of
                // the enclosing data (as dcmtk and pydicom do); its elements are still checked one by one.
                var itemEnd = length > (uint)(outerEnd - _pos) ? outerEnd : _pos + (int)length;
                end = Math.Max(end, itemEnd);
                ParseDataset(item, itemEnd, depth + 1);
                _pos = itemEnd;
            }
        }

        if (undefined)
        {
            throw Error($"{tag} has no sequence delimiter", _pos);
        }

        return sequence;
    }

    private DicomFragmentSequence ParseFragments(DicomTag tag, DicomVR vr, int end)
    {
        var fragments = new List<ReadOnlyMemory<byte>>();
        ReadOnlyMemory<byte>? offsetTable = null;
        while (true)
        {
            Need(8, end, $"fragment header in {tag}");
            var itemTag = new DicomTag(U16(_pos), U16(_pos + 2));
            var length = U32(_pos + 4);
            var at = _pos;
            _pos += 8;
            if (itemTag == DicomTag.SequenceDelimitationItem)
            {
                return new DicomFragmentSequence(tag, vr, offsetTable ?? ReadOnlyMemory<byte>.Empty, fragments);
            }

            if (itemTag != DicomTag.Item)
            {
                throw Error($"expected a fragment item in {tag}, found {itemTag}", at);
            }

            if (length > (uint)(end - _pos))
            {
                throw Error($"fragment of {tag} length {length} exceeds the {end - _pos} bytes remaining", at);
            }

            var value = _memory.Slice(_pos, (int)length);
            _pos += (int)length;
            if (offsetTable is null)
            {
                offsetTable = value;
            }
            else
            {
                fragments.Add(value);
            }
        }
    }
}
