using System.Text.Json.Nodes;
using Airadcr.Dicom.IO;
using Airadcr.Dicom.Json;

namespace Airadcr.Dicom.Tests;

/// <summary>DICOM JSON read back: our JSON of every corpus file survives reader then writer; pydicom's PS3.18 sample
/// documents read and write back equal; BulkDataURI is written and resolved by option.</summary>
public sealed class JsonRoundTripTests
{
    [Theory]
    [MemberData(nameof(JsonOracleTests.ReadableFiles), MemberType = typeof(JsonOracleTests))]
    public void Json_of_every_file_reads_back_to_the_same_json(string relative)
    {
        using var file = DicomFile.Open(Corpus.PathOf(relative));
        var json = DicomJsonWriter.ToJson(file.Dataset);
        var again = DicomJsonWriter.ToJson(DicomJsonReader.Read(json));
        Assert.Null(DicomJsonComparer.FirstDifference(JsonNode.Parse(again), JsonNode.Parse(json)));
    }

    [Theory]
    [InlineData("test1.json")]
    [InlineData("test_PN.json")]
    public void Pydicom_sample_documents_round_trip(string name)
    {
        var text = File.ReadAllText(Corpus.PathOf($"test_files/{name}"));
        var options = DicomJsonOptions.Default with
        {
            ResolveBulkData = _ => new byte[] { 1, 2, 3, 4 },
            BulkDataUri = (tag, _) => $"https://example.org/bulk/{tag.Value:X8}",
        };
        var dataset = DicomJsonReader.Read(text, options);
        var written = JsonNode.Parse(DicomJsonWriter.ToJson(dataset, options))!.AsObject();
        var original = JsonNode.Parse(text)!.AsObject();
        DropBinaryNulls(original);
        Assert.Null(DicomJsonComparer.FirstDifference(WithoutBulk(written), WithoutBulk(original)));
    }

    [Fact]
    public void Binary_values_are_inline_or_bulk_data_uris_by_option()
    {
        using var file = DicomFile.Open(Corpus.PathOf("test_files/CT_small.dcm"));
        var inline = JsonNode.Parse(DicomJsonWriter.ToJson(file.Dataset))!["7FE00010"]!;
        Assert.NotNull(inline["InlineBinary"]);
        var options = DicomJsonOptions.Default with { BulkDataUri = (tag, _) => $"/bulk/{tag.Value:X8}", BulkDataThreshold = 1024 };
        var bulk = JsonNode.Parse(DicomJsonWriter.ToJson(file.Dataset, options))!["7FE00010"]!;
        Assert.Equal("/bulk/7FE00010", bulk["BulkDataURI"]!.GetValue<string>());
        var pixels = file.Dataset.GetElement(DicomTag.PixelData).Data;
        var read = DicomJsonReader.Read(DicomJsonWriter.ToJson(file.Dataset, options), options with { ResolveBulkData = _ => pixels });
        Assert.True(read.GetElement(DicomTag.PixelData).Data.Span.SequenceEqual(pixels.Span));
    }

    [Fact]
    public void Malformed_json_is_a_format_error()
    {
        Assert.Throws<DicomFormatException>(() => DicomJsonReader.Read("""{"00100010": {"vr": "XX"}}"""));
        Assert.Throws<DicomFormatException>(() => DicomJsonReader.Read("""{"0010": """));
    }

    /// <summary>A binary VR (US, FL, ...) has no encoding for an empty value inside a list: the reader drops nulls
    /// there (test1.json has "AcquisitionMatrix": [null, 256, 256, null]).</summary>
    private static void DropBinaryNulls(JsonObject dataset)
    {
        foreach (var (_, attribute) in dataset)
        {
            if (attribute is JsonObject a && a["Value"] is JsonArray values)
            {
                if (a["vr"]?.GetValue<string>() is "US" or "SS" or "UL" or "SL" or "FL" or "FD" or "SV" or "UV" or "AT")
                {
                    a["Value"] = new JsonArray(values.Where(v => v is not null).Select(v => v!.DeepClone()).ToArray());
                }

                foreach (var item in values.OfType<JsonObject>().Where(i => i.Any(p => p.Key.Length == 8)))
                {
                    DropBinaryNulls(item);
                }
            }
        }
    }

    private static JsonObject WithoutBulk(JsonObject dataset)
    {
        foreach (var (_, attribute) in dataset)
        {
            if (attribute is JsonObject a)
            {
                a.Remove("BulkDataURI");
                a.Remove("InlineBinary");
                foreach (var item in (a["Value"] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    if (item.Any(p => p.Key.Length == 8))
                    {
                        WithoutBulk(item);
                    }
                }
            }
        }

        return dataset;
    }
}
