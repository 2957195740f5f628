using System.Text.Json;
using Airadcr.ReportApi.Domain;
using Airadcr.ReportApi.Security;

namespace Airadcr.ReportApi.Apis;

public sealed record CreateApiKeyRequest(string Name);

public sealed record CreateApiKeyResponse(bool Success, string Id, string Key, string Name, string Message);

public sealed record ApiKeyInfo(string Id, string Name, string Prefix, bool IsActive, string CreatedAt, string? LastUsedAt)
{
    public static ApiKeyInfo From(ApiKey key) => new(key.Id, key.Name, key.Prefix, key.IsActive,
        WireFormat.Timestamp(key.CreatedAt), key.LastUsedAt is { } used ? WireFormat.Timestamp(used) : null);
}

public sealed record ApiKeyListResponse(bool Success, IReadOnlyList<ApiKeyInfo> Keys);

public sealed record RevokeApiKeyResponse(bool Success, bool Revoked, string Id);

/// <summary>Spec section 3: API key management behind X-Admin-Key.</summary>
public static class ApiKeysApi
{
    public const int MaxNameLength = 100;
    public const string CreatedMessage = "API key created successfully. Store this key securely - it won't be shown again.";

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("api-keys").WithTags("API keys").RequireAdminKey().RequireRateLimiting(RateLimiting.PolicyName);
        keys.MapPost("", CreateKey)
            .WithName("CreateApiKey").WithSummary("Create an API key (shown once)");
        keys.MapGet("", ListKeys).WithName("ListApiKeys").WithSummary("List API keys, without secrets");
        keys.MapDelete("{id}", RevokeKey).WithName("RevokeApiKey").WithSummary("Revoke an API key");
        return app;
    }

    public static async Task<Results<Created<CreateApiKeyResponse>, JsonHttpResult<ApiError>>> CreateKey(
        HttpRequest request, ApiKeyService keys, CancellationToken cancellationToken)
    {
        var (document, readError) = await JsonBodyReader.ReadObjectAsync(request, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }

        using (document)
        {
            if (!document!.RootElement.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
            {
                return ApiError.Respond(StatusCodes.Status400BadRequest, "name is required and must be a string", "name");
            }

            var name = nameElement.GetString()!.Trim();
            if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl))
            {
                return ApiError.Respond(StatusCodes.Status400BadRequest,
                    $"API key name must be 1 to {MaxNameLength} characters without control characters", "name");
            }

            var (key, secret) = await keys.CreateAsync(name, cancellationToken);
            return TypedResults.Created($"/api-keys/{key.Id}", new CreateApiKeyResponse(true, key.Id, secret, key.Name, CreatedMessage));
        }
    }

    public static async Task<Ok<ApiKeyListResponse>> ListKeys(ApiKeyService keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ApiKeyListResponse(true, [.. (await keys.ListAsync(cancellationToken)).Select(ApiKeyInfo.From)]));

    public static async Task<Results<Ok<RevokeApiKeyResponse>, JsonHttpResult<ApiError>>> RevokeKey(
        string id, ApiKeyService keys, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(id, cancellationToken)
            ? TypedResults.Ok(new RevokeApiKeyResponse(true, true, id))
            : ApiError.Respond(StatusCodes.Status404NotFound, "API key not found or already revoked", "id");
}
