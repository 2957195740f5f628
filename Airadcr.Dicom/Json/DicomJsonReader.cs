using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Airadcr.Dicom.Json;

/// <summary>Reads DICOM JSON (PS3.18 F.2) into a dataset. Text is stored as UTF-8, so a dataset with a Specific
/// Character Set or non-ASCII text gets (0008,0005) ISO_IR 192.</summary>
public static class DicomJsonReader
{
    public static DicomDataset Read(string json, DicomJsonOptions? options = null) =>
        Read(Encoding.UTF8.GetBytes(json), options);

    public static DicomDataset Read(ReadOnlyMemory<byte> json, DicomJsonOptions? options = null)
    {
        options ??= DicomJsonOptions.Default;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
            var dataset = ReadDataset(document.RootElement, options);
            if (dataset.Contains(DicomTag.SpecificCharacterSet) || NeedsUtf8(dataset))
            {
                dataset.AddOrUpdate(DicomElementFactory.Create(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192"));
            }

            return dataset;
        }
        catch (JsonException ex)
        {
            throw new DicomFormatException($"invalid DICOM JSON: {ex.Message}", ex.BytePositionInLine ?? 0, ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or KeyNotFoundException or ArgumentException or OverflowException)
        {
            throw new DicomFormatException($"invalid DICOM JSON: {ex.Message}", 0, ex);
        }
    }

    private static bool NeedsUtf8(DicomDataset dataset) => dataset.Any(item => item switch
    {
        DicomElement e => e.VR.IsCharsetDependent() && e.Data.Span.ContainsAnyInRange((byte)0x80, (byte)0xFF),
        DicomSequence s => s.Items.Any(NeedsUtf8),
        _ => false,
    });

    private static DicomDataset ReadDataset(JsonElement obj, DicomJsonOptions options)
    {
        var dataset = new DicomDataset();
        foreach (var property in obj.EnumerateObject())
        {
            var tag = new DicomTag(uint.Parse(property.Name, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
            var vr = DicomVRInfo.Parse(property.Value.GetProperty("vr").GetString());
            dataset.AddOrUpdate(ReadItem(tag, vr, property.Value, options));
        }

        return dataset;
    }

    private static DicomItem ReadItem(DicomTag tag, DicomVR vr, JsonElement attribute, DicomJsonOptions options)
    {
        if (vr == DicomVR.SQ)
        {
            var items = attribute.TryGetProperty("Value", out var seq)
                ? seq.EnumerateArray().Select(i => ReadDataset(i, options)).ToList()
                : [];
            return new DicomSequence(tag, items);
        }

        if (attribute.TryGetProperty("InlineBinary", out var inline))
        {
            var bytes = inline.GetBytesFromBase64();
            return tag == DicomTag.PixelData && bytes.AsSpan().StartsWith<byte>([0xFE, 0xFF, 0x00, 0xE0])
                ? Fragments(tag, vr, bytes)
                : new DicomElement(tag, vr, bytes);
        }

        if (attribute.TryGetProperty("BulkDataURI", out var uri))
        {
            return new DicomElement(tag, vr, options.ResolveBulkData?.Invoke(uri.GetString()!) ?? ReadOnlyMemory<byte>.Empty);
        }

        if (!attribute.TryGetProperty("Value", out var values))
        {
            return new DicomElement(tag, vr, ReadOnlyMemory<byte>.Empty);
        }

        var array = values.EnumerateArray().ToArray();
        if (vr.IsString())
        {
            return DicomElementFactory.Create(tag, vr, array.Select(v => TextOf(vr, v)).ToArray());
        }

        // Binary VRs cannot hold an empty value inside a list: nulls are dropped.
        array = array.Where(v => v.ValueKind != JsonValueKind.Null).ToArray();
        return vr switch
        {
            DicomVR.AT => DicomElementFactory.Create(tag, vr, array.SelectMany(v => AttributeTag(v.GetString()!)).ToArray()),
            DicomVR.FL or DicomVR.FD or DicomVR.OF or DicomVR.OD => DicomElementFactory.Create(tag, vr, array.Select(Real).ToArray()),
            DicomVR.UV or DicomVR.OV => DicomElementFactory.Create(tag, vr, array.Select(v => v.GetUInt64()).ToArray()),
            _ => DicomElementFactory.Create(tag, vr, array.Select(v => v.GetInt64()).ToArray()),
        };
    }

    private static double Real(JsonElement v) =>
        v.ValueKind == JsonValueKind.String ? double.Parse(v.GetString()!, CultureInfo.InvariantCulture) : v.GetDouble();

    private static ushort[] AttributeTag(string hex)
    {
        var value = uint.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return [(ushort)(value >> 16), (ushort)value];
    }

    private static string TextOf(DicomVR vr, JsonElement v)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Null:
                return "";
            case JsonValueKind.Number:
                return vr == DicomVR.DS && v.GetRawText().Length > 16 ? DicomElementFactory.FormatDecimalString(v.GetDouble()) : v.GetRawText();
            case JsonValueKind.Object when vr == DicomVR.PN:
                string Group(string name) => v.TryGetProperty(name, out var g) ? g.GetString() ?? "" : "";
                return string.Join('=', Group("Alphabetic"), Group("Ideographic"), Group("Phonetic")).TrimEnd('=');
            default:
                return v.GetString() ?? "";
        }
    }

    /// <summary>Encapsulated pixel data given as its encoded items (the form <see cref="DicomJsonWriter"/> writes).</summary>
    private static DicomFragmentSequence Fragments(DicomTag tag, DicomVR vr, byte[] items)
    {
        var withDelimiter = new byte[items.Length + 8];
        items.CopyTo(withDelimiter, 0);
        withDelimiter.AsSpan(items.Length).Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(withDelimiter.AsSpan(items.Length), 0xE0DDFFFE);
        var header = new byte[12];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header, tag.Value << 16 | tag.Value >> 16);
        header[4] = (byte)((ushort)vr >> 8);
        header[5] = (byte)vr;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), uint.MaxValue);
        var parsed = IO.DicomDatasetReader.Read((byte[])[.. header, .. withDelimiter], DicomTransferSyntax.ExplicitVRLittleEndian);
        return parsed[tag] as DicomFragmentSequence ?? throw new FormatException("invalid encapsulated pixel data items");
    }
}
