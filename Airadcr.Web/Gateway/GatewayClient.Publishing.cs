using System.Net;
using System.Net.Http.Json;

namespace Airadcr.Web.Gateway;

/// <summary>The gateway's publishing policy (<c>/admin/publishing</c>, admin key): the policy, and a study's AI results rejected.</summary>
public sealed partial class GatewayClient
{
    /// <summary>The policy in force: <c>immediate</c> or <c>after-review</c>, from <c>configuration</c> or set by an <c>admin</c>.</summary>
    public sealed record PublishingPolicy(string Policy, string Source, string? UpdatedBy, DateTimeOffset? UpdatedAt);

    /// <summary>What a rejection did: done, the study unknown to the gateway, or refused (409) with the gateway's reason.</summary>
    public sealed record RejectionOutcome(HttpStatusCode Status, string? Reason)
    {
        public bool Done => Status == HttpStatusCode.OK;
    }

    public async Task<PublishingPolicy> PublishingPolicyAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<PublishingPolicy>("admin/publishing", cancellationToken)
        ?? throw new HttpRequestException("gateway: empty publishing policy");

    public async Task<PublishingPolicy> SetPublishingPolicyAsync(string policy, string actor, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "admin/publishing") { Content = JsonContent.Create(new { policy }) };
        request.Headers.TryAddWithoutValidation(ArchivesClient.ActorHeader, actor);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<PublishingPolicy>(cancellationToken)
            ?? throw new HttpRequestException("gateway: empty publishing policy");
    }

    /// <summary>
    /// POST /admin/publishing/rejections: the study's AI results never go to the PACS. 404 and 409 are outcomes (the
    /// reason is the gateway's); anything else unexpected throws.
    /// </summary>
    public async Task<RejectionOutcome> RejectAiResultsAsync(string studyInstanceUid, string reason, string actor, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/publishing/rejections")
        {
            Content = JsonContent.Create(new { studyInstanceUid, reason }),
        };
        request.Headers.TryAddWithoutValidation(ArchivesClient.ActorHeader, actor);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return new RejectionOutcome(response.StatusCode, await ErrorOfAsync(response, cancellationToken));
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return new RejectionOutcome(HttpStatusCode.OK, null);
    }

    private static async Task<string?> ErrorOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancellationToken)).TryGetProperty("error", out var error)
                ? error.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
