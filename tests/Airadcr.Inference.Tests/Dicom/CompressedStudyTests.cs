using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.Inference.Engine.Analysis;
using Airadcr.Inference.Tests.Http;
using Airadcr.Testing;

namespace Airadcr.Inference.Tests.Dicom;

/// <summary>
/// The chest CT phantom compressed by independent encoders (dcmtk, GDCM) in each lossless syntax a PACS sends is
/// analysed exactly like the uncompressed series: the same findings, at the same places, of the same sizes (the
/// inference input goes through Airadcr.Dicom's decoders).
/// </summary>
public sealed class CompressedStudyTests(ShippedApi api) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly FixtureDirectory _directory = new("compressed-study");

    public static TheoryData<string> Encoders => [.. ExternalEncoder.Lossless.Select(e => e.Syntax)];

    [Theory]
    [MemberData(nameof(Encoders))]
    public async Task A_compressed_ct_series_yields_the_findings_of_the_uncompressed_one(string syntax)
    {
        var ct = TestContext.Current.CancellationToken;
        var encoder = ExternalEncoder.Named(syntax);
        var uncompressed = StudyUploads.ChestCt;
        var compressed = new List<(string Name, byte[] Bytes)>();
        foreach (var (name, bytes) in uncompressed)
        {
            var input = _directory.Combine(name);
            var output = _directory.Combine("c-" + name);
            await File.WriteAllBytesAsync(input, bytes, ct);
            await encoder.EncodeAsync(input, output, ct);
            compressed.Add((name, await File.ReadAllBytesAsync(output, ct)));
        }

        var expected = await AnalyzeAsync(uncompressed, ct);
        var actual = await AnalyzeAsync(compressed, ct);

        Assert.NotEmpty(expected.Findings);
        Assert.Equal(Summary(expected), Summary(actual));
        Assert.True(compressed.Sum(c => c.Bytes.Length) < uncompressed.Sum(u => u.Bytes.Length), $"{syntax}: the files were not compressed");
    }

    private static string Summary(AnalysisResult result) => string.Join('\n', result.Findings.Select(f =>
        JsonSerializer.Serialize(new { f.Type.Code, f.Location, f.Size }, Json)));

    private async Task<AnalysisResult> AnalyzeAsync(IEnumerable<(string Name, byte[] Bytes)> instances, CancellationToken ct)
    {
        using var form = StudyUploads.Form(instances, "ct-nodule-candidates");
        var response = await api.Factory.CreateClient().PostAsync("/v1/analyses", form, ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ct));
        return (await response.Content.ReadFromJsonAsync<AnalysisResult>(Json, ct))!;
    }

    public void Dispose() => _directory.Dispose();
}
