using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Airadcr.Inference.Engine.Analysis;
using Airadcr.Inference.Tests.Http;

namespace Airadcr.Inference.Tests.Dicom;

/// <summary>Instances from writers other than ours: pydicom, and pydicom's own test corpus.</summary>
public sealed class ExternalDicomTests(ShippedApi api)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_pydicom_RLE_signed_12_bit_CT_series_is_decoded_and_its_sphere_found()
    {
        using var form = StudyUploads.Form(PydicomSeries.Write(PydicomSeries.RleCtWithSphere));

        var result = await AnalyzeAsync(form);

        var finding = Assert.Single(result.Findings);
        Assert.Equal((0, -4, 12), ((int)Math.Round(finding.Location.Patient.X), (int)Math.Round(finding.Location.Patient.Y), (int)Math.Round(finding.Location.Patient.Z)));
        Assert.InRange(finding.Size.DiameterMm!.Value, 8, 12);
    }

    [Fact]
    public async Task A_MONOCHROME1_radiograph_is_inverted_before_classification()
    {
        using var form = StudyUploads.Form(PydicomSeries.Write(PydicomSeries.Monochrome1Dx));

        var result = await AnalyzeAsync(form);

        Assert.Equal("DX-DARK", Assert.Single(result.Findings).Type.Code);
    }

    [Fact]
    public async Task JPEG_compressed_pixel_data_is_422_not_decodable_with_the_transfer_syntax()
    {
        const string file = "/usr/lib/python3/dist-packages/pydicom/data/test_files/JPEG2000.dcm";
        Assert.True(File.Exists(file), $"{file} not found: {PydicomSeries.Install}");
        var partTwo = File.ReadAllBytes(file); // relabelled JPEG 2000 Part 2 (.93), which no codec here decodes
        "1.2.840.10008.1.2.4.93"u8.CopyTo(partTwo.AsSpan(partTwo.AsSpan().IndexOf("1.2.840.10008.1.2.4.91"u8)));
        using var form = StudyUploads.Form([("JPEG2000.dcm", partTwo)]);

        var response = await api.Factory.CreateClient().PostAsync("/v1/analyses", form, TestContext.Current.CancellationToken);

        await AnalysisRequestTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "not-decodable", "JPEG 2000");
    }

    private async Task<AnalysisResult> AnalyzeAsync(MultipartFormDataContent form)
    {
        var response = await api.Factory.CreateClient().PostAsync("/v1/analyses", form, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.Content.ReadFromJsonAsync<AnalysisResult>(Json, TestContext.Current.CancellationToken))!;
    }
}
