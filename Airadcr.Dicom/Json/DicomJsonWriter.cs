using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Airadcr.Dicom.Charsets;

namespace Airadcr.Dicom.Json;

/// <summary>Writes datasets as DICOM JSON (PS3.18 F.2).</summary>
public static class DicomJsonWriter
{
    public static string ToJson(DicomDataset dataset, DicomJsonOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, dataset, options);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Stream stream, DicomDataset dataset, DicomJsonOptions? options = null)
    {
        options ??= DicomJsonOptions.Default;
        using var writer = new Utf8JsonWriter(stream, WriterOptions(options));
        WriteDataset(writer, dataset, options);
    }

    public static void Write(IBufferWriter<byte> output, DicomDataset dataset, DicomJsonOptions? options = null)
    {
        options ??= DicomJsonOptions.Default;
        using var writer = new Utf8JsonWriter(output, WriterOptions(options));
        WriteDataset(writer, dataset, options);
    }

    private static JsonWriterOptions WriterOptions(DicomJsonOptions options) =>
        new() { Indented = options.Indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    private static void WriteDataset(Utf8JsonWriter w, DicomDataset dataset, DicomJsonOptions options)
    {
        w.WriteStartObject();
        foreach (var item in dataset)
        {
            if (item.Tag.IsGroupLength)
            {
                continue;
            }

            w.WritePropertyName(item.Tag.Value.ToString("X8", CultureInfo.InvariantCulture));
            w.WriteStartObject();
            w.WriteString("vr", item.VR.Code());
            switch (item)
            {
                case DicomSequence s:
                    if (s.Items.Count > 0)
                    {
                        w.WriteStartArray("Value");
                        foreach (var child in s.Items)
                        {
                            WriteDataset(w, child, options);
                        }

                        w.WriteEndArray();
                    }

                    break;
                case DicomFragmentSequence f:
                    WriteBinary(w, item, EncapsulatedBytes(f), options);
                    break;
                case DicomElement e when e.Tag == DicomTag.SpecificCharacterSet:
                    // JSON text is Unicode: the values below are decoded, so the dataset is now ISO_IR 192.
                    w.WriteStartArray("Value");
                    w.WriteStringValue("ISO_IR 192");
                    w.WriteEndArray();
                    break;
                case DicomElement e:
                    WriteElementValue(w, e, dataset.Charset, options);
                    break;
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>Encapsulated pixel data as its encoded item sequence (offset table item, then fragment items,
    /// little-endian, no sequence delimiter), as pydicom writes it; <see cref="DicomJsonReader"/> reads it back.</summary>
    private static byte[] EncapsulatedBytes(DicomFragmentSequence f)
    {
        var total = 8 + f.OffsetTable.Length + f.Fragments.Sum(x => 8 + x.Length + (x.Length & 1));
        var bytes = new byte[total];
        var at = 0;
        foreach (var fragment in f.Fragments.Prepend(f.OffsetTable))
        {
            var padded = fragment.Length + (fragment.Length & 1);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), DicomTag.Item.Value << 16 | DicomTag.Item.Value >> 16);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + 4), padded);
            fragment.Span.CopyTo(bytes.AsSpan(at + 8));
            at += 8 + padded;
        }

        return bytes;
    }

    private static void WriteBinary(Utf8JsonWriter w, DicomItem item, ReadOnlySpan<byte> data, DicomJsonOptions options)
    {
        if (options.BulkDataUri is { } uri && data.Length >= options.BulkDataThreshold)
        {
            w.WriteString("BulkDataURI", uri(item.Tag, item));
        }
        else if (!data.IsEmpty)
        {
            w.WriteBase64String("InlineBinary", data);
        }
    }

    private static void WriteElementValue(Utf8JsonWriter w, DicomElement e, DicomCharset charset, DicomJsonOptions options)
    {
        if (e.Length == 0)
        {
            return;
        }

        switch (e.VR)
        {
            case DicomVR.OB or DicomVR.OW or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.UN:
                var data = e.Data.Span;
                if (e.IsBigEndian && e.VR.ValueSize() > 1)
                {
                    data = DicomByteOrder.ToLittleEndian(data, e.VR.ValueSize());
                }

                if ((data.Length & 1) == 1)
                {
                    // As written to a file: odd values get their padding byte.
                    var padded = new byte[data.Length + 1];
                    data.CopyTo(padded);
                    data = padded;
                }

                WriteBinary(w, e, data, options);
                return;
            case DicomVR.PN:
                var names = e.GetStrings(charset).Select(TrimPersonName).ToArray();
                if (names.All(n => n.Length == 0))
                {
                    return;
                }

                w.WriteStartArray("Value");
                foreach (var value in names)
                {
                    WritePersonName(w, value);
                }

                w.WriteEndArray();
                return;
        }

        w.WriteStartArray("Value");
        if (e.VR.IsString())
        {
            foreach (var value in e.GetStrings(charset))
            {
                WriteStringValue(w, e.VR, value);
            }
        }
        else if (e.VR == DicomVR.AT)
        {
            foreach (var tag in e.GetTags())
            {
                w.WriteStringValue(tag.Value.ToString("X8", CultureInfo.InvariantCulture));
            }
        }
        else
        {
            WriteNumbers(w, e);
        }

        w.WriteEndArray();
    }

    private static void WriteStringValue(Utf8JsonWriter w, DicomVR vr, string value)
    {
        if (value.Length == 0)
        {
            w.WriteNullValue();
        }
        else if (vr == DicomVR.IS && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            w.WriteNumberValue(l);
        }
        else if (vr is DicomVR.DS or DicomVR.IS && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            w.WriteNumberValue(d);
        }
        else
        {
            w.WriteStringValue(value);
        }
    }

    /// <summary>Removes empty trailing components ("^^^^" is an empty name).</summary>
    private static string TrimPersonName(string value) =>
        string.Join('=', value.Split('=').Select(g => g.TrimEnd('^', ' '))).TrimEnd('=');

    private static void WritePersonName(Utf8JsonWriter w, string value)
    {
        if (value.Length == 0)
        {
            w.WriteNullValue();
            return;
        }

        var groups = value.Split('=');
        w.WriteStartObject();
        string[] names = ["Alphabetic", "Ideographic", "Phonetic"];
        for (var i = 0; i < Math.Min(groups.Length, 3); i++)
        {
            if (groups[i].Length > 0)
            {
                w.WriteString(names[i], groups[i]);
            }
        }

        w.WriteEndObject();
    }

    private static void WriteNumbers(Utf8JsonWriter w, DicomElement e)
    {
        var size = e.VR.ValueSize();
        if (e.Length % size != 0)
        {
            throw new DicomValueException(e.Tag, $"length {e.Length} is not a multiple of {size} for VR {e.VR.Code()}");
        }

        switch (e.VR)
        {
            case DicomVR.FL or DicomVR.FD:
                foreach (var v in e.GetValues<double>())
                {
                    if (double.IsFinite(v) && e.VR == DicomVR.FL)
                    {
                        w.WriteNumberValue((float)v);
                    }
                    else if (double.IsFinite(v))
                    {
                        w.WriteNumberValue(v);
                    }
                    else
                    {
                        w.WriteStringValue(v.ToString(CultureInfo.InvariantCulture));
                    }
                }

                break;
            case DicomVR.UV:
                foreach (var v in e.GetValues<ulong>())
                {
                    w.WriteNumberValue(v);
                }

                break;
            default:
                foreach (var v in e.GetValues<long>())
                {
                    w.WriteNumberValue(v);
                }

                break;
        }
    }
}
