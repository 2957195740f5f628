using System.Buffers.Binary;
using System.Net;
using Airadcr.Testing;

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
}
