using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Testing;
using Microsoft.AspNetCore.Mvc;

namespace Airadcr.DicomGateway.Tests;

/// <summary>GET /studies/{s}/instances/{sop}/thumbnail?frame=N: a stored frame as PNG, for the Web's key images.</summary>
[Collection(nameof(GatewayCollection))]
public sealed class ThumbnailTests(EmbeddedGatewayHost gateway)
{
    private const string CtStudy = StorageScpTests.CtStudy;
    private const string CtInstance = StorageScpTests.CtInstance;

    [Fact]
    public async Task A_stored_ct_frame_comes_back_as_a_png_of_its_size_and_a_wrong_frame_or_instance_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, [PydicomCorpus.File("CT_small.dcm")], ct)).EnsureSuccess();
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync($"/studies/{CtStudy}/instances/{CtInstance}/thumbnail?frame=1", ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync(ct);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        // IHDR: width and height (CT_small is 128 x 128), then bit depth 8.
        Assert.Equal(128, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(128, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal(8, png[24]);

        using var frame2 = await client.GetAsync($"/studies/{CtStudy}/instances/{CtInstance}/thumbnail?frame=2", ct);
        Assert.Equal(HttpStatusCode.BadRequest, frame2.StatusCode);
        using var unknown = await client.GetAsync($"/studies/{CtStudy}/instances/1.2.3.4/thumbnail", ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    /// <summary>Issue 20, item 3: 65535 x 65535 16-bit frames (past 2^31 bytes) with 16 bytes of pixel data made the
    /// thumbnail answer 500 with a stack trace. The module is checked first: 422 and a ProblemDetails.</summary>
    [Fact]
    public async Task An_image_whose_pixel_module_does_not_fit_its_data_gets_422_with_a_problem_not_500()
    {
        var ct = TestContext.Current.CancellationToken;
        var (study, sop) = (DicomUidGenerator.New(), DicomUidGenerator.New());
        var path = Path.Combine(Directory.CreateTempSubdirectory("airadcr-oversized-").FullName, "oversized.dcm");
        new DicomFile(new DicomDataset()
            .Add(DicomTag.SOPClassUID, DicomUids.SecondaryCaptureImageStorage).Add(DicomTag.SOPInstanceUID, sop)
            .Add(DicomTag.StudyInstanceUID, study).Add(DicomTag.SeriesInstanceUID, DicomUidGenerator.New())
            .Add(DicomTag.Rows, DicomVR.US, (ushort)65535).Add(DicomTag.Columns, DicomVR.US, (ushort)65535)
            .Add(DicomTag.BitsAllocated, DicomVR.US, (ushort)16).Add(DicomTag.BitsStored, DicomVR.US, (ushort)16)
            .Add(DicomTag.PhotometricInterpretation, "MONOCHROME2")
            .AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OW, new byte[16]))).Save(path);
        (await DcmtkTools.StoreAsync(GatewayHost.AeTitle, gateway.DicomPort, [path], ct)).EnsureSuccess();
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync($"/studies/{study}/instances/{sop}/thumbnail", ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ct);
        Assert.Contains("larger than", problem!.Detail, StringComparison.Ordinal);
    }
}
