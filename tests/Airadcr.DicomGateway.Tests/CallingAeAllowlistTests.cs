using System.Net;
using System.Net.Http.Json;
using Airadcr.Testing;

namespace Airadcr.DicomGateway.Tests;

[Collection(nameof(GatewayCollection))]
public sealed class EmbeddedCallingAeAllowlistTests(EmbeddedGatewayHost gateway) : CallingAeAllowlistTests(gateway);

[Collection(nameof(ServerModeGatewayCollection))]
public sealed class ServerModeCallingAeAllowlistTests(ServerModeGatewayHost gateway) : CallingAeAllowlistTests(gateway);

/// <summary>The calling-AE allowlist (configuration + admin API, persisted in the index), the same in both modes.</summary>
public abstract class CallingAeAllowlistTests(GatewayHost gateway)
{
    [Fact]
    public async Task Only_listed_calling_aes_associate_once_the_list_is_not_empty()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = gateway.CreateClient();
        var added = await client.PostAsJsonAsync("/admin/calling-aes", new { aeTitle = "PACS_OK" }, ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        try
        {
            Assert.False((await DcmtkTools.EchoAsync(GatewayHost.AeTitle, gateway.DicomPort, ct, callingAe: "INTRUDER")).Succeeded);
            (await DcmtkTools.EchoAsync(GatewayHost.AeTitle, gateway.DicomPort, ct, callingAe: "PACS_OK")).EnsureSuccess();
            Assert.Contains("PACS_OK", await client.GetFromJsonAsync<List<string>>("/admin/calling-aes", ct) ?? []);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/admin/calling-aes/PACS_OK", ct)).StatusCode);
        }
        (await DcmtkTools.EchoAsync(GatewayHost.AeTitle, gateway.DicomPort, ct, callingAe: "INTRUDER")).EnsureSuccess();
    }

    [Fact]
    public async Task An_invalid_ae_title_is_a_400_with_the_field()
    {
        using var client = gateway.CreateClient();
        var response = await client.PostAsJsonAsync("/admin/calling-aes", new { aeTitle = "WAY_TOO_LONG_AE_TITLE" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"field\":\"aeTitle\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
